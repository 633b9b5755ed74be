import 'server-only';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db';
import { callMilestones, calls } from '@/db/schema';
import { now } from '@/lib/clock';
import { ZCallParameters } from '@/lib/domain/call-parameters';
import type { TCallParameters } from '@/lib/domain/call-parameters';
import { parseDs49Parameters } from '@/lib/domain/ds49/parameters';
import type { TDs49Parameters } from '@/lib/domain/ds49/parameters';

export interface ScheduleStepDto {
  code: string;
  title: string;
  description: string | null;
  responsible: string;
  startsAt: Date | null;
  endsAt: Date;
  state: 'pasado' | 'actual' | 'futuro';
}

export interface PublicCallDto {
  id: string;
  code: string;
  name: string;
  status: 'borrador' | 'abierto' | 'cerrado';
  opensAt: Date;
  closesAt: Date;
  parameters: TCallParameters;
  schedule: ScheduleStepDto[];
}

/** Marks each step past, current or future against the server's clock (never the browser's). */
export function scheduleStates<T extends { startsAt: Date | null; endsAt: Date }>(steps: T[], at: Date): (T & { state: ScheduleStepDto['state'] })[] {
  let currentAssigned = false;
  return steps.map((s) => {
    let state: ScheduleStepDto['state'];
    if (s.endsAt.getTime() < at.getTime()) state = 'pasado';
    else if (!currentAssigned && (!s.startsAt || s.startsAt.getTime() <= at.getTime())) {
      state = 'actual';
      currentAssigned = true;
    } else state = 'futuro';
    return { ...s, state };
  });
}

/** Public calls of the workers' programme (open first, then the most recent closed), with their schedules. No personal data. */
export async function listPublicCalls(): Promise<PublicCallDto[]> {
  const db = await getDb();
  const rows = await db
    .select()
    .from(calls)
    .where(and(inArray(calls.status, ['abierto', 'cerrado']), eq(calls.programme, 'ds1_trabajadores')))
    .orderBy(asc(calls.status), desc(calls.closesAt));
  const at = now();
  const result: PublicCallDto[] = [];
  for (const call of rows) {
    const steps = await db.select().from(callMilestones).where(eq(callMilestones.callId, call.id)).orderBy(asc(callMilestones.sequence));
    result.push({
      id: call.id,
      code: call.code,
      name: call.name,
      // Past its closing by the server clock a call takes no more applications, whatever its stored status says.
      status: call.status === 'abierto' && call.closesAt.getTime() <= at.getTime() ? 'cerrado' : call.status,
      opensAt: call.opensAt,
      closesAt: call.closesAt,
      parameters: ZCallParameters.parse(call.parameters),
      schedule: scheduleStates(
        steps.map((s) => ({ code: s.code, title: s.title, description: s.description, responsible: s.responsible, startsAt: s.startsAt, endsAt: s.endsAt })),
        at,
      ),
    });
  }
  return result;
}

/** Parameters of the open call of the workers' programme (the latest to close), for the simulator and pre-check. */
export async function getOpenCallParameters(): Promise<{ code: string; name: string; parameters: TCallParameters } | null> {
  const db = await getDb();
  const [call] = await db
    .select()
    .from(calls)
    .where(and(eq(calls.status, 'abierto'), eq(calls.programme, 'ds1_trabajadores')))
    .orderBy(desc(calls.closesAt))
    .limit(1);
  return call ? { code: call.code, name: call.name, parameters: ZCallParameters.parse(call.parameters) } : null;
}

/** Parameters of the open D.S. N°49 GORE co-financing call, if any. */
export async function getOpenDs49Parameters(): Promise<{ code: string; name: string; parameters: TDs49Parameters } | null> {
  const db = await getDb();
  const [call] = await db
    .select()
    .from(calls)
    .where(and(eq(calls.status, 'abierto'), eq(calls.programme, 'ds49_gore')))
    .orderBy(desc(calls.closesAt))
    .limit(1);
  return call ? { code: call.code, name: call.name, parameters: parseDs49Parameters(call.parameters) } : null;
}
