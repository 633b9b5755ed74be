import type { ApplicationStatus } from '@/db/schema/applications';
import type { Tone } from '@/components/ui/status-tag';

export const applicationStatusLabels: Record<ApplicationStatus, string> = {
  borrador: 'Borrador',
  enviada: 'Enviada',
  en_revision: 'En revisión',
  observada: 'Observada',
  subsanada: 'Subsanada',
  aprobada_tecnicamente: 'Aprobada técnicamente',
  rechazada: 'Rechazada',
  seleccionada: 'Seleccionada',
  no_seleccionada: 'No seleccionada',
};

export const applicationStatusTones: Record<ApplicationStatus, Tone> = {
  borrador: 'neutral',
  enviada: 'info',
  en_revision: 'info',
  observada: 'warn',
  subsanada: 'info',
  aprobada_tecnicamente: 'ok',
  rechazada: 'error',
  seleccionada: 'ok',
  no_seleccionada: 'neutral',
};
