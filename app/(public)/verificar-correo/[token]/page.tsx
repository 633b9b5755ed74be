import type { Metadata } from 'next';
import Link from 'next/link';
import { OneButtonForm } from '@/components/auth/one-button-form';
import { confirmEmailAction } from './actions';

export const metadata: Metadata = { title: 'Confirmar correo', robots: { index: false } };

/**
 * The mailed link lands here and waits for a press: a mail scanner that opens links confirms nothing.
 */
export default async function ConfirmEmailPage(props: { params: Promise<{ token: string }> }) {
  const { token } = await props.params;
  return (
    <section aria-labelledby="confirmar-title" className="max-w-xl">
      <h1 id="confirmar-title" className="mb-3 text-3xl font-bold">
        Confirme su correo
      </h1>
      <p className="mb-4 text-lg">
        Al confirmar, su cuenta podrá ver la postulación en que figura, si su organización registró este mismo correo en su fila de la
        nómina.
      </p>
      <OneButtonForm action={confirmEmailAction} hidden={{ token }} label="Confirmar mi correo" pendingLabel="Confirmando…" />
      <p className="mt-6">
        <Link href="/portal" className="font-semibold text-brand-700 underline underline-offset-4">
          Ir a mi panel
        </Link>
      </p>
    </section>
  );
}
