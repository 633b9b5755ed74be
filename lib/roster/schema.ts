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
} satisfies Record<RosterColumnKey, z.ZodType>;

export const ZRosterEntryInput = z.object(fields).check((ctx) => {
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

/** A valid, normalised roster entry. */
export type TRosterEntryInput = z.output<typeof ZRosterEntryInput>;
/** What the form or a file row supplies before validation. */
export type TRosterEntryRaw = z.input<typeof ZRosterEntryInput>;
