import type { Metadata } from 'next';
import Link from 'next/link';
import { ApplicationTable } from '@/components/applications/application-table';
import { OneButtonForm } from '@/components/auth/one-button-form';
import { ButtonLink } from '@/components/ui/button';
import { roleLabels } from '@/lib/auth/permissions';
import { requireRole } from '@/lib/auth/session';
import { listApplications } from '@/lib/dal/applications';
import { formatRut } from '@/lib/domain/rut';
import { listMyPendingInvitations } from '@/lib/dal/invitations';
import { getMyOrganization } from '@/lib/dal/organizations';
import { getWorkerIdentity } from '@/lib/dal/worker-identity';
import { formatSantiagoDateTime } from '@/lib/santiago-time';

import { resendEmailVerificationAction } from './actions';

export const metadata: Metadata = { title: 'Mi panel' };

const intro: Record<string, string> = {
  org_rep: 'Desde aquí su organización prepara y envía sus postulaciones, gestiona la nómina y responde observaciones.',
  employer_rep: 'Aquí ve las postulaciones en que participa su empresa y completa los compromisos del empleador: terreno, aportes y convenio.',
  sponsor: 'Aquí ve los proyectos en que participa como entidad patrocinante o constructora y completa sus antecedentes técnicos.',
  worker: 'Aquí ve el estado de la postulación en que figura y confirma que conoce el proyecto.',
};

export default async function PortalDashboard() {
  const user = await requireRole('worker', 'org_rep', 'employer_rep', 'sponsor');
  const [rows, invitations, organization, identity] = await Promise.all([
    listApplications(user),
    listMyPendingInvitations(user),
    user.role === 'org_rep' ? getMyOrganization(user) : Promise.resolve(null),
    user.role === 'worker' ? getWorkerIdentity(user) : Promise.resolve(null),
  ]);
  return (
    <div className="space-y-8">
      <div>
        <p className="text-sm font-semibold uppercase tracking-wide text-slate-600">{roleLabels[user.role]}</p>
        <h1 className="mb-3 text-3xl font-bold">Hola, {user.name.split(' ')[0]}</h1>
        <p className="max-w-2xl text-lg text-slate-700">{intro[user.role]}</p>
      </div>

      {user.role === 'org_rep' ? (
        organization ? (
          <section aria-labelledby="siguiente" className="rounded-lg border border-slate-300 p-4">
            <h2 id="siguiente" className="mb-1 text-xl font-bold">
              {organization.name}
            </h2>
            <p className="mb-4 text-slate-700">Cree una postulación en un llamado abierto e invite al empleador y a la entidad patrocinante.</p>
            <div className="flex flex-wrap gap-3">
              <ButtonLink href="/portal/postulaciones/nueva">Nueva postulación</ButtonLink>
              <ButtonLink href="/portal/organizacion" variant="secondary">
                Mi organización e invitaciones
              </ButtonLink>
            </div>
          </section>
        ) : (
          <section aria-labelledby="siguiente" className="rounded-lg border-l-4 border-brand-600 bg-brand-50 p-4">
            <h2 id="siguiente" className="mb-1 text-xl font-bold">
              Primer paso: registre su organización
            </h2>
            <p className="mb-4 text-slate-700">Con el RUT y la personalidad jurídica del sindicato o asociación gremial podrá crear postulaciones.</p>
            <ButtonLink href="/portal/organizacion">Registrar organización</ButtonLink>
          </section>
        )
      ) : null}

      {invitations.length > 0 ? (
        <section aria-labelledby="invitaciones-pendientes" className="rounded-lg border-l-4 border-warn-800 bg-warn-50 p-4">
          <h2 id="invitaciones-pendientes" className="mb-2 text-xl font-bold">
            {invitations.length === 1 ? 'Tiene una invitación pendiente' : `Tiene ${invitations.length} invitaciones pendientes`}
          </h2>
          <ul className="mb-2 space-y-2">
            {invitations.map((i) => (
              <li key={i.id}>
                {i.invitedByName}, de <strong>{i.organizationName}</strong>, le invita como {i.kindLabel}
                {i.projectName ? (
                  <>
                    {' '}
                    en «{i.projectName}» ({i.applicationNumber})
                  </>
                ) : null}
                . Vence el {formatSantiagoDateTime(i.expiresAt)}.
              </li>
            ))}
          </ul>
          <p className="text-sm text-slate-700">Para aceptar, abra el enlace del correo de invitación que le enviamos a {user.email}.</p>
        </section>
      ) : null}

      {identity && !identity.emailVerified && !identity.rutVerified ? (
        <section aria-labelledby="confirmar-correo" className="rounded-lg border-l-4 border-warn-800 bg-warn-50 p-4" data-testid="worker-confirm-email">
          <h2 id="confirmar-correo" className="mb-1 text-xl font-bold">
            Confirme su correo para ver su postulación
          </h2>
          <p className="mb-3 text-slate-700">
            Le enviamos un enlace a <strong>{identity.email}</strong>. Su cuenta verá la postulación cuando confirme ese correo y su
            organización lo haya registrado en su fila de la nómina; así nadie puede ver sus datos escribiendo su RUT. También puede ingresar
            con ClaveÚnica.
          </p>
          <OneButtonForm action={resendEmailVerificationAction} label="Enviar el enlace de nuevo" pendingLabel="Enviando…" variant="secondary" />
        </section>
      ) : null}

      {user.role === 'worker' && rows.length === 0 && (identity?.emailVerified || identity?.rutVerified) ? (
        <section aria-labelledby="sin-postulacion" className="rounded-lg border-l-4 border-brand-600 bg-brand-50 p-4" data-testid="worker-not-listed">
          <h2 id="sin-postulacion" className="mb-1 text-xl font-bold">
            Aún no figura en una nómina
          </h2>
          <p className="text-slate-700">
            No hay una postulación con su RUT{user.rut ? ` (${formatRut(user.rut)})` : ''}
            {identity?.rutVerified ? '' : ` y su correo (${identity?.email ?? user.email})`} en una nómina de trabajadores. Cuando su sindicato
            o asociación le incluya{identity?.rutVerified ? '' : ' con este correo'}, verá aquí la postulación y podrá confirmar que conoce el
            proyecto. Si cree que es un error, consulte a la directiva de su organización.
          </p>
        </section>
      ) : null}

      {user.role === 'worker' && rows.length > 0 ? (
        <section aria-labelledby="mi-postulacion" className="rounded-lg border border-slate-300 p-4">
          <h2 id="mi-postulacion" className="mb-2 text-xl font-bold">
            Su postulación
          </h2>
          <ul className="space-y-3">
            {rows.map((r) => (
              <li key={r.id}>
                <p className="mb-2">
                  «{r.projectName}», de {r.organizationName} ({r.number}).
                </p>
                <div className="flex flex-wrap gap-3">
                  <ButtonLink href={`/portal/postulaciones/${r.id}/incorporacion`}>Confirmar que conozco el proyecto</ButtonLink>
                  <Link href={`/portal/postulaciones/${r.id}`} className="self-center font-semibold text-brand-700 underline underline-offset-4">
                    Ver el estado de la postulación
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {/* A worker with nothing to show already reads why above; an empty table would only repeat it. */}
      {user.role !== 'worker' || rows.length > 0 ? (
        <ApplicationTable rows={rows} basePath="/portal/postulaciones" caption={user.role === 'worker' ? 'Mi postulación' : 'Postulaciones'} />
      ) : null}
    </div>
  );
}
