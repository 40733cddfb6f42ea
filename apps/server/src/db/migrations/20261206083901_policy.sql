CREATE TABLE "policy_budgets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"budget_line" text NOT NULL,
	"year" integer NOT NULL,
	"amount" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policy_computed_events" (
	"source_event_id" uuid PRIMARY KEY NOT NULL,
	"engine_event" jsonb NOT NULL,
	"line" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policy_contracts" (
	"contract_id" uuid PRIMARY KEY NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"registered_on" date NOT NULL,
	"terminated_on" date
);
--> statement-breakpoint
CREATE TABLE "policy_entitlements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_event_id" uuid NOT NULL,
	"event_key" text NOT NULL,
	"event_type" text NOT NULL,
	"event_date" date NOT NULL,
	"rule_id" text NOT NULL,
	"rule_title" text NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"budget_line" text NOT NULL,
	"year" integer NOT NULL,
	"beneficiary_key" text NOT NULL,
	"beneficiary_organization_id" uuid,
	"beneficiary_name" text,
	"amount" bigint NOT NULL,
	"committed" bigint,
	"base" bigint NOT NULL,
	"rate_bp" integer NOT NULL,
	"yearly_cap" bigint,
	"no_stacking_group" text,
	"item" text NOT NULL,
	"contract_id" text,
	"explanation" text NOT NULL,
	"source" jsonb NOT NULL,
	"status" text DEFAULT 'granted' NOT NULL,
	"reason" text,
	"application_note" text,
	"attachment_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"applied_at" timestamp with time zone,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"paid_amount" bigint,
	"paid_on" date,
	"payment_reference" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policy_pack_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"version" text NOT NULL,
	"name" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"rules" jsonb NOT NULL,
	"published_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "policy_entitlements" ADD CONSTRAINT "policy_entitlements_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_pack_versions" ADD CONSTRAINT "policy_pack_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "policy_budgets_line_key" ON "policy_budgets" USING btree ("jurisdiction_code","budget_line","year");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_entitlements_event_rule_key" ON "policy_entitlements" USING btree ("source_event_id","rule_id","beneficiary_key");--> statement-breakpoint
CREATE INDEX "policy_entitlements_beneficiary_idx" ON "policy_entitlements" USING btree ("beneficiary_key","year");--> statement-breakpoint
CREATE INDEX "policy_entitlements_org_idx" ON "policy_entitlements" USING btree ("beneficiary_organization_id");--> statement-breakpoint
CREATE INDEX "policy_entitlements_contract_idx" ON "policy_entitlements" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "policy_entitlements_budget_idx" ON "policy_entitlements" USING btree ("jurisdiction_code","budget_line","year");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_pack_versions_version_key" ON "policy_pack_versions" USING btree ("jurisdiction_code","version");--> statement-breakpoint
CREATE INDEX "policy_pack_versions_from_idx" ON "policy_pack_versions" USING btree ("jurisdiction_code","valid_from");