CREATE TABLE "stat_causes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"metric" text NOT NULL,
	"subject_id" text NOT NULL,
	"cause_id" text NOT NULL,
	"source_type" text NOT NULL,
	"day" date NOT NULL,
	"kind" text DEFAULT '' NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	"amount2" bigint DEFAULT 0 NOT NULL,
	"jurisdictions" text[] DEFAULT '{}'::text[] NOT NULL,
	"seller_key" text DEFAULT '' NOT NULL,
	"seller_name" text DEFAULT '' NOT NULL,
	"buyer_key" text DEFAULT '' NOT NULL,
	"buyer_name" text DEFAULT '' NOT NULL,
	"seller_region" text DEFAULT '' NOT NULL,
	"buyer_region" text DEFAULT '' NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "stat_causes_once_idx" ON "stat_causes" USING btree ("metric","subject_id","cause_id");--> statement-breakpoint
CREATE INDEX "stat_causes_cause_idx" ON "stat_causes" USING btree ("cause_id");--> statement-breakpoint
-- What was counted before causes were kept stays counted, as its own cause.
INSERT INTO "stat_causes" ("metric", "subject_id", "cause_id", "source_type", "day", "kind", "label", "amount", "amount2", "jurisdictions", "seller_key", "seller_name", "buyer_key", "buyer_name", "seller_region", "buyer_region")
SELECT "metric", "source_id", 'counted-before:' || "id", "source_type", "day", "kind", "label", "amount", "amount2", "jurisdictions", "seller_key", "seller_name", "buyer_key", "buyer_name", "seller_region", "buyer_region"
FROM "stat_facts" WHERE "metric" IN ('achievement.converted', 'demand.met') AND "reversed_at" IS NULL;
