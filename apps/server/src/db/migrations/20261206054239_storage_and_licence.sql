CREATE TABLE "stored_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"ref" uuid NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "licence_sha256" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "licence_file_name" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "licence_mime" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "licence_size" bigint;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "licence_uploaded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "stored_files" ADD CONSTRAINT "stored_files_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stored_files_org_idx" ON "stored_files" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "stored_files_ref_idx" ON "stored_files" USING btree ("kind","ref");--> statement-breakpoint
CREATE INDEX "stored_files_sha_idx" ON "stored_files" USING btree ("sha256");--> statement-breakpoint
-- Files kept before this migration count too: attachments by their record's organisation, import files expire a week after their dry run.
INSERT INTO "stored_files" ("organization_id", "kind", "ref", "sha256", "size", "created_at")
  SELECT r."organization_id", 'attachment', a."id", a."sha256", a."size", a."created_at"
  FROM "attachments" a JOIN "achievements" r ON a."record_type" = 'achievement' AND r."id" = a."record_id";--> statement-breakpoint
INSERT INTO "stored_files" ("organization_id", "kind", "ref", "sha256", "size", "created_at")
  SELECT r."organization_id", 'attachment', a."id", a."sha256", a."size", a."created_at"
  FROM "attachments" a JOIN "demands" r ON a."record_type" = 'demand' AND r."id" = a."record_id";--> statement-breakpoint
INSERT INTO "stored_files" ("organization_id", "kind", "ref", "sha256", "size", "created_at", "expires_at")
  SELECT i."organization_id", 'import', i."id", i."sha256", 0, i."created_at", i."created_at" + interval '7 days'
  FROM "import_jobs" i;
