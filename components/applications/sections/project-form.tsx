'use client';

import { useMemo } from 'react';
import { Controller, useFieldArray, useWatch } from 'react-hook-form';
import { ComunaCombobox } from '@/components/forms/comuna-combobox';
import { listError } from '@/components/forms/form-errors';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import type { Band, TCallParameters } from '@/lib/domain/call-parameters';
import { dwellingPriceProblem } from '@/lib/domain/application-check';
import { checkComposition, countDwellingsByBand } from '@/lib/domain/composition';
import { formatUf } from '@/lib/domain/explain';
import { bandRanges, zoneForComuna } from '@/lib/domain/zones';
import {
  MAX_DWELLING_LINES,
  ZProjectSection,
  dwellingBands,
  emptyDwellingLine,
  emptyTypology,
  normalizeDecimalText,
  projectTypeLabels,
  projectTypes,
} from '@/lib/validations/sections';
import type { ProjectFormValues } from '@/lib/validations/sections';
import { RepeatableRows } from './repeatable-rows';
import { SectionFormFrame, useSectionFields, useSectionForm } from './section-form';
import type { SectionFormProps } from './section-form';

export interface ProjectComuna {
  code: string;
  name: string;
  provinceCode: string;
  regionCode: string;
  regionName: string;
}

const listLabels = { typologies: 'Tipología', dwellings: 'Línea' };

/**
 * The Proyecto section: comuna, type, typologies and dwelling lines (band, count, price; several per band
 * allowed), with the rules engine's live reading of each price and of the composition.
 */
