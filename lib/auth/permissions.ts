import type { Role } from '@/db/schema/auth';

/** Named rights; roles map to them and every data-access function asks for one. */
export const permissions = [
  'application.read',
  /** The whole file: every worker's row, every observation and document. A worker reads only their own row. */
  'application.read_all',
  'application.create',
  'application.edit',
  'application.submit',
  'roster.manage',
  'organization.manage',
  'incorporation.confirm',
  'review.read',
  'review.observe',
  'review.decide',
  'review.approve_technical',
  'selection.run',
  'call.configure',
  'followup.report',
  'followup.verify',
  'prohibition.decide',
  'gore.commit',
  'audit.read',
] as const;
export type Permission = (typeof permissions)[number];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  worker: ['application.read', 'incorporation.confirm'],
  org_rep: ['application.read', 'application.read_all', 'application.create', 'application.edit', 'application.submit', 'roster.manage', 'organization.manage', 'followup.report'],
  employer_rep: ['application.read', 'application.read_all', 'application.edit', 'application.submit', 'followup.report'],
  sponsor: ['application.read', 'application.read_all', 'application.edit', 'followup.report'],
  reviewer: ['application.read', 'application.read_all', 'review.read', 'review.observe', 'review.decide', 'followup.verify', 'audit.read'],
  director: ['application.read', 'application.read_all', 'review.read', 'review.observe', 'review.decide', 'review.approve_technical', 'followup.verify', 'prohibition.decide', 'audit.read'],
  minvu_admin: ['application.read', 'application.read_all', 'review.read', 'selection.run', 'call.configure', 'audit.read'],
  gore: ['application.read', 'application.read_all', 'review.read', 'gore.commit'],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}

/** A role that reads only its own roster row of a file it is in (a worker), not the whole file. */
export function readsOwnRowOnly(role: Role): boolean {
  return !hasPermission(role, 'application.read_all');
}

export const roleLabels: Record<Role, string> = {
  worker: 'Trabajador/a postulante',
  org_rep: 'Representante de la organización',
  employer_rep: 'Representante del empleador',
  sponsor: 'Entidad patrocinante o constructora',
  reviewer: 'Analista SERVIU',
  director: 'Director/a SERVIU',
  minvu_admin: 'Equipo del programa MINVU',
  gore: 'Gobierno Regional',
};

export const backOfficeRoles: readonly Role[] = ['reviewer', 'director', 'minvu_admin', 'gore'];
export const applicantRoles: readonly Role[] = ['worker', 'org_rep', 'employer_rep', 'sponsor'];

export function isBackOfficeRole(role: Role): boolean {
  return backOfficeRoles.includes(role);
}

/** Where each role lands after signing in. */
export function dashboardPath(role: Role): string {
  return isBackOfficeRole(role) ? '/gestion' : '/portal';
}
