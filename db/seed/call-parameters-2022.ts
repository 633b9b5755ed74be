/**
 * Rule parameters of the 2022 pilot call of the Programa de Vivienda para Organizaciones de
 * Trabajadores (special call of D.S. N°1, Res. Ex. N°867 of 13-07-2022): the 2022 call.
 * Decimals are strings on purpose (see lib/domain/call-parameters.ts).
 */
import type { TCallParameters, TScoreFactor } from '@/lib/domain/call-parameters';
import { CHOICE_FACT_VALUES, CHOICE_FACT_VALUE_LABELS } from '../../lib/domain/household-facts';
import type { ChoiceFact } from '../../lib/domain/household-facts';

/** A choice factor with one unset line per value of the household fact it reads. */
function choiceFactor(id: string, group: TScoreFactor['group'], label: string, fact: ChoiceFact): TScoreFactor {
  const labels = CHOICE_FACT_VALUE_LABELS[fact] as Record<string, string>;
  return {
    kind: 'choice',
    id,
    group,
    label,
    basis: { fact },
    options: CHOICE_FACT_VALUES[fact].map((value) => ({ id: value, label: labels[value]!, points: null })),
  };
}

/** Savings-excess brackets of D.S. N°1 (marginal; limits measured on the excess, the programme rules). */
const BANDS_1_2_SAVINGS_EXCESS = [
  { uptoUf: '100', pointsPerUf: '4' },
  { uptoUf: '150', pointsPerUf: '2' },
  { uptoUf: '200', pointsPerUf: '1' },
  { uptoUf: null, pointsPerUf: '0.05' },
];
const BAND_3_SAVINGS_EXCESS = [
  { uptoUf: '140', pointsPerUf: '2' },
  { uptoUf: '190', pointsPerUf: '1' },
  { uptoUf: '240', pointsPerUf: '0.5' },
  { uptoUf: null, pointsPerUf: '0.05' },
];

