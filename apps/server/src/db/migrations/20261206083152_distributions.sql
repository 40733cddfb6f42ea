CREATE TABLE "distribution_floors" (
	"id" text PRIMARY KEY NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"basis" text NOT NULL,
	"roles" jsonb NOT NULL,
	"min_bp" integer NOT NULL,
	"source_file" text NOT NULL,
	"source_item" text NOT NULL,
	"source_quote" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "distribution_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"basis" text NOT NULL,
	"received" bigint NOT NULL,
	"costs" jsonb NOT NULL,
	"net_income" bigint NOT NULL,
	"floor_checks" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "distribution_receipts" (
	"payment_id" uuid PRIMARY KEY NOT NULL,
	"contract_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"signed_on" date NOT NULL,
	"seller_organization_id" uuid,
	"seller_name" text NOT NULL,
	"seller_region" text NOT NULL,
	"seller_entity_type" text NOT NULL,
	"buyer_name" text NOT NULL,
	"achievement_ids" jsonb NOT NULL,
	"deal_id" uuid,
	"paid_on" date NOT NULL,
	"amount" bigint NOT NULL,
	"terminated_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "distribution_shares" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"beneficiary" text NOT NULL,
	"user_id" uuid,
	"organization" text,
	"role" text NOT NULL,
	"amount" bigint NOT NULL,
	"form" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "distribution_plans" ADD CONSTRAINT "distribution_plans_payment_id_distribution_receipts_payment_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."distribution_receipts"("payment_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "distribution_shares" ADD CONSTRAINT "distribution_shares_plan_id_distribution_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."distribution_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "distribution_floors_jurisdiction_idx" ON "distribution_floors" USING btree ("jurisdiction_code");--> statement-breakpoint
CREATE UNIQUE INDEX "distribution_plans_payment_uq" ON "distribution_plans" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "distribution_plans_org_idx" ON "distribution_plans" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "distribution_plans_contract_idx" ON "distribution_plans" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "distribution_receipts_contract_idx" ON "distribution_receipts" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "distribution_receipts_seller_idx" ON "distribution_receipts" USING btree ("seller_organization_id");--> statement-breakpoint
CREATE INDEX "distribution_shares_plan_idx" ON "distribution_shares" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "distribution_shares_user_idx" ON "distribution_shares" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "distribution_shares_name_idx" ON "distribution_shares" USING btree ("beneficiary");