'use client';

import { useActionState, useState } from 'react';
import type { FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorSummary } from '@/components/ui/error-summary';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { StatusTag } from '@/components/ui/status-tag';
import { fieldErrorsOf } from '@/lib/actions/result';
import { DS49_BUILDING_PERMITS, DS49_FAMILY_COLUMNS, DS49_TYPOLOGIES, ds49GroupCheckSchema } from '@/lib/validations/ds49-group-check';
import type { Ds49GroupCheckState, TDs49GroupCheckValues } from '@/lib/validations/ds49-group-check';

const EMPTY: TDs49GroupCheckValues = {
  comunaCode: '',
  families: '',
  costUf: '',
  goreContributionUf: '',
  surfaceM2: '',
  extensionM2: '',
  areaHa: '',
  buildingPermit: '',
  typology: '',
};

const FIELD_ORDER = Object.keys(EMPTY) as (keyof TDs49GroupCheckValues)[];

const options = (record: Record<string, string>) => Object.entries(record).map(([value, label]) => ({ value, label }));

export type Ds49GroupCheckFormProps = {
  action: (state: Ds49GroupCheckState, form: FormData) => Promise<Ds49GroupCheckState>;
  /** The server's date in Chile: the browser checks the list against it, never against its own clock. */
  today: string;
  comunas: { value: string; label: string }[];
  /** Hints from the open call's parameters ("al menos 53 m²"). */
  hints: { surface: string; extension: string; density: string; smallProject: string };
};

/**
 * The D.S. N°49 group check. A plain form posting to a server action, so it answers without JavaScript;
 * with JavaScript the same schema checks the fields first and nothing is sent until they are right.
 */
export function Ds49GroupCheckForm({ action, today, comunas, hints }: Ds49GroupCheckFormProps) {
  const [state, formAction, pending] = useActionState(action, { answer: 0, values: EMPTY });
  const [browserErrors, setBrowserErrors] = useState<{ errors: Record<string, string>; after: Ds49GroupCheckState } | null>(null);
  // Errors found in the browser hold until the server answers the next submission.
  const errors = browserErrors?.after === state ? browserErrors.errors : (state.fieldErrors ?? {});
  const summary = [
    ...(state.formError ? [{ message: state.formError }] : []),
    ...FIELD_ORDER.filter((f) => errors[f]).map((f) => ({ fieldId: f, message: errors[f]! })),
  ];

  function checkInBrowser(event: FormEvent<HTMLFormElement>) {
    const values = Object.fromEntries(FIELD_ORDER.map((f) => [f, String(new FormData(event.currentTarget).get(f) ?? '')]));
    const parsed = ds49GroupCheckSchema(today).safeParse(values);
    if (parsed.success) {
      setBrowserErrors(null);
      return;
    }
    event.preventDefault();
    setBrowserErrors({ errors: fieldErrorsOf(parsed.error), after: state });
  }

  const v = state.values;
  return (
    <>
      <ErrorSummary errors={summary} />
      <form key={state.answer} action={formAction} onSubmit={checkInBrowser} noValidate className="space-y-6">
        <fieldset disabled={pending} className="rounded-lg border border-slate-300 p-4 md:p-6">
          <legend className="px-1 text-xl font-bold">El proyecto</legend>
          <SelectField id="comunaCode" label="Comuna del proyecto" placeholder="Elija una comuna de Magallanes" options={comunas} defaultValue={v.comunaCode} error={errors.comunaCode} />
          <SelectField id="typology" label="Tipo de proyecto" placeholder="Elija el tipo" options={options(DS49_TYPOLOGIES)} defaultValue={v.typology} hint={hints.smallProject} error={errors.typology} />
          <SelectField id="buildingPermit" label="Permiso de Edificación" placeholder="Elija su estado" options={options(DS49_BUILDING_PERMITS)} defaultValue={v.buildingPermit} error={errors.buildingPermit} />
          <div className="grid gap-x-4 md:grid-cols-2">
            <TextField id="costUf" label="Costo por vivienda (UF)" hint="Con terreno y aporte GORE incluidos." inputMode="decimal" defaultValue={v.costUf} error={errors.costUf} />
            <TextField id="goreContributionUf" label="Aporte GORE por vivienda (UF)" inputMode="decimal" defaultValue={v.goreContributionUf} error={errors.goreContributionUf} />
            <TextField id="surfaceM2" label="Superficie construida de la vivienda (m²)" hint={hints.surface} inputMode="decimal" defaultValue={v.surfaceM2} error={errors.surfaceM2} />
            <TextField id="extensionM2" label="Ampliación proyectada (m²)" hint={hints.extension} inputMode="decimal" defaultValue={v.extensionM2} error={errors.extensionM2} />
            <TextField id="areaHa" label="Superficie del terreno (hectáreas)" hint={hints.density} inputMode="decimal" defaultValue={v.areaHa} error={errors.areaHa} />
          </div>
        </fieldset>

        <fieldset disabled={pending} className="rounded-lg border border-slate-300 p-4 md:p-6">
          <legend className="px-1 text-xl font-bold">Las familias</legend>
          <TextAreaField
            id="families"
            label="Nómina de familias, una por línea"
            hint={
              <>
                Copie las columnas desde su planilla y péguelas aquí, o escríbalas separadas por punto y coma, en este orden:{' '}
                {DS49_FAMILY_COLUMNS.join('; ')}. Las tres últimas pueden quedar vacías. Ejemplo: <span className="font-mono">12.345.678-5; 40; No; 4; 15-03-2020</span>
              </>
            }
            rows={10}
            spellCheck={false}
            className="font-mono text-sm"
            defaultValue={v.families}
            error={errors.families}
          />
        </fieldset>
        <Button type="submit">{pending ? 'Revisando…' : 'Revisar el grupo'}</Button>
      </form>
      {state.outcome ? <Ds49GroupCheckOutcomeView outcome={state.outcome} /> : null}
    </>
  );
}