export const callParameters2022: TCallParameters = {
  schemaVersion: 1,
  timeZone: 'America/Santiago',
  zones: {
    centro: { label: 'Zona centro', band1MaxUf: '1200', band2MaxUf: '1600', band3MaxUf: '2200', subsidyUf: '1000' },
    norte: { label: 'Zona norte', band1MaxUf: '1300', band2MaxUf: '1700', band3MaxUf: '2600', subsidyUf: '1100' },
    extremo_sur: { label: 'Zona extremo sur', band1MaxUf: '1400', band2MaxUf: '1800', band3MaxUf: '2600', subsidyUf: '1200' },
  },
  // Regions by CUT code; Provincia de Chiloé (102) is in the north zone although Los Lagos is centro.
  zoneMap: [
    { level: 'region', code: '15', zone: 'norte', label: 'Región de Arica y Parinacota' },
    { level: 'region', code: '01', zone: 'norte', label: 'Región de Tarapacá' },
    { level: 'region', code: '02', zone: 'norte', label: 'Región de Antofagasta' },
    { level: 'region', code: '03', zone: 'norte', label: 'Región de Atacama' },
    { level: 'region', code: '04', zone: 'centro', label: 'Región de Coquimbo' },
    { level: 'region', code: '05', zone: 'centro', label: 'Región de Valparaíso' },
    { level: 'region', code: '13', zone: 'centro', label: 'Región Metropolitana de Santiago' },
    { level: 'region', code: '06', zone: 'centro', label: "Región del Libertador General Bernardo O'Higgins" },
    { level: 'region', code: '07', zone: 'centro', label: 'Región del Maule' },
    { level: 'region', code: '16', zone: 'centro', label: 'Región de Ñuble' },
    { level: 'region', code: '08', zone: 'centro', label: 'Región del Biobío' },
    { level: 'region', code: '09', zone: 'centro', label: 'Región de La Araucanía' },
    { level: 'region', code: '14', zone: 'centro', label: 'Región de Los Ríos' },
    { level: 'region', code: '10', zone: 'centro', label: 'Región de Los Lagos' },
    { level: 'province', code: '102', zone: 'norte', label: 'Provincia de Chiloé' },
    { level: 'region', code: '11', zone: 'extremo_sur', label: 'Región de Aysén del General Carlos Ibáñez del Campo' },
    { level: 'region', code: '12', zone: 'extremo_sur', label: 'Región de Magallanes y de la Antártica Chilena' },
  ],
  bandRequirements: {
    '1': { maxRshPercentile: 50, requiresRshRecord: true, minSavingsUf: '50' },
    '2': { maxRshPercentile: 90, requiresRshRecord: true, minSavingsUf: '70' },
    '3': { maxRshPercentile: null, requiresRshRecord: true, minSavingsUf: '120' },
  },
  savings: { depositedShareOfMinimum: '0.5', depositDeadline: '2022-11-30' },
  composition: { band1MinShare: '0.2', band2MinShare: '0.6', band3MaxShare: '0.2', minBands: 2, maxDwellings: 300 },
  roster: { nonUnionMaxShare: '0.2', replacementsMaxShare: '0.3' },
  incomeCap: {
    rshThreshold: 90,
    zoneGroups: { centro: 'centro', norte: 'norte_extremo_sur', extremo_sur: 'norte_extremo_sur' },
    // The 2022 call publishes only the ends (45/81 UF and 60/96 UF at $31.212,64); the middle values follow
    // the +20/+8/+8 UF steps of later calls and are marked inferred (the programme rules).
    groups: {
      centro: {
        '1': { amountClp: 1404569, inferred: false },
        '2': { amountClp: 2028822, inferred: true },
        '3': { amountClp: 2278523, inferred: true },
        '4': { amountClp: 2528224, inferred: false },
      },
      norte_extremo_sur: {
        '1': { amountClp: 1872759, inferred: false },
        '2': { amountClp: 2497012, inferred: true },
        '3': { amountClp: 2746713, inferred: true },
        '4': { amountClp: 2996414, inferred: false },
      },
    },
  },
  financing: {
    annualRate: '0.045',
    termMonths: 300,
    ufValueClp: '33179.05',
    ufDate: '2022-07-08',
    maxPaymentToIncomeShare: '0.25',
    onTimeSubsidy: {
      basis: 'by_band',
      byBand: { '1': '0.2', '2': '0.15', '3': '0.1' },
      byCredit: [
        { maxCreditUf: '500', share: '0.2' },
        { maxCreditUf: '900', share: '0.15' },
        { maxCreditUf: '1200', share: '0.1' },
      ],
      maxCreditUf: '1200',
    },
  },
  selection: { budgetUf: '630000', maxDwellings: 600, afterMiss: 'continue' },
  score: {
    // D.S. N°1 art. 65 factors named by the 2022 call, each reading one household fact; the points (and the
    // ages that score) must be entered from the decree (null = unset). Choice tables have one line per
    // declared value, so any grouping of the decree can be entered as equal points.
    factors: [
      { kind: 'per_unit', id: 'grupo_familiar.integrantes', group: 'grupo_familiar', label: 'Integrantes del grupo familiar', basis: { fact: 'householdMembers' }, pointsPerUnit: null, maxUnits: null },
      { kind: 'per_unit', id: 'grupo_familiar.edades', group: 'grupo_familiar', label: 'Integrantes en los tramos de edad que puntúan', basis: { fact: 'memberAges', ageRange: null }, pointsPerUnit: null, maxUnits: null },
      choiceFactor('grupo_familiar.jefatura_hogar', 'grupo_familiar', 'Jefatura de hogar', 'headOfHousehold'),
      { kind: 'per_unit', id: 'grupo_familiar.discapacidad', group: 'grupo_familiar', label: 'Integrantes con discapacidad', basis: { fact: 'membersWithDisability' }, pointsPerUnit: null, maxUnits: null },
      { kind: 'per_unit', id: 'grupo_familiar.adultos_mayores', group: 'grupo_familiar', label: 'Integrantes de 60 años o más', basis: { fact: 'memberAges', ageRange: { fromAge: 60, toAge: null } }, pointsPerUnit: null, maxUnits: null },
      choiceFactor('vulnerabilidad_habitacional.hacinamiento', 'vulnerabilidad_habitacional', 'Hacinamiento', 'overcrowding'),
      choiceFactor('vulnerabilidad_habitacional.tipo_vivienda', 'vulnerabilidad_habitacional', 'Tipo de vivienda', 'dwellingType'),
      choiceFactor('vulnerabilidad_habitacional.agua', 'vulnerabilidad_habitacional', 'Abastecimiento de agua', 'waterSource'),
      choiceFactor('vulnerabilidad_habitacional.bano', 'vulnerabilidad_habitacional', 'Baño', 'bathroom'),
      { kind: 'per_unit', id: 'antiguedad_postulacion.postulaciones_anteriores', group: 'antiguedad_postulacion', label: 'Postulaciones anteriores', basis: { fact: 'earlierApplications' }, pointsPerUnit: null, maxUnits: null },
    ],
    savingsExcess: {
      // The 2022 call's individual score lists only the art. 65 factors: the 2022 call does not count savings excess.
      counts: false,
      thresholdsOf: 'excess',
      byBand: { '1': BANDS_1_2_SAVINGS_EXCESS, '2': BANDS_1_2_SAVINGS_EXCESS, '3': BAND_3_SAVINGS_EXCESS },
    },
  },
  bridgeLoan: {
    instalments: [
      { share: '0.2', progressAbovePercent: null },
      { share: '0.4', progressAbovePercent: '25' },
      { share: '0.4', progressAbovePercent: '60' },
    ],
    maxMonths: 36,
    capBasis: 'dwelling_subsidies',
    // Not fixed by the 2022 call: a month leaves the builder time to renew the guarantee before it lapses.
    guaranteeWarningDays: 30,
  },
  deadlines: {
    cbrInscriptionDays: 90,
    subsidyPaymentMonths: 24,
    prohibitionYears: 10,
    titleCertificateMaxAgeDays: 30,
    // Reproduces the 2022 cronograma: observations 13-12-2022 → corrections until 27-12-2022.
    correctionWorkingDays: 10,
    // Cronograma 2022: "Inicio de obras hasta julio de 2023".
    startOfWorksBy: '2023-07-31',
    // Cronograma 2022: regional review runs about two weeks after closing (30-11 → 13-12).
    reviewStartDays: 10,
    followUpNoticeDays: 30,
    progressReportDays: 30,
    progressReportNoticeDays: 7,
  },
};
