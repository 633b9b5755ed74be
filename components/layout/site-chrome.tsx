import Link from 'next/link';
import { getSessionUser } from '@/lib/auth/session';
import { dashboardPath, roleLabels } from '@/lib/auth/permissions';
import { signOutAction } from '@/lib/auth/sign-in';

export async function SiteHeader() {
  const user = await getSessionUser();
  return (
    <header className="bg-brand-800 text-white">
      <div className="h-1.5 w-full bg-[linear-gradient(90deg,#0f69c4_0_50%,#c62828_50%_100%)]" aria-hidden="true" />
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href="/" className="text-lg font-bold leading-tight no-underline">
          Vivienda para Trabajadores
          <span className="block text-xs font-normal text-brand-100">Ministerio de Vivienda y Urbanismo · SERVIU</span>
        </Link>
        <nav aria-label="Principal" className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
          <Link href="/simulador" className="underline-offset-4 hover:underline">¿Cuánto pagaría?</Link>
          <Link href="/cronograma" className="underline-offset-4 hover:underline">Cronograma</Link>
          {user ? (
            <>
              <Link href={dashboardPath(user.role)} className="font-semibold underline underline-offset-4">
                Mi panel
              </Link>
              <span className="hidden text-brand-100 md:inline" data-testid="current-user">
                {user.name} · {roleLabels[user.role]}
              </span>
              <form action={signOutAction}>
                <button type="submit" className="rounded border border-white/70 px-3 py-1.5 hover:bg-white/10">
                  Cerrar sesión
                </button>
              </form>
            </>
          ) : (
            <Link href="/ingresar" className="rounded border border-white/70 px-3 py-1.5 hover:bg-white/10">
              Ingresar
            </Link>
          )}
        </nav>
      </div>
    </header>
  );
}

export function SiteFooter() {
  return (
    <footer className="mt-10 border-t border-slate-300 bg-slate-100 text-sm text-slate-700">
      <div className="mx-auto max-w-5xl px-4 py-6">
        <p>
          Programa de Vivienda para Organizaciones de Trabajadores · Llamado especial D.S. N°1 (V. y U.), de 2011.
          Los plazos se cuentan en hora de Chile continental (America/Santiago).
        </p>
      </div>
    </footer>
  );
}
