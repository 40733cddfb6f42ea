CREATE TABLE "stat_rollup_months" (
	"jurisdiction_code" text NOT NULL,
	"parent_code" text,
	"metric" text NOT NULL,
	"kind" text DEFAULT '' NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	"amount2" bigint DEFAULT 0 NOT NULL,
	"month" date NOT NULL,
	CONSTRAINT "stat_rollup_months_jurisdiction_code_metric_month_kind_pk" PRIMARY KEY("jurisdiction_code","metric","month","kind")
);
--> statement-breakpoint
CREATE TABLE "stat_rollup_years" (
	"jurisdiction_code" text NOT NULL,
	"parent_code" text,
	"metric" text NOT NULL,
	"kind" text DEFAULT '' NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	"amount2" bigint DEFAULT 0 NOT NULL,
	"year" date NOT NULL,
	CONSTRAINT "stat_rollup_years_jurisdiction_code_metric_year_kind_pk" PRIMARY KEY("jurisdiction_code","metric","year","kind")
);
--> statement-breakpoint
CREATE INDEX "stat_rollup_months_parent_idx" ON "stat_rollup_months" USING btree ("parent_code","metric","month");--> statement-breakpoint
CREATE INDEX "stat_rollup_years_parent_idx" ON "stat_rollup_years" USING btree ("parent_code","metric","year");--> statement-breakpoint
-- Everything counted so far, summed by month and by year from the daily sums.
INSERT INTO "stat_rollup_months" ("jurisdiction_code", "parent_code", "metric", "kind", "month", "count", "amount", "amount2")
SELECT "jurisdiction_code", max("parent_code"), "metric", "kind", date_trunc('month', "day")::date, sum("count"), sum("amount"), sum("amount2")
FROM "stat_rollups" GROUP BY "jurisdiction_code", "metric", "kind", 5;
--> statement-breakpoint
INSERT INTO "stat_rollup_years" ("jurisdiction_code", "parent_code", "metric", "kind", "year", "count", "amount", "amount2")
SELECT "jurisdiction_code", max("parent_code"), "metric", "kind", date_trunc('year', "month")::date, sum("count"), sum("amount"), sum("amount2")
FROM "stat_rollup_months" GROUP BY "jurisdiction_code", "metric", "kind", 5;
