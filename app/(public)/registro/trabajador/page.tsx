import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { SignUpForm } from '@/components/organization/sign-up-form';
import { dashboardPath } from '@/lib/auth/permissions';
import { getSessionUser } from '@/lib/auth/session';
import { signUpWorkerAction } from './actions';

export const metadata: Metadata = { title: 'Crear cuenta de trabajador/a' };

/** «Soy trabajador/a postulante»: an account that reaches, by RUT, the applications whose roster lists the person. */
export default async function WorkerSignUpPage() {
  const user = await getSessionUser();
  if (user) redirect(dashboardPath(user.role));
  return (
    <div className="max-w-xl">
      <h1 className="mb-2 text-3xl font-bold">Soy trabajador/a postulante</h1>
      <p className="mb-2 text-lg text-slate-700">
        Si su sindicato o asociación le incluyó en la nómina de una postulación, con esta cuenta verá en qué estado está y podrá confirmar
        en línea que conoce el proyecto (formulario de incorporación).
      </p>
      <p className="mb-6 text-slate-700">
        Encontramos su postulación por su RUT y por su correo: use el mismo correo que su organización registró en la nómina, y confírmelo
        con el enlace que le enviaremos (o ingrese con ClaveÚnica). Si aún no le incluyen en la nómina, podrá crear la cuenta igual y verá la
        postulación en cuanto le incluyan. ¿Ya tiene cuenta?{' '}
        <Link href="/ingresar" className="font-semibold text-brand-700 underline underline-offset-4">
          Ingrese aquí
        </Link>
        .
      </p>
      <SignUpForm action={signUpWorkerAction} kind="worker" />
    </div>
  );
}
