import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { SignUpForm } from '@/components/organization/sign-up-form';
import { InvitationSummary } from '@/components/organization/invitation-summary';
import { dashboardPath } from '@/lib/auth/permissions';
import { getSessionUser } from '@/lib/auth/session';
import { getInvitationForToken } from '@/lib/dal/invitations';
import { signUpAction } from './actions';

export const metadata: Metadata = { title: 'Crear cuenta' };

export default async function SignUpPage(props: { searchParams: Promise<{ invitacion?: string | string[] }> }) {
  const raw = (await props.searchParams).invitacion;
  const token = typeof raw === 'string' && raw ? raw : undefined;
  const user = await getSessionUser();
  if (user) redirect(token ? `/invitacion/${encodeURIComponent(token)}` : dashboardPath(user.role));

  if (token) {
    const invitation = await getInvitationForToken(token);
    if (invitation.state !== 'pendiente') {
      return (
        <div className="max-w-2xl">
          <h1 className="mb-4 text-3xl font-bold">No se puede usar esta invitación</h1>
          <p role="alert" className="mb-6 border-l-4 border-err-700 bg-err-50 p-4 text-lg">
            {invitation.message}
          </p>
          <p>
            <Link href="/" className="text-brand-700 underline underline-offset-4">
              Volver al inicio
            </Link>
          </p>
        </div>
      );
    }
    return (
      <div className="max-w-xl">
        <h1 className="mb-2 text-3xl font-bold">Crear cuenta para aceptar la invitación</h1>
        <InvitationSummary invitation={invitation} />
        <p className="mb-6 text-slate-700">
          ¿Ya tiene cuenta?{' '}
          <Link href={`/ingresar?callbackUrl=${encodeURIComponent(`/invitacion/${token}`)}`} className="font-semibold text-brand-700 underline underline-offset-4">
            Ingrese con ella
          </Link>
          .
        </p>
        <SignUpForm action={signUpAction} invitationToken={token} invitedEmail={invitation.email} />
      </div>
    );
  }

  return (
    <div className="max-w-xl">
      <h1 className="mb-2 text-3xl font-bold">Crear cuenta de dirigente</h1>
      <p className="mb-2 text-lg text-slate-700">
        Para representantes de sindicatos y asociaciones gremiales que presentarán una postulación. Después de crear la cuenta
        registrará a su organización.
      </p>
      <p className="mb-2 text-slate-700">
        ¿Su organización le incluyó en la nómina de una postulación?{' '}
        <Link href="/registro/trabajador" className="font-semibold text-brand-700 underline underline-offset-4">
          Soy trabajador/a postulante
        </Link>
        .
      </p>
      <p className="mb-6 text-slate-700">
        Si le invitaron como empleador, entidad patrocinante o constructora, use el enlace del correo de invitación. ¿Ya tiene
        cuenta?{' '}
        <Link href="/ingresar" className="font-semibold text-brand-700 underline underline-offset-4">
          Ingrese aquí
        </Link>
        .
      </p>
      <SignUpForm action={signUpAction} />
    </div>
  );
}
