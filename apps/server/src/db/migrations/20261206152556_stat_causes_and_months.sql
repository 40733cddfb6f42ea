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
--> statement-breakpoint
CREATE TABLE "stat_flow_months" (
	"month" date NOT NULL,
	"seller_region" text NOT NULL,
	"buyer_region" text NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "stat_flow_months_month_seller_region_buyer_region_pk" PRIMARY KEY("month","seller_region","buyer_region")
);
--> statement-breakpoint
CREATE TABLE "stat_party_months" (
	"jurisdiction_code" text NOT NULL,
	"side" text NOT NULL,
	"party_key" text NOT NULL,
	"month" date NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"region" text DEFAULT '' NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	"amount2" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "stat_party_months_jurisdiction_code_side_month_party_key_pk" PRIMARY KEY("jurisdiction_code","side","month","party_key")
);
--> statement-breakpoint
-- The contracts counted so far, summed.
INSERT INTO "stat_flow_months" ("month", "seller_region", "buyer_region", "count", "amount")
SELECT date_trunc('month', "day")::date, "seller_region", "buyer_region", count(*), sum("amount")
FROM "stat_facts" WHERE "metric" = 'contract' AND "reversed_at" IS NULL GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO "stat_party_months" ("jurisdiction_code", "side", "party_key", "month", "name", "region", "count", "amount", "amount2")
SELECT j, 'seller', "seller_key", date_trunc('month', "day")::date, max("seller_name"), max("seller_region"), count(*), sum("amount"), sum("amount2")
FROM "stat_facts", unnest("jurisdictions") AS j WHERE "metric" = 'contract' AND "reversed_at" IS NULL AND "seller_key" <> '' GROUP BY 1, 3, 4;
--> statement-breakpoint
INSERT INTO "stat_party_months" ("jurisdiction_code", "side", "party_key", "month", "name", "region", "count", "amount", "amount2")
SELECT j, 'buyer', "buyer_key", date_trunc('month', "day")::date, max("buyer_name"), max("buyer_region"), count(*), sum("amount"), sum("amount2")
FROM "stat_facts", unnest("jurisdictions") AS j WHERE "metric" = 'contract' AND "reversed_at" IS NULL AND "buyer_key" <> '' GROUP BY 1, 3, 4;
