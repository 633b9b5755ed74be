import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { ActionForm } from '@/components/followup/action-form';
import { SelectionResultView } from '@/components/followup/selection-result';
import { Button } from '@/components/ui/button';
import { SelectField } from '@/components/ui/field';
import { Table } from '@/components/ui/table';
import { requireRole } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { getSelectionOverview, listSelectionCalls } from '@/lib/dal/selection';
import type { SelectionOverviewDto } from '@/lib/dal/selection';
import { formatUf } from '@/lib/format';
import { formatSantiagoDateTime } from '@/lib/santiago-time';
import { SOURCES } from '@/lib/domain/explain';
import { confirmSelectionAction, previewSelectionAction, recordSelectionPublicationAction } from './actions';

export const metadata: Metadata = { title: 'Selección nacional' };

export default async function SelectionPage(props: { searchParams: Promise<{ llamado?: string }> }) {
  const user = await requireRole('minvu_admin');
  const { llamado } = await props.searchParams;
  const calls = await listSelectionCalls(user);
  // By default, the call whose approved projects are waiting for their selection.
  const callId = llamado ?? calls.find((c) => c.approved > 0 && !c.hasConfirmedRun)?.id ?? calls.find((c) => c.status === 'abierto')?.id ?? calls[0]?.id;
  // The call goes into the address, so the page stays on it after a preview or a confirmation changes the default.
  if (!llamado && callId) redirect(`/gestion/seleccion?llamado=${callId}`);
  let overview: SelectionOverviewDto | null = null;
  if (callId) {
    try {
      overview = await getSelectionOverview(user, callId);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  const names = overview?.names ?? {};
  return (
    <div className="space-y-8 py-4">
      <header>
        <h1 className="text-3xl font-bold">Selección nacional</h1>
        <p className="max-w-3xl text-slate-800">
          Los proyectos aprobados técnicamente de todas las regiones se ordenan por puntaje del grupo y se seleccionan hasta
          completar los recursos del llamado (D.S. N°1 art. 65; {SOURCES.selection}).
        </p>
      </header>

      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Elegir llamado">
        <SelectField
          id="llamado"
          name="llamado"
          label="Llamado"
          defaultValue={callId}
          options={calls.map((c) => ({ value: c.id, label: `${c.code} — ${c.name}${c.hasConfirmedRun ? ' (selección confirmada)' : c.approved > 0 ? ` (${c.approved} aprobados)` : ''}` }))}
        />
        <Button type="submit" variant="secondary" className="mb-4">
          Ver llamado
        </Button>
      </form>

      {!overview ? (
        <p>No se encontró el llamado.</p>
      ) : (
        <>
          <p>
            <Link href={`/gestion/llamados/${overview.call.id}/parametros`} className="font-semibold text-brand-700 underline underline-offset-4">
              Parámetros de este llamado (tablas de puntaje y topes de ingresos)
            </Link>
          </p>
          {overview.unsetScoreParameters.length > 0 ? (
            <div className="border-l-4 border-warn-800 bg-warn-50 p-4" data-testid="parametros-sin-definir">
              <h2 className="font-bold">Faltan {overview.unsetScoreParameters.length} valores de la tabla de puntaje</h2>
              <p>
                Los puntajes de D.S. N°1 art. 65 de este llamado aún no se han ingresado: se cuentan como 0 y los grupos empatados
                se ordenan por fecha de ingreso. Ingréselos desde el decreto antes de una selección real.
              </p>
              <details className="mt-2">
                <summary className="cursor-pointer text-brand-700 underline">Ver valores sin definir</summary>
                <ul className="list-disc pl-5 text-sm">
                  {overview.unsetScoreParameters.map((p) => (
                    <li key={p.id}>{p.label}</li>
                  ))}
                </ul>
              </details>
            </div>
          ) : null}
          {overview.notReady.length > 0 ? (
            <div role="status" className="border-l-4 border-warn-800 bg-warn-50 p-4" data-testid="seleccion-no-lista">
              <h2 className="font-bold">Todavía no se puede confirmar la selección</h2>
              <ul className="list-disc pl-5">
                {overview.notReady.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
              <p className="mt-1 text-sm">La vista previa sirve para revisar el orden; la confirmación espera el cierre y la decisión de cada expediente.</p>
            </div>
          ) : null}
          {overview.draftOutdated ? (
            <p role="status" className="border-l-4 border-warn-800 bg-warn-50 p-4" data-testid="vista-previa-desactualizada">
              Los parámetros del llamado cambiaron después de la última vista previa: vuelva a previsualizar antes de confirmar.
            </p>
          ) : null}

          <section aria-labelledby="aprobados">
            <h2 id="aprobados" className="sr-only">
              Proyectos aprobados técnicamente
            </h2>
            <Table
              caption={`Proyectos aprobados técnicamente (${overview.candidates.length})`}
              rows={overview.candidates}
              rowKey={(c) => c.applicationId}
              empty="No hay proyectos aprobados técnicamente en este llamado."
              columns={[
                { key: 'n', header: 'N°', cell: (c) => c.number },
                {
                  key: 'p',
                  header: 'Proyecto',
                  cell: (c) => (
                    <>
                      <span className="font-semibold">{c.projectName}</span>
                      <span className="block text-sm text-slate-700">{c.organizationName}</span>
                      {c.excludedReason ? <span className="block text-sm text-err-700">{c.excludedReason}</span> : null}
                    </>
                  ),
                },
                { key: 'c', header: 'Comuna y región', cell: (c) => `${c.comunaName ?? '—'}, ${c.regionName ?? '—'}` },
                { key: 'd', header: 'Viviendas', cell: (c) => c.dwellings, numeric: true },
                { key: 'u', header: 'Subsidio', cell: (c) => formatUf(c.subsidyUf), numeric: true },
                {
                  key: 's',
                  header: 'Puntaje',
                  numeric: true,
                  cell: (c) => (
                    <>
                      {c.scoreDisplay ?? '—'}
                      <span className="block text-sm text-slate-700">{c.eligibleCount} hábiles</span>
                    </>
                  ),
                },
              ]}
            />
          </section>

          {overview.confirmed ? (
            <section aria-labelledby="confirmada" className="space-y-4">
              <h2 id="confirmada" className="text-2xl font-bold">
                Selección confirmada
              </h2>
              <p className="border-l-4 border-ok-700 bg-ok-50 p-4" role="status">
                Resolución: {overview.confirmed.resolutionNumber}, del {overview.confirmed.resolutionDate?.split('-').reverse().join('-')}
                {overview.confirmed.confirmedAt ? `, confirmada el ${formatSantiagoDateTime(overview.confirmed.confirmedAt)}` : ''}. La
                selección es definitiva y no puede modificarse.
              </p>
              <p className="text-sm text-slate-700">
                Reglas {overview.confirmed.ruleVersion} · huella de los datos (SHA-256) <span className="break-all font-mono">{overview.confirmed.inputHash}</span>
              </p>
              {overview.confirmed.publishedOn ? (
                <p data-testid="seleccion-publicada">
                  Publicada en el Diario Oficial el {overview.confirmed.publishedOn.split('-').reverse().join('-')}.
                </p>
              ) : (
                <div className="rounded border border-slate-300 bg-white p-4">
                  <ActionForm
                    id="publicacion-form"
                    title="Registrar la publicación"
                    fixed={{ runId: overview.confirmed.id }}
                    action={recordSelectionPublicationAction}
                    submitLabel="Registrar publicación"
                    pendingLabel="Registrando…"
                    doneMessage="Publicación registrada: corren los plazos de inscripción en el CBR."
                    fields={[{ name: 'publishedOn', label: 'Fecha de publicación en el Diario Oficial', type: 'date' }]}
                  >
                    <p className="mb-3 text-sm text-slate-700">
                      Desde esta fecha corren los plazos de inscripción en el Conservador de Bienes Raíces de los proyectos seleccionados. Se registra una
                      sola vez.
                    </p>
                  </ActionForm>
                </div>
              )}
              <SelectionResultView result={overview.confirmed.result} names={names} />
            </section>
          ) : (
            <>
              <section aria-labelledby="previsualizar" className="rounded border border-slate-300 bg-white p-4">
                <h2 id="previsualizar" className="sr-only">
                  Previsualizar
                </h2>
                <ActionForm
                  id="previsualizar-form"
                  title="Previsualizar la selección"
                  fixed={{ callId: overview.call.id }}
                  action={previewSelectionAction}
                  submitLabel="Previsualizar"
                  pendingLabel="Calculando…"
                  doneMessage="Vista previa calculada y guardada como borrador."
                  fields={[
                    {
                      name: 'budgetUf',
                      label: 'Presupuesto para esta selección (UF, opcional)',
                      hint: `Déjelo vacío para usar el del llamado: ${formatUf(overview.call.budgetUf)}. Solo puede ser menor.`,
                      inputMode: 'decimal',
                    },
                    {
                      name: 'maxDwellings',
                      label: 'Cupo de viviendas para esta selección (opcional)',
                      hint: `Déjelo vacío para usar el del llamado: ${overview.call.maxDwellings} viviendas.`,
                      inputMode: 'numeric',
                    },
                  ]}
                />
              </section>
              {overview.latestDraft ? (
                <section aria-labelledby="vista-previa" className="space-y-4">
                  <h2 id="vista-previa" className="text-2xl font-bold">
                    Vista previa (borrador)
                  </h2>
                  <p className="text-sm text-slate-700">
                    Calculada el {formatSantiagoDateTime(overview.latestDraft.createdAt)} · presupuesto {formatUf(overview.latestDraft.parameters.budgetUf)}
                    {overview.latestDraft.parameters.overridden ? ` (menor que el del llamado: ${formatUf(overview.latestDraft.parameters.callBudgetUf)})` : ''} ·
                    reglas {overview.latestDraft.ruleVersion} · huella <span className="break-all font-mono">{overview.latestDraft.inputHash.slice(0, 16)}…</span>
                  </p>
                  <SelectionResultView result={overview.latestDraft.result} names={names} />
                  <div className="rounded border border-slate-300 bg-white p-4">
                    <ActionForm
                      id="confirmar-form"
                      title="Confirmar selección"
                      fixed={{ runId: overview.latestDraft.id }}
                      action={confirmSelectionAction}
                      submitLabel="Confirmar selección"
                      pendingLabel="Confirmando…"
                      doneMessage="Selección confirmada."
                      fields={[
                        { name: 'resolutionNumber', label: 'Número de la resolución', hint: 'Por ejemplo: Res. Ex. N° 1234.' },
                        { name: 'resolutionDate', label: 'Fecha de la resolución', type: 'date' },
                        {
                          name: 'publishedOn',
                          label: 'Fecha de publicación en el Diario Oficial (si ya se publicó)',
                          type: 'date',
                          hint: 'Desde ella corren los plazos de inscripción en el CBR. Si aún no se publica, regístrela después.',
                        },
                      ]}
                    >
                      <p className="mb-4">
                        Al confirmar, los proyectos seleccionados pasan a «Seleccionada» y los demás —incluidos los que no pueden
                        ordenarse— a «No seleccionada», y se avisa a los participantes con el motivo. Antes se recalcula la selección con los mismos datos: si algo cambió, no se confirma. No se puede
                        deshacer.
                      </p>
                    </ActionForm>
                  </div>
                </section>
              ) : null}
            </>
          )}
        </>
      )}
    </div>
  );
}
