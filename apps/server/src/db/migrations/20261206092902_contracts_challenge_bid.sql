ALTER TABLE "contracts" ADD COLUMN "challenge_bid_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_challenge_bid_idx" ON "contracts" USING btree ("challenge_bid_id");