import { describe, expect, it } from 'vitest';
import { ZFileState, diffRosterRows, diffSectionFields, fieldLabel, newDocumentIds } from './file-diff';
import type { FileState, FileStateRosterRow } from './file-diff';

const context = { comunaName: (code: string) => ({ '13110': 'La Florida', '13201': 'Puente Alto' })[code] ?? null };

function worker(id: string, overrides: Partial<FileStateRosterRow> = {}): FileStateRosterRow {
  return {
    id,
    rut: '21234567-2',
    firstNames: 'Camila',
    lastNames: 'Reyes Soto',
    unionMember: true,
    rshPercentile: 40,
    householdSize: 3,
    monthlyIncomeClp: 900_000,
    savingsUf: '55',
    savingsDepositedUf: '30',
    band: 1,
    birthDate: null,
    email: null,
    replacesEntryId: null,
    ...overrides,
  };
}

function state(overrides: Partial<FileState> = {}): FileState {
  return {
    format: 1,
    capturedAt: '2026-11-25T15:00:00.000Z',
    projectName: 'Villa Los Castaños',
    comunaCode: '13110',
    sections: {
      proyecto: { projectType: 'construccion_nuevos_terrenos', typologies: [{ name: 'Casa A', areaM2: '55.4', bedrooms: 3 }] },
      terreno: {
        situation: 'dominio',
        address: 'Av. Los Castaños 1200',
        rolAvaluo: '',
        dominio: { conservador: 'Santiago', fojas: '1234', numero: '567', anio: 2019 },
      },
      convenio: { landCession: 'si', postSaleReport: true },
      comite: { committee: [{ name: 'Ana Pérez', rut: '12345678-5', side: 'grupo', position: '' }] },
    },
    dwellings: [
      { band: 1, count: 1, priceUf: '1200' },
      { band: 2, count: 4, priceUf: '1600' },
    ],
    roster: [worker('a'), worker('b', { rut: '22345678-9', firstNames: 'Jorge', lastNames: 'Muñoz Araya', band: 2 })],
    documentIds: ['d1', 'd2'],
    ...overrides,
  };
}

describe('section fields', () => {
  it('names each changed field as the form does and shows values the Chilean way', () => {
    const before = state();
    const after = state({
      comunaCode: '13201',
      dwellings: [
        { band: 1, count: 1, priceUf: '1200' },
        { band: 2, count: 4, priceUf: '1650.5' },
      ],
      sections: {
        ...before.sections,
        terreno: { ...(before.sections.terreno as object), dominio: { ...(before.sections.terreno as { dominio: object }).dominio, fojas: '1240' } },
        convenio: { landCession: 'no', postSaleReport: true },
        comite: { committee: [{ name: 'Ana Pérez', rut: '11111111-1', side: 'empleador', position: '' }] },
      },
    });
    expect(diffSectionFields(before, after, context)).toEqual([
      { section: 'proyecto', field: 'comunaCode', label: 'Comuna del terreno', before: 'La Florida', after: 'Puente Alto' },
      { section: 'proyecto', field: 'dwellings.2.0.priceUf', label: 'Tramo 2 › línea 1 › Precio por vivienda (UF)', before: '1.600', after: '1.650,5' },
      { section: 'convenio', field: 'landCession', label: 'Cesión del terreno al grupo', before: 'Sí', after: 'No' },
      { section: 'comite', field: 'committee.0.rut', label: 'Comité de Proyecto, integrante 1 › RUT', before: '12.345.678-5', after: '11.111.111-1' },
      { section: 'comite', field: 'committee.0.side', label: 'Comité de Proyecto, integrante 1 › Representa a', before: 'El grupo postulante', after: 'El empleador' },
      { section: 'terreno', field: 'dominio.fojas', label: 'Certificado de dominio vigente › Fojas', before: '1234', after: '1240' },
    ]);
  });

  it('finds nothing when only the storage differs (key order, a decimal’s trailing zeros)', () => {
    const before = state();
    const after = state({ dwellings: [{ band: 2, count: 4, priceUf: '1600.00' }, { band: 1, count: 1, priceUf: '1200' }] });
    expect(diffSectionFields(before, after, context)).toEqual([]);
  });

  it('shows a section filled in during the correction against an empty one, and a band that appears', () => {
    const before = state({ sections: {}, dwellings: [{ band: 2, count: 4, priceUf: '1600' }] });
    const after = state();
    const changes = diffSectionFields(before, after, context);
    expect(changes).toContainEqual({ section: 'terreno', field: 'situation', label: 'Situación del terreno', before: '(vacío)', after: 'Terreno del empleador, con certificado de dominio vigente' });
    expect(changes).toContainEqual({ section: 'proyecto', field: 'dwellings.1.0.count', label: 'Tramo 1 › línea 1 › Viviendas', before: '(vacío)', after: '1' });
    expect(changes).toContainEqual({ section: 'proyecto', field: 'typologies.0.areaM2', label: 'Tipología 1 › Superficie (m²)', before: '(vacío)', after: '55,4' });
    expect(changes.some((c) => c.field.startsWith('dwellings.2'))).toBe(false);
  });

  it('tells apart two lines of the same band (two prices in band 3)', () => {
    const lines = (second: string) => [
      { band: 2, count: 4, priceUf: '1600' },
      { band: 3, count: 1, priceUf: '1800' },
      { band: 3, count: 1, priceUf: second },
    ];
    const changes = diffSectionFields(state({ dwellings: lines('2000') }), state({ dwellings: lines('2100') }), context);
    expect(changes).toEqual([
      { section: 'proyecto', field: 'dwellings.3.1.priceUf', label: 'Tramo 3 › línea 2 › Precio por vivienda (UF)', before: '2.000', after: '2.100' },
    ]);
  });

  it('labels list items from 1 and bands by their number', () => {
    expect(fieldLabel('gantt', ['gantt', '2', 'endOn'])).toBe('Carta Gantt, hito 3 › Término planificado');
    expect(fieldLabel('proyecto', ['dwellings', '3', '1', 'count'])).toBe('Tramo 3 › línea 2 › Viviendas');
    expect(fieldLabel('terreno', ['promesa', 'sellerTitle', 'fojas'])).toBe('Promesa de compraventa › Inscripción del vendedor › Fojas');
  });
});

