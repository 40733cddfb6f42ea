ALTER TABLE "challenge_bids" ADD COLUMN "agreement_signed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "challenge_bids" ADD COLUMN "agreement_signed_by" uuid;--> statement-breakpoint
ALTER TABLE "challenge_bids" ADD COLUMN "agreement_signer_name" text;