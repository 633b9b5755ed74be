'use client';

import { useFieldArray } from 'react-hook-form';
import { listError } from '@/components/forms/form-errors';
import { SelectField, TextField } from '@/components/ui/field';
import { ZProjectCommitteeSection, committeeSideLabels, committeeSides, emptyCommitteeMember } from '@/lib/validations/sections';
import type { ProjectCommitteeFormValues } from '@/lib/validations/sections';
import { RepeatableRows } from './repeatable-rows';
import { SectionFormFrame, useSectionFields, useSectionForm } from './section-form';
import type { SectionFormProps } from './section-form';

const listLabels = { committee: 'Integrante' };

/**
 * The Comité de Proyecto (organización de trabajadores): representatives of the employer, of the union
 * and at least one member of the applicant group, checked against the active roster.
 */
export function CommitteeForm(props: SectionFormProps<ProjectCommitteeFormValues> & {
  groupMembersNotInRoster: string[];
}) {
  const { canEdit, readOnlyReason, defaultValues, groupMembersNotInRoster } = props;
  const form = useSectionFields(ZProjectCommitteeSection, defaultValues);
  const { register, control, formState } = form;
  const errors = formState.errors;
  const committee = useFieldArray({ control, name: 'committee' });
  const state = useSectionForm({ form, section: 'comite', props, listLabels });

  return (
    <SectionFormFrame state={state} canEdit={canEdit} readOnlyReason={readOnlyReason} sectionLabel="Comité de Proyecto">
      <fieldset id="committee" className="min-w-0" tabIndex={-1}>
        <legend className="sr-only">Integrantes del Comité de Proyecto</legend>
        {groupMembersNotInRoster.length > 0 ? (
          <p className="mb-3 border-l-4 border-warn-800 bg-warn-50 p-3 text-sm" data-testid="group-members-not-in-roster">
            Según lo guardado, {groupMembersNotInRoster.join(', ')} representa{groupMembersNotInRoster.length > 1 ? 'n' : ''} al grupo postulante
            pero no {groupMembersNotInRoster.length > 1 ? 'están' : 'está'} en la nómina activa.
          </p>
        ) : null}
        <RepeatableRows
          rows={committee.fields}
          error={listError(errors.committee)}
          itemName="integrante"
          addLabel="Agregar integrante"
          onAdd={() => committee.append(emptyCommitteeMember())}
          onRemove={committee.remove}
        >
          {(index) => (
            <>
              <TextField
                id={`committee-${index}-name`}
                label="Nombre completo"
                autoComplete="off"
                error={errors.committee?.[index]?.name?.message}
                {...register(`committee.${index}.name`)}
              />
              <div className="grid gap-x-4 sm:grid-cols-2">
                <TextField
                  id={`committee-${index}-rut`}
                  label="RUT"
                  hint="Por ejemplo, 12.345.678-5."
                  autoComplete="off"
                  error={errors.committee?.[index]?.rut?.message}
                  {...register(`committee.${index}.rut`)}
                />
                <SelectField
                  id={`committee-${index}-side`}
                  label="Representa a"
                  placeholder="Elija una opción"
                  options={committeeSides.map((s) => ({ value: s, label: committeeSideLabels[s] }))}
                  error={errors.committee?.[index]?.side?.message}
                  {...register(`committee.${index}.side`)}
                />
              </div>
              <TextField
                id={`committee-${index}-position`}
                label="Cargo o función (opcional)"
                hint="Por ejemplo, «Presidente del sindicato» o «Gerente de personas»."
                error={errors.committee?.[index]?.position?.message}
                {...register(`committee.${index}.position`)}
              />
            </>
          )}
        </RepeatableRows>
      </fieldset>
    </SectionFormFrame>
  );
}
