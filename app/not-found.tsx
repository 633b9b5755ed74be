import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Página no encontrada' };

/**
 * Every «not found», including a file outside the person's organisation or region: the same words, so
 * the answer never tells whether something exists.
 */
export default function NotFound() {
  return (
    <section aria-labelledby="no-encontrada" className="max-w-2xl py-8">
      <p className="text-sm font-semibold uppercase tracking-wide text-slate-600">Error 404</p>
      <h1 id="no-encontrada" className="mb-3 text-3xl font-bold">
        No encontramos esta página
      </h1>
      <p className="mb-6 text-lg text-slate-700">
        La dirección no existe, o lo que busca no está disponible para su cuenta. Revise el enlace o vuelva a su panel.
      </p>
      <div className="flex flex-wrap gap-4">
        <Link href="/portal" className="font-semibold text-brand-700 underline underline-offset-4">
          Ir a mi panel
        </Link>
        <Link href="/" className="font-semibold text-brand-700 underline underline-offset-4">
          Ir al inicio
        </Link>
      </div>
    </section>
  );
}
