ALTER TABLE "project_milestones" ADD COLUMN "document_id" uuid;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD COLUMN "verification_outcome" text;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD COLUMN "verification_finding" text;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD COLUMN "verified_progress_percent" numeric(5, 2);--> statement-breakpoint
ALTER TABLE "project_dates" ADD COLUMN "subsidy_paid_on" date;--> statement-breakpoint
ALTER TABLE "project_dates" ADD COLUMN "subsidy_paid_uf" numeric(14, 2);--> statement-breakpoint
ALTER TABLE "project_dates" ADD COLUMN "subsidy_paid_by" uuid;--> statement-breakpoint
-- Site verifications recorded before outcomes existed confirmed the report and its figure.
UPDATE "project_milestones" SET "verification_outcome" = 'verificado', "verified_progress_percent" = "progress_percent" WHERE "verified_at" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD CONSTRAINT "project_milestones_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_dates" ADD CONSTRAINT "project_dates_subsidy_paid_by_users_id_fk" FOREIGN KEY ("subsidy_paid_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_milestones_document_idx" ON "project_milestones" USING btree ("document_id");--> statement-breakpoint
ALTER TABLE "project_milestones" ADD CONSTRAINT "project_milestones_verification_check" CHECK (("project_milestones"."verified_at" is null) = ("project_milestones"."verification_outcome" is null));--> statement-breakpoint
ALTER TABLE "project_milestones" ADD CONSTRAINT "project_milestones_finding_check" CHECK ("project_milestones"."verification_outcome" is distinct from 'observado' or coalesce(length(trim("project_milestones"."verification_finding")), 0) > 0);--> statement-breakpoint
ALTER TABLE "project_milestones" ADD CONSTRAINT "project_milestones_verified_progress_check" CHECK ("project_milestones"."verified_progress_percent" is null or ("project_milestones"."verification_outcome" = 'verificado' and "project_milestones"."verified_progress_percent" between 0 and 100));--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_mail_dedupe_check" CHECK ("jobs"."kind" <> 'mail' or "jobs"."dedupe_key" is not null);--> statement-breakpoint
ALTER TABLE "project_dates" ADD CONSTRAINT "project_dates_subsidy_paid_check" CHECK (("project_dates"."subsidy_paid_on" is null) = ("project_dates"."subsidy_paid_uf" is null) and coalesce("project_dates"."subsidy_paid_uf" > 0, true));