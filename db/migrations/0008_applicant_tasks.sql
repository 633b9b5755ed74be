DROP INDEX "users_rut_idx";--> statement-breakpoint
DROP INDEX "application_dwellings_band_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "users_rut_unique_idx" ON "users" USING btree ("rut");--> statement-breakpoint
CREATE INDEX "application_dwellings_application_idx" ON "application_dwellings" USING btree ("application_id","band");--> statement-breakpoint
-- Data: the Project Committee (owner: the union) and the Gantt chart (owner: the sponsor) leave the
-- employer's Convenio for their own sections, sections.comite = { committee } and sections.gantt = { gantt }.
UPDATE "applications"
SET "sections" = ("sections" - 'convenio')
  || jsonb_build_object('convenio', ("sections" -> 'convenio') - 'committee' - 'gantt')
  || CASE WHEN "sections" -> 'convenio' -> 'committee' IS NOT NULL
       THEN jsonb_build_object('comite', jsonb_build_object('committee', "sections" -> 'convenio' -> 'committee'))
       ELSE '{}'::jsonb END
  || CASE WHEN "sections" -> 'convenio' -> 'gantt' IS NOT NULL
       THEN jsonb_build_object('gantt', jsonb_build_object('gantt', "sections" -> 'convenio' -> 'gantt'))
       ELSE '{}'::jsonb END
WHERE jsonb_typeof("sections" -> 'convenio') = 'object'
  AND ("sections" -> 'convenio' -> 'committee' IS NOT NULL OR "sections" -> 'convenio' -> 'gantt' IS NOT NULL);--> statement-breakpoint
-- Data: the title certificate's issue date is the uploaded certificate's (documents.issued_on) only.
UPDATE "applications"
SET "sections" = "sections" #- '{terreno,dominio,certificateIssuedOn}'
WHERE "sections" -> 'terreno' -> 'dominio' -> 'certificateIssuedOn' IS NOT NULL;
