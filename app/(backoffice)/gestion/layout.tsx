import { requireRole } from '@/lib/auth/session';

// Cosmetic gate: every back-office query and action checks role and region again in the data layer.
export default async function BackOfficeLayout({ children }: { children: React.ReactNode }) {
  await requireRole('reviewer', 'director', 'minvu_admin', 'gore');
  return <div className="-mx-4 bg-slate-50 px-4 py-2">{children}</div>;
}
