/**
 * The canonical columns of a roster (nómina) file: Spanish headers as the template writes them, the
 * aliases a union's own spreadsheet may use instead, and the help text shown in the template and the UI.
 */

export const ROSTER_COLUMN_KEYS = [
  'rut',
  'firstNames',
  'lastNames',
  'unionMember',
  'rshPercentile',
  'householdSize',
  'monthlyIncomeClp',
  'savingsUf',
  'savingsDepositedUf',
  'band',
  'birthDate',
  'email',
  // Optional household facts for the individual score (D.S. N°1 art. 65); see lib/roster/score-facts.ts.
  'memberAges',
  'headOfHousehold',
  'membersWithDisability',
  'overcrowding',
  'dwellingType',
  'waterSource',
  'bathroom',
  'earlierApplications',
] as const;

export type RosterColumnKey = (typeof ROSTER_COLUMN_KEYS)[number];

export interface RosterColumn {
  key: RosterColumnKey;
  /** Header written by the template and the export. */
  header: string;
  /** Whether the header must be present in an uploaded file. */
  required: boolean;
  /** Other headers accepted for this column (matched case-, accent- and punctuation-insensitively). */
  aliases: readonly string[];
  /** What to write in the column, for the template's "Instrucciones" sheet and the upload page. */
  hint: string;
  /** Example value as a person would type it. */
  example: string;
}

