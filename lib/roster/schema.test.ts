import { describe, expect, it } from 'vitest';
import { ZRosterEntryInput, type TRosterEntryInput, type TRosterEntryRaw } from '@/lib/roster/schema';

const fileRow: TRosterEntryRaw = {
  rut: '12.345.678-5',
  firstNames: 'Juan Andrés',
  lastNames: 'Pérez Soto',
  unionMember: 'Sí',
  rshPercentile: '40%',
  householdSize: '3',
  monthlyIncomeClp: '$ 1.404.569',
  savingsUf: '50,5',
  savingsDepositedUf: '25,25',
  band: 'Tramo 1',
  birthDate: '12-04-1985',
  email: 'Juan.Perez@Ejemplo.cl',
};

const expected: TRosterEntryInput = {
  rut: '12345678-5',
  firstNames: 'Juan Andrés',
  lastNames: 'Pérez Soto',
  unionMember: true,
  rshPercentile: 40,
  householdSize: 3,
  monthlyIncomeClp: 1_404_569,
  savingsUf: '50.5',
  savingsDepositedUf: '25.25',
  band: 1,
  birthDate: '1985-04-12',
  email: 'juan.perez@ejemplo.cl',
};

function issuesOf(input: TRosterEntryRaw): Record<string, string> {
  const result = ZRosterEntryInput.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
}

describe('ZRosterEntryInput', () => {
  it('normalises a row as typed in a spreadsheet', () => {
    expect(ZRosterEntryInput.parse(fileRow)).toEqual(expected);
  });

  it('accepts what a form holds: numbers, booleans, empty optionals', () => {
    const parsed = ZRosterEntryInput.parse({
      ...fileRow,
      unionMember: false,
      rshPercentile: 90,
      householdSize: 4,
      monthlyIncomeClp: 2_028_822,
      savingsUf: 70.5,
      savingsDepositedUf: 35,
      band: 2,
      birthDate: '',
      email: undefined,
    });
    expect(parsed).toMatchObject({
      unionMember: false,
      rshPercentile: 90,
      householdSize: 4,
      monthlyIncomeClp: 2_028_822,
      savingsUf: '70.5',
      savingsDepositedUf: '35',
      band: 2,
      birthDate: null,
      email: null,
    });
  });

  it('reads an empty RSH as «sin registro»', () => {
    expect(ZRosterEntryInput.parse({ ...fileRow, rshPercentile: '' }).rshPercentile).toBeNull();
  });

  it('drops columns that are not part of the entry', () => {
    expect(ZRosterEntryInput.parse({ ...fileRow, comuna: 'Castro' } as TRosterEntryRaw)).toEqual(expected);
  });

  it('gives one specific Spanish message per wrong field', () => {
    expect(
      issuesOf({ ...fileRow, rut: '12.345.678-9', rshPercentile: '35', band: '4', householdSize: '0', email: 'juan@' }),
    ).toEqual({
      rut: 'El RUT 12.345.678-9 no es válido: el dígito verificador debería ser 5.',
      rshPercentile:
        'El tramo RSH debe ser 40, 50, 60, 70, 80, 90 o 100 (se indicó «35»). Déjelo vacío si el hogar no tiene Registro Social de Hogares.',
      band: 'El tramo de vivienda debe ser 1, 2 o 3 (se indicó «4»).',
      householdSize: 'Los integrantes del hogar deben ser un número entero entre 1 y 20 (se indicó «0»).',
      email: 'El correo «juan@» no es válido (por ejemplo, nombre@dominio.cl).',
    });
  });

  it('reports every missing required field', () => {
    expect(Object.keys(issuesOf({}))).toEqual([
      'rut',
      'firstNames',
      'lastNames',
      'unionMember',
      'householdSize',
      'monthlyIncomeClp',
      'savingsUf',
      'savingsDepositedUf',
      'band',
    ]);
  });

  it('refuses deposited savings above the total savings', () => {
    expect(issuesOf({ ...fileRow, savingsUf: '50', savingsDepositedUf: '50,01' })).toEqual({
      savingsDepositedUf: 'El ahorro depositado (50,01 UF) no puede ser mayor que el ahorro total (50 UF).',
    });
    expect(issuesOf({ ...fileRow, savingsUf: '50', savingsDepositedUf: '50,00' })).toEqual({});
  });
});
