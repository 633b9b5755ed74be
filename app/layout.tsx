import type { Metadata, Viewport } from 'next';
import { SiteFooter, SiteHeader } from '@/components/layout/site-chrome';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Portal de Vivienda para Organizaciones de Trabajadores', template: '%s · Vivienda para Trabajadores' },
  description:
    'Postulación colectiva de sindicatos, asociaciones gremiales y empleadores al Programa de Vivienda para Organizaciones de Trabajadores (D.S. N°1).',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

// Every page carries the signed-in user's header and reads the server's clock or the database: each is
// rendered per request, never prerendered at build time (when no database is open).
export const dynamic = 'force-dynamic';

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="es-CL">
      <body className="flex min-h-screen flex-col">
        <a href="#contenido" className="skip-link bg-yellow-300 p-2 font-semibold">
          Saltar al contenido
        </a>
        <SiteHeader />
        <main id="contenido" className="mx-auto w-full max-w-5xl flex-1 px-4 py-6 md:py-10">
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
