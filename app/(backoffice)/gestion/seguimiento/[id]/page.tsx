import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/followup/action-form';
import { FollowupDocuments } from '@/components/followup/followup-documents';
import { FollowupPanel } from '@/components/followup/followup-panel';
import { requireRole } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { getFollowupView } from '@/lib/dal/followup';
import type { FollowupView } from '@/lib/dal/followup';
import { getFollowupDocuments } from '@/lib/dal/followup-documents';
import { getProjectDates } from '@/lib/dal/project-dates';
import { VERIFICATION_OUTCOMES, formatDayText, guaranteeKindLabels, projectDateLabels, verificationOutcomeLabels } from '@/lib/validations/followup';
import type { ProjectDateField } from '@/lib/validations/followup';
import { payInstalmentAction, recordSubsidyPaymentAction, registerBridgeLoanAction, renewGuaranteeAction, updateProjectDatesAction, verifyMilestoneAction } from './actions';

export const metadata: Metadata = { title: 'Seguimiento del proyecto' };

export default async function BackofficeFollowupPage(props: { params: Promise<{ id: string }> }) {
  const user = await requireRole('reviewer', 'director', 'minvu_admin');
  const { id } = await props.params;
  let view: FollowupView;
  let documents: Awaited<ReturnType<typeof getFollowupDocuments>>;
  try {
    [view, documents] = await Promise.all([getFollowupView(user, id), getFollowupDocuments(user, id)]);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const canVerify = view.canVerify;
  const dates = canVerify ? await getProjectDates(user, id) : null;
  const dateFields = Object.keys(projectDateLabels) as ProjectDateField[];
  return (
    <div className="space-y-6 py-4">
      <header>
        <p className="mb-2 text-sm">
          <Link href={`/gestion/postulaciones/${view.application.id}`} className="text-brand-700 underline underline-offset-4">
            ← Volver al expediente
          </Link>
        </p>
        <p className="text-sm font-semibold text-slate-700">{view.application.number}</p>
        <h1 className="text-3xl font-bold">Seguimiento: {view.application.projectName}</h1>
        <p className="mt-2">
          <Link href={`/gestion/seguimiento/${view.application.id}/prohibiciones`} className="font-semibold text-brand-700 underline underline-offset-4">
            Prohibiciones de las viviendas y solicitudes de venta anticipada
          </Link>
        </p>
      </header>
      <FollowupPanel
        view={view}
        verifySlot={
          canVerify
            ? (milestone) => (
                <ActionForm
                  id={`verificar-${milestone.id}`}
                  title="Verificar en terreno"
                  fixed={{ applicationId: view.application.id, milestoneId: milestone.id }}
                  action={verifyMilestoneAction}
                  submitLabel="Registrar verificación"
                  pendingLabel="Registrando…"
                  doneMessage="Verificación registrada."
                  variant="secondary"
                  fields={[
                    {
                      name: 'outcome',
                      label: 'Resultado de la verificación',
                      options: VERIFICATION_OUTCOMES.map((value) => ({ value, label: verificationOutcomeLabels[value] })),
                    },
                    ...(milestone.kind === 'avance'
                      ? [
                          {
                            name: 'verifiedProgressPercent',
                            label: 'Avance verificado en terreno (%)',
                            hint: `El Comité informó ${Number(milestone.progressPercent).toLocaleString('es-CL')}%. Registre el avance que usted verificó; es el que libera las cuotas.`,
                            inputMode: 'decimal' as const,
                            showWhen: { field: 'outcome', value: 'verificado' },
                          },
                        ]
                      : []),
                    {
                      name: 'finding',
                      label: 'Observación',
                      hint: 'Qué encontró en terreno que no coincide con lo informado. El Comité la verá.',
                      type: 'textarea' as const,
                      showWhen: { field: 'outcome', value: 'observado' },
                    },
                  ]}
                />
              )
            : undefined
        }
        paySlot={
          canVerify
            ? (number) => (
                <ActionForm
                  id={`pagar-${number}`}
                  title={`Pago de la cuota ${number}`}
                  fields={[]}
                  fixed={{ applicationId: view.application.id, number }}
                  action={payInstalmentAction}
                  submitLabel={`Registrar pago de la cuota ${number}`}
                  pendingLabel="Registrando…"
                  doneMessage="Pago registrado."
                />
              )
            : undefined
        }
      />
      <FollowupDocuments slots={documents.slots} />
      {dates ? (
        <section className="rounded border border-slate-300 bg-white p-4">
          <ActionForm
            id="fechas-form"
            title="Registrar fechas del proyecto"
            fixed={{ applicationId: view.application.id }}
            action={updateProjectDatesAction}
            submitLabel="Guardar fechas"
            pendingLabel="Guardando…"
            doneMessage="Fechas registradas."
            fields={dateFields.map((name) => ({
              name,
              label: projectDateLabels[name],
              hint: dates[name] ? `Registrada: ${formatDayText(dates[name])}. Escriba otra fecha solo para corregirla.` : 'Sin registrar. Hoy o una fecha anterior.',
              type: 'date' as const,
            }))}
          >
            <p className="mb-3 text-sm text-slate-700">
              Con la recepción municipal comienza el plazo para el pago del subsidio. Deje vacías las fechas que no cambian.
            </p>
          </ActionForm>
        </section>
      ) : null}
      {canVerify && view.subsidyPayment.receptionOn && !view.subsidyPayment.paidOn ? (
        <section className="rounded border border-slate-300 bg-white p-4">
          <ActionForm
            id="pago-subsidio-form"
            title="Registrar pago del subsidio"
            fixed={{ applicationId: view.application.id }}
            action={recordSubsidyPaymentAction}
            submitLabel="Registrar pago"
            pendingLabel="Registrando…"
            doneMessage="Pago del subsidio registrado: el plazo de pago queda cumplido."
            fields={[
              { name: 'paidOn', label: 'Fecha de pago', type: 'date', hint: `Desde la recepción municipal (${formatDayText(view.subsidyPayment.receptionOn)}) hasta hoy.` },
              { name: 'amountUf', label: 'Monto pagado (UF)', inputMode: 'decimal', hint: 'No puede exceder el subsidio de las viviendas del proyecto.' },
            ]}
          />
        </section>
      ) : null}
      {canVerify && view.loan ? (
        <section className="rounded border border-slate-300 bg-white p-4">
          <ActionForm
            id="garantia-form"
            title="Renovar la garantía de la constructora"
            fixed={{ applicationId: view.application.id }}
            action={renewGuaranteeAction}
            submitLabel="Registrar la garantía renovada"
            pendingLabel="Registrando…"
            doneMessage="Garantía renovada."
            fields={guaranteeFields('Nuevo vencimiento de la garantía')}
          >
            <p className="mb-3 text-sm text-slate-700">
              Vigente hasta el {formatDayText(view.loan.guaranteeExpiresOn)}. Con la garantía vencida no se pagan cuotas.
            </p>
          </ActionForm>
        </section>
      ) : null}
      {canVerify && !view.loan ? (
        <section className="rounded border border-slate-300 bg-white p-4">
          <ActionForm
            id="prestamo-form"
            title="Registrar préstamo de enlace"
            fixed={{ applicationId: view.application.id }}
            action={registerBridgeLoanAction}
            submitLabel="Registrar préstamo"
            pendingLabel="Registrando…"
            doneMessage={`Préstamo registrado con sus cuotas de ${view.bridgeLoanTerms.instalments}.`}
            fields={[
              { name: 'amountUf', label: 'Monto del préstamo (UF)', hint: 'No puede exceder el subsidio de las viviendas del proyecto.', inputMode: 'decimal' },
              { name: 'termMonths', label: 'Plazo (meses)', hint: `Máximo ${view.bridgeLoanTerms.maxMonths} meses.`, inputMode: 'numeric' },
              ...guaranteeFields('Vencimiento de la garantía'),
            ]}
          />
        </section>
      ) : null}
    </div>
  );
}

/** The builder's guarantee, as the loan registers it and as SERVIU records its renewal. */
function guaranteeFields(expiryLabel: string) {
  return [
    { name: 'guaranteeKind', label: 'Garantía de la constructora', options: Object.entries(guaranteeKindLabels).map(([value, label]) => ({ value, label })) },
    { name: 'guaranteeAmountUf', label: 'Monto de la garantía (UF)', inputMode: 'decimal' as const, hint: 'Debe cubrir al menos el monto del préstamo.' },
    { name: 'guaranteeExpiresOn', label: expiryLabel, type: 'date' as const },
  ];
}
