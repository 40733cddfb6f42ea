ALTER TABLE "organizations" ADD COLUMN "public_institution" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- 事业单位 by default where the unified social credit code says so (12…: the 机构编制 authority, a public institution); organisations and administrators correct it.
UPDATE "organizations" SET "public_institution" = true WHERE "credit_code" LIKE '12%';
