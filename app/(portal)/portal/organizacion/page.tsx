import type { Metadata } from 'next';
import Link from 'next/link';
import { OrganizationForm } from '@/components/organization/organization-form';
import { InvitationTable } from '@/components/organization/invitation-table';
import { PeopleList } from '@/components/organization/party-card';
import { ButtonLink } from '@/components/ui/button';
import { StatusTag } from '@/components/ui/status-tag';
import { requireRole } from '@/lib/auth/session';
import { formatRut } from '@/lib/domain/rut';
import { getMyOrganizationWorkspace } from '@/lib/dal/organizations';
import type { InvitationDto } from '@/lib/dal/invitations';
import type { PartyEntityDto } from '@/lib/dal/organizations';
import { listComunas } from '@/lib/dal/territory';
import { applicationStatusLabels, applicationStatusTones } from '@/lib/labels';
import { formatSantiagoDate } from '@/lib/santiago-time';
import { organizationKindLabels } from '@/lib/validations/organization';
import { createOrganizationAction, revokeInvitationAction } from './actions';

export const metadata: Metadata = { title: 'Mi organización' };

function partyName(entity: PartyEntityDto | null, pending: InvitationDto | undefined): string {
  if (!entity) return pending ? `Invitación pendiente a ${pending.email}` : 'Sin invitar';
  const people = entity.people.map((p) => p.name).join(', ');
  return people ? `${entity.name} (${people})` : entity.name;
}

export default async function OrganizationPage() {
  const user = await requireRole('org_rep');
  const workspace = await getMyOrganizationWorkspace(user);

  if (!workspace) {
    const comunas = await listComunas();
    return (
      <div>
        <h1 className="mb-2 text-3xl font-bold">Registrar organización</h1>
        <p className="mb-6 max-w-2xl text-lg text-slate-700">
          Registre el sindicato o la asociación gremial que representa. Quedará como su representante y podrá crear postulaciones
          e invitar al empleador, a la entidad patrocinante y a la constructora.
        </p>
        <OrganizationForm
          action={createOrganizationAction}
          comunas={comunas.map((c) => ({ code: c.code, name: c.name, regionCode: c.regionCode, regionName: c.regionName }))}
        />
      </div>
    );
  }

  const { organization: org, members, applications, invitations } = workspace;
  const pendingOf = (applicationId: string, kind: InvitationDto['kind']) =>
    invitations.find((i) => i.applicationId === applicationId && i.kind === kind && i.state === 'pendiente');
  return (
    <div className="space-y-10">
      <div>
        <p className="text-sm font-semibold uppercase tracking-wide text-slate-600">{organizationKindLabels[org.kind]}</p>
        <h1 className="mb-4 text-3xl font-bold">{org.name}</h1>
        <dl className="grid max-w-2xl gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="font-semibold">RUT</dt>
          <dd>{formatRut(org.rut)}</dd>
          <dt className="font-semibold">Personalidad jurídica</dt>
          <dd>
            {org.legalPersonalityNumber ?? '—'}
            {org.legalPersonalityDate ? `, otorgada el ${formatSantiagoDate(new Date(`${org.legalPersonalityDate}T12:00:00Z`))}` : ''}
            {org.legalPersonalityAuthority ? ` por ${org.legalPersonalityAuthority}` : ''}
          </dd>
          <dt className="font-semibold">Domicilio</dt>
          <dd>{[org.comunaName, org.regionName].filter(Boolean).join(', ') || '—'}</dd>
        </dl>
        <div className="mt-6">
          <ButtonLink href="/portal/postulaciones/nueva">Nueva postulación</ButtonLink>
        </div>
      </div>

      <section aria-labelledby="miembros">
        <h2 id="miembros" className="mb-3 text-2xl font-bold">
          Miembros de la organización
        </h2>
        <PeopleList people={members} />
      </section>

      <section aria-labelledby="postulaciones">
        <h2 id="postulaciones" className="mb-3 text-2xl font-bold">
          Postulaciones y participantes
        </h2>
        {applications.length === 0 ? (
          <p className="text-slate-700">
            Aún no tiene postulaciones.{' '}
            <Link href="/portal/postulaciones/nueva" className="font-semibold text-brand-700 underline underline-offset-4">
              Cree la primera
            </Link>
            .
          </p>
        ) : (
          <ul className="space-y-4">
            {applications.map((a) => (
              <li key={a.applicationId} className="rounded-lg border border-slate-300 p-4">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="text-lg font-semibold">
                    <Link href={`/portal/postulaciones/${a.applicationId}`} className="text-brand-700 underline underline-offset-4">
                      {a.number}
                    </Link>{' '}
                    · {a.projectName}
                  </h3>
                  <StatusTag tone={applicationStatusTones[a.status]}>{applicationStatusLabels[a.status]}</StatusTag>
                </div>
                <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
                  <dt className="font-semibold">Empleador</dt>
                  <dd className="break-words">{partyName(a.employer, pendingOf(a.applicationId, 'employer_rep'))}</dd>
                  <dt className="font-semibold">Entidad patrocinante</dt>
                  <dd className="break-words">{partyName(a.sponsor, pendingOf(a.applicationId, 'sponsor'))}</dd>
                  <dt className="font-semibold">Constructora</dt>
                  <dd className="break-words">{partyName(a.builder, pendingOf(a.applicationId, 'builder'))}</dd>
                </dl>
                <p className="mt-3">
                  <Link
                    href={`/portal/organizacion/postulaciones/${a.applicationId}`}
                    className="font-semibold text-brand-700 underline underline-offset-4"
                  >
                    Participantes e invitaciones<span className="sr-only"> de {a.number}</span>
                  </Link>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <InvitationTable rows={invitations} caption="Invitaciones enviadas" showApplication revokeAction={revokeInvitationAction} />
    </div>
  );
}
