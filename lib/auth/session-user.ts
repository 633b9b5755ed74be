import type { Role } from '@/db/schema/auth';

/** Who is calling, as every data-access function receives it (never from a form field). */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  regionCode: string | null;
  rut: string | null;
}

export class ForbiddenError extends Error {
  constructor(message = 'No tiene permiso para realizar esta acción.') {
    super(message);
    this.name = 'ForbiddenError';
  }
}

export class NotFoundError extends Error {
  constructor(message = 'No se encontró el registro solicitado.') {
    super(message);
    this.name = 'NotFoundError';
  }
}
