'use client';

import type { UseFormRegister } from 'react-hook-form';
import { SelectField, TextField } from '@/components/ui/field';
import { ROSTER_COLUMN_BY_KEY } from '@/lib/roster/columns';
import { choiceFactOptions, SCORE_FACTS_HEADING } from '@/lib/roster/score-facts';
import type { TRosterEntryRaw } from '@/lib/roster/schema';
import type { ScoreFactColumnKey } from '@/lib/roster/score-facts';

/**
 * The optional household facts of the individual score (D.S. N°1 art. 65), grouped in one fieldset of
 * the worker form and the replacement form. Each control holds the same text a spreadsheet cell would,
 * so the roster schema reads both the same way.
 */
export function ScoreFactsFields({
  register,
  error,
  fieldId,
}: {
  register: UseFormRegister<TRosterEntryRaw>;
  error: (key: ScoreFactColumnKey) => string | undefined;
  fieldId: (key: ScoreFactColumnKey) => string;
}) {
  const field = (key: ScoreFactColumnKey) => register(key);
  const hint = (key: ScoreFactColumnKey) => ROSTER_COLUMN_BY_KEY[key].hint.replace(/^Opcional \(puntaje\)\. /, '');
  const select = (key: 'headOfHousehold' | 'overcrowding' | 'dwellingType' | 'waterSource' | 'bathroom', label: string) => (
    <SelectField
      id={fieldId(key)}
      label={label}
      error={error(key)}
      options={choiceFactOptions(key)}
      placeholder="No declarado"
      className="max-w-xl"
      {...field(key)}
    />
  );
  return (
    <fieldset className="mb-6 rounded border border-slate-300 bg-white p-4" aria-describedby="score-facts-hint">
      <legend className="px-1 text-lg font-bold">{SCORE_FACTS_HEADING}</legend>
      <p id="score-facts-hint" className="mb-4 text-sm text-slate-700">
        Opcional. Son antecedentes del hogar, como los muestra el Registro Social de Hogares; los puntos de cada uno los fija el
        llamado. Lo que deje en «No declarado» no suma puntos en la selección.
      </p>
      <TextField
        id={fieldId('memberAges')}
        label="Edad de cada integrante del hogar"
        hint={hint('memberAges')}
        error={error('memberAges')}
        autoComplete="off"
        inputMode="text"
        className="max-w-64"
        {...field('memberAges')}
      />
      {select('headOfHousehold', 'Jefatura de hogar')}
      <TextField
        id={fieldId('membersWithDisability')}
        label="Integrantes con discapacidad"
        hint={hint('membersWithDisability')}
        error={error('membersWithDisability')}
        inputMode="numeric"
        className="max-w-32"
        {...field('membersWithDisability')}
      />
      {select('overcrowding', 'Hacinamiento')}
      {select('dwellingType', 'Tipo de vivienda actual')}
      {select('waterSource', 'Abastecimiento de agua')}
      {select('bathroom', 'Baño')}
      <TextField
        id={fieldId('earlierApplications')}
        label="Postulaciones anteriores"
        hint={hint('earlierApplications')}
        error={error('earlierApplications')}
        inputMode="numeric"
        className="max-w-32"
        {...field('earlierApplications')}
      />
    </fieldset>
  );
}
