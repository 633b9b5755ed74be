import type { TCallParameters } from '@/lib/domain/call-parameters';
import { ZUpdateScoreTables } from '@/lib/validations/call-parameters';
import type { TUpdateScoreTables } from '@/lib/validations/call-parameters';

/** What the score tables form sends for one factor, as typed: points, cap and ages as text. */
export interface FactorTyped {
  points?: string;
  maxUnits?: string;
  fromAge?: string;
  toAge?: string;
  /** Points typed per line of a choice table, by line id. */
  options?: Record<string, string>;
}

const text = (value: string | number | null | undefined) => (value === null || value === undefined ? '' : String(value).replace('.', ','));

/**
 * The score tables form as national staff would submit it: every factor with its current values, with
 * `typed` overriding some boxes; parsed by the form's own schema, as the action does.
 */
export function scoreTablesInput(callId: string, expectedVersion: number, params: TCallParameters, typed: Record<string, FactorTyped> = {}): TUpdateScoreTables {
  const factors = params.score.factors.map((f) => {
    const range = f.kind !== 'choice' && f.basis.fact === 'memberAges' ? f.basis.ageRange : null;
    const own = typed[f.id] ?? {};
    return {
      id: f.id,
      points: own.points ?? (f.kind === 'per_unit' ? text(f.pointsPerUnit) : f.kind === 'flag' ? text(f.points) : ''),
      maxUnits: own.maxUnits ?? (f.kind === 'per_unit' ? text(f.maxUnits) : ''),
      fromAge: own.fromAge ?? text(range?.fromAge),
      toAge: own.toAge ?? text(range?.toAge),
      options: f.kind === 'choice' ? f.options.map((o) => ({ id: o.id, points: own.options?.[o.id] ?? text(o.points) })) : [],
    };
  });
  return ZUpdateScoreTables.parse({ callId, expectedVersion, factors });
}
