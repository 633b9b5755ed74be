import { describe, expect, it } from 'vitest';
import { goreCommitmentLetter } from './gore-commitment-letter';
import { params } from './test-fixtures';
import type { GoreCommitmentLetterInput } from './gore-commitment-letter';

function letterInput(overrides: Partial<GoreCommitmentLetterInput> = {}): GoreCommitmentLetterInput {
  return {
    projectName: 'Villa Los Ñires',
    groupName: 'Comité de Vivienda Esperanza Austral',
    groupRut: '65.123.456-3',
    familiesCount: 40,
    legalRepresentative: 'María José Pérez Oyarzún',
    comunaCode: '12101',
    sponsor: { name: 'EP Patagonia Ltda.', rut: '76543210-3' },
    builder: { name: 'Constructora Fitz Roy SpA', rut: '77123456-1' },
    land: {
      rol: '1234-56',
      registration: { fojas: '1520', number: '1304', year: 2023, conservador: 'Punta Arenas' },
      status: 'adquirido',
    },
    apartments: 12,
    houses: 28,
    project: { goreContributionUf: '550' },
    params,
    ...overrides,
  };
}

describe('goreCommitmentLetter (Anexo 1)', () => {
  it('fills the title, the table in the form order and the paragraphs', () => {
    const letter = goreCommitmentLetter(letterInput());
    expect(letter.title).toBe('CARTA DE COMPROMISO DE FINANCIAMIENTO GORE');
    expect(letter.subtitle).toBe('(De acuerdo a Reglamento en el marco del Convenio de Programación MINVU-GORE 2021-2027)');
    expect(letter.table.map((r) => r.label)).toEqual([
      'Nombre del proyecto',
      'Nombre de la agrupación',
      'Rut de la agrupación',
      'Número de familias',
      'Representante legal de la agrupación',
      'Comuna',
      'Entidad Patrocinante',
      'Rut Entidad Patrocinante',
      'Constructora',
      'Rut Constructora',
      'Rol del Terreno',
      'Datos de inscripción del terreno',
      'Terreno',
    ]);
    const value = (label: string) => letter.table.find((r) => r.label === label)?.value;
    expect(value('Rut Entidad Patrocinante')).toBe('76.543.210-3');
    expect(value('Comuna')).toBe('Punta Arenas');
    expect(value('Datos de inscripción del terreno')).toBe('Fjs 1520 N° 1304 Año 2023 Conservador de Bienes Raíces de Punta Arenas');
    expect(value('Terreno')).toBe('Adquirido');
    expect(letter.landStatusOptions).toEqual([
      { label: 'Adquirido', checked: true },
      { label: 'Prometido o Comprometido', checked: false },
    ]);
    expect(letter.paragraphs[0]).toBe(
      'El Gobernador Regional, manifiesta que vía Convenio de Programación MINVU-GORE existe acuerdo CORE para comprometer financiamiento a las familias para efectos de presentar el proyecto habitacional denominado «Villa Los Ñires», correspondiente a 40 soluciones habitacionales, por un total de 22.000 UF lo que corresponde a 550 UF por familia.',
    );
    expect(letter.paragraphs[1]).toBe('La solución habitacional corresponde a 12 Departamentos 28 Casas.');
    expect(letter.paragraphs).toHaveLength(4);
    expect(letter.signature).toBe('GOBERNADOR REGIONAL DE MAGALLANES Y ANTÁRTICA CHILENA');
    expect(letter.figures).toEqual({ solutions: 40, goreTotalUf: '22000', gorePerFamilyUf: '550', maxGoreContributionUf: '550' });
    expect(letter.missing).toEqual([]);
    expect(letter.warnings).toEqual([]);
  });

  it('sums per-dwelling contributions exactly', () => {
    const dwellings = [{ goreContributionUf: '1390' }, { goreContributionUf: '1389.99' }, {}];
    const letter = goreCommitmentLetter(
      letterInput({ comunaCode: '12301', familiesCount: 3, apartments: 0, houses: 3, project: { goreContributionUf: '1000', dwellings } }),
    );
    expect(letter.figures.goreTotalUf).toBe('3779.99');
    expect(letter.figures.gorePerFamilyUf).toBe('1260');
    expect(letter.paragraphs[0]).toContain('por un total de 3.779,99 UF lo que corresponde a 1.260 UF por familia');
  });

  it('leaves blanks for missing data and lists them', () => {
    const letter = goreCommitmentLetter(
      letterInput({ projectName: '', builder: null, land: { rol: '', registration: null, status: 'prometido_o_comprometido' } }),
    );
    expect(letter.missing).toEqual(['Nombre del proyecto', 'Constructora', 'Rut Constructora', 'Rol del Terreno', 'Datos de inscripción del terreno']);
    expect(letter.paragraphs[0]).toContain('denominado «____»');
    expect(letter.landStatusOptions[1]?.checked).toBe(true);
  });

  it('warns about inconsistencies and limits of the cost table', () => {
    const over = goreCommitmentLetter(letterInput({ project: { goreContributionUf: '600' } }));
    expect(over.warnings.join(' ')).toMatch(/supera el aporte GORE máximo de 550 UF para Punta Arenas/);
    const mismatch = goreCommitmentLetter(letterInput({ houses: 27 }));
    expect(mismatch.warnings.join(' ')).toMatch(/39\) no coincide con el número de familias \(40\)/);
    const antartica = goreCommitmentLetter(letterInput({ comunaCode: '12202' }));
    expect(antartica.warnings.join(' ')).toMatch(/no aplica/);
    expect(antartica.figures.maxGoreContributionUf).toBeNull();
  });
});