export const ROSTER_COLUMNS: readonly RosterColumn[] = [
  {
    key: 'rut',
    header: 'RUT',
    required: true,
    aliases: ['RUN', 'RUT trabajador', 'RUT del trabajador', 'RUT postulante', 'RUT del postulante', 'RUT DV', 'Cédula de identidad', 'N° de RUT', 'Rol Único Tributario'],
    hint: 'RUT del trabajador con dígito verificador, con o sin puntos. La K puede ir en minúscula.',
    example: '12.345.678-5',
  },
  {
    key: 'firstNames',
    header: 'Nombres',
    required: true,
    aliases: ['Nombre', 'Nombres del trabajador', 'Nombre del trabajador', 'Nombres del postulante'],
    hint: 'Nombres del trabajador, como aparecen en su cédula de identidad.',
    example: 'Juan Andrés',
  },
  {
    key: 'lastNames',
    header: 'Apellidos',
    required: true,
    aliases: ['Apellido', 'Apellidos del trabajador', 'Apellido paterno y materno', 'Apellidos paterno y materno'],
    hint: 'Apellido paterno y materno. También puede usar dos columnas, «Apellido paterno» y «Apellido materno».',
    example: 'Pérez Soto',
  },
  {
    key: 'unionMember',
    header: 'Socio del sindicato',
    required: true,
    aliases: ['Socio', 'Socia', 'Socio/a', 'Socio/a del sindicato', 'Socio sindicato', 'Es socio', 'Sindicalizado', 'Sindicalizado/a', 'Afiliado', 'Afiliado al sindicato', 'Socio de la organización', 'Socio del sindicato o asociación gremial', 'Miembro del sindicato'],
    hint: 'Sí, si es socio del sindicato o asociación gremial; No, si es trabajador del empleador sin afiliación (el llamado limita cuántos puede haber). También se acepta S/N, 1/0 o una x en los socios.',
    example: 'Sí',
  },
  {
    key: 'rshPercentile',
    header: 'Tramo RSH',
    required: true,
    aliases: ['RSH', 'Tramo del RSH', 'Tramo RSH %', 'Porcentaje RSH', '% RSH', 'Registro Social de Hogares', 'Tramo Registro Social de Hogares', 'Calificación socioeconómica', 'Tramo de calificación socioeconómica', 'CSE'],
    hint: 'Tramo de calificación socioeconómica del Registro Social de Hogares: 40, 50, 60, 70, 80, 90 o 100. Déjelo vacío si el hogar no tiene registro.',
    example: '40',
  },
  {
    key: 'householdSize',
    header: 'Integrantes del hogar',
    required: true,
    aliases: ['Integrantes', 'N° de integrantes', 'N° integrantes', 'Número de integrantes', 'Cantidad de integrantes', 'Integrantes grupo familiar', 'Integrantes del grupo familiar', 'Tamaño del hogar', 'Personas en el hogar', 'Grupo familiar'],
    hint: 'Número de personas del hogar, incluido el trabajador (de 1 a 20).',
    example: '3',
  },
  {
    key: 'monthlyIncomeClp',
    header: 'Ingreso mensual del hogar',
    required: true,
    aliases: ['Ingreso mensual', 'Ingreso del hogar', 'Ingresos del hogar', 'Ingreso', 'Ingresos', 'Ingreso familiar', 'Ingreso mensual familiar', 'Ingreso líquido', 'Ingreso líquido mensual', 'Renta', 'Renta mensual'],
    hint: 'Ingreso líquido mensual del hogar en pesos, sin decimales. Se acepta con o sin puntos y signo $.',
    example: '$ 1.404.569',
  },
  {
    key: 'savingsUf',
    header: 'Ahorro UF',
    required: true,
    aliases: ['Ahorro', 'Ahorro total', 'Ahorro en UF', 'Monto ahorro', 'Monto de ahorro', 'Ahorro para la vivienda'],
    hint: 'Ahorro total para la vivienda, en UF, con hasta dos decimales separados por coma.',
    example: '50,5',
  },
  {
    key: 'savingsDepositedUf',
    header: 'Ahorro depositado UF',
    required: true,
    aliases: ['Ahorro depositado', 'Ahorro depositado en UF', 'Ahorro enterado', 'Ahorro acreditado', 'Ahorro en cuenta', 'Saldo cuenta de ahorro'],
    hint: 'Parte del ahorro ya depositada en la cuenta o instrumento de ahorro a la fecha que fija el llamado, en UF. No puede ser mayor que el ahorro total.',
    example: '25,25',
  },
  {
    key: 'band',
    header: 'Tramo de vivienda',
    required: true,
    aliases: ['Tramo', 'Tramo vivienda', 'Tramo de precio', 'Tramo de precio de vivienda', 'Tramo de la vivienda', 'Tramo del proyecto'],
    hint: 'Tramo de precio de la vivienda asignada al trabajador: 1, 2 o 3.',
    example: '1',
  },
  {
    key: 'birthDate',
    header: 'Fecha de nacimiento',
    required: false,
    aliases: ['Fecha nacimiento', 'Nacimiento', 'Fecha de nac', 'Fecha nac', 'F nacimiento', 'Fec nac'],
    hint: 'Opcional. Día-mes-año (dd-mm-aaaa) o una celda de fecha de Excel.',
    example: '12-04-1985',
  },
  {
    key: 'email',
    header: 'Correo',
    required: false,
    aliases: ['Correo electrónico', 'Email', 'E-mail', 'Mail'],
    hint: 'Opcional. Correo electrónico del trabajador, para avisarle del avance de la postulación.',
    example: 'juan.perez@ejemplo.cl',
  },
  {
    key: 'memberAges',
    header: 'Edades de los integrantes',
    required: false,
    aliases: ['Edades', 'Edad de los integrantes', 'Edades del hogar', 'Edades del grupo familiar', 'Edades integrantes'],
    hint: 'Opcional (puntaje). La edad en años cumplidos de cada integrante del hogar, incluido el trabajador, separadas por punto y coma. Deben ser tantas edades como integrantes del hogar.',
    example: '38; 35; 9',
  },
  {
    key: 'headOfHousehold',
    header: 'Jefatura de hogar',
    required: false,
    aliases: ['Jefatura', 'Jefe de hogar', 'Jefa de hogar', 'Jefe/a de hogar', 'Tipo de jefatura', 'Tipo de jefatura de hogar'],
    hint: 'Opcional (puntaje). No (el trabajador no es jefe ni jefa de hogar), Con pareja (jefatura con cónyuge o conviviente), Monoparental (sin cónyuge ni conviviente, con hijos u otras cargas) o Unipersonal (vive solo o sola).',
    example: 'Con pareja',
  },
  {
    key: 'membersWithDisability',
    header: 'Integrantes con discapacidad',
    required: false,
    aliases: ['Discapacidad', 'N° integrantes con discapacidad', 'Personas con discapacidad', 'Integrantes en situación de discapacidad'],
    hint: 'Opcional (puntaje). Cuántos integrantes del hogar tienen discapacidad acreditada en el Registro Nacional de la Discapacidad; 0 si no hay.',
    example: '0',
  },
  {
    key: 'overcrowding',
    header: 'Hacinamiento',
    required: false,
    aliases: ['Nivel de hacinamiento', 'Índice de hacinamiento', 'Hacinamiento del hogar'],
    hint: 'Opcional (puntaje). Sin (menos de 2,5 personas por dormitorio), Medio (2,5 a 4,9) o Crítico (5 o más), como en el Registro Social de Hogares.',
    example: 'Medio',
  },
  {
    key: 'dwellingType',
    header: 'Tipo de vivienda actual',
    required: false,
    aliases: ['Tipo de vivienda', 'Vivienda actual', 'Tipo vivienda'],
    hint: 'Opcional (puntaje). Donde vive hoy el hogar: Casa, Departamento, Pieza (en casa antigua, conventillo o cité), Mediagua (mejora, rancho o choza) u Otro.',
    example: 'Pieza',
  },
  {
    key: 'waterSource',
    header: 'Abastecimiento de agua',
    required: false,
    aliases: ['Agua', 'Origen del agua', 'Fuente de agua'],
    hint: 'Opcional (puntaje). Red pública dentro (llave dentro de la vivienda), Red pública fuera (llave fuera de la vivienda) u Otra (pozo, río, camión aljibe…).',
    example: 'Red pública dentro',
  },
  {
    key: 'bathroom',
    header: 'Baño',
    required: false,
    aliases: ['Servicio higiénico', 'Tipo de baño', 'Baño de la vivienda'],
    hint: 'Opcional (puntaje). Exclusivo (de uso solo del hogar), Compartido (con otro hogar) o Sin baño.',
    example: 'Compartido',
  },
  {
    key: 'earlierApplications',
    header: 'Postulaciones anteriores',
    required: false,
    aliases: ['N° de postulaciones anteriores', 'Postulaciones previas', 'Antigüedad de la postulación', 'Veces que ha postulado'],
    hint: 'Opcional (puntaje). Cuántas veces el trabajador postuló antes a un subsidio habitacional sin obtenerlo; 0 si es la primera.',
    example: '1',
  },
];

