import { describe, expect, it } from 'vitest';
import { computeCheckDigit } from '@/lib/domain/rut';
import { DS49_FAMILY_LIST_MAX, ds49GroupCheckSchema, parseDs49FamilyList } from './ds49-group-check';

const TODAY = '2026-12-07';
const rut = (n: number) => `${10_000_000 + n}-${computeCheckDigit(10_000_000 + n)}`;
const dotted = (r: string) => r.replace(/^(\d{2})(\d{3})(\d{3})/, '$1.$2.$3');

const project = {
  comunaCode: '12101',
  costUf: '2.100',
  goreContributionUf: '550',
  surfaceM2: '53',
  extensionM2: '10,48',
  areaHa: '0,5',
  buildingPermit: 'permiso_aprobado',
  typology: 'construccion_nuevos_terrenos',
};

describe('parseDs49FamilyList', () => {
  it('reads cells pasted from a spreadsheet (tabs) under a header line, with the optional columns left out', () => {
    const text = ['RUT\tTramo RSH\tDéficit alto\tIntegrantes\tApertura ahorro', `${rut(1)}\t40%\tNo\t4\t15-03-2020`, `${rut(2)}\t60\tSí\t2\t`].join('\n');
    const parsed = parseDs49FamilyList(text, TODAY);
    expect(parsed.errors).toEqual([]);
    expect(parsed.families).toEqual([
      {
        line: 2,
        family: { rut: rut(1), rshPercentile: 40, highDeficit: false, householdSize: 4, savingsInstrumentOpenedOn: '2020-03-15', previousGoreSolutionOn: null },
        bedrooms: null,
        hasSocialReport: false,
      },
      {
        line: 3,
        family: { rut: rut(2), rshPercentile: 60, highDeficit: true, householdSize: 2, savingsInstrumentOpenedOn: null, previousGoreSolutionOn: null },
        bedrooms: null,
        hasSocialReport: false,
      },
    ]);
  });

  it('reads lines typed with «;», dotted RUTs, an earlier GORE solution, three bedrooms and a social report', () => {
    const parsed = parseDs49FamilyList(`${dotted(rut(3))}; 40; no; 5; 2019-01-31; 10-06-2020; 3; sí`, TODAY);
    expect(parsed.errors).toEqual([]);
    expect(parsed.families[0]).toMatchObject({
      line: 1,
      family: { rut: rut(3), previousGoreSolutionOn: '2020-06-10', savingsInstrumentOpenedOn: '2019-01-31' },
      bedrooms: 3,
      hasSocialReport: true,
    });
  });

  it('names the line and the fault of every wrong line, and a RUT listed twice', () => {
    const body = 10_000_004;
    const wrongDigit = `${body}-${computeCheckDigit(body) === '1' ? '2' : '1'}`;
    const text = [
      `${wrongDigit};40;no;3;01-01-2020`,
      `${rut(5)};;no;3;01-01-2020`,
      `${rut(6)};40;quizás;0;31-02-2020`,
      `${rut(7)};40;no;3;01-01-2030`,
      `${rut(8)};40;no;3;01-01-2020;;9`,
      `${rut(5)};40;no;3;01-01-2020`,
    ].join('\n');
    const { errors, families } = parseDs49FamilyList(text, TODAY);
    expect(families).toEqual([]);
    expect(errors).toHaveLength(6);
    expect(errors[0]).toMatch(/^Línea 1: .*dígito verificador/);
    expect(errors[1]).toBe('Línea 2: Falta el tramo del Registro Social de Hogares (40, 50, …, 100).');
    expect(errors[2]).toMatch(/^Línea 3: Indique si el hogar tiene déficit habitacional alto con Sí o No \(se indicó «quizás»\)\./);
    expect(errors[2]).toContain('Los integrantes del hogar deben ser un número entero entre 1 y 20');
    expect(errors[2]).toContain('La fecha de apertura del ahorro «31-02-2020» no existe.');
    expect(errors[3]).toBe('Línea 4: La fecha de apertura del ahorro «01-01-2030» es posterior a hoy.');
    expect(errors[4]).toBe('Línea 5: Los dormitorios deben ser un número entre 1 y 6 (se indicó «9»).');
    // A RUT is one family even when its first line has another fault.
    expect(errors[5]).toBe(`Línea 6: El RUT ${dotted(rut(5))} ya está en la línea 2: una familia por postulante.`);
    expect(parseDs49FamilyList(`${rut(9)};40;no;3\n${rut(10)};40;no;3`, TODAY).families.map((f) => f.line)).toEqual([1, 2]);
  });
});

describe('ds49GroupCheckSchema', () => {
  const schema = ds49GroupCheckSchema(TODAY);

  it('turns the typed figures into exact decimals and the list into families', () => {
    const parsed = schema.parse({ ...project, families: `${rut(1)};40;no;3;01-01-2020` });
    expect(parsed).toMatchObject({ costUf: '2100', extensionM2: '10.48', areaHa: '0.5', families: [{ family: { rut: rut(1) } }] });
  });

  it('puts each problem next to its field, with at most five list lines and a count of the rest', () => {
    const lines = Array.from({ length: 7 }, (_, i) => `${rut(i + 1)};33;no;3`).join('\n');
    const result = schema.safeParse({ ...project, comunaCode: '', areaHa: '0', buildingPermit: 'tal vez', families: lines });
    expect(result.success).toBe(false);
    const byField = Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(byField.comunaCode).toBe('Elija la comuna del proyecto.');
    expect(byField.areaHa).toBe('La superficie del terreno debe ser mayor que 0.');
    expect(byField.buildingPermit).toBe('Indique el estado del Permiso de Edificación.');
    expect(byField.families).toMatch(/^Línea 1: El tramo RSH debe ser 40, 50, 60, 70, 80, 90 o 100/);
    expect(byField.families).toContain('Línea 5:');
    expect(byField.families).not.toContain('Línea 6:');
    expect(byField.families).toMatch(/Y 2 líneas más con errores\.$/);
  });

  it('refuses an empty list, a header alone and a list past the cap', () => {
    const message = (families: string) => schema.safeParse({ ...project, families }).error?.issues[0]?.message;
    expect(message('  ')).toBe('Pegue la nómina de familias: una por línea.');
    expect(message('RUT;Tramo RSH;Déficit')).toBe('La nómina no tiene familias: pegue una por línea.');
    const many = Array.from({ length: DS49_FAMILY_LIST_MAX + 1 }, (_, i) => `${rut(i + 1)};40;no;3`).join('\n');
    expect(message(many)).toBe(`La nómina tiene ${DS49_FAMILY_LIST_MAX + 1} familias; el simulador revisa hasta ${DS49_FAMILY_LIST_MAX}.`);
    const far = Array.from({ length: DS49_FAMILY_LIST_MAX + 2 }, () => 'x').join('\n');
    expect(message(far)).toBe(`La nómina tiene ${DS49_FAMILY_LIST_MAX + 2} líneas; el simulador revisa hasta ${DS49_FAMILY_LIST_MAX} familias.`);
  });
});
