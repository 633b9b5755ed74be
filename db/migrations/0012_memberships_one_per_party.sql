DROP INDEX "memberships_unique_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_user_organization_idx" ON "memberships" USING btree ("user_id","organization_id") WHERE "memberships"."organization_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_user_employer_idx" ON "memberships" USING btree ("user_id","employer_id") WHERE "memberships"."employer_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_user_sponsor_idx" ON "memberships" USING btree ("user_id","sponsor_id") WHERE "memberships"."sponsor_id" is not null;