import 'server-only';
import { notFound, redirect } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { getCorrectionPanel } from '@/lib/dal/observations';
import type { SectionFormProps } from '@/components/applications/sections/section-form';
import type { SectionViewBase } from '@/lib/dal/application-sections';
import type { ObservationPage } from '@/lib/validations/observations';

/**
 * What every section page of an application loads: the signed-in party (a worker goes to the task list,
 * which speaks to them in plain words), the section's view and the correction panel of its page. Out of
 * scope, the data layer answers "not found" and so does the page.
 */
export async function loadSectionPage<V extends SectionViewBase & { values: unknown }>(
  id: string,
  page: ObservationPage,
  getView: (user: SessionUser, id: string) => Promise<V>,
): Promise<{
  user: SessionUser;
  view: V;
  /** What the page's SectionFrame shows besides its title and intro. */
  frame: { owner: string; panel: Awaited<ReturnType<typeof getCorrectionPanel>>; canEdit: boolean };
  form: Omit<SectionFormProps<V['values']>, 'action'>;
}> {
  const user = await requireRole('worker', 'org_rep', 'employer_rep', 'sponsor');
  if (user.role === 'worker') redirect(`/portal/postulaciones/${id}`);
  const [view, panel] = await Promise.all([getView(user, id), getCorrectionPanel(user, id, page)]).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const form = {
    applicationId: view.applicationId,
    draftOwner: user.id,
    version: view.version,
    sectionHash: view.sectionHash,
    canEdit: view.edit.canEdit,
    readOnlyReason: view.edit.reason,
    defaultValues: view.values as V['values'],
  };
  return { user, view, frame: { owner: view.edit.ownerLabel, panel, canEdit: view.edit.canEdit }, form };
}

