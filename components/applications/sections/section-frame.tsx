import type { ReactNode } from 'react';
import { CorrectionNotice } from '@/components/applications/observations/correction-notice';
import type { CorrectionPanelDto } from '@/lib/dal/observations';
import { SectionHeader } from './section-header';

/**
 * What every section page shows around its form: the title, whose task it is and what it is for, and,
 * while the file is observed, the observations pinned to it with the correction deadline.
 */
export function SectionFrame({
  title,
  intro,
  owner,
  panel,
  canEdit,
  children,
}: {
  title: string;
  intro: string;
  owner: string;
  panel: CorrectionPanelDto | null;
  canEdit: boolean;
  children: ReactNode;
}) {
  return (
    <>
      <SectionHeader title={title} owner={owner} intro={intro} />
      {panel ? <CorrectionNotice panel={panel} canEdit={canEdit} /> : null}
      {children}
    </>
  );
}
