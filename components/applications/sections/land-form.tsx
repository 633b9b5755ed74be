'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useForm, useWatch } from 'react-hook-form';
import type { FieldErrors, Resolver } from 'react-hook-form';
import { RadioGroupField } from '@/components/forms/choice-fields';
import { TextField } from '@/components/ui/field';
import { formatCalendarDate } from '@/lib/domain/document-slots';
import { ZLandSection } from '@/lib/validations/sections';
import type { LandFormValues, LandSectionData } from '@/lib/validations/sections';
import { SectionFormFrame, useSectionForm } from './section-form';
import type { SectionFormProps } from './section-form';

type Inscription = { conservador?: { message?: string }; fojas?: { message?: string }; numero?: { message?: string }; anio?: { message?: string } };

function InscriptionFields({
  prefix,
  errors,
  register,
}: {
  prefix: 'dominio' | 'promesa.sellerTitle';
  errors: Inscription | undefined;
  register: ReturnType<typeof useForm<LandFormValues, unknown, LandSectionData>>['register'];
}) {
  const id = (field: string) => `${prefix.replace('.', '-')}-${field}`;
  return (
    <>
      <TextField
        id={id('conservador')}
        label="Conservador de Bienes Raíces"
        hint="La ciudad del Conservador, por ejemplo «Puente Alto»."
        error={errors?.conservador?.message}
        {...register(`${prefix}.conservador`)}
      />
      <div className="grid gap-x-4 sm:grid-cols-3">
        <TextField id={id('fojas')} label="Fojas" error={errors?.fojas?.message} {...register(`${prefix}.fojas`)} />
        <TextField id={id('numero')} label="Número" error={errors?.numero?.message} {...register(`${prefix}.numero`)} />
        <TextField id={id('anio')} label="Año" inputMode="numeric" error={errors?.anio?.message} {...register(`${prefix}.anio`)} />
      </div>
    </>
  );
}

