import { describe, expect, it } from 'vitest';
import { diffRoster } from '@/lib/roster/diff';
import { ROSTER_EXAMPLE_ENTRY } from '@/lib/roster/example';
import { parseRosterFile } from '@/lib/roster/parse-file';
import { ZRosterEntryInput, type TRosterEntryRaw } from '@/lib/roster/schema';
import {
  choiceFactOptions,
  householdFactsOf,
  parseChoiceFactCell,
  parseEarlierApplicationsCell,
  parseMemberAgesCell,
  parseMembersWithDisabilityCell,
  scoreFactCells,
} from '@/lib/roster/score-facts';
import { rosterEntryToCells } from '@/lib/roster/template';

const row: TRosterEntryRaw = {
  rut: '12.345.678-5',
  firstNames: 'Juan Andrés',
  lastNames: 'Pérez Soto',
  unionMember: 'Sí',
  rshPercentile: '40',
  householdSize: '3',
  monthlyIncomeClp: '1.404.569',
  savingsUf: '50,5',
  savingsDepositedUf: '25,25',
  band: '1',
};

function issuesOf(input: TRosterEntryRaw): Record<string, string> {
  const result = ZRosterEntryInput.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
}

describe('score fact cells', () => {
  it('reads ages separated by semicolons, commas, slashes or «y», with or without «años»', () => {
    expect(parseMemberAgesCell('38; 35; 9')).toEqual({ ok: true, value: [38, 35, 9] });
    expect(parseMemberAgesCell('38,35,9')).toEqual({ ok: true, value: [38, 35, 9] });
    expect(parseMemberAgesCell('38 años / 35 años y 0')).toEqual({ ok: true, value: [38, 35, 0] });
    expect(parseMemberAgesCell('67')).toEqual({ ok: true, value: [67] });
    expect(parseMemberAgesCell('')).toEqual({ ok: true, value: null });
  });

  it('refuses ages that are not whole years, with the cell quoted', () => {
    expect(parseMemberAgesCell('38; nueve')).toEqual({
      ok: false,
      message: 'Las edades de los integrantes deben ser años cumplidos separados por punto y coma, por ejemplo 38; 35; 9 (se indicó «38; nueve»; «nueve» no es una edad).',
    });
    expect(parseMemberAgesCell('1985; 38')).toEqual({
      ok: false,
      message: 'La edad 1985 no es posible (máximo 120 años); escriba la edad en años cumplidos, no el año de nacimiento.',
    });
  });

  it('reads each choice by its short text, its description or a common word, accent- and case-insensitively', () => {
    expect(parseChoiceFactCell('headOfHousehold', 'monoparental')).toEqual({ ok: true, value: 'monoparental' });
    expect(parseChoiceFactCell('headOfHousehold', 'Biparental')).toEqual({ ok: true, value: 'con_pareja' });
    expect(parseChoiceFactCell('overcrowding', 'CRITICO')).toEqual({ ok: true, value: 'critico' });
    expect(parseChoiceFactCell('dwellingType', 'Mediagua, mejora, rancho o choza')).toEqual({ ok: true, value: 'mediagua' });
    expect(parseChoiceFactCell('waterSource', 'camión aljibe')).toEqual({ ok: true, value: 'otra' });
    expect(parseChoiceFactCell('bathroom', 'Sin baño')).toEqual({ ok: true, value: 'sin_bano' });
    expect(parseChoiceFactCell('bathroom', '')).toEqual({ ok: true, value: null });
  });

  it('names the accepted values when a choice is not one of them', () => {
    expect(parseChoiceFactCell('overcrowding', 'alto')).toEqual({
      ok: false,
      message: 'Hacinamiento: escriba «Sin», «Medio» o «Crítico» (se indicó «alto»). Déjelo vacío si no lo declara.',
    });
  });

  it('reads counts from 0 and refuses negatives and words', () => {
    expect(parseMembersWithDisabilityCell('0')).toEqual({ ok: true, value: 0 });
    expect(parseEarlierApplicationsCell('3,0')).toEqual({ ok: true, value: 3 });
    expect(parseMembersWithDisabilityCell('-1')).toMatchObject({ ok: false, message: expect.stringContaining('entre 0 y 20 (se indicó «-1»)') });
    expect(parseEarlierApplicationsCell('dos')).toMatchObject({ ok: false, message: expect.stringContaining('entre 0 y 50 (se indicó «dos»)') });
  });

  it('writes what it reads (every option of every choice)', () => {
    for (const fact of ['headOfHousehold', 'overcrowding', 'dwellingType', 'waterSource', 'bathroom'] as const)
      for (const option of choiceFactOptions(fact)) expect(parseChoiceFactCell(fact, option.value).ok, `${fact}: ${option.value}`).toBe(true);
    const facts = householdFactsOf(ROSTER_EXAMPLE_ENTRY);
    expect(scoreFactCells(facts)).toEqual({
      memberAges: '38; 35; 9',
      headOfHousehold: 'Con pareja',
      membersWithDisability: '0',
      overcrowding: 'Medio',
      dwellingType: 'Pieza',
      waterSource: 'Red pública dentro',
      bathroom: 'Compartido',
      earlierApplications: '1',
    });
  });
});

