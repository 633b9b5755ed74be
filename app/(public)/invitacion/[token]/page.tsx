import type { Metadata } from 'next';
import Link from 'next/link';
import { InvitationSummary } from '@/components/organization/invitation-summary';
import { ConfirmAcceptButton, EmployerAcceptForm, SponsorAcceptForm } from '@/components/organization/accept-invitation-form';
import { buttonClass } from '@/components/ui/button';
import { roleLabels } from '@/lib/auth/permissions';
import { getSessionUser } from '@/lib/auth/session';
import { signOutAction } from '@/lib/auth/sign-in';
import { getInvitationForToken, invitationRole } from '@/lib/dal/invitations';
import { getMyRepresentedEntity } from '@/lib/dal/organizations';
import { sponsorKindLabels } from '@/lib/validations/organization';
import { acceptEmployerInvitationAction, acceptSponsorInvitationAction } from './actions';

export const metadata: Metadata = { title: 'Invitación', referrer: 'no-referrer' };

const partyRole: Record<string, string> = {
  employer_rep: 'empleador',
  sponsor: 'entidad patrocinante',
  builder: 'constructora',
  org_member: 'organización',
};

function Refusal({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="max-w-2xl">
      <h1 className="mb-4 text-3xl font-bold">{title}</h1>
      <div role="alert" className="mb-6 border-l-4 border-err-700 bg-err-50 p-4 text-lg">
        {children}
      </div>
    </div>
  );
}

export default async function InvitationPage(props: { params: Promise<{ token: string }> }) {
  const { token } = await props.params;
  const invitation = await getInvitationForToken(token);
  if (invitation.state !== 'pendiente') {
    return (
      <Refusal title="No se puede usar esta invitación">
        <p>{invitation.message}</p>
      </Refusal>
    );
  }
  const here = `/invitacion/${token}`;
  const user = await getSessionUser();

  if (!user) {
    return (
      <div className="max-w-2xl">
        <h1 className="mb-4 text-3xl font-bold">Invitación a una postulación</h1>
        <InvitationSummary invitation={invitation} />
        <p className="mb-4 text-lg">Para aceptarla, ingrese con su cuenta del portal o cree una con el correo {invitation.email}.</p>
        <div className="flex flex-wrap gap-3">
          <Link href={`/ingresar?callbackUrl=${encodeURIComponent(here)}`} className={buttonClass('primary')}>
            Ingresar
          </Link>
          <Link href={`/registro?invitacion=${encodeURIComponent(token)}`} className={buttonClass('secondary')}>
            Crear cuenta
          </Link>
        </div>
      </div>
    );
  }

  if (user.email.toLowerCase() !== invitation.email) {
    return (
      <div className="max-w-2xl">
        <Refusal title="Esta invitación es para otra cuenta">
          <p>
            La invitación fue enviada a <strong className="break-all">{invitation.email}</strong> y usted ingresó como{' '}
            <strong className="break-all">{user.email}</strong>. Solo la persona invitada puede aceptarla.
          </p>
        </Refusal>
        <p className="mb-4">Cierre sesión e ingrese, o cree una cuenta, con el correo al que llegó la invitación.</p>
        <form action={signOutAction}>
          <button type="submit" className={buttonClass('secondary')}>
            Cerrar sesión
          </button>
        </form>
      </div>
    );
  }

  const expectedRole = invitationRole(invitation.kind);
  if (user.role !== expectedRole) {
    return (
      <Refusal title="Su cuenta no puede aceptar esta invitación">
        <p>
          Su cuenta es de {roleLabels[user.role].toLowerCase()} y la invitación es para participar como {invitation.kindLabel}. Pida a{' '}
          {invitation.organizationName} que invite a otra persona o a otro correo.
        </p>
      </Refusal>
    );
  }

  const isEmployer = invitation.kind === 'employer_rep';
  const entity = await getMyRepresentedEntity(user, isEmployer ? 'employer' : 'sponsor');
  const allowedSponsorKinds: readonly string[] = invitation.kind === 'builder' ? ['constructora'] : ['entidad_patrocinante', 'entidad_gestora'];
  if (entity && !isEmployer && !allowedSponsorKinds.includes(entity.kind)) {
    return (
      <Refusal title="Su entidad no corresponde a esta invitación">
        <p>
          Usted representa a {entity.name}, registrada como {sponsorKindLabels[entity.kind as keyof typeof sponsorKindLabels].toLowerCase()}, y la
          invitación es para participar como {invitation.kindLabel}.
        </p>
      </Refusal>
    );
  }
  const action = isEmployer ? acceptEmployerInvitationAction : acceptSponsorInvitationAction;

  return (
    <div className="max-w-2xl">
      <h1 className="mb-4 text-3xl font-bold">Aceptar la invitación</h1>
      <InvitationSummary invitation={invitation} />
      {entity ? (
        <>
          <p className="mb-4 text-lg">
            Al aceptar, <strong>{entity.name}</strong> quedará como {partyRole[invitation.kind]} de la postulación y usted podrá completar sus secciones.
          </p>
          <ConfirmAcceptButton token={token} entityName={entity.name} action={action} />
        </>
      ) : (
        <>
          <p className="mb-6 text-lg">
            Registre los datos de {isEmployer ? 'la empresa u organismo empleador' : invitation.kind === 'builder' ? 'la constructora' : 'la entidad'} que
            representa. Usted quedará como su representante y la postulación la tendrá como {partyRole[invitation.kind]}.
          </p>
          {isEmployer ? (
            <EmployerAcceptForm token={token} action={action} />
          ) : (
            <SponsorAcceptForm token={token} builder={invitation.kind === 'builder'} action={action} />
          )}
        </>
      )}
    </div>
  );
}
