ALTER TABLE "stored_files" ADD COLUMN "name" text;--> statement-breakpoint
-- The names of files kept before: from their imports, attachments and licences.
UPDATE "stored_files" s SET "name" = i."file_name" FROM "import_jobs" i WHERE s."kind" = 'import' AND s."ref" = i."id";--> statement-breakpoint
UPDATE "stored_files" s SET "name" = a."file_name" FROM "attachments" a WHERE s."kind" = 'attachment' AND s."ref" = a."id";--> statement-breakpoint
UPDATE "stored_files" s SET "name" = o."licence_file_name" FROM "organizations" o WHERE s."kind" = 'licence' AND s."ref" = o."id";