export function ProjectForm(props: SectionFormProps<ProjectFormValues> & {
  comunas: ProjectComuna[];
  params: TCallParameters;
}) {
  const { canEdit, readOnlyReason, defaultValues, comunas, params } = props;
  const form = useSectionFields(ZProjectSection, defaultValues);
  const { register, control, formState } = form;
  const errors = formState.errors;
  const typologies = useFieldArray({ control, name: 'typologies' });
  const dwellingLines = useFieldArray({ control, name: 'dwellings' });
  const state = useSectionForm({ form, section: 'proyecto', props, listLabels });

  const comunaCode = useWatch({ control, name: 'comunaCode' });
  const dwellings = useWatch({ control, name: 'dwellings' });
  const comuna = comunas.find((c) => c.code === comunaCode) ?? null;
  const zone = useMemo(
    () => (comuna ? zoneForComuna({ comunaCode: comuna.code, provinceCode: comuna.provinceCode, regionCode: comuna.regionCode }, params) : null),
    [comuna, params],
  );
  const zoneId = zone?.zone ?? null;

  const lines = (dwellings ?? []).map((line) => {
    const countText = (line?.count ?? '').trim();
    const count = /^\d+$/.test(countText) ? Number(countText) : 0;
    const price = normalizeDecimalText(line?.priceUf ?? '');
    const band = (dwellingBands as readonly string[]).includes(line?.band ?? '') ? (Number(line!.band) as Band) : null;
    return { band, count, price };
  });
  const counted = lines.flatMap((l) => (l.band !== null && l.count > 0 ? [{ band: l.band, count: l.count }] : []));
  const composition = zoneId && counted.length > 0 ? checkComposition(counted, params) : [];
  const byBand = countDwellingsByBand(counted);
  const total = byBand[1] + byBand[2] + byBand[3];

  return (
    <SectionFormFrame state={state} canEdit={canEdit} readOnlyReason={readOnlyReason} sectionLabel="Proyecto">
      <TextField
        id="projectName"
        label="Nombre del proyecto"
        hint="Como aparecerá en el Convenio de Trabajo y en los documentos de la postulación."
        error={errors.projectName?.message}
        autoComplete="off"
        {...register('projectName')}
      />

      <Controller
        control={control}
        name="comunaCode"
        render={({ field, fieldState }) => (
          <ComunaCombobox
            id="comunaCode"
            label="Comuna del terreno"
            hint="La comuna decide la zona del llamado y, con ella, los precios de cada tramo."
            error={fieldState.error?.message}
            comunas={comunas}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputRef={field.ref}
            disabled={!canEdit}
          />
        )}
      />
      <div className="-mt-3 mb-6 text-sm" aria-live="polite" data-testid="zone-reading">
        {zone ? (
          zone.zone ? (
            <p>
              <strong>{params.zones[zone.zone].label}</strong> ({zone.matchedBy.label}).{' '}
              {bandRanges(zone.zone, params)
                .map((r) => (r.band === 1 ? `Tramo 1 hasta ${formatUf(r.maxUf)}` : `tramo ${r.band} más de ${formatUf(r.minExclusiveUf)} y hasta ${formatUf(r.maxUf)}`))
                .join('; ')}
              . Subsidio por vivienda: {formatUf(params.zones[zone.zone].subsidyUf)}.
            </p>
          ) : (
            <p className="text-err-700">{zone.message}</p>
          )
        ) : null}
      </div>

      <SelectField
        id="projectType"
        label="Tipo de proyecto"
        error={errors.projectType?.message}
        placeholder="Elija una opción"
        options={projectTypes.map((t) => ({ value: t, label: projectTypeLabels[t] }))}
        {...register('projectType')}
      />

      <fieldset id="typologies" className="mb-8 min-w-0" tabIndex={-1}>
        <legend className="text-xl font-bold">Tipologías de vivienda</legend>
        <p className="mb-3 text-sm text-slate-600">Cada modelo de vivienda del proyecto, con su superficie y dormitorios.</p>
        <RepeatableRows
          rows={typologies.fields}
          error={listError(errors.typologies)}
          itemName="tipología"
          addLabel="Agregar tipología"
          onAdd={() => typologies.append(emptyTypology())}
          onRemove={typologies.remove}
          minRows={1}
        >
          {(index) => (
            <>
              <TextField
                id={`typologies-${index}-name`}
                label="Nombre"
                hint="Por ejemplo, «Casa A» o «Departamento 3D»."
                error={errors.typologies?.[index]?.name?.message}
                {...register(`typologies.${index}.name`)}
              />
              <div className="grid gap-x-4 sm:grid-cols-2">
                <TextField
                  id={`typologies-${index}-areaM2`}
                  label="Superficie (m²)"
                  inputMode="decimal"
                  error={errors.typologies?.[index]?.areaM2?.message}
                  {...register(`typologies.${index}.areaM2`)}
                />
                <TextField
                  id={`typologies-${index}-bedrooms`}
                  label="Dormitorios"
                  inputMode="numeric"
                  error={errors.typologies?.[index]?.bedrooms?.message}
                  {...register(`typologies.${index}.bedrooms`)}
                />
              </div>
            </>
          )}
        </RepeatableRows>
      </fieldset>

      <fieldset id="dwellings" className="mb-4 min-w-0" tabIndex={-1}>
        <legend className="text-xl font-bold">Viviendas por tramo de precio</legend>
        <p className="mb-3 text-sm text-slate-600">
          Cada línea es un grupo de viviendas de un mismo tramo y precio de venta en UF. Un tramo puede tener varias líneas con precios
          distintos (por ejemplo, dos modelos del tramo 3). Deje vacía la línea del tramo 3 si el proyecto no lo considera. Escriba el precio
          como 1200 o 1.200,50.
        </p>
        {listError(errors.dwellings) ? (
          <p className="mb-3 font-semibold text-err-700">
            <span className="sr-only">Error: </span>
            {listError(errors.dwellings)}
          </p>
        ) : null}
        <ol className="space-y-4">
          {dwellingLines.fields.map((field, index) => {
            const line = lines[index] ?? { band: null, count: 0, price: null };
            const problem = zoneId && line.band !== null && line.count > 0 && line.price ? dwellingPriceProblem({ band: line.band, priceUf: line.price }, zoneId, params) : null;
            return (
              <li key={field.id}>
                <fieldset className="min-w-0 rounded-md border border-slate-300 p-4">
                  <legend className="font-semibold">Línea {index + 1}</legend>
                  <div className="grid gap-x-4 sm:grid-cols-3">
                    <SelectField
                      id={`dwellings-${index}-band`}
                      label="Tramo"
                      placeholder="Elija el tramo"
                      options={dwellingBands.map((band) => ({ value: band, label: `Tramo ${band}` }))}
                      error={errors.dwellings?.[index]?.band?.message}
                      {...register(`dwellings.${index}.band`)}
                    />
                    <TextField
                      id={`dwellings-${index}-count`}
                      label="Cantidad de viviendas"
                      inputMode="numeric"
                      error={errors.dwellings?.[index]?.count?.message}
                      {...register(`dwellings.${index}.count`)}
                    />
                    <TextField
                      id={`dwellings-${index}-priceUf`}
                      label="Precio por vivienda (UF)"
                      inputMode="decimal"
                      error={errors.dwellings?.[index]?.priceUf?.message}
                      {...register(`dwellings.${index}.priceUf`)}
                    />
                  </div>
                  <p className="-mt-2 text-sm" aria-live="polite" data-testid={`band-reading-${index}`}>
                    {zoneId && line.band !== null && line.count > 0 && line.price ? (
                      problem ? (
                        <span className="font-semibold text-err-700">{problem}</span>
                      ) : (
                        <span className="text-ok-700">El precio corresponde al tramo {line.band} en esta zona.</span>
                      )
                    ) : line.count > 0 && !zoneId ? (
                      <span className="text-slate-600">Elija la comuna para saber a qué tramo corresponde el precio.</span>
                    ) : null}
                  </p>
                  {dwellingLines.fields.length > 1 ? (
                    <Button variant="link" onClick={() => dwellingLines.remove(index)}>
                      Quitar línea {index + 1}
                    </Button>
                  ) : null}
                </fieldset>
              </li>
            );
          })}
        </ol>
        {dwellingLines.fields.length < MAX_DWELLING_LINES ? (
          <Button variant="secondary" className="mt-4" onClick={() => dwellingLines.append(emptyDwellingLine())}>
            Agregar línea de viviendas
          </Button>
        ) : null}
        {total > 0 ? (
          <p className="mt-3 text-sm" data-testid="dwellings-by-band">
            Por tramo: tramo 1, {byBand[1]}; tramo 2, {byBand[2]}; tramo 3, {byBand[3]}.
          </p>
        ) : null}
      </fieldset>

      {composition.length > 0 ? (
        <section aria-labelledby="composition-title" className="mt-6 rounded-md bg-slate-50 p-4" data-testid="composition-reading">
          <h3 id="composition-title" className="font-bold">
            Composición del proyecto: {total} {total === 1 ? 'vivienda' : 'viviendas'}
          </h3>
          <ul className="mt-2 space-y-1 text-sm">
            {composition.map((rule) => (
              <li key={rule.id} className={`border-l-4 pl-2 ${rule.ok ? 'border-ok-700' : 'border-err-700'}`}>
                <span className="sr-only">{rule.ok ? 'Cumple: ' : 'No cumple: '}</span>
                {rule.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </SectionFormFrame>
  );
}
