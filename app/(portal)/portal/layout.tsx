import { requireRole } from '@/lib/auth/session';

// Cosmetic gate: the data layer checks role and scope again on every read and action.
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  await requireRole('worker', 'org_rep', 'employer_rep', 'sponsor');
  return <>{children}</>;
}
