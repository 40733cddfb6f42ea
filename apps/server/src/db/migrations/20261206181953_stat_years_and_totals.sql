CREATE TABLE "stat_flow_years" (
	"year" date NOT NULL,
	"seller_region" text NOT NULL,
	"buyer_region" text NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "stat_flow_years_year_seller_region_buyer_region_pk" PRIMARY KEY("year","seller_region","buyer_region")
);
--> statement-breakpoint
CREATE TABLE "stat_party_totals" (
	"jurisdiction_code" text NOT NULL,
	"side" text NOT NULL,
	"party_key" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"region" text DEFAULT '' NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	"amount2" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "stat_party_totals_jurisdiction_code_side_party_key_pk" PRIMARY KEY("jurisdiction_code","side","party_key")
);
--> statement-breakpoint
CREATE TABLE "stat_party_years" (
	"jurisdiction_code" text NOT NULL,
	"side" text NOT NULL,
	"party_key" text NOT NULL,
	"year" date NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"region" text DEFAULT '' NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	"amount2" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "stat_party_years_jurisdiction_code_side_year_party_key_pk" PRIMARY KEY("jurisdiction_code","side","year","party_key")
);
--> statement-breakpoint
-- The contracts counted so far, summed by year and in all, from their monthly sums.
INSERT INTO "stat_party_years" ("jurisdiction_code", "side", "party_key", "year", "name", "region", "count", "amount", "amount2")
SELECT "jurisdiction_code", "side", "party_key", date_trunc('year', "month")::date, max("name"), max("region"), sum("count"), sum("amount"), sum("amount2")
FROM "stat_party_months" GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO "stat_party_totals" ("jurisdiction_code", "side", "party_key", "name", "region", "count", "amount", "amount2")
SELECT "jurisdiction_code", "side", "party_key", max("name"), max("region"), sum("count"), sum("amount"), sum("amount2")
FROM "stat_party_months" GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO "stat_flow_years" ("year", "seller_region", "buyer_region", "count", "amount")
SELECT date_trunc('year', "month")::date, "seller_region", "buyer_region", sum("count"), sum("amount")
FROM "stat_flow_months" GROUP BY 1, 2, 3;