describe('roster rows', () => {
  it('names the worker and each changed column with before → after, as the roster shows them', () => {
    const before = state();
    const after = state({ roster: [worker('a', { householdSize: 4, savingsDepositedUf: '45.5', rshPercentile: 50 }), before.roster[1]!] });
    expect(diffRosterRows(before, after)).toEqual([
      {
        kind: 'modificado',
        entryId: 'a',
        worker: 'Camila Reyes Soto (RUT 21.234.567-2)',
        changes: [
          { column: 'rshPercentile', label: 'Tramo RSH', before: '40', after: '50' },
          { column: 'householdSize', label: 'Integrantes del hogar', before: '3', after: '4' },
          { column: 'savingsDepositedUf', label: expect.any(String), before: '30', after: '45,5' },
        ],
      },
    ]);
  });

  it('tells a replacement from a worker added or removed', () => {
    const before = state();
    const replacement = worker('c', { rut: '23456789-6', firstNames: 'Tomás', lastNames: 'Reemplazo Soto', band: 2, replacesEntryId: 'b' });
    expect(diffRosterRows(before, state({ roster: [before.roster[0]!, replacement] }))).toEqual([
      { kind: 'reemplazo', entryId: 'c', worker: 'Tomás Reemplazo Soto (RUT 23.456.789-6)', replaced: 'Jorge Muñoz Araya (RUT 22.345.678-9)' },
    ]);
    const added = worker('d', { rut: '24567890-2', firstNames: 'Luis' });
    expect(diffRosterRows(before, state({ roster: [before.roster[0]!, added] })).map((c) => c.kind)).toEqual(['agregado', 'quitado']);
    expect(diffRosterRows(before, state())).toEqual([]);
  });
});

describe('documents and the stored shape', () => {
  it('lists only versions stored after the baseline', () => {
    expect(newDocumentIds(state(), state({ documentIds: ['d1', 'd2', 'd3'] }))).toEqual(['d3']);
  });

  it('reads back what it stores, and refuses another shape', () => {
    const stored = JSON.parse(JSON.stringify(state()));
    expect(ZFileState.parse(stored)).toEqual(state());
    expect(ZFileState.safeParse({ ...stored, format: 2 }).success).toBe(false);
  });
});

describe('order', () => {
  it('lists changed fields in the form’s order, whatever order the stored object’s keys come in', () => {
    const empty = state({ sections: {} });
    // jsonb hands keys back shortest first; the form asks for the situation first and the date last.
    const filled = state({
      sections: {
        terreno: {
          address: 'Av. Los Castaños 1200',
          dominio: { anio: 2019, fojas: '1234', numero: '567', conservador: 'Santiago' },
          situation: 'dominio',
        },
        gantt: { gantt: [{ title: 'Obras', endOn: '2028-06-30', startOn: '2027-05-01' }] },
        comite: { committee: [{ name: 'Ana Pérez', rut: '12345678-5', side: 'grupo' }] },
      },
    });
    const labels = diffSectionFields(empty, filled, context).map((c) => `${c.section}: ${c.label}`);
    expect(labels.filter((l) => l.startsWith('terreno'))).toEqual([
      'terreno: Situación del terreno',
      'terreno: Dirección o ubicación del terreno',
      'terreno: Certificado de dominio vigente › Conservador de Bienes Raíces',
      'terreno: Certificado de dominio vigente › Fojas',
      'terreno: Certificado de dominio vigente › Número',
      'terreno: Certificado de dominio vigente › Año',
    ]);
    expect(labels.filter((l) => l.startsWith('comite') || l.startsWith('gantt'))).toEqual([
      'gantt: Carta Gantt, hito 1 › Hito',
      'gantt: Carta Gantt, hito 1 › Inicio planificado',
      'gantt: Carta Gantt, hito 1 › Término planificado',
      'comite: Comité de Proyecto, integrante 1 › Nombre completo',
      'comite: Comité de Proyecto, integrante 1 › RUT',
      'comite: Comité de Proyecto, integrante 1 › Representa a',
    ]);
  });
});
