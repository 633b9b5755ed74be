import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { isClaveUnicaEnabled } from '@/lib/auth/options';
import { dashboardPath } from '@/lib/auth/permissions';
import { getSessionUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Ingresar' };

export default async function SignInPage(props: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await props.searchParams;
  const user = await getSessionUser();
  if (user) redirect(dashboardPath(user.role));
  return (
    <div className="max-w-md">
      <h1 className="mb-2 text-3xl font-bold">Ingresar al portal</h1>
      <p className="mb-6 text-slate-700">
        Dirigentes, empleadores, entidades patrocinantes, trabajadores y funcionarios ingresan con su correo y contraseña.
      </p>
      {error === 'claveunica_sin_cuenta' ? (
        <p role="alert" className="mb-4 border-l-4 border-err-700 bg-err-50 p-3">
          No encontramos una cuenta del portal con su RUN. Si es trabajador/a postulante,{' '}
          <Link href="/registro/trabajador" className="font-semibold text-brand-700 underline underline-offset-4">
            cree su cuenta
          </Link>
          ; si representa a una organización, pida que le inviten.
        </p>
      ) : null}
      <SignInForm callbackUrl={callbackUrl ?? ''} claveUnica={isClaveUnicaEnabled()} />
      <p className="mt-8 border-t border-slate-300 pt-6 text-slate-700">
        ¿Dirige un sindicato o una asociación gremial y aún no tiene cuenta?{' '}
        <Link href="/registro" className="font-semibold text-brand-700 underline underline-offset-4">
          Cree una cuenta de dirigente
        </Link>
        .
      </p>
      <p className="mt-3 text-slate-700">
        ¿Figura en la nómina de una postulación?{' '}
        <Link href="/registro/trabajador" className="font-semibold text-brand-700 underline underline-offset-4">
          Soy trabajador/a postulante
        </Link>
        .
      </p>
    </div>
  );
}
