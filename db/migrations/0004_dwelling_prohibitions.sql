CREATE TABLE "dwelling_prohibitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"roster_entry_id" uuid NOT NULL,
	"dwelling_label" text NOT NULL,
	"handed_over_on" date NOT NULL,
	"cbr_inscribed_on" date NOT NULL,
	"cbr_reference" text,
	"prohibition_years" integer NOT NULL,
	"ends_on" date NOT NULL,
	"subsidy_uf" numeric(14, 2) NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "early_sale_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"prohibition_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"buyer_programme" text NOT NULL,
	"buyer_programme_name" text,
	"proceeds_for_new_dwelling" boolean NOT NULL,
	"new_dwelling_description" text,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decision" text,
	"decision_reason" text,
	"restitution_uf" numeric(14, 2),
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	CONSTRAINT "early_sale_requests_decision_check" CHECK (("early_sale_requests"."decision" is null and "early_sale_requests"."decided_at" is null) or ("early_sale_requests"."decision" is not null and "early_sale_requests"."decided_at" is not null and "early_sale_requests"."decision_reason" is not null)),
	CONSTRAINT "early_sale_requests_restitution_check" CHECK (coalesce("early_sale_requests"."decision" = 'restitucion', false) = ("early_sale_requests"."restitution_uf" is not null))
);
--> statement-breakpoint
ALTER TABLE "dwelling_prohibitions" ADD CONSTRAINT "dwelling_prohibitions_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dwelling_prohibitions" ADD CONSTRAINT "dwelling_prohibitions_roster_entry_id_roster_entries_id_fk" FOREIGN KEY ("roster_entry_id") REFERENCES "public"."roster_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dwelling_prohibitions" ADD CONSTRAINT "dwelling_prohibitions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "early_sale_requests" ADD CONSTRAINT "early_sale_requests_prohibition_id_dwelling_prohibitions_id_fk" FOREIGN KEY ("prohibition_id") REFERENCES "public"."dwelling_prohibitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "early_sale_requests" ADD CONSTRAINT "early_sale_requests_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "early_sale_requests" ADD CONSTRAINT "early_sale_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "early_sale_requests" ADD CONSTRAINT "early_sale_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dwelling_prohibitions_roster_entry_idx" ON "dwelling_prohibitions" USING btree ("roster_entry_id");--> statement-breakpoint
CREATE INDEX "dwelling_prohibitions_application_idx" ON "dwelling_prohibitions" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "early_sale_requests_prohibition_idx" ON "early_sale_requests" USING btree ("prohibition_id");--> statement-breakpoint
CREATE INDEX "early_sale_requests_application_idx" ON "early_sale_requests" USING btree ("application_id","decision");--> statement-breakpoint
CREATE UNIQUE INDEX "early_sale_requests_open_idx" ON "early_sale_requests" USING btree ("prohibition_id") WHERE "early_sale_requests"."decision" is null;