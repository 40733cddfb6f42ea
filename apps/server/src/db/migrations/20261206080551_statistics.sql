CREATE TABLE "stat_facts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"metric" text NOT NULL,
	"source_type" text NOT NULL,
	"source_id" text NOT NULL,
	"day" date NOT NULL,
	"kind" text DEFAULT '' NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	"amount2" bigint DEFAULT 0 NOT NULL,
	"jurisdictions" text[] DEFAULT '{}'::text[] NOT NULL,
	"reversed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stat_rollups" (
	"jurisdiction_code" text NOT NULL,
	"parent_code" text,
	"day" date NOT NULL,
	"metric" text NOT NULL,
	"kind" text DEFAULT '' NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	"amount2" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "stat_rollups_jurisdiction_code_metric_day_kind_pk" PRIMARY KEY("jurisdiction_code","metric","day","kind")
);
--> statement-breakpoint
CREATE TABLE "stat_targets" (
	"jurisdiction_code" text NOT NULL,
	"year" bigint NOT NULL,
	"key" text NOT NULL,
	"value" numeric NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stat_targets_jurisdiction_code_year_key_pk" PRIMARY KEY("jurisdiction_code","year","key")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "stat_facts_once_idx" ON "stat_facts" USING btree ("metric","source_id");--> statement-breakpoint
CREATE INDEX "stat_facts_source_idx" ON "stat_facts" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "stat_facts_jurisdictions_idx" ON "stat_facts" USING gin ("jurisdictions");--> statement-breakpoint
CREATE INDEX "stat_rollups_parent_idx" ON "stat_rollups" USING btree ("parent_code","metric","day");