import { describe, expect, it } from 'vitest';
import { computeCheckDigit } from '@/lib/domain/rut';
import {
  ZGanttSection,
  ZLandSection,
  ZProjectCommitteeSection,
  ZProjectSection,
  ZProjectSectionInput,
  ZWorkAgreementSection,
  ganttFormValues,
  landFormValues,
  normalizeDecimalText,
  projectCommitteeFormValues,
  projectFormValues,
  workAgreementFormValues,
} from './sections';
import type { GanttFormValues, LandFormValues, ProjectCommitteeFormValues, ProjectFormValues, WorkAgreementFormValues } from './sections';

const rut = (body: number) => `${body}-${computeCheckDigit(body)}`;

function messages(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) out[issue.path.join('.')] ??= issue.message;
  return out;
}

function project(overrides: Partial<ProjectFormValues> = {}): ProjectFormValues {
  return {
    projectName: 'Condominio Los Aromos',
    comunaCode: '13201',
    projectType: 'construccion_nuevos_terrenos',
    typologies: [{ name: 'Casa A', areaM2: '55,4', bedrooms: '3' }],
    dwellings: [
      { band: '1', count: '1', priceUf: '1.200' },
      { band: '2', count: '3', priceUf: '1600' },
      { band: '3', count: '', priceUf: '' },
    ],
    ...overrides,
  };
}

function agreement(): WorkAgreementFormValues {
  return {
    landCession: 'si',
    landCessionDescription: 'Lote 3, se transfiere al grupo.',
    unionWorkers: '4',
    nonUnionWorkers: '0',
    contributions: [],
    builder: { name: 'Constructora Demo SpA', rut: rut(77_222_444), registryNumber: 'RNC-5678' },
    postSaleReport: true,
    technicalSupport: 'Oficina técnica de la empresa.',
  };
}

function committee(): ProjectCommitteeFormValues {
  return {
    committee: [
      { name: 'Carolina Vega', rut: rut(11_111_111), side: 'empleador', position: '' },
      { name: 'Juan Rojas', rut: '12.333.444-' + computeCheckDigit(12_333_444), side: 'organizacion', position: 'Presidente' },
      { name: 'María Pérez', rut: rut(15_111_222), side: 'grupo', position: '' },
    ],
  };
}

function gantt(): GanttFormValues {
  return { gantt: [{ title: 'Permiso de edificación', startOn: '2027-01-10', endOn: '2027-04-30' }] };
}

function land(): LandFormValues {
  return {
    situation: 'dominio',
    address: 'Camino Las Vizcachas 1234',
    rolAvaluo: '',
    dominio: { conservador: 'Puente Alto', fojas: '1234', numero: '567', anio: '2019' },
    promesa: { notary: '', signedOn: '', sellerName: '', sellerRut: '', sellerTitle: { conservador: '', fojas: '', numero: '', anio: '' } },
  };
}

describe('normalizeDecimalText', () => {
  it('reads Chilean and plain decimal writing into exact canonical text', () => {
    expect(normalizeDecimalText('1200')).toBe('1200');
    expect(normalizeDecimalText('1.200')).toBe('1200');
    expect(normalizeDecimalText('1.200,50')).toBe('1200.5');
    expect(normalizeDecimalText('1200,5')).toBe('1200.5');
    expect(normalizeDecimalText('1200.5')).toBe('1200.5');
    expect(normalizeDecimalText(' 55,40 ')).toBe('55.4');
    expect(normalizeDecimalText('')).toBeNull();
    expect(normalizeDecimalText('mil')).toBeNull();
    expect(normalizeDecimalText('-5')).toBeNull();
    expect(normalizeDecimalText('1,2,3')).toBeNull();
  });
});

