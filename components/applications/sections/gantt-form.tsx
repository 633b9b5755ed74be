'use client';

import { useFieldArray } from 'react-hook-form';
import { listError } from '@/components/forms/form-errors';
import { TextField } from '@/components/ui/field';
import { ZGanttSection, emptyMilestone } from '@/lib/validations/sections';
import type { GanttFormValues } from '@/lib/validations/sections';
import { RepeatableRows } from './repeatable-rows';
import { SectionFormFrame, useSectionFields, useSectionForm } from './section-form';
import type { SectionFormProps } from './section-form';

const listLabels = { gantt: 'Hito' };

/** The Carta Gantt (entidad patrocinante): the project's milestones with their planned dates. */
export function GanttForm(props: SectionFormProps<GanttFormValues>) {
  const { canEdit, readOnlyReason, defaultValues } = props;
  const form = useSectionFields(ZGanttSection, defaultValues);
  const { register, control, formState } = form;
  const errors = formState.errors;
  const gantt = useFieldArray({ control, name: 'gantt' });
  const state = useSectionForm({ form, section: 'gantt', props, listLabels });

  return (
    <SectionFormFrame state={state} canEdit={canEdit} readOnlyReason={readOnlyReason} sectionLabel="Carta Gantt">
      <fieldset id="gantt" className="min-w-0" tabIndex={-1}>
        <legend className="sr-only">Hitos de la carta Gantt</legend>
        <RepeatableRows
          rows={gantt.fields}
          error={listError(errors.gantt)}
          itemName="hito"
          addLabel="Agregar hito"
          onAdd={() => gantt.append(emptyMilestone())}
          onRemove={gantt.remove}
          minRows={1}
        >
          {(index) => (
            <>
              <TextField id={`gantt-${index}-title`} label="Hito" error={errors.gantt?.[index]?.title?.message} {...register(`gantt.${index}.title`)} />
              <div className="grid gap-x-4 sm:grid-cols-2">
                <TextField
                  id={`gantt-${index}-startOn`}
                  type="date"
                  label="Inicio planificado"
                  error={errors.gantt?.[index]?.startOn?.message}
                  {...register(`gantt.${index}.startOn`)}
                />
                <TextField
                  id={`gantt-${index}-endOn`}
                  type="date"
                  label="Término planificado"
                  error={errors.gantt?.[index]?.endOn?.message}
                  {...register(`gantt.${index}.endOn`)}
                />
              </div>
            </>
          )}
        </RepeatableRows>
      </fieldset>
    </SectionFormFrame>
  );
}
