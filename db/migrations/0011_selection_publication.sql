ALTER TABLE "selection_runs" ADD COLUMN "published_on" date;--> statement-breakpoint
CREATE UNIQUE INDEX "selection_runs_one_confirmed_per_call" ON "selection_runs" USING btree ("call_id") WHERE "selection_runs"."status" = 'confirmada';--> statement-breakpoint
-- A confirmed selection is evidence of a resolution: no role may rewrite or erase it. The one change
-- allowed is recording, once, the day it was published in the Diario Oficial.
CREATE OR REPLACE FUNCTION selection_runs_keep_confirmed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'confirmada' THEN
      RAISE EXCEPTION 'una selección confirmada no puede borrarse' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'confirmada' AND (
    OLD.published_on IS NOT NULL
    OR (to_jsonb(NEW) - 'published_on') IS DISTINCT FROM (to_jsonb(OLD) - 'published_on')
  ) THEN
    RAISE EXCEPTION 'una selección confirmada no puede modificarse' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER selection_runs_confirmed_immutable
  BEFORE UPDATE OR DELETE ON selection_runs
  FOR EACH ROW EXECUTE FUNCTION selection_runs_keep_confirmed();