describe('ZProjectSection', () => {
  it('parses a complete section into numbers and exact decimal strings, dropping unused lines', () => {
    const parsed = ZProjectSection.parse(project());
    expect(parsed.typologies).toEqual([{ name: 'Casa A', areaM2: '55.4', bedrooms: 3 }]);
    expect(parsed.dwellings).toEqual([
      { band: 1, count: 1, priceUf: '1200', formIndex: 0 },
      { band: 2, count: 3, priceUf: '1600', formIndex: 1 },
    ]);
  });

  it('takes several lines of the same band at different prices (the 2022 call: band 3 at 1.800 and 2.000 UF)', () => {
    const parsed = ZProjectSection.parse(
      project({
        dwellings: [
          { band: '1', count: '2', priceUf: '1200' },
          { band: '2', count: '6', priceUf: '1600' },
          { band: '3', count: '1', priceUf: '1.800' },
          { band: '3', count: '1', priceUf: '2000' },
        ],
      }),
    );
    expect(parsed.dwellings.filter((d) => d.band === 3).map((d) => [d.count, d.priceUf])).toEqual([
      [1, '1800'],
      [1, '2000'],
    ]);
  });

  it('refuses two lines of the same band at the same price, next to the second one', () => {
    const twice = project({
      dwellings: [
        { band: '1', count: '1', priceUf: '1200' },
        { band: '2', count: '3', priceUf: '1600' },
        { band: '2', count: '1', priceUf: '1.600' },
      ],
    });
    expect(messages(ZProjectSection.safeParse(twice))).toEqual({
      'dwellings.2.priceUf': 'La línea 2 ya tiene viviendas del tramo 2 a este precio: sume la cantidad en esa línea.',
    });
  });

  it('says in Spanish what is missing, next to each field', () => {
    const result = ZProjectSection.safeParse(
      project({ projectName: ' ', comunaCode: '', projectType: '' as never, typologies: [{ name: '', areaM2: 'grande', bedrooms: '9' }] }),
    );
    expect(messages(result)).toEqual({
      projectName: 'Escriba el nombre del proyecto.',
      comunaCode: 'Elija la comuna donde está el terreno.',
      projectType: 'Elija el tipo de proyecto.',
      'typologies.0.name': 'Escriba el nombre de la tipología (por ejemplo, «Casa A» o «Departamento 3D»).',
      'typologies.0.areaM2': 'Escriba la superficie en m² como número, por ejemplo 55,4.',
      'typologies.0.bedrooms': 'Los dormitorios deben ser un número entero entre 1 y 6.',
    });
  });

  it('asks for the band, count and price of a line in use, and for at least one line', () => {
    const noPrice = project();
    noPrice.dwellings[1] = { band: '2', count: '3', priceUf: '' };
    expect(messages(ZProjectSection.safeParse(noPrice))).toEqual({ 'dwellings.1.priceUf': 'Indique el precio en UF de estas viviendas del tramo 2.' });
    const noCount = project();
    noCount.dwellings[1] = { band: '2', count: '', priceUf: '1600' };
    expect(messages(ZProjectSection.safeParse(noCount))).toEqual({ 'dwellings.1.count': 'Indique cuántas viviendas del tramo 2 tienen este precio.' });
    const noBand = project();
    noBand.dwellings[2] = { band: '', count: '1', priceUf: '1800' };
    expect(messages(ZProjectSection.safeParse(noBand))).toEqual({ 'dwellings.2.band': 'Elija el tramo de estas viviendas.' });
    const badCount = project();
    badCount.dwellings[0] = { band: '1', count: '2,5', priceUf: '1200' };
    expect(messages(ZProjectSection.safeParse(badCount))).toEqual({
      'dwellings.0.count': 'La cantidad de viviendas debe ser un número entero entre 1 y 300.',
    });
    const tooPrecise = project();
    tooPrecise.dwellings[0] = { band: '1', count: '1', priceUf: '1199,999' };
    expect(messages(ZProjectSection.safeParse(tooPrecise))['dwellings.0.priceUf']).toMatch(/como máximo 2 decimales/);
    const none = project({
      dwellings: [
        { band: '1', count: '', priceUf: '' },
        { band: '2', count: '0', priceUf: '' },
        { band: '3', count: '', priceUf: '' },
      ],
    });
    expect(messages(ZProjectSection.safeParse(none))).toEqual({ dwellings: 'Indique cuántas viviendas tiene el proyecto, con su tramo y su precio.' });
  });

  it('needs at least one typology', () => {
    expect(messages(ZProjectSection.safeParse(project({ typologies: [] })))).toEqual({ typologies: 'Agregue al menos una tipología de vivienda.' });
  });

  it('the action envelope carries the application id and the version the form loaded', () => {
    const ok = ZProjectSectionInput.safeParse({ applicationId: '3f2b8c1e-4c5d-4e6f-8a9b-0c1d2e3f4a5b', version: 7, values: project() });
    expect(ok.success).toBe(true);
    expect(ZProjectSectionInput.safeParse({ applicationId: 'x', version: 7, values: project() }).success).toBe(false);
    expect(ZProjectSectionInput.safeParse({ applicationId: '3f2b8c1e-4c5d-4e6f-8a9b-0c1d2e3f4a5b', values: project() }).success).toBe(false);
  });
});

