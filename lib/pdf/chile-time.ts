import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { es } from 'date-fns/locale';

/** Deadlines and receipts are stated in the call's time zone (the programme rules), whatever the server's. */
export const CHILE_TIME_ZONE = 'America/Santiago';

const inChile = tz(CHILE_TIME_ZONE);

/** `22 de noviembre de 2026, 14:05 (hora de Chile)` */
export function formatChileDateTime(date: Date): string {
  return `${format(date, "d 'de' MMMM 'de' yyyy, HH:mm", { locale: es, in: inChile })} (hora de Chile)`;
}

/** `22 de noviembre de 2026` */
export function formatChileDate(date: Date): string {
  return format(date, "d 'de' MMMM 'de' yyyy", { locale: es, in: inChile });
}
