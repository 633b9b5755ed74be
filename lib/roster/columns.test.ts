import { describe, expect, it } from 'vitest';
import {
  columnLetter,
  LAST_NAME_PART_ALIASES,
  matchRosterHeader,
  normalizeHeader,
  ROSTER_COLUMN_BY_KEY,
  ROSTER_COLUMN_KEYS,
  ROSTER_COLUMNS,
} from '@/lib/roster/columns';

describe('roster columns', () => {
  it('has one column per key, in order, with Spanish headers', () => {
    expect(ROSTER_COLUMNS.map((column) => column.key)).toEqual([...ROSTER_COLUMN_KEYS]);
    expect(ROSTER_COLUMNS.map((column) => column.header)).toEqual([
      'RUT',
      'Nombres',
      'Apellidos',
      'Socio del sindicato',
      'Tramo RSH',
      'Integrantes del hogar',
      'Ingreso mensual del hogar',
      'Ahorro UF',
      'Ahorro depositado UF',
      'Tramo de vivienda',
      'Fecha de nacimiento',
      'Correo',
      'Edades de los integrantes',
      'Jefatura de hogar',
      'Integrantes con discapacidad',
      'Hacinamiento',
      'Tipo de vivienda actual',
      'Abastecimiento de agua',
      'Baño',
      'Postulaciones anteriores',
    ]);
    expect(ROSTER_COLUMNS.filter((column) => !column.required).map((column) => column.key)).toEqual([
      'birthDate',
      'email',
      'memberAges',
      'headOfHousehold',
      'membersWithDisability',
      'overcrowding',
      'dwellingType',
      'waterSource',
      'bathroom',
      'earlierApplications',
    ]);
    expect(ROSTER_COLUMN_BY_KEY.savingsUf.header).toBe('Ahorro UF');
  });

  it('never gives one alias to two columns', () => {
    const owners = new Map<string, string>();
    const names = [
      ...ROSTER_COLUMNS.flatMap((column) => [column.header, ...column.aliases].map((name) => [name, column.key] as const)),
      ...Object.entries(LAST_NAME_PART_ALIASES).flatMap(([part, aliases]) => aliases.map((name) => [name, part] as const)),
    ];
    for (const [name, owner] of names) {
      const normalized = normalizeHeader(name);
      expect(normalized, name).not.toBe('');
      const previous = owners.get(normalized);
      if (previous) expect(previous, `«${name}»`).toBe(owner);
      owners.set(normalized, owner);
    }
  });
});

describe('normalizeHeader', () => {
  it('drops case, accents, punctuation, notes in parentheses and unit words', () => {
    expect(normalizeHeader('  Socio del Sindicato (Sí/No) ')).toBe('socio del sindicato');
    expect(normalizeHeader('AHORRO (UF)')).toBe('ahorro');
    expect(normalizeHeader('Ahorro en UF')).toBe('ahorro');
    expect(normalizeHeader('Ingreso mensual del hogar ($)')).toBe('ingreso mensual del hogar');
    expect(normalizeHeader('N° de integrantes')).toBe('n de integrantes');
    expect(normalizeHeader('Correo electrónico')).toBe('correo electronico');
  });
});

describe('matchRosterHeader', () => {
  it.each([
    ['RUT', 'rut'],
    ['rut del trabajador', 'rut'],
    ['R.U.N.', 'rut'],
    ['R.U.T. (con DV)', 'rut'],
    ['Fec. Nac.', 'birthDate'],
    ['RUN', 'rut'],
    ['NOMBRES', 'firstNames'],
    ['Apellidos', 'lastNames'],
    ['Socio/a', 'unionMember'],
    ['¿Es socio?', 'unionMember'],
    ['Tramo RSH (%)', 'rshPercentile'],
    ['% RSH', 'rshPercentile'],
    ['Registro Social de Hogares', 'rshPercentile'],
    ['Nº integrantes', 'householdSize'],
    ['Ingreso líquido mensual ($)', 'monthlyIncomeClp'],
    ['Ahorro UF', 'savingsUf'],
    ['ahorro', 'savingsUf'],
    ['Ahorro depositado (UF)', 'savingsDepositedUf'],
    ['Tramo', 'band'],
    ['Tramo de vivienda', 'band'],
    ['Fecha de Nacimiento', 'birthDate'],
    ['E-mail', 'email'],
    ['Comuna', null],
    ['', null],
  ] as const)('reads «%s» as %s', (header, key) => {
    const target = matchRosterHeader(header);
    expect(target?.kind === 'column' ? target.key : null).toBe(key);
  });

  it('recognises split surname columns', () => {
    expect(matchRosterHeader('Apellido Paterno')).toEqual({ kind: 'lastNamePart', part: 'paternal' });
    expect(matchRosterHeader('Segundo apellido')).toEqual({ kind: 'lastNamePart', part: 'maternal' });
  });
});

describe('columnLetter', () => {
  it('names spreadsheet columns', () => {
    expect([0, 11, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'L', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});