describe('ZWorkAgreementSection', () => {
  it('parses a complete convenio, normalising the builder’s RUT', () => {
    const parsed = ZWorkAgreementSection.parse(agreement());
    expect(parsed.builder.rut).toBe(rut(77_222_444));
    expect(parsed.unionWorkers).toBe(4);
    expect(parsed.nonUnionWorkers).toBe(0);
  });

  it('leaves the committee and the Gantt chart to their own sections', () => {
    const parsed = ZWorkAgreementSection.parse({ ...agreement(), ...committee(), ...gantt() });
    expect(parsed).not.toHaveProperty('committee');
    expect(parsed).not.toHaveProperty('gantt');
  });

  it('requires the post-sale commitment, the builder’s registry number and the land description when ceded', () => {
    const value = agreement();
    value.postSaleReport = false;
    value.builder.registryNumber = '';
    const errors = messages(ZWorkAgreementSection.safeParse(value));
    expect(errors.postSaleReport).toMatch(/Mecanismo de Post Venta y Calidad de la Construcción/);
    expect(errors['builder.registryNumber']).toMatch(/Registro Nacional de Contratistas/);

    const noDescription = agreement();
    noDescription.landCessionDescription = '';
    expect(messages(ZWorkAgreementSection.safeParse(noDescription))).toEqual({
      landCessionDescription: 'Describa el terreno que se cede al grupo y en qué condiciones.',
    });
  });

  it('a contribution row needs who, what and how; its UF value is optional', () => {
    const value = agreement();
    value.contributions = [{ party: '' as never, description: '', materialization: '', amountUf: 'mucho' }];
    expect(messages(ZWorkAgreementSection.safeParse(value))).toEqual({
      'contributions.0.party': 'Indique quién hace el aporte.',
      'contributions.0.description': 'Describa el aporte (por ejemplo, «Urbanización del terreno»).',
      'contributions.0.materialization': 'Indique cómo y cuándo se materializa el aporte.',
      'contributions.0.amountUf': 'Si indica un valor, escríbalo en UF con hasta 2 decimales (por ejemplo, 150 o 150,5).',
    });
    value.contributions = [{ party: 'trabajadores', description: 'Ahorro adicional', materialization: 'Depósito antes de la escritura', amountUf: '' }];
    expect(ZWorkAgreementSection.parse(value).contributions[0]!.amountUf).toBeNull();
  });
});