function Ds49GroupCheckOutcomeView({ outcome }: { outcome: NonNullable<Ds49GroupCheckState['outcome']> }) {
  const failing = outcome.rules.filter((r) => !r.ok && !r.waived && r.id !== 'ds49.small_project_exception');
  const date = outcome.presentedOn.split('-').reverse().join('-');
  return (
    <section aria-labelledby="ds49-outcome" className="mt-8 space-y-4" data-testid="ds49-group-outcome">
      <h2 id="ds49-outcome" className="text-2xl font-bold">
        {outcome.ok ? 'El grupo cumple las condiciones' : 'El grupo aún no cumple las condiciones'}
      </h2>
      <p className="text-lg">
        Revisamos {outcome.families} {outcome.families === 1 ? 'familia' : 'familias'} como si el proyecto se presentara hoy, {date}.{' '}
        {outcome.ok
          ? outcome.exception.accepted
            ? 'Al ser un proyecto pequeño, las condiciones que no cumple quedan exceptuadas.'
            : 'Cumple todas las condiciones del reglamento.'
          : `${failing.length === 1 ? 'Hay una condición' : `Hay ${failing.length} condiciones`} por resolver antes de presentarlo.`}
      </p>
      <ul className="space-y-3">
        {outcome.rules.map((rule) => (
          <li key={rule.id} className="rounded-md border border-slate-300 p-3" data-rule={rule.id}>
            <StatusTag tone={rule.ok ? 'ok' : rule.waived ? 'neutral' : 'error'}>{rule.ok ? 'Cumple' : rule.waived ? 'Exceptuada' : 'No cumple'}</StatusTag>
            <p className="mt-1">{rule.message}</p>
          </li>
        ))}
      </ul>
      <p className="text-sm text-slate-600">Es una revisión previa: el SERVIU revisa la postulación con los documentos de cada familia.</p>
    </section>
  );
}
