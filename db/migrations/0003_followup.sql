CREATE TABLE "bridge_loans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"amount_uf" numeric(14, 2) NOT NULL,
	"term_months" integer NOT NULL,
	"contract_document_id" uuid,
	"guarantee_kind" text NOT NULL,
	"guarantee_amount_uf" numeric(14, 2) NOT NULL,
	"guarantee_expires_on" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loan_instalments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"loan_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"amount_uf" numeric(14, 2) NOT NULL,
	"paid_at" timestamp with time zone,
	"paid_by" uuid,
	"verification_milestone_id" uuid
);
--> statement-breakpoint
CREATE TABLE "project_dates" (
	"application_id" uuid PRIMARY KEY NOT NULL,
	"selection_published_on" date,
	"cbr_inscribed_on" date,
	"municipal_reception_on" date,
	"handed_over_on" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "selection_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"status" text DEFAULT 'borrador' NOT NULL,
	"rule_version" text NOT NULL,
	"parameters" jsonb NOT NULL,
	"input_hash" text NOT NULL,
	"inputs" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"resolution_number" text,
	"resolution_date" date,
	"created_by" uuid,
	"confirmed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "bridge_loans" ADD CONSTRAINT "bridge_loans_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bridge_loans" ADD CONSTRAINT "bridge_loans_contract_document_id_documents_id_fk" FOREIGN KEY ("contract_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bridge_loans" ADD CONSTRAINT "bridge_loans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_instalments" ADD CONSTRAINT "loan_instalments_loan_id_bridge_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."bridge_loans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_instalments" ADD CONSTRAINT "loan_instalments_paid_by_users_id_fk" FOREIGN KEY ("paid_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_dates" ADD CONSTRAINT "project_dates_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_runs" ADD CONSTRAINT "selection_runs_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_runs" ADD CONSTRAINT "selection_runs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_runs" ADD CONSTRAINT "selection_runs_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bridge_loans_application_idx" ON "bridge_loans" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "loan_instalments_number_idx" ON "loan_instalments" USING btree ("loan_id","number");--> statement-breakpoint
CREATE INDEX "selection_runs_call_idx" ON "selection_runs" USING btree ("call_id","status");