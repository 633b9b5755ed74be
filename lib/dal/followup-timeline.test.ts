import { describe, expect, it } from 'vitest';
import { callParameters2022 } from '@/db/seed/call-parameters-2022';
import { buildTimeline } from './followup';
import type { MilestoneRow, ProjectDatesRow } from './followup';

const params = callParameters2022;
const subject = { application: { sections: {} }, call: { parameters: params } };

function milestone(kind: string, actualOn: string, overrides: Partial<MilestoneRow> = {}): MilestoneRow {
  return {
    id: `${kind}-${actualOn}`,
    applicationId: 'a',
    kind,
    title: kind,
    plannedOn: null,
    actualOn,
    progressPercent: null,
    reportedBy: null,
    documentId: null,
    verifiedAt: new Date(`${actualOn}T15:00:00Z`),
    verifiedBy: null,
    verificationOutcome: 'verificado',
    verificationFinding: null,
    verifiedProgressPercent: null,
    createdAt: new Date(`${actualOn}T15:00:00Z`),
    ...overrides,
  };
}

const progressItem = (milestones: MilestoneRow[], at: string, dates: Partial<ProjectDatesRow> | null = null) =>
  buildTimeline(subject, dates as ProjectDatesRow | null, milestones, new Date(at)).find((i) => i.key.startsWith('avance_mensual'));

describe('the monthly progress report on the timeline', () => {
  const start = milestone('inicio_obras', '2026-03-02');

  it('is not due before the start of works', () => {
    expect(progressItem([], '2026-03-10T12:00:00Z')).toBeUndefined();
  });

  it('falls due 30 days after the start, then 30 days after each report, with a week of notice', () => {
    expect(progressItem([start], '2026-03-10T12:00:00Z')).toMatchObject({ key: 'avance_mensual:2026-04-01', status: 'pendiente' });
    expect(progressItem([start], '2026-03-26T12:00:00Z')?.status).toBe('proximo');
    // 01-04 ends at midnight in Chile (UTC−3 in April): 03:00Z of the 2nd is already late.
    expect(progressItem([start], '2026-04-02T02:59:00Z')?.status).toBe('proximo');
    expect(progressItem([start], '2026-04-02T03:00:00Z')?.status).toBe('vencido');
    const report = milestone('avance', '2026-04-01', { progressPercent: '12', verificationOutcome: null, verifiedAt: null });
    expect(progressItem([start, report], '2026-04-02T12:00:00Z')).toMatchObject({ key: 'avance_mensual:2026-05-01', status: 'pendiente' });
  });

  it('an observed report does not count; the reception or a finished works end it', () => {
    const observed = milestone('avance', '2026-04-01', { progressPercent: '12', verificationOutcome: 'observado', verificationFinding: 'No coincide.' });
    expect(progressItem([start, observed], '2026-04-02T12:00:00Z')?.status).toBe('vencido');
    const done = milestone('avance', '2026-09-01', { progressPercent: '100' });
    expect(progressItem([start, done], '2026-10-15T12:00:00Z')).toBeUndefined();
    expect(progressItem([start], '2026-10-15T12:00:00Z', { municipalReceptionOn: '2026-10-01' })).toBeUndefined();
  });
});
