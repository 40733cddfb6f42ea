ALTER TABLE "import_jobs" ALTER COLUMN "organization_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "preview" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "import_id" uuid;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "import_row" integer;--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_import_row_idx" ON "contracts" USING btree ("import_id","import_row");