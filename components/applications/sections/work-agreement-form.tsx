'use client';

import Link from 'next/link';
import { useFieldArray, useWatch } from 'react-hook-form';
import { listError } from '@/components/forms/form-errors';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { CheckboxField, RadioGroupField } from '@/components/forms/choice-fields';
import { ZWorkAgreementSection, contributionPartyLabels, contributionParties, emptyContribution } from '@/lib/validations/sections';
import type { WorkAgreementFormValues } from '@/lib/validations/sections';
import { RepeatableRows } from './repeatable-rows';
import { SectionFormFrame, useSectionFields, useSectionForm } from './section-form';
import type { SectionFormProps } from './section-form';

function wholeOrNull(text: string | undefined): number | null {
  const t = (text ?? '').trim();
  return /^\d+$/.test(t) ? Number(t) : null;
}

function differenceText(declared: number | null, roster: number, what: string): { ok: boolean; text: string } {
  if (declared === null) return { ok: false, text: `La nómina tiene hoy ${roster} ${what}.` };
  const diff = declared - roster;
  if (diff === 0) return { ok: true, text: `Coincide con la nómina (${roster} ${what}).` };
  return {
    ok: false,
    text: `La nómina tiene hoy ${roster} ${what}: ${diff > 0 ? `faltan ${diff} en la nómina` : `sobran ${-diff} en la nómina`} (diferencia ${diff > 0 ? '+' : ''}${diff}).`,
  };
}

function SectionHeading({ id, children }: { id?: string; children: React.ReactNode }) {
  return (
    <legend id={id} className="mb-2 text-xl font-bold">
      {children}
    </legend>
  );
}

const listLabels = { contributions: 'Aporte' };

/**
 * The Convenio de Trabajo: the employer's contents (cession, workers, contributions, builder, post-sale,
 * technical support), with the roster cross-check. The committee and the Gantt chart it also names are
 * their owners' sections, linked from here.
 */
