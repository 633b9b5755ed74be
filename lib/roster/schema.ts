/**
 * One roster entry (a worker of the nómina), shared by the entry form, the file import and the server
 * action. Accepts what a form or a spreadsheet cell holds (text, numbers, booleans) and yields the
 * normalised entry: RUT as `12345678-5`, UF as decimal strings, pesos as whole numbers.
 */
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import type { RosterColumnKey } from '@/lib/roster/columns';
import {
  formatUf,
  parseBandCell,
  parseBirthDateCell,
  parseEmailCell,
  parseHouseholdSizeCell,
  parseNameCell,
  parsePesosCell,
  parseRshCell,
  parseRutCell,
  parseUfCell,
  parseUnionMemberCell,
  toCellText,
  type CellParse,
} from '@/lib/roster/values';
import {
  parseChoiceFactCell,
  parseEarlierApplicationsCell,
  parseMemberAgesCell,
  parseMembersWithDisabilityCell,
} from '@/lib/roster/score-facts';

const ZCell = z.union([z.string(), z.number(), z.boolean()]).nullish();

function cellField<T>(read: (text: string) => CellParse<T>) {
  return ZCell.transform((raw, ctx): T => {
    const result = read(toCellText(raw));
    if (result.ok) return result.value;
    ctx.issues.push({ code: 'custom', message: result.message, input: raw });
    return z.NEVER;
  });
}

const fields = {
  rut: cellField(parseRutCell),
  firstNames: cellField((text) => parseNameCell(text, 'firstNames')),
  lastNames: cellField((text) => parseNameCell(text, 'lastNames')),
  unionMember: cellField(parseUnionMemberCell),
  rshPercentile: cellField(parseRshCell),
  householdSize: cellField(parseHouseholdSizeCell),
  monthlyIncomeClp: cellField(parsePesosCell),
  savingsUf: cellField((text) => parseUfCell(text, 'savingsUf')),
  savingsDepositedUf: cellField((text) => parseUfCell(text, 'savingsDepositedUf')),
  band: cellField(parseBandCell),
  birthDate: cellField((text) => parseBirthDateCell(text)),
  email: cellField(parseEmailCell),
  // Optional columns: files and callers from before the score columns simply leave them out.
  memberAges: cellField(parseMemberAgesCell).optional(),
  headOfHousehold: cellField((text) => parseChoiceFactCell('headOfHousehold', text)).optional(),
  membersWithDisability: cellField(parseMembersWithDisabilityCell).optional(),
  overcrowding: cellField((text) => parseChoiceFactCell('overcrowding', text)).optional(),
  dwellingType: cellField((text) => parseChoiceFactCell('dwellingType', text)).optional(),
  waterSource: cellField((text) => parseChoiceFactCell('waterSource', text)).optional(),
  bathroom: cellField((text) => parseChoiceFactCell('bathroom', text)).optional(),
  earlierApplications: cellField(parseEarlierApplicationsCell).optional(),
} satisfies Record<RosterColumnKey, z.ZodType>;

export const ZRosterEntryInput = z.object(fields).check((ctx) => {
  for (const issue of householdFactIssues(ctx.value)) ctx.issues.push({ code: 'custom', ...issue, input: ctx.value[issue.path[0]] });
  const { savingsUf, savingsDepositedUf } = ctx.value;
  if (new Decimal(savingsDepositedUf).greaterThan(savingsUf)) {
    ctx.issues.push({
      code: 'custom',
      path: ['savingsDepositedUf'],
      message: `El ahorro depositado (${formatUf(savingsDepositedUf)} UF) no puede ser mayor que el ahorro total (${formatUf(savingsUf)} UF).`,
      input: savingsDepositedUf,
    });
  }
});

type HouseholdFactsOfEntry = Pick<z.output<z.ZodObject<typeof fields>>, 'householdSize' | 'memberAges' | 'headOfHousehold' | 'membersWithDisability'>;

/** The household facts must agree with the household size the same row declares. */
function householdFactIssues(entry: HouseholdFactsOfEntry): { path: [keyof HouseholdFactsOfEntry]; message: string }[] {
  const issues: { path: [keyof HouseholdFactsOfEntry]; message: string }[] = [];
  const size = entry.householdSize;
  const members = size === 1 ? '1 integrante' : `${size} integrantes`;
  if (entry.memberAges && entry.memberAges.length !== size)
    issues.push({
      path: ['memberAges'],
      message: `Se indicaron ${entry.memberAges.length === 1 ? '1 edad' : `${entry.memberAges.length} edades`}, pero el hogar tiene ${members}: escriba la edad de cada integrante, incluido el trabajador.`,
    });
  if (typeof entry.membersWithDisability === 'number' && entry.membersWithDisability > size)
    issues.push({
      path: ['membersWithDisability'],
      message: `Los integrantes con discapacidad (${entry.membersWithDisability}) no pueden ser más que los integrantes del hogar (${size}).`,
    });
  if (entry.headOfHousehold === 'unipersonal' && size !== 1)
    issues.push({ path: ['headOfHousehold'], message: `Un hogar unipersonal tiene 1 integrante, pero el hogar declara ${members}.` });
  if ((entry.headOfHousehold === 'con_pareja' || entry.headOfHousehold === 'monoparental') && size === 1)
    issues.push({
      path: ['headOfHousehold'],
      message: `Una jefatura ${entry.headOfHousehold === 'con_pareja' ? 'con pareja' : 'monoparental'} supone al menos 2 integrantes, pero el hogar declara 1: elija «Unipersonal» o corrija los integrantes.`,
    });
  return issues;
}

/**
 * A valid, normalised roster entry. A score fact is null when its cell is empty and absent when the
 * input had no such column; both mean "not declared" (householdFactsOf reads them as null).
 */
export type TRosterEntryInput = z.output<typeof ZRosterEntryInput>;
/** What the form or a file row supplies before validation. */
export type TRosterEntryRaw = z.input<typeof ZRosterEntryInput>;
