DROP INDEX "stat_facts_jurisdictions_idx";--> statement-breakpoint
CREATE INDEX "stat_facts_metric_day_idx" ON "stat_facts" USING btree ("metric","day");