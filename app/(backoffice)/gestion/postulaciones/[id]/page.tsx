import { notFound } from 'next/navigation';
import { AntecedentChecklist } from '@/components/backoffice/review/antecedent-checklist';
import { DocumentViewer } from '@/components/backoffice/review/document-viewer';
import { HistoryList } from '@/components/backoffice/review/history-list';
import { RosterTable } from '@/components/backoffice/review/roster-table';
import { RulesPanel } from '@/components/backoffice/review/rules-panel';
import { requireRole } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { HISTORY_LIMIT, getReviewFile } from '@/lib/dal/review';
import { formatUf } from '@/lib/format';
import { formatSantiagoDateTime } from '@/lib/santiago-time';

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-titulo`} className="scroll-mt-4">
      <h2 id={`${id}-titulo`} className="mb-3 border-b border-slate-300 pb-1 text-2xl font-bold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Figure({ label, value, tone = 'neutral' }: { label: string; value: string; tone?: 'ok' | 'error' | 'warn' | 'neutral' }) {
  const color = { ok: 'text-ok-700', error: 'text-err-700', warn: 'text-warn-800', neutral: 'text-slate-900' }[tone];
  return (
    <div className="rounded border border-slate-300 bg-white p-3">
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd className={`text-xl font-bold ${color}`}>{value}</dd>
    </div>
  );
}

/** "Expediente": the whole file for review. The layout already answered 404 outside the official's scope. */
export default async function ReviewFilePage(props: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id }, search] = await Promise.all([props.params, props.searchParams]);
  const user = await requireRole('reviewer', 'director', 'minvu_admin', 'gore');
  const file = await getReviewFile(user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const base = `/gestion/postulaciones/${file.header.id}`;
  const rosterPage = Number(Array.isArray(search.nomina) ? search.nomina[0] : search.nomina) || 1;
  const onlyPending = (Array.isArray(search.trabajadores) ? search.trabajadores[0] : search.trabajadores) === 'pendientes';
  const failingWorkers = file.workerSummary.total - file.workerSummary.eligible;
  const { checklistSummary: cs, workerSummary: ws } = file;
  return (
    <div className="space-y-10">
      <div>
        <h2 className="sr-only">Resumen</h2>
        <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          <Figure
            label="Antecedentes"
            value={`${cs.presente} de ${cs.presente + cs.falta + cs.problema} presentes`}
            tone={cs.falta + cs.problema === 0 ? 'ok' : 'warn'}
          />
          <Figure label="Requisitos del programa" value={file.eligibility.ok ? 'Cumple' : 'No cumple'} tone={file.eligibility.ok ? 'ok' : 'error'} />
          <Figure label="Trabajadores que cumplen" value={`${ws.eligible} de ${ws.total}`} tone={failingWorkers === 0 && ws.total > 0 ? 'ok' : 'error'} />
          <Figure label="Incorporación confirmada" value={`${ws.incorporated} de ${ws.total}`} tone={ws.incorporated === ws.total && ws.total > 0 ? 'ok' : 'warn'} />
        </dl>
        <nav aria-label="En esta página" className="mt-4 text-sm">
          <ul className="flex flex-wrap gap-x-4 gap-y-1">
            {[
              ['antecedentes', 'Antecedentes'],
              ['requisitos', 'Requisitos del programa'],
              ['nomina', 'Nómina'],
              ['documentos', 'Documentos'],
              ['historial', 'Historial'],
            ].map(([anchor, label]) => (
              <li key={anchor}>
                <a href={`#${anchor}`} className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-4">
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>

      <Section id="antecedentes" title="Antecedentes de la postulación">
        <p className="mb-4 text-slate-700">
          {cs.falta === 0 && cs.problema === 0
            ? 'Todos los antecedentes están presentes. Revise su contenido antes de aprobar.'
            : `${cs.falta} antecedente(s) faltan y ${cs.problema} tienen problemas.`}
        </p>
        <AntecedentChecklist groups={file.checklist} />
      </Section>

      <Section id="requisitos" title="Requisitos del programa">
        {file.dwellings.some((d) => d.count > 0) ? (
          <p className="mb-3 text-sm text-slate-700">
            Viviendas:{' '}
            {file.dwellings
              .filter((d) => d.count > 0)
              .map((d) => `tramo ${d.band}, ${d.count} de ${formatUf(d.priceUf)}`)
              .join('; ')}
            .
          </p>
        ) : null}
        <RulesPanel ok={file.eligibility.ok} zoneLabel={file.eligibility.zoneLabel} rules={file.eligibility.rules} failingWorkers={failingWorkers} />
      </Section>

      <Section id="nomina" title="Nómina">
        <p className="mb-3 text-sm text-slate-700">
          {ws.total} trabajador(es) activos: {ws.union} socios y {ws.nonUnion} no socios; tramo 1: {ws.byBand[1]}, tramo 2: {ws.byBand[2]}, tramo 3: {ws.byBand[3]}.
        </p>
        <RosterTable workers={file.workers} base={base} page={rosterPage} onlyPending={onlyPending} />
      </Section>

      <Section id="documentos" title="Documentos">
        {file.documents.length === 0 ? (
          <p className="text-slate-700">No se subieron documentos.</p>
        ) : (
          <ul className="space-y-4">
            {file.documents.map((doc) => (
              <li key={doc.id} className="rounded border border-slate-300 bg-white p-3">
                <p className="font-semibold">{doc.label}</p>
                <p className="text-sm text-slate-700">
                  Subido el {formatSantiagoDateTime(doc.uploadedAt)}
                  {doc.issuedOn ? ` · emitido el ${doc.issuedOn.split('-').reverse().join('-')}` : ''}
                </p>
                <DocumentViewer document={doc} />
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="historial" title="Historial">
        <HistoryList entries={file.history} truncated={file.historyTruncated} limit={HISTORY_LIMIT} />
      </Section>
    </div>
  );
}
