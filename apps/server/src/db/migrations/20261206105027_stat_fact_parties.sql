ALTER TABLE "stat_facts" ADD COLUMN "seller_key" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "stat_facts" ADD COLUMN "seller_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "stat_facts" ADD COLUMN "buyer_key" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "stat_facts" ADD COLUMN "buyer_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "stat_facts" ADD COLUMN "seller_region" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "stat_facts" ADD COLUMN "buyer_region" text DEFAULT '' NOT NULL;