/** The Terreno section: title in the employer's name, or a notarised promise of sale (the 2022 call, «Requisitos de postulación»). */
export function LandForm(props: SectionFormProps<LandFormValues> & {
  employerName: string | null;
  cbrInscriptionDays: number;
  titleCertificateMaxAgeDays: number;
  /** The certificate uploaded in Documentos: its issue date is the only one the file carries. */
  titleCertificate: { fileName: string; version: number; issuedOn: string | null; ok: boolean; problem: string | null } | null;
}) {
  const { applicationId, canEdit, readOnlyReason, defaultValues, employerName, cbrInscriptionDays, titleCertificateMaxAgeDays, titleCertificate } = props;
  const form = useForm<LandFormValues, unknown, LandSectionData>({
    // The form keeps both alternatives (switching loses nothing); the schema validates the chosen one.
    resolver: zodResolver(ZLandSection) as unknown as Resolver<LandFormValues, unknown, LandSectionData>,
    defaultValues,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
    // The error summary takes the focus (GOV.UK pattern); its links lead to each field.
    shouldFocusError: false,
  });
  const { register, control, formState } = form;
  // The union's error type only names the chosen branch; read both the way the form holds them.
  const errors = formState.errors as FieldErrors<LandFormValues>;
  const state = useSectionForm({ form, section: 'terreno', props });
  const situation = useWatch({ control, name: 'situation' });
  const documentsHref = `/portal/postulaciones/${applicationId}/documentos`;

  return (
    <SectionFormFrame state={state} canEdit={canEdit} readOnlyReason={readOnlyReason} sectionLabel="Terreno">
      <RadioGroupField
        id="situation"
        legend="¿Cuál es la situación del terreno?"
        error={errors.situation?.message}
        options={[
          {
            value: 'dominio',
            label: 'El terreno es del empleador',
            hint: 'Con certificado de dominio vigente a su nombre.',
          },
          {
            value: 'promesa',
            label: 'El empleador firmó una promesa de compraventa',
            hint: `Suscrita ante notario, con la inscripción de dominio vigente a nombre del promitente vendedor. La escritura deberá inscribirse en el Conservador dentro de ${cbrInscriptionDays} días desde la publicación de la selección.`,
          },
        ]}
        {...register('situation')}
      />

      <TextField
        id="address"
        label="Dirección o ubicación del terreno"
        error={errors.address?.message}
        autoComplete="off"
        {...register('address')}
      />
      <TextField
        id="rolAvaluo"
        label="Rol de avalúo (opcional)"
        hint="Como figura en el certificado de avalúo fiscal, por ejemplo 1234-56."
        error={errors.rolAvaluo?.message}
        {...register('rolAvaluo')}
      />

      {situation === 'dominio' ? (
        <fieldset className="mt-8 min-w-0 border-t-4 border-brand-600 pt-4" data-testid="land-dominio">
          <legend className="float-left mb-3 w-full text-xl font-bold">Certificado de dominio vigente</legend>
          <p className="clear-left mb-4 text-sm text-slate-700">
            Inscripción del terreno a nombre de {employerName ? <strong>{employerName}</strong> : 'el empleador'}, según el certificado de dominio
            vigente del Conservador de Bienes Raíces.
          </p>
          <InscriptionFields prefix="dominio" errors={errors.dominio} register={register} />
          <div className="mb-4 rounded-md border border-slate-300 p-3" data-testid="title-certificate">
            <p className="font-semibold">Fecha de emisión del certificado</p>
            {titleCertificate?.issuedOn ? (
              <p>
                {formatCalendarDate(titleCertificate.issuedOn)}, según el certificado subido en Documentos ({titleCertificate.fileName}, versión{' '}
                {titleCertificate.version}).
              </p>
            ) : (
              <p>
                Se toma del certificado que el empleador sube en{' '}
                <Link href={documentsHref} className="text-brand-700 underline">
                  Documentos
                </Link>
                , donde se indica la fecha que aparece en él.
              </p>
            )}
            <p className={`mt-1 text-sm ${titleCertificate && !titleCertificate.ok ? 'font-semibold text-err-700' : 'text-slate-700'}`} data-testid="certificate-age">
              {titleCertificate && !titleCertificate.ok && titleCertificate.problem
                ? titleCertificate.problem
                : `Al enviar la postulación el certificado debe tener como máximo ${titleCertificateMaxAgeDays} días.`}
            </p>
          </div>
        </fieldset>
      ) : null}

      {situation === 'promesa' ? (
        <fieldset className="mt-8 min-w-0 border-t-4 border-brand-600 pt-4" data-testid="land-promesa">
          <legend className="float-left mb-3 w-full text-xl font-bold">Promesa de compraventa</legend>
          <p className="clear-left mb-4 border-l-4 border-warn-800 bg-warn-50 p-3" data-testid="cbr-deadline">
            Si el proyecto es seleccionado, la escritura deberá inscribirse en el Conservador dentro de {cbrInscriptionDays} días desde la
            publicación de la selección en el Diario Oficial.
          </p>
          <TextField id="promesa-notary" label="Notaría" hint="Por ejemplo, «44ª Notaría de Santiago»." error={errors.promesa?.notary?.message} {...register('promesa.notary')} />
          <TextField
            id="promesa-signedOn"
            type="date"
            label="Fecha de la promesa"
            error={errors.promesa?.signedOn?.message}
            {...register('promesa.signedOn')}
          />
          <div className="grid gap-x-4 sm:grid-cols-2">
            <TextField id="promesa-sellerName" label="Promitente vendedor" error={errors.promesa?.sellerName?.message} {...register('promesa.sellerName')} />
            <TextField
              id="promesa-sellerRut"
              label="RUT del promitente vendedor"
              autoComplete="off"
              error={errors.promesa?.sellerRut?.message}
              {...register('promesa.sellerRut')}
            />
          </div>
          <h3 className="mb-2 mt-2 font-semibold">Inscripción de dominio vigente a nombre del vendedor</h3>
          <InscriptionFields prefix="promesa.sellerTitle" errors={errors.promesa?.sellerTitle} register={register} />
        </fieldset>
      ) : null}

      <p className="mt-6 text-slate-700">
        Los archivos (certificado de dominio vigente o promesa de compraventa e inscripción del vendedor) se suben en{' '}
        <Link href={documentsHref} className="text-brand-700 underline">
          Documentos
        </Link>
        .
      </p>
    </SectionFormFrame>
  );
}
