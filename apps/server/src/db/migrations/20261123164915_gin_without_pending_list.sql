DROP INDEX "achievements_search_idx";--> statement-breakpoint
DROP INDEX "demands_search_idx";--> statement-breakpoint
CREATE INDEX "achievements_search_idx" ON "achievements" USING gin ("search_vector") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "demands_search_idx" ON "demands" USING gin ("search_vector") WITH (fastupdate=false);