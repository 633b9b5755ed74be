import { z } from 'zod';
import type { employerKinds as schemaEmployerKinds, organizationKinds as schemaOrganizationKinds, sponsorKinds as schemaSponsorKinds } from '@/db/schema/organizations';
import { now } from '@/lib/clock';
import { parseRut, normalizeRut, rutErrorMessage } from '@/lib/domain/rut';
import { santiagoDay } from '@/lib/santiago-time';

// Kept here as literals so the browser bundle does not pull the database schema; the `satisfies`
// below fails to compile if they drift from the columns' enums.
export const organizationKinds = ['sindicato', 'asociacion_gremial'] as const satisfies typeof schemaOrganizationKinds;
export const employerKinds = ['privado', 'publico', 'municipal'] as const satisfies typeof schemaEmployerKinds;
export const sponsorKinds = ['entidad_patrocinante', 'entidad_gestora', 'constructora'] as const satisfies typeof schemaSponsorKinds;
export type OrganizationKind = (typeof organizationKinds)[number];
export type EmployerKind = (typeof employerKinds)[number];
export type SponsorKind = (typeof sponsorKinds)[number];

export const organizationKindLabels: Record<OrganizationKind, string> = {
  sindicato: 'Sindicato',
  asociacion_gremial: 'Asociación gremial',
};
export const employerKindLabels: Record<EmployerKind, string> = {
  privado: 'Empresa privada',
  publico: 'Servicio u organismo público',
  municipal: 'Municipalidad',
};
export const sponsorKindLabels: Record<SponsorKind, string> = {
  entidad_patrocinante: 'Entidad Patrocinante',
  entidad_gestora: 'Entidad gestora',
  constructora: 'Constructora',
};

/** A RUT with its mod-11 check digit; the output is normalised (`12345678-5`). */
export function rutField(emptyMessage: string) {
  return z
    .string()
    .trim()
    .min(1, emptyMessage)
    .superRefine((value, ctx) => {
      if (!value) return;
      const parsed = parseRut(value);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: rutErrorMessage(parsed) });
    })
    .transform((value) => normalizeRut(value) ?? value);
}

export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Ingrese el correo electrónico.')
  .max(254, 'El correo electrónico es demasiado largo.')
  .email('Ingrese un correo electrónico válido, por ejemplo nombre@dominio.cl.');

export const PASSWORD_MIN_LENGTH = 10;

const accountFields = {
  name: z.string().trim().min(3, 'Ingrese su nombre completo.').max(120, 'El nombre no puede superar 120 caracteres.'),
  rut: rutField('Ingrese su RUT.'),
  email: emailField,
  password: z
    .string()
    .min(PASSWORD_MIN_LENGTH, `La contraseña debe tener al menos ${PASSWORD_MIN_LENGTH} caracteres.`)
    .max(200, 'La contraseña no puede superar 200 caracteres.'),
  passwordConfirmation: z.string().min(1, 'Repita la contraseña.'),
};

const passwordsMatch = {
  path: ['passwordConfirmation'],
  message: 'Las contraseñas no coinciden. Escríbala de nuevo.',
  when: (payload: { value: unknown }) => {
    const value = payload.value as { password?: unknown; passwordConfirmation?: unknown };
    return typeof value.password === 'string' && typeof value.passwordConfirmation === 'string' && value.passwordConfirmation.length > 0;
  },
};

/** Sign-up of a union leader, or of an invitee arriving with an invitation token (the role then comes from the invitation). */
export const ZSignUp = z
  .object({ ...accountFields, invitationToken: z.string().trim().max(100).optional() })
  .refine((data) => data.password === data.passwordConfirmation, passwordsMatch);
export type TSignUpInput = z.input<typeof ZSignUp>;
export type TSignUp = z.output<typeof ZSignUp>;

/**
 * Sign-up of an applicant worker («Soy trabajador/a postulante»): the account reaches the roster entries
 * with the same RUT, so the RUT's check digit matters most here.
 */
export const ZWorkerSignUp = z.object(accountFields).refine((data) => data.password === data.passwordConfirmation, passwordsMatch);
export type TWorkerSignUpInput = z.input<typeof ZWorkerSignUp>;
export type TWorkerSignUp = z.output<typeof ZWorkerSignUp>;

function isRealDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number);
  if (!y || !m || !d) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function todayInChile(): string {
  const { year, month, day } = santiagoDay(now());
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The union's or gremial association's registration (RUT, legal personality, address). */
export const ZOrganization = z
  .object({
    name: z.string().trim().min(3, 'Ingrese el nombre de la organización.').max(200, 'El nombre no puede superar 200 caracteres.'),
    rut: rutField('Ingrese el RUT de la organización.'),
    kind: z.enum(organizationKinds, { error: 'Elija el tipo de organización.' }),
    legalPersonalityNumber: z
      .string()
      .trim()
      .min(1, 'Ingrese el número de registro de la personalidad jurídica.')
      .max(60, 'El número no puede superar 60 caracteres.'),
    legalPersonalityDate: z
      .string()
      .trim()
      .min(1, 'Ingrese la fecha en que se otorgó la personalidad jurídica.')
      .refine((v) => !v || (/^\d{4}-\d{2}-\d{2}$/.test(v) && isRealDate(v)), 'Ingrese una fecha válida, por ejemplo 12-03-2015.')
      .refine((v) => !/^\d{4}-\d{2}-\d{2}$/.test(v) || v >= '1900-01-01', 'La fecha no puede ser anterior a 1900.')
      .refine((v) => !/^\d{4}-\d{2}-\d{2}$/.test(v) || v <= todayInChile(), 'La fecha no puede ser posterior a hoy.'),
    legalPersonalityAuthority: z
      .string()
      .trim()
      .min(3, 'Indique la autoridad que otorgó la personalidad jurídica.')
      .max(200, 'El texto no puede superar 200 caracteres.'),
    regionCode: z.string().regex(/^\d{2}$/, 'Elija la región.'),
    comunaCode: z.string().regex(/^\d{5}$/, 'Elija la comuna.'),
  })
  .refine((data) => data.comunaCode.slice(0, 2) === data.regionCode, {
    path: ['comunaCode'],
    message: 'La comuna elegida no pertenece a la región. Elija de nuevo la comuna.',
    when: (payload) => {
      const value = payload.value as { regionCode?: unknown; comunaCode?: unknown };
      return typeof value.regionCode === 'string' && /^\d{5}$/.test(String(value.comunaCode ?? ''));
    },
  });
export type TOrganizationInput = z.input<typeof ZOrganization>;
export type TOrganization = z.output<typeof ZOrganization>;

/** A new application (postulación) under an open call. */
export const ZNewApplication = z.object({
  callId: z.uuid('Elija el llamado al que postula.'),
  projectName: z
    .string()
    .trim()
    .min(3, 'Ingrese el nombre del proyecto (al menos 3 caracteres).')
    .max(150, 'El nombre del proyecto no puede superar 150 caracteres.'),
});
export type TNewApplicationInput = z.input<typeof ZNewApplication>;
export type TNewApplication = z.output<typeof ZNewApplication>;
