CREATE TABLE "policy_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"date" date NOT NULL,
	"organization_id" uuid,
	"organization_name" text,
	"subject" text NOT NULL,
	"facts" jsonb NOT NULL,
	"engine_event" jsonb NOT NULL,
	"line" jsonb NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "policy_entitlements" ADD COLUMN "required_documents" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "policy_entitlements" ADD COLUMN "documents" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "policy_records" ADD CONSTRAINT "policy_records_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "policy_records_kind_idx" ON "policy_records" USING btree ("jurisdiction_code","kind","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_records_loan_key" ON "policy_records" USING btree ("jurisdiction_code","subject") WHERE kind = 'loan_registered';