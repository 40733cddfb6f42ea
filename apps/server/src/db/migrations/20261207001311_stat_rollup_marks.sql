CREATE TABLE "stat_rollup_marks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
INSERT INTO "stat_rollup_marks" ("reason") VALUES ('migration 20261207001311: the sums are checked once before starts trust the marks');
