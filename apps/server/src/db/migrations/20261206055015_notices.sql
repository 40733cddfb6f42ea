ALTER TABLE "jurisdictions" ADD COLUMN "unconverted_years" integer;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "category" text DEFAULT 'news' NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "title_en" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "body_en" text;--> statement-breakpoint
UPDATE "jurisdictions" SET "unconverted_years" = 2 WHERE "code" = '610000';--> statement-breakpoint
UPDATE "notifications" SET "category" = 'action' WHERE "kind" IN ('record.stale', 'achievement.unconverted', 'access.requested', 'achievement.entrust.proposed', 'listing.registration', 'listing.registration.proof', 'listing.offer', 'listing.objection', 'listing.rejected', 'deal.created', 'deal.payment.due', 'deal.payment.overdue', 'matchInquiry.new', 'matchReview.invited', 'organization.rejected', 'conversation.message');
