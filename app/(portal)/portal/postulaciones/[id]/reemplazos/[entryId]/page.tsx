import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ReplacementForm } from '@/components/applications/observations/replacement-form';
import { requireRole } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { DomainError } from '@/lib/actions/result';
import { getReplacementTarget } from '@/lib/dal/replacements';
import { formatRut } from '@/lib/domain/rut';
import { formatSantiagoDateTime } from '@/lib/santiago-time';
import { proposeReplacementAction } from '../actions';

export const metadata: Metadata = { title: 'Proponer reemplazante' };

export default async function ProposeReplacementPage(props: { params: Promise<{ id: string; entryId: string }> }) {
  const { id, entryId } = await props.params;
  const user = await requireRole('org_rep');
  const target = await getReplacementTarget(user, id, entryId).catch((error: unknown) => {
    if (error instanceof NotFoundError || error instanceof DomainError) notFound();
    throw error;
  });
  const back = `/portal/postulaciones/${target.applicationId}/reemplazos`;
  return (
    <div className="space-y-6">
      <div>
        <p>
          <Link href={back} className="text-brand-700 underline underline-offset-4">
            Reemplazos
          </Link>
        </p>
        <h2 className="mt-1 text-2xl font-bold">Reemplazante de {target.name}</h2>
        <p className="mt-1 text-slate-700">
          RUT {formatRut(target.rut)} · tramo {target.band}
          {target.deadlineAt ? ` · plazo hasta el ${formatSantiagoDateTime(target.deadlineAt)}` : ''}
        </p>
        <p className="mt-2 max-w-3xl rounded border-l-4 border-brand-600 bg-brand-50 p-3">Requisitos: {target.requirements}</p>
      </div>
      {target.blockedReason ? (
        <p className="rounded border-l-4 border-slate-700 bg-slate-100 p-3" data-testid="reemplazos-bloqueados">
          {target.blockedReason}
        </p>
      ) : (
        <ReplacementForm
          applicationId={target.applicationId}
          replacedEntryId={target.entryId}
          replacedName={target.name}
          band={target.band}
          cancelHref={back}
          action={proposeReplacementAction}
        />
      )}
    </div>
  );
}