describe('ZProjectCommitteeSection', () => {
  it('parses the committee, normalising RUTs', () => {
    expect(ZProjectCommitteeSection.parse(committee()).committee.map((m) => m.rut)).toEqual([rut(11_111_111), rut(12_333_444), rut(15_111_222)]);
  });

  it('requires at least 3 members with one per side', () => {
    const two = committee();
    two.committee = two.committee.slice(0, 2);
    expect(messages(ZProjectCommitteeSection.safeParse(two)).committee).toBe(
      'El Comité de Proyecto debe tener al menos 3 integrantes, con al menos uno del empleador, uno de la organización de trabajadores y uno del grupo postulante (tiene 2; falta: el grupo postulante).',
    );
    const noEmployer = committee();
    noEmployer.committee[0]!.side = 'grupo';
    expect(messages(ZProjectCommitteeSection.safeParse(noEmployer)).committee).toMatch(/tiene 3; falta: el empleador\)/);
    const four = committee();
    four.committee.push({ name: 'Pedro González', rut: rut(16_222_333), side: 'grupo', position: '' });
    expect(ZProjectCommitteeSection.safeParse(four).success).toBe(true);
  });

  it('names the expected check digit of a wrong RUT and refuses a repeated one', () => {
    const wrong = committee();
    wrong.committee[0]!.rut = '11.111.111-2';
    expect(messages(ZProjectCommitteeSection.safeParse(wrong))['committee.0.rut']).toBe(
      `El RUT 11.111.111-2 no es válido: el dígito verificador debería ser ${computeCheckDigit(11_111_111)}.`,
    );
    const repeated = committee();
    repeated.committee[2]!.rut = repeated.committee[0]!.rut;
    expect(messages(ZProjectCommitteeSection.safeParse(repeated))['committee.2.rut']).toBe('Este RUT ya figura en el integrante 1 del comité.');
  });
});

describe('ZGanttSection', () => {
  it('requires at least one milestone, real dates, and an end not before the start', () => {
    expect(ZGanttSection.parse(gantt()).gantt).toEqual([{ title: 'Permiso de edificación', startOn: '2027-01-10', endOn: '2027-04-30' }]);
    expect(messages(ZGanttSection.safeParse({ gantt: [] }))).toEqual({ gantt: 'Agregue al menos un hito a la carta Gantt del proyecto.' });
    const reversed = gantt();
    reversed.gantt = [{ title: 'Obras', startOn: '2027-05-01', endOn: '2027-04-30' }];
    expect(messages(ZGanttSection.safeParse(reversed))['gantt.0.endOn']).toBe('La fecha de término no puede ser anterior a la de inicio.');
    const badDate = gantt();
    badDate.gantt[0]!.startOn = '2027-02-30';
    expect(messages(ZGanttSection.safeParse(badDate))['gantt.0.startOn']).toBe('Escriba una fecha válida (día, mes y año).');
  });
});

describe('ZLandSection', () => {
  it('keeps only the chosen alternative', () => {
    const parsed = ZLandSection.parse(land());
    expect(parsed).toEqual({
      situation: 'dominio',
      address: 'Camino Las Vizcachas 1234',
      rolAvaluo: '',
      dominio: { conservador: 'Puente Alto', fojas: '1234', numero: '567', anio: 2019 },
    });
  });

  it('does not take the certificate’s issue date: it is the uploaded certificate’s', () => {
    const withDate = { ...land(), dominio: { ...land().dominio, certificateIssuedOn: '2026-11-10' } };
    expect(ZLandSection.parse(withDate)).not.toHaveProperty('dominio.certificateIssuedOn');
  });

  it('asks which situation applies, then for the fields of that situation only', () => {
    expect(messages(ZLandSection.safeParse({ ...land(), situation: '' }))).toEqual({
      situation: 'Indique si el terreno es del empleador o está prometido en compraventa.',
    });
    const promise = { ...land(), situation: 'promesa' as const };
    expect(messages(ZLandSection.safeParse(promise))).toEqual({
      'promesa.notary': 'Indique la notaría ante la que se firmó la promesa de compraventa.',
      'promesa.signedOn': 'Indique la fecha de la promesa de compraventa.',
      'promesa.sellerName': 'Escriba el nombre del promitente vendedor.',
      'promesa.sellerRut': 'Escriba el RUT del promitente vendedor.',
      'promesa.sellerTitle.conservador': 'Indique el Conservador de Bienes Raíces de la inscripción (por ejemplo, «Puente Alto»).',
      'promesa.sellerTitle.fojas': 'Indique las fojas de la inscripción.',
      'promesa.sellerTitle.numero': 'Indique el número de la inscripción.',
      'promesa.sellerTitle.anio': 'Indique el año de la inscripción.',
    });
    const badYear = land();
    badYear.dominio.anio = '19';
    expect(messages(ZLandSection.safeParse(badYear))).toEqual({
      'dominio.anio': 'El año de la inscripción debe tener 4 dígitos, entre 1900 y 2100.',
    });
  });
});

