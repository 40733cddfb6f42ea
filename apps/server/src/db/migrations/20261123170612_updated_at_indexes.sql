CREATE INDEX "achievements_updated_idx" ON "achievements" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "demands_updated_idx" ON "demands" USING btree ("updated_at");