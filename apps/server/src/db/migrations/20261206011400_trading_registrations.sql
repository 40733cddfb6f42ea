CREATE TABLE "listing_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"proof_file_name" text,
	"proof_mime" text,
	"proof_size" integer,
	"proof_sha256" text,
	"proof_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "listing_objections" ADD COLUMN "vexatious" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "listing_objections" ADD COLUMN "vexatious_reason" text;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "deposit_account" jsonb;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "registration_ends_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "trading_entrustments" ADD COLUMN "status" text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "trading_entrustments" ADD COLUMN "confirmed_by" uuid;--> statement-breakpoint
ALTER TABLE "trading_entrustments" ADD COLUMN "confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "listing_registrations" ADD CONSTRAINT "listing_registrations_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listing_registrations" ADD CONSTRAINT "listing_registrations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listing_registrations" ADD CONSTRAINT "listing_registrations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "listing_registrations_org_idx" ON "listing_registrations" USING btree ("listing_id","organization_id");--> statement-breakpoint
CREATE INDEX "listing_objections_org_idx" ON "listing_objections" USING btree ("listing_id","organization_id");--> statement-breakpoint
CREATE INDEX "trading_entrustments_agent_org_idx" ON "trading_entrustments" USING btree ("agent_organization_id");--> statement-breakpoint
CREATE INDEX "trading_entrustments_agent_user_idx" ON "trading_entrustments" USING btree ("agent_user_id");