export function WorkAgreementForm(props: SectionFormProps<WorkAgreementFormValues> & {
  roster: { total: number; union: number; nonUnion: number };
}) {
  const { applicationId, canEdit, readOnlyReason, defaultValues, roster } = props;
  const form = useSectionFields(ZWorkAgreementSection, defaultValues);
  const { register, control, formState } = form;
  const errors = formState.errors;
  const contributions = useFieldArray({ control, name: 'contributions' });
  const state = useSectionForm({ form, section: 'convenio', props, listLabels });
  const base = `/portal/postulaciones/${applicationId}`;

  const landCession = useWatch({ control, name: 'landCession' });
  const unionWorkers = wholeOrNull(useWatch({ control, name: 'unionWorkers' }));
  const nonUnionWorkers = wholeOrNull(useWatch({ control, name: 'nonUnionWorkers' }));
  const unionCheck = differenceText(unionWorkers, roster.union, roster.union === 1 ? 'trabajador socio' : 'trabajadores socios');
  const nonUnionCheck = differenceText(nonUnionWorkers, roster.nonUnion, roster.nonUnion === 1 ? 'trabajador no socio' : 'trabajadores no socios');

  return (
    <SectionFormFrame state={state} canEdit={canEdit} readOnlyReason={readOnlyReason} sectionLabel="Convenio de Trabajo">
      <fieldset className="mb-8 min-w-0">
        <SectionHeading>1. Cesión del terreno</SectionHeading>
        <RadioGroupField
          id="landCession"
          legend="¿El convenio incluye el compromiso de ceder el terreno al grupo postulante?"
          error={errors.landCession?.message}
          inline
          options={[
            { value: 'si', label: 'Sí' },
            { value: 'no', label: 'No' },
          ]}
          {...register('landCession')}
        />
        {landCession === 'no' ? (
          <p className="mb-4 border-l-4 border-warn-800 bg-warn-50 p-3 text-sm">
            El programa exige que el Convenio de Trabajo incluya el compromiso de ceder el terreno en que se desarrollará el proyecto al grupo
            postulante. Puede guardar la sección, pero la postulación no estará completa.
          </p>
        ) : null}
        <TextAreaField
          id="landCessionDescription"
          label="Terreno que se cede y condiciones de la cesión"
          hint="Ubicación, superficie aproximada y cómo y cuándo se transferirá al grupo."
          error={errors.landCessionDescription?.message}
          {...register('landCessionDescription')}
        />
      </fieldset>

      <fieldset className="mb-8 min-w-0">
        <SectionHeading>2. Trabajadores que considera el proyecto</SectionHeading>
        <div className="grid gap-x-4 sm:grid-cols-2">
          <div>
            <TextField
              id="unionWorkers"
              label="Socios del sindicato o asociación"
              inputMode="numeric"
              error={errors.unionWorkers?.message}
              {...register('unionWorkers')}
            />
            <p className={`-mt-3 mb-5 text-sm ${unionCheck.ok ? 'text-ok-700' : 'text-warn-800'}`} aria-live="polite" data-testid="union-check">
              {unionCheck.text}
            </p>
          </div>
          <div>
            <TextField
              id="nonUnionWorkers"
              label="Trabajadores que no son socios"
              hint="Pueden ser hasta el 20% de la nómina, si trabajan para el mismo empleador."
              inputMode="numeric"
              error={errors.nonUnionWorkers?.message}
              {...register('nonUnionWorkers')}
            />
            <p className={`-mt-3 mb-5 text-sm ${nonUnionCheck.ok ? 'text-ok-700' : 'text-warn-800'}`} aria-live="polite" data-testid="non-union-check">
              {nonUnionCheck.text}
            </p>
          </div>
        </div>
        <p className="text-sm text-slate-700">
          La <Link href={`${base}/nomina`} className="text-brand-700 underline">nómina</Link> tiene hoy {roster.total}{' '}
          {roster.total === 1 ? 'trabajador activo' : 'trabajadores activos'}.
        </p>
      </fieldset>

      <section className="mb-8 rounded-md bg-slate-50 p-4">
        <h3 className="text-xl font-bold">3. Características del proyecto</h3>
        <p className="mt-1 text-sm text-slate-700">
          El tipo de proyecto, las tipologías, la cantidad de viviendas y los rangos de precio que el convenio debe indicar se toman de la
          sección <Link href={`${base}/proyecto`} className="text-brand-700 underline">Proyecto</Link>, que completa la entidad patrocinante.
        </p>
      </section>

      <fieldset id="contributions" className="mb-8 min-w-0" tabIndex={-1}>
        <SectionHeading>4. Otros aportes del empleador y de los trabajadores</SectionHeading>
        <p className="mb-3 text-sm text-slate-600">Por ejemplo, urbanización, aporte en dinero para el tramo 3 o trabajo comunitario. Indique cómo se materializa cada uno.</p>
        {contributions.fields.length === 0 ? <p className="mb-3 text-slate-700">No hay aportes registrados.</p> : null}
        <RepeatableRows
          rows={contributions.fields}
          error={listError(errors.contributions)}
          itemName="aporte"
          addLabel="Agregar aporte"
          onAdd={() => contributions.append(emptyContribution())}
          onRemove={contributions.remove}
        >
          {(index) => (
            <>
              <SelectField
                id={`contributions-${index}-party`}
                label="Quién aporta"
                placeholder="Elija una opción"
                options={contributionParties.map((p) => ({ value: p, label: contributionPartyLabels[p] }))}
                error={errors.contributions?.[index]?.party?.message}
                {...register(`contributions.${index}.party`)}
              />
              <TextField
                id={`contributions-${index}-description`}
                label="Aporte"
                error={errors.contributions?.[index]?.description?.message}
                {...register(`contributions.${index}.description`)}
              />
              <TextAreaField
                id={`contributions-${index}-materialization`}
                label="Cómo y cuándo se materializa"
                rows={2}
                error={errors.contributions?.[index]?.materialization?.message}
                {...register(`contributions.${index}.materialization`)}
              />
              <TextField
                id={`contributions-${index}-amountUf`}
                label="Valor estimado en UF (opcional)"
                inputMode="decimal"
                error={errors.contributions?.[index]?.amountUf?.message}
                {...register(`contributions.${index}.amountUf`)}
              />
            </>
          )}
        </RepeatableRows>
      </fieldset>

      <section className="mb-8 rounded-md bg-slate-50 p-4">
        <h3 className="text-xl font-bold">5. Comité de Proyecto</h3>
        <p className="mt-1 text-sm text-slate-700">
          Los integrantes del comité (empleador, organización y al menos una persona del grupo postulante) se registran en la sección{' '}
          <Link href={`${base}/comite`} className="text-brand-700 underline">Comité de Proyecto</Link>, que completa la organización de trabajadores.
        </p>
      </section>

      <fieldset className="mb-8 min-w-0">
        <SectionHeading>6. Empresa constructora</SectionHeading>
        <p className="mb-3 text-sm text-slate-600">
          Las partes se obligan a contratar una constructora con inscripción vigente en el Registro Nacional de Contratistas del MINVU.
        </p>
        <TextField id="builder-name" label="Nombre o razón social" error={errors.builder?.name?.message} {...register('builder.name')} />
        <div className="grid gap-x-4 sm:grid-cols-2">
          <TextField id="builder-rut" label="RUT de la constructora" autoComplete="off" error={errors.builder?.rut?.message} {...register('builder.rut')} />
          <TextField
            id="builder-registryNumber"
            label="N° de inscripción en el Registro Nacional de Contratistas"
            error={errors.builder?.registryNumber?.message}
            {...register('builder.registryNumber')}
          />
        </div>
        <CheckboxField
          id="postSaleReport"
          legend="Informe de post venta y calidad de la construcción"
          error={errors.postSaleReport?.message}
          label="El convenio obliga a exigir a la constructora, en el contrato de obras, el informe «Mecanismo de Post Venta y Calidad de la Construcción», con la atención directa a los trabajadores ante fallas o deterioros desde la recepción municipal."
          {...register('postSaleReport')}
        />
      </fieldset>

      <fieldset className="mb-8 min-w-0">
        <SectionHeading>7. Apoyo técnico del empleador</SectionHeading>
        <TextAreaField
          id="technicalSupport"
          label="Apoyo técnico que aporta el empleador"
          hint="Equipo o entidad que se encarga del diseño, la gestión del proyecto, la contratación y el seguimiento de las obras."
          error={errors.technicalSupport?.message}
          {...register('technicalSupport')}
        />
      </fieldset>

      <section className="rounded-md bg-slate-50 p-4">
        <h3 className="text-xl font-bold">8. Carta Gantt del proyecto</h3>
        <p className="mt-1 text-sm text-slate-700">
          Los hitos del desarrollo y la ejecución del proyecto se registran en la sección{' '}
          <Link href={`${base}/carta-gantt`} className="text-brand-700 underline">Carta Gantt</Link>, que completa la entidad patrocinante.
        </p>
      </section>
    </SectionFormFrame>
  );
}