export const ROSTER_COLUMN_BY_KEY = Object.fromEntries(ROSTER_COLUMNS.map((column) => [column.key, column])) as Record<
  RosterColumnKey,
  RosterColumn
>;

/**
 * Payroll exports in Chile often split the surnames in two columns; when the file has no single
 * «Apellidos» column, these two are joined (paterno first) to fill it.
 */
export const LAST_NAME_PART_ALIASES = {
  paternal: ['Apellido paterno', 'Primer apellido', 'Ap paterno', 'Paterno'],
  maternal: ['Apellido materno', 'Segundo apellido', 'Ap materno', 'Materno'],
} as const;

export type LastNamePart = keyof typeof LAST_NAME_PART_ALIASES;

/**
 * Comparable form of a header: no accents, lower case, no parenthesised notes ("(Sí/No)", "($)") and no
 * unit words, so "Ahorro (UF)", "AHORRO UF" and "ahorro en UF" all read as "ahorro".
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    // Dotted acronyms as on official forms: "R.U.T." → "rut".
    .replace(/\b([a-z])\.(?=[a-z]\.?\b)/g, '$1')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\b(?:en )?(?:uf|clp|pesos)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

type HeaderTarget = { kind: 'column'; key: RosterColumnKey } | { kind: 'lastNamePart'; part: LastNamePart };

const HEADER_INDEX: ReadonlyMap<string, HeaderTarget> = (() => {
  const index = new Map<string, HeaderTarget>();
  for (const column of ROSTER_COLUMNS) {
    for (const name of [column.header, ...column.aliases]) {
      index.set(normalizeHeader(name), { kind: 'column', key: column.key });
    }
  }
  for (const part of Object.keys(LAST_NAME_PART_ALIASES) as LastNamePart[]) {
    for (const name of LAST_NAME_PART_ALIASES[part]) index.set(normalizeHeader(name), { kind: 'lastNamePart', part });
  }
  return index;
})();

/** What a header cell of an uploaded file stands for, or null when it is not a roster column. */
export function matchRosterHeader(header: string): HeaderTarget | null {
  const normalized = normalizeHeader(header);
  if (!normalized) return null;
  return HEADER_INDEX.get(normalized) ?? null;
}

/** Spreadsheet column letter for a 0-based index (0 → A, 26 → AA), for messages. */
export function columnLetter(index: number): string {
  let letters = '';
  let n = index + 1;
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
