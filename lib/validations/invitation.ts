import { z } from 'zod';
import type { invitationKinds as schemaInvitationKinds } from '@/db/schema/workflow';
import { emailField, employerKinds, rutField, sponsorKinds } from './organization';

/** The parties a union invites to one of its applications. */
export const invitableKinds = ['employer_rep', 'sponsor', 'builder'] as const satisfies readonly (typeof schemaInvitationKinds)[number][];
export type InvitableKind = (typeof invitableKinds)[number];

export const invitationKindLabels: Record<(typeof schemaInvitationKinds)[number], string> = {
  employer_rep: 'representante del empleador',
  sponsor: 'entidad patrocinante o gestora',
  builder: 'constructora',
  org_member: 'miembro de la organización',
};

/** The token travels only in the e-mailed link: 32 random bytes in base64url are 43 characters. */
export const invitationTokenField = z.string().trim().regex(/^[A-Za-z0-9_-]{43}$/, 'El enlace de invitación no es válido.');

export const ZCreateInvitation = z.object({
  applicationId: z.uuid('Elija la postulación.'),
  kind: z.enum(invitableKinds, { error: 'Elija a quién invita.' }),
  email: emailField,
});
export type TCreateInvitationInput = z.input<typeof ZCreateInvitation>;
export type TCreateInvitation = z.output<typeof ZCreateInvitation>;

export const ZRevokeInvitation = z.object({ invitationId: z.uuid('Invitación no válida.') });

const entityName = z.string().trim().min(3, 'Ingrese la razón social o el nombre.').max(200, 'El nombre no puede superar 200 caracteres.');

/** The employer the invitee represents, when they register it on accepting. */
export const ZEmployerEntity = z.object({
  name: entityName,
  rut: rutField('Ingrese el RUT del empleador.'),
  kind: z.enum(employerKinds, { error: 'Elija el tipo de empleador.' }),
});
export type TEmployerEntityInput = z.input<typeof ZEmployerEntity>;
export type TEmployerEntity = z.output<typeof ZEmployerEntity>;

/** The sponsoring entity, management entity or builder the invitee represents. */
export const ZSponsorEntity = z.object({
  name: entityName,
  rut: rutField('Ingrese el RUT de la entidad.'),
  kind: z.enum(sponsorKinds, { error: 'Elija el tipo de entidad.' }),
  registryNumber: z
    .string()
    .trim()
    .min(1, 'Ingrese el número de registro.')
    .max(60, 'El número no puede superar 60 caracteres.'),
});
export type TSponsorEntityInput = z.input<typeof ZSponsorEntity>;
export type TSponsorEntity = z.output<typeof ZSponsorEntity>;

export const ZAcceptEmployerInvitation = z.object({ token: invitationTokenField, entity: ZEmployerEntity.optional() });
export const ZAcceptSponsorInvitation = z.object({ token: invitationTokenField, entity: ZSponsorEntity.optional() });
