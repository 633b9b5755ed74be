import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { ButtonLink } from '@/components/ui/button';
import { StatusTag } from '@/components/ui/status-tag';
import { requireRole } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { getReplacementsView } from '@/lib/dal/replacements';
import type { ReplacementEntryDto } from '@/lib/dal/replacements';
import { formatRut } from '@/lib/domain/rut';
import { formatSantiagoDateTime } from '@/lib/santiago-time';

export const metadata: Metadata = { title: 'Reemplazos de trabajadores' };

function Situation({ entry }: { entry: ReplacementEntryDto }) {
  if (entry.status === 'reemplazado')
    return (
      <>
        <StatusTag tone="neutral">Reemplazado</StatusTag>
        {entry.replacedBy ? <span className="ml-2 text-sm">por {entry.replacedBy}</span> : null}
      </>
    );
  if (entry.isReplacement)
    return (
      <>
        <StatusTag tone="info">Reemplazante</StatusTag>
        {entry.replaces ? <span className="ml-2 text-sm">de {entry.replaces}</span> : null}
      </>
    );
  return <StatusTag tone="ok">Activo</StatusTag>;
}

export default async function ReplacementsPage(props: { params: Promise<{ id: string }>; searchParams: Promise<{ aviso?: string }> }) {
  const { id } = await props.params;
  const { aviso } = await props.searchParams;
  const user = await requireRole('worker', 'org_rep', 'employer_rep', 'sponsor');
  if (user.role === 'worker') redirect(`/portal/postulaciones/${id}/estado`);
  const view = await getReplacementsView(user, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const base = `/portal/postulaciones/${view.application.id}`;
  return (
    <div className="space-y-6">
      <div>
        <h2 className="text-2xl font-bold">Reemplazos de trabajadores</h2>
        <p className="mt-1 max-w-3xl text-slate-700">
          Durante el plazo para subsanar observaciones, la organización puede reemplazar hasta el {view.maxShare} de los trabajadores presentados. Quien
          reemplaza debe cumplir los requisitos y el ahorro mínimo del tramo del trabajador reemplazado, y recibe ese mismo tramo.
        </p>
      </div>
      {aviso === 'reemplazo' ? (
        <p role="status" className="rounded border-l-4 border-ok-700 bg-ok-50 p-3 font-semibold" data-testid="aviso-reemplazo">
          Reemplazo registrado. SERVIU lo revisará junto con la subsanación.
        </p>
      ) : null}
      <dl className="max-w-xl space-y-1">
        <div className="flex flex-wrap justify-between gap-x-6">
          <dt className="font-semibold">Trabajadores presentados</dt>
          <dd className="tabular-nums">{view.presented}</dd>
        </div>
        <div className="flex flex-wrap justify-between gap-x-6">
          <dt className="font-semibold">Reemplazos usados</dt>
          <dd className="tabular-nums" data-testid="reemplazos-usados">
            {view.used} de {view.max}
          </dd>
        </div>
        {view.deadlineAt ? (
          <div className="flex flex-wrap justify-between gap-x-6">
            <dt className="font-semibold">Plazo</dt>
            <dd>{formatSantiagoDateTime(view.deadlineAt)}</dd>
          </div>
        ) : null}
      </dl>
      {view.blockedReason ? (
        <p className="rounded border-l-4 border-slate-700 bg-slate-100 p-3" data-testid="reemplazos-bloqueados">
          {view.blockedReason}
        </p>
      ) : null}
      <section aria-labelledby="nomina-title">
        <h3 id="nomina-title" className="text-lg font-bold">
          Nómina
        </h3>
        <ul className="mt-2 divide-y divide-slate-300 border-y border-slate-300" data-testid="nomina-reemplazos">
          {view.entries.map((e) => (
            <li key={e.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div className="min-w-0">
                <p className="font-semibold">{e.name}</p>
                <p className="text-sm text-slate-700">
                  RUT {formatRut(e.rut)} · tramo {e.band}
                </p>
                <p className="mt-1">
                  <Situation entry={e} />
                </p>
              </div>
              {view.canPropose && e.status === 'activo' ? (
                <ButtonLink href={`${base}/reemplazos/${e.id}`} variant="secondary">
                  Reemplazar<span className="sr-only"> a {e.name}</span>
                </ButtonLink>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <p>
        <Link href={`${base}/observaciones`} className="text-brand-700 underline underline-offset-4">
          Volver a las observaciones
        </Link>
      </p>
    </div>
  );
}
