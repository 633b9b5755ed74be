import type { Metadata } from 'next';
import { ButtonLink } from '@/components/ui/button';
import { NewApplicationForm } from '@/components/organization/new-application-form';
import { requireRole } from '@/lib/auth/session';
import { listOpenCallsNow } from '@/lib/dal/application-create';
import { getMyOrganization } from '@/lib/dal/organizations';
import { formatSantiagoDateTime } from '@/lib/santiago-time';
import { createApplicationAction } from './actions';

export const metadata: Metadata = { title: 'Nueva postulación' };

export default async function NewApplicationPage() {
  const user = await requireRole('org_rep');
  const organization = await getMyOrganization(user);
  if (!organization) {
    return (
      <div className="max-w-2xl">
        <h1 className="mb-4 text-3xl font-bold">Nueva postulación</h1>
        <p className="mb-6 text-lg text-slate-700">Antes de postular, registre la organización que representa: la postulación se presenta a su nombre.</p>
        <ButtonLink href="/portal/organizacion">Registrar organización</ButtonLink>
      </div>
    );
  }
  const calls = await listOpenCallsNow();
  return (
    <div className="max-w-2xl">
      <h1 className="mb-2 text-3xl font-bold">Nueva postulación</h1>
      <p className="mb-6 text-lg text-slate-700">
        {organization.name} presentará un proyecto habitacional. Se crea en borrador: después completará sus secciones junto al
        empleador y la entidad patrocinante.
      </p>
      {calls.length === 0 ? (
        <p role="status" className="border-l-4 border-warn-800 bg-warn-50 p-4">
          No hay llamados abiertos en este momento. Revise el cronograma para saber cuándo abre el próximo.
        </p>
      ) : (
        <NewApplicationForm
          action={createApplicationAction}
          calls={calls.map((c) => ({ id: c.id, name: c.name, closesLabel: `Recibe postulaciones hasta el ${formatSantiagoDateTime(c.closesAt)}` }))}
        />
      )}
    </div>
  );
}