describe('ZRosterEntryInput: score facts', () => {
  it('leaves every fact undeclared when the columns are absent or empty', () => {
    expect(householdFactsOf(ZRosterEntryInput.parse(row))).toEqual({
      memberAges: null,
      headOfHousehold: null,
      membersWithDisability: null,
      overcrowding: null,
      dwellingType: null,
      waterSource: null,
      bathroom: null,
      earlierApplications: null,
    });
    expect(ZRosterEntryInput.parse({ ...row, overcrowding: '', memberAges: '' })).toMatchObject({ overcrowding: null, memberAges: null });
  });

  it('checks the facts against the household size the row declares', () => {
    expect(issuesOf({ ...row, memberAges: '38; 35' })).toEqual({
      memberAges: 'Se indicaron 2 edades, pero el hogar tiene 3 integrantes: escriba la edad de cada integrante, incluido el trabajador.',
    });
    expect(issuesOf({ ...row, membersWithDisability: '4' })).toEqual({
      membersWithDisability: 'Los integrantes con discapacidad (4) no pueden ser más que los integrantes del hogar (3).',
    });
    expect(issuesOf({ ...row, headOfHousehold: 'Unipersonal' })).toEqual({
      headOfHousehold: 'Un hogar unipersonal tiene 1 integrante, pero el hogar declara 3 integrantes.',
    });
    expect(issuesOf({ ...row, householdSize: '1', headOfHousehold: 'Monoparental' })).toEqual({
      headOfHousehold: 'Una jefatura monoparental supone al menos 2 integrantes, pero el hogar declara 1: elija «Unipersonal» o corrija los integrantes.',
    });
    expect(issuesOf({ ...row, householdSize: '1', headOfHousehold: 'Unipersonal', memberAges: '61' })).toEqual({});
  });

  it('reports each bad score cell by its column', () => {
    expect(Object.keys(issuesOf({ ...row, overcrowding: 'mucho', bathroom: 'a veces', earlierApplications: '-2' }))).toEqual([
      'overcrowding',
      'bathroom',
      'earlierApplications',
    ]);
  });
});

describe('score columns in a file', () => {
  const utf8 = (text: string) => new TextEncoder().encode(text);

  it('imports the optional score columns, by their headers or aliases, with per-cell Spanish errors', async () => {
    const lines = [
      'RUT;Nombres;Apellidos;Socio;Tramo RSH;Integrantes;Ingreso mensual;Ahorro UF;Ahorro depositado UF;Tramo;Edades;Jefe de hogar;Discapacidad;Hacinamiento;Tipo de vivienda;Agua;Baño;Postulaciones previas',
      '12.345.678-5;Juan;Pérez;Sí;40;3;900.000;55;30;1;"40; 38; 7";Con pareja;0;Crítico;Mediagua;Otra;Sin baño;2',
      '6.543.210-2;Rosa;Vera;Sí;40;2;800.000;55;30;1;70;Monoparental;3;Medio;Casa;Red pública dentro;Exclusivo;0',
    ];
    const result = await parseRosterFile(utf8(lines.join('\r\n')), 'nomina.csv');
    expect(result.fileErrors).toEqual([]);
    expect(result.rows[0]?.errors).toEqual([]);
    expect(householdFactsOf(result.rows[0]!.entry!)).toEqual({
      memberAges: [40, 38, 7],
      headOfHousehold: 'con_pareja',
      membersWithDisability: 0,
      overcrowding: 'critico',
      dwellingType: 'mediagua',
      waterSource: 'otra',
      bathroom: 'sin_bano',
      earlierApplications: 2,
    });
    expect(result.rows[1]?.errors).toEqual([
      { column: 'memberAges', message: 'Se indicaron 1 edad, pero el hogar tiene 2 integrantes: escriba la edad de cada integrante, incluido el trabajador.' },
      { column: 'membersWithDisability', message: 'Los integrantes con discapacidad (3) no pueden ser más que los integrantes del hogar (2).' },
    ]);
  });

  it('the diff sees a change of ages or of a declared fact, and not a re-typed same value', () => {
    const before = ZRosterEntryInput.parse({ ...row, memberAges: '38; 35; 9', overcrowding: 'Medio' });
    const same = ZRosterEntryInput.parse({ ...row, memberAges: '38, 35, 9', overcrowding: 'hacinamiento medio' });
    const changed = ZRosterEntryInput.parse({ ...row, memberAges: '38; 35; 10' });
    expect(diffRoster([before], [same]).unchanged).toHaveLength(1);
    expect(diffRoster([before], [changed]).modified[0]?.changes.map((c) => c.field)).toEqual(['memberAges', 'overcrowding']);
    expect(rosterEntryToCells(changed)).toMatchObject({ memberAges: '38; 35; 10', overcrowding: '' });
  });
});
