import '@/lib/validations/zod-locale';
import { z } from 'zod';
import { findComuna } from '@/db/data/territory';
import type { Comuna } from '@/db/data/territory';
import { amount } from './amount';

/**
 * An amount sent to the JSON API by a program: plain decimal text with a decimal point ("50.125" is fifty
 * and an eighth, never fifty thousand), as the API's description says.
 */
function apiAmount(field: string, label: string) {
  const title = `${label[0]!.toUpperCase()}${label.slice(1)}`;
  return z
    .string({ error: `Indique ${label}.` })
    .trim()
    .min(1, `Indique ${label}.`)
    .refine((v) => !v.startsWith('-'), `${title} no puede ser negativo.`)
    .refine((v) => /^\d+(\.\d+)?$/.test(v), `${title} debe ser un número con punto decimal y sin separador de miles (por ejemplo 1200 o 50.5).`)
    .describe(field);
}

export const ZComunaQuery = z
  .string({ error: 'Indique la comuna (nombre o código CUT).' })
  .trim()
  .min(1, 'Indique la comuna (nombre o código CUT).')
  .transform((value, ctx): Comuna => {
    const comuna = findComuna(value);
    if (!comuna) {
      ctx.addIssue({ code: 'custom', message: `No encontramos la comuna «${value}». Escriba su nombre o su código CUT de 5 dígitos.` });
      return z.NEVER;
    }
    return comuna;
  });

/** Query of GET /api/v1/simulation. */
export const ZSimulationQuery = z.object({
  comuna: ZComunaQuery,
  priceUf: apiAmount('priceUf', 'el precio de la vivienda en UF'),
  savingsUf: apiAmount('savingsUf', 'el ahorro en UF'),
});
export type TSimulationQuery = z.output<typeof ZSimulationQuery>;

/** The public simulator form ("¿Cuánto pagaría?"): price is optional, income is required. */
export const ZSimulatorForm = z.object({
  comuna: ZComunaQuery,
  incomeClp: amount('incomeClp', 'el ingreso mensual del hogar en pesos').transform((v) => Math.floor(Number(v))),
  savingsUf: amount('savingsUf', 'el ahorro en UF'),
  priceUf: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(amount('priceUf', 'el precio de la vivienda en UF').optional()),
  /** Without a price, the band whose detail the person wants: its highest price within reach. */
  band: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.enum(['1', '2', '3'], { error: 'Elija el tramo 1, 2 o 3.' }).optional()),
});
export type TSimulatorForm = z.output<typeof ZSimulatorForm>;

/** zod issues as the public APIs' `{ field, message }` list. */
export function apiErrors(error: z.ZodError): { field: string; message: string }[] {
  const seen = new Set<string>();
  const out: { field: string; message: string }[] = [];
  for (const issue of error.issues) {
    const field = issue.path.join('.');
    // One message per field: the first is the most basic ("negative") and the rest would only repeat it.
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field, message: issue.message });
  }
  return out;
}
