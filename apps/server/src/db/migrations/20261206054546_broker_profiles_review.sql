CREATE TABLE "broker_commissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"broker_user_id" uuid NOT NULL,
	"entrustment_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"amount_fen" bigint,
	"rate_bp" integer,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "broker_commissions_entrustment_id_unique" UNIQUE("entrustment_id")
);
--> statement-breakpoint
CREATE TABLE "broker_follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"broker_user_id" uuid NOT NULL,
	"entrustment_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"happened_on" date NOT NULL,
	"content" text NOT NULL,
	"next_step" text DEFAULT '' NOT NULL,
	"next_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "status" text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "jurisdiction_code" text;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "review_reason" text;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "reviewed_by" uuid;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "broker_commissions" ADD CONSTRAINT "broker_commissions_broker_user_id_users_id_fk" FOREIGN KEY ("broker_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broker_commissions" ADD CONSTRAINT "broker_commissions_entrustment_id_trading_entrustments_id_fk" FOREIGN KEY ("entrustment_id") REFERENCES "public"."trading_entrustments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broker_commissions" ADD CONSTRAINT "broker_commissions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broker_follow_ups" ADD CONSTRAINT "broker_follow_ups_broker_user_id_users_id_fk" FOREIGN KEY ("broker_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broker_follow_ups" ADD CONSTRAINT "broker_follow_ups_entrustment_id_trading_entrustments_id_fk" FOREIGN KEY ("entrustment_id") REFERENCES "public"."trading_entrustments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broker_follow_ups" ADD CONSTRAINT "broker_follow_ups_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "broker_commissions_org_idx" ON "broker_commissions" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "broker_follow_ups_broker_idx" ON "broker_follow_ups" USING btree ("broker_user_id","happened_on");--> statement-breakpoint
CREATE INDEX "broker_follow_ups_entrustment_idx" ON "broker_follow_ups" USING btree ("entrustment_id");--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_jurisdiction_code_jurisdictions_code_fk" FOREIGN KEY ("jurisdiction_code") REFERENCES "public"."jurisdictions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "profiles_review_idx" ON "profiles" USING btree ("status","kind");--> statement-breakpoint
UPDATE "profiles" SET "status" = 'approved' WHERE "kind" = 'researcher';--> statement-breakpoint
UPDATE "profiles" p SET "jurisdiction_code" = o."jurisdiction_code" FROM "organizations" o WHERE o."id" = p."organization_id";