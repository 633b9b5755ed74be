/**
 * Content of the "Carta de Compromiso de Financiamiento GORE" (the GORE Magallanes reglamento, Anexo 1), filled from the
 * application. Structured data only; the PDF is rendered elsewhere. Empty fields stay empty in the
 * table and appear as "____" inside the paragraphs, as on the paper form, and are listed in `missing`.
 */
import Decimal from 'decimal.js';
import { formatDecimalCl, toDecimal } from './format';
import type { TDs49Parameters } from './parameters';
import { displayRut } from './rule-helpers';
import type { DecimalInput, Ds49Project } from './types';

export type GoreCommitmentLetterInput = {
  projectName: string;
  groupName: string;
  groupRut: string;
  familiesCount: number;
  legalRepresentative: string;
  comunaCode: string;
  sponsor: { name: string; rut: string };
  builder?: { name: string; rut: string } | null;
  land: {
    rol: string;
    /** Inscription at the Conservador de Bienes Raíces. */
    registration?: { fojas: string; number: string; year: number | string; conservador: string } | null;
    status: 'adquirido' | 'prometido_o_comprometido';
  };
  apartments: number;
  houses: number;
  /** Per-dwelling GORE contribution, with the per-dwelling overrides of `dwellings` when given. */
  project: Pick<Ds49Project, 'goreContributionUf'> & {
    dwellings?: readonly { goreContributionUf?: DecimalInput }[];
  };
  params: TDs49Parameters;
};

export type GoreCommitmentLetterRow = { label: string; value: string };

export type GoreCommitmentLetter = {
  title: string;
  subtitle: string;
  table: GoreCommitmentLetterRow[];
  /** The form's "Terreno ___ Adquirido o ___ Prometido o Comprometido" boxes. */
  landStatusOptions: { label: string; checked: boolean }[];
  paragraphs: string[];
  signature: string;
  figures: {
    solutions: number;
    goreTotalUf: string;
    gorePerFamilyUf: string;
    maxGoreContributionUf: string | null;
  };
  /** Labels of the fields left empty. */
  missing: string[];
  /** Inconsistencies a reviewer should see before the letter is signed. */
  warnings: string[];
};

const BLANK = '____';

export function goreCommitmentLetter(input: GoreCommitmentLetterInput): GoreCommitmentLetter {
  const { params } = input;
  const missing: string[] = [];
  const warnings: string[] = [];
  const field = (label: string, value: string | null | undefined): GoreCommitmentLetterRow => {
    const v = (value ?? '').trim();
    if (v === '') missing.push(label);
    return { label, value: v };
  };
  const limit = params.comunaLimits[input.comunaCode];
  const comunaName = limit?.comunaName ?? '';
  if (!limit) warnings.push(`La comuna ${input.comunaCode} no figura en la tabla de costos del reglamento (numeral 4.b).`);
  else if (!limit.applicable) warnings.push(`En la comuna de ${limit.comunaName} el cofinanciamiento GORE no aplica (numeral 4.b).`);

  const solutions = input.apartments + input.houses;
  const perDwelling = toDecimal(input.project.goreContributionUf);
  const dwellings = input.project.dwellings ?? [];
  const total =
    dwellings.length > 0
      ? dwellings.reduce(
          (sum, d) => sum.plus(d.goreContributionUf === undefined ? perDwelling : toDecimal(d.goreContributionUf)),
          new Decimal(0),
        )
      : perDwelling.times(solutions);
  const perFamily = input.familiesCount > 0 ? total.div(input.familiesCount) : new Decimal(0);

  if (dwellings.length > 0 && dwellings.length !== solutions)
    warnings.push(`El proyecto declara ${dwellings.length} viviendas, pero la carta suma ${solutions} soluciones (departamentos más casas).`);
  if (solutions !== input.familiesCount)
    warnings.push(`El número de soluciones habitacionales (${solutions}) no coincide con el número de familias (${input.familiesCount}).`);
  if (limit?.applicable && perFamily.gt(toDecimal(limit.maxGoreContributionUf)))
    warnings.push(
      `El aporte por familia (${formatDecimalCl(perFamily)} UF) supera el aporte GORE máximo de ${formatDecimalCl(limit.maxGoreContributionUf)} UF para ${limit.comunaName} (numeral 4.b).`,
    );

  const registration = input.land.registration;
  const registrationText = registration
    ? `Fjs ${registration.fojas} N° ${registration.number} Año ${registration.year} Conservador de Bienes Raíces de ${registration.conservador}`
    : '';
  const landStatus = input.land.status === 'adquirido' ? 'Adquirido' : 'Prometido o Comprometido';

  const table = [
    field('Nombre del proyecto', input.projectName),
    field('Nombre de la agrupación', input.groupName),
    field('Rut de la agrupación', input.groupRut ? displayRut(input.groupRut) : ''),
    field('Número de familias', input.familiesCount > 0 ? String(input.familiesCount) : ''),
    field('Representante legal de la agrupación', input.legalRepresentative),
    field('Comuna', comunaName),
    field('Entidad Patrocinante', input.sponsor.name),
    field('Rut Entidad Patrocinante', input.sponsor.rut ? displayRut(input.sponsor.rut) : ''),
    field('Constructora', input.builder?.name),
    field('Rut Constructora', input.builder?.rut ? displayRut(input.builder.rut) : ''),
    field('Rol del Terreno', input.land.rol),
    field('Datos de inscripción del terreno', registrationText),
    field('Terreno', landStatus),
  ];

  const projectName = input.projectName.trim() || BLANK;
  const totalText = solutions > 0 || dwellings.length > 0 ? formatDecimalCl(total) : BLANK;
  const perFamilyText = input.familiesCount > 0 ? formatDecimalCl(perFamily) : BLANK;
  // Wording of Anexo 1, blanks filled.
  const paragraphs = [
    `El Gobernador Regional, manifiesta que vía Convenio de Programación MINVU-GORE existe acuerdo CORE para comprometer financiamiento a las familias para efectos de presentar el proyecto habitacional denominado «${projectName}», correspondiente a ${solutions > 0 ? solutions : BLANK} soluciones habitacionales, por un total de ${totalText} UF lo que corresponde a ${perFamilyText} UF por familia.`,
    `La solución habitacional corresponde a ${input.apartments} Departamentos ${input.houses} Casas.`,
    'El Gobernador Regional se compromete a, una vez seleccionado el proyecto, gestionar la obtención de los recursos comprometidos ante el Consejo Regional.',
    'El Serviu Regional deberá comunicar al Gobierno Regional cada hito comunicacional relevante del (de los) proyecto(s) habitacional(es) por oficio y/o correo electrónico a fin que sus integrantes puedan ser parte de ellos.',
  ];

  return {
    title: 'CARTA DE COMPROMISO DE FINANCIAMIENTO GORE',
    subtitle: `(De acuerdo a Reglamento en el marco del Convenio de Programación MINVU-GORE ${params.version})`,
    table,
    landStatusOptions: [
      { label: 'Adquirido', checked: input.land.status === 'adquirido' },
      { label: 'Prometido o Comprometido', checked: input.land.status === 'prometido_o_comprometido' },
    ],
    paragraphs,
    signature: 'GOBERNADOR REGIONAL DE MAGALLANES Y ANTÁRTICA CHILENA',
    figures: {
      solutions,
      goreTotalUf: total.toString(),
      gorePerFamilyUf: perFamily.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toString(),
      maxGoreContributionUf: limit?.applicable ? limit.maxGoreContributionUf : null,
    },
    missing,
    warnings,
  };
}
