import '@/lib/validations/zod-locale';
import { z } from 'zod';

const DECIMAL = /^\d+([.,]\d+)?$/;

/** A non-negative amount typed by a person: "1.200", "1200", "50,5" → "50.5" (exact decimal text). */
export function amount(field: string, label: string) {
  return z
    .string({ error: `Indique ${label}.` })
    .trim()
    .min(1, `Indique ${label}.`)
    .transform((v) => (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(v) ? v.replace(/\./g, '') : v))
    .transform((v) => v.replace(',', '.'))
    .refine((v) => !v.startsWith('-'), `${label[0]!.toUpperCase()}${label.slice(1)} no puede ser negativo.`)
    .refine((v) => DECIMAL.test(v), `${label[0]!.toUpperCase()}${label.slice(1)} debe ser un número (por ejemplo 1200 o 50,5).`)
    .describe(field);
}
