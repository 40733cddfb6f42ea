CREATE TABLE "challenge_bids" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"organization_name" text NOT NULL,
	"submitted_by" uuid NOT NULL,
	"team" text NOT NULL,
	"plan" text NOT NULL,
	"budget_fen" bigint NOT NULL,
	"milestones" jsonb NOT NULL,
	"check_status" text DEFAULT 'pending' NOT NULL,
	"check_reason" text,
	"checked_at" timestamp with time zone,
	"outcome" text DEFAULT 'pending' NOT NULL,
	"outcome_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenge_conflicts" (
	"challenge_id" uuid NOT NULL,
	"expert_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "challenge_conflicts_challenge_id_expert_id_pk" PRIMARY KEY("challenge_id","expert_id")
);
--> statement-breakpoint
CREATE TABLE "challenge_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"bid_id" uuid NOT NULL,
	"n" integer NOT NULL,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"share_bp" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"deliverable" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"report_note" text,
	"attachment_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reported_at" timestamp with time zone,
	"reported_by" uuid,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"decision_note" text
);
--> statement-breakpoint
CREATE TABLE "challenge_panel" (
	"challenge_id" uuid NOT NULL,
	"expert_id" uuid NOT NULL,
	"expert_name" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "challenge_panel_challenge_id_expert_id_pk" PRIMARY KEY("challenge_id","expert_id")
);
--> statement-breakpoint
CREATE TABLE "challenge_scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"bid_id" uuid NOT NULL,
	"expert_id" uuid NOT NULL,
	"scores" jsonb NOT NULL,
	"weighted_bp" integer NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenge_timeline" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"visibility" text DEFAULT 'public' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scheme" text NOT NULL,
	"kind" text,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"requirements" text DEFAULT '' NOT NULL,
	"organization_id" uuid,
	"organization_name" text,
	"posted_by" uuid NOT NULL,
	"demand_id" uuid,
	"achievement_id" uuid,
	"bounty_fen" bigint,
	"deadline" timestamp with time zone NOT NULL,
	"jurisdiction_code" text NOT NULL,
	"jurisdiction_path" text NOT NULL,
	"jurisdiction_name" text NOT NULL,
	"criteria" jsonb NOT NULL,
	"status" text DEFAULT 'pending_review' NOT NULL,
	"review_reason" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"awarded_at" timestamp with time zone,
	"award_note" text,
	"completed_at" timestamp with time zone,
	"terminated_at" timestamp with time zone,
	"termination_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "challenge_bids" ADD CONSTRAINT "challenge_bids_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_bids" ADD CONSTRAINT "challenge_bids_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_bids" ADD CONSTRAINT "challenge_bids_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_conflicts" ADD CONSTRAINT "challenge_conflicts_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_conflicts" ADD CONSTRAINT "challenge_conflicts_expert_id_users_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_milestones" ADD CONSTRAINT "challenge_milestones_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_milestones" ADD CONSTRAINT "challenge_milestones_bid_id_challenge_bids_id_fk" FOREIGN KEY ("bid_id") REFERENCES "public"."challenge_bids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_panel" ADD CONSTRAINT "challenge_panel_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_panel" ADD CONSTRAINT "challenge_panel_expert_id_users_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_scores" ADD CONSTRAINT "challenge_scores_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_scores" ADD CONSTRAINT "challenge_scores_bid_id_challenge_bids_id_fk" FOREIGN KEY ("bid_id") REFERENCES "public"."challenge_bids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_scores" ADD CONSTRAINT "challenge_scores_expert_id_users_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_timeline" ADD CONSTRAINT "challenge_timeline_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_posted_by_users_id_fk" FOREIGN KEY ("posted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_jurisdiction_code_jurisdictions_code_fk" FOREIGN KEY ("jurisdiction_code") REFERENCES "public"."jurisdictions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "challenge_bids_org_uq" ON "challenge_bids" USING btree ("challenge_id","organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "challenge_milestones_uq" ON "challenge_milestones" USING btree ("bid_id","n");--> statement-breakpoint
CREATE UNIQUE INDEX "challenge_scores_uq" ON "challenge_scores" USING btree ("bid_id","expert_id");--> statement-breakpoint
CREATE INDEX "challenge_timeline_idx" ON "challenge_timeline" USING btree ("challenge_id","at");--> statement-breakpoint
CREATE INDEX "challenges_status_idx" ON "challenges" USING btree ("status","jurisdiction_path");--> statement-breakpoint
CREATE INDEX "challenges_org_idx" ON "challenges" USING btree ("organization_id");