describe('form values from stored data', () => {
  it('round-trips each section: stored output → form values → the same output', () => {
    const projectOut = ZProjectSection.parse(project());
    const back = projectFormValues(
      { projectType: projectOut.projectType, typologies: projectOut.typologies },
      { projectName: projectOut.projectName, comunaCode: projectOut.comunaCode },
      [
        { band: 1, count: 1, priceUf: '1200.00' },
        { band: 2, count: 3, priceUf: '1600.00' },
      ],
    );
    expect(ZProjectSection.parse(back)).toEqual(projectOut);

    const agreementOut = ZWorkAgreementSection.parse(agreement());
    expect(ZWorkAgreementSection.parse(workAgreementFormValues(agreementOut, { builder: null }))).toEqual(agreementOut);

    const committeeOut = ZProjectCommitteeSection.parse(committee());
    expect(ZProjectCommitteeSection.parse(projectCommitteeFormValues(committeeOut))).toEqual(committeeOut);

    const ganttOut = ZGanttSection.parse(gantt());
    expect(ZGanttSection.parse(ganttFormValues(ganttOut))).toEqual(ganttOut);

    const landOut = ZLandSection.parse(land());
    expect(ZLandSection.parse(landFormValues(landOut))).toEqual(landOut);
  });

  it('shows stored decimals the Chilean way, lines ordered by band and price', () => {
    const values = projectFormValues({ projectType: 'densificacion_predial', typologies: [{ name: 'Casa A', areaM2: '55.4', bedrooms: 3 }] }, { projectName: 'X', comunaCode: '13201' }, [
      { band: 3, count: 1, priceUf: '2000.00' },
      { band: 1, count: 2, priceUf: '1199.50' },
      { band: 3, count: 1, priceUf: '1800.00' },
      { band: 2, count: 0, priceUf: '1600.00' },
    ]);
    expect(values.typologies[0]!.areaM2).toBe('55,4');
    expect(values.dwellings.map((d) => [d.band, d.count, d.priceUf])).toEqual([
      ['1', '2', '1199,5'],
      ['3', '1', '1800'],
      ['3', '1', '2000'],
    ]);
  });

  it('starts unsaved sections sensibly: the builder, one committee row per side, one milestone, one line per band', () => {
    const start = workAgreementFormValues(null, { builder: { name: 'Constructora Demo SpA', rut: '77.222.444-1', registryNumber: 'RNC-5678' } });
    expect(start.builder.registryNumber).toBe('RNC-5678');
    expect(projectCommitteeFormValues(null).committee.map((m) => m.side)).toEqual(['empleador', 'organizacion', 'grupo']);
    expect(ganttFormValues(undefined).gantt).toHaveLength(1);
    expect(landFormValues(undefined).situation).toBe('');
    expect(projectFormValues(null, { projectName: 'X', comunaCode: null }, []).dwellings.map((d) => [d.band, d.count])).toEqual([
      ['1', ''],
      ['2', ''],
      ['3', ''],
    ]);
  });
});
