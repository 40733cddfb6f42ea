CREATE TABLE "contract_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"source" text NOT NULL,
	"deal_payment_id" uuid,
	"paid_on" date NOT NULL,
	"amount" bigint NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_year_totals" (
	"jurisdiction_code" text NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	"contract_amount" bigint DEFAULT 0 NOT NULL,
	"technology_amount" bigint DEFAULT 0 NOT NULL,
	"certified_amount" bigint DEFAULT 0 NOT NULL,
	"absorbed_count" bigint DEFAULT 0 NOT NULL,
	"absorbed_amount" bigint DEFAULT 0 NOT NULL,
	"output_count" bigint DEFAULT 0 NOT NULL,
	"output_amount" bigint DEFAULT 0 NOT NULL,
	"input_count" bigint DEFAULT 0 NOT NULL,
	"input_amount" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "contract_year_totals_jurisdiction_code_year_kind_pk" PRIMARY KEY("jurisdiction_code","year","kind")
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"subkind" text,
	"title" text NOT NULL,
	"contract_no" text,
	"signed_on" date NOT NULL,
	"valid_until" date NOT NULL,
	"seller" jsonb NOT NULL,
	"buyer" jsonb NOT NULL,
	"agency" jsonb,
	"broker" text,
	"seller_organization_id" uuid,
	"buyer_organization_id" uuid,
	"agency_organization_id" uuid,
	"seller_key" text NOT NULL,
	"buyer_key" text NOT NULL,
	"seller_path" text NOT NULL,
	"buyer_path" text NOT NULL,
	"contract_amount" bigint NOT NULL,
	"technology_amount" bigint NOT NULL,
	"deductions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"expected_investment" bigint,
	"expected_output" bigint,
	"achievement_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"ip_items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"schedule" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"deal_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"point_id" uuid,
	"jurisdiction_code" text,
	"jurisdiction_path" text,
	"submitted_at" timestamp with time zone,
	"registration_number" text,
	"registered_on" date,
	"registered_year" integer,
	"certified_amount" bigint,
	"certified_reason" text,
	"review_reason" text,
	"checklist" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reviewed_by" uuid,
	"terminated_on" date,
	"termination_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registration_counters" (
	"year" integer NOT NULL,
	"point_id" uuid NOT NULL,
	"next" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "registration_counters_year_point_id_pk" PRIMARY KEY("year","point_id")
);
--> statement-breakpoint
CREATE TABLE "registration_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"jurisdiction_path" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"staff_user_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registration_settings" (
	"jurisdiction_code" text PRIMARY KEY NOT NULL,
	"window_days" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contract_history" ADD CONSTRAINT "contract_history_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_payments" ADD CONSTRAINT "contract_payments_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contract_history_contract_idx" ON "contract_history" USING btree ("contract_id","at");--> statement-breakpoint
CREATE INDEX "contract_payments_contract_idx" ON "contract_payments" USING btree ("contract_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contract_payments_deal_payment_idx" ON "contract_payments" USING btree ("deal_payment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_deal_idx" ON "contracts" USING btree ("deal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_registration_number_idx" ON "contracts" USING btree ("registration_number");--> statement-breakpoint
CREATE INDEX "contracts_seller_org_idx" ON "contracts" USING btree ("seller_organization_id");--> statement-breakpoint
CREATE INDEX "contracts_buyer_org_idx" ON "contracts" USING btree ("buyer_organization_id");--> statement-breakpoint
CREATE INDEX "contracts_duplicate_idx" ON "contracts" USING btree ("seller_key","signed_on");--> statement-breakpoint
CREATE INDEX "contracts_point_status_idx" ON "contracts" USING btree ("point_id","status");--> statement-breakpoint
CREATE INDEX "contracts_year_idx" ON "contracts" USING btree ("registered_year","status");--> statement-breakpoint
CREATE UNIQUE INDEX "registration_points_code_idx" ON "registration_points" USING btree ("jurisdiction_code","code");