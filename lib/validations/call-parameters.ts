/**
 * Inputs of the call configuration screen (national staff): the score point tables of D.S. N°1 art. 65
 * and the income caps by household size. Each form's schema validates in the browser and again in the
 * action; the values arrive as typed (es-CL: decimal comma, thousands dots) and leave normalised.
 */
import Decimal from 'decimal.js';
import { z } from 'zod';
import { MEMBER_AGE_MAX } from '@/lib/domain/household-facts';
import { formatClp } from '@/lib/format';

const ZId = z.uuid({ message: 'Identificador no válido.' });
const ZVersion = z.coerce.number().int().positive();

const clean = (text: string) => text.trim().replace(/\s+/g, '');

/** Points as typed: "30", "12,5" or "12.5" → "12.5"; empty → null (not yet entered from the decree). */
export const ZPointsText = z.string().transform((raw, ctx) => {
  const text = clean(raw);
  if (text === '') return null;
  if (!/^\d{1,5}([.,]\d{1,4})?$/.test(text)) {
    ctx.issues.push({
      code: 'custom',
      input: raw,
      message: 'Escriba los puntos como un número de hasta 4 decimales (por ejemplo 30 o 12,5), o déjelo vacío si aún no está definido.',
    });
    return z.NEVER;
  }
  return new Decimal(text.replace(',', '.')).toFixed();
});

/** A whole number typed in a box; empty → null. */
const wholeNumber = (message: string, min: number, max: number) =>
  z.string().transform((raw, ctx) => {
    const text = clean(raw);
    if (text === '') return null;
    if (!/^\d{1,4}$/.test(text) || Number(text) < min || Number(text) > max) {
      ctx.issues.push({ code: 'custom', input: raw, message });
      return z.NEVER;
    }
    return Number(text);
  });

const ZMaxUnitsText = wholeNumber('El máximo de unidades debe ser un número entero entre 1 y 100, o quedar vacío para no poner tope.', 1, 100);
const ZAgeText = wholeNumber(`La edad debe ser un número entero de años, entre 0 y ${MEMBER_AGE_MAX}.`, 0, MEMBER_AGE_MAX);

/**
 * One factor of the table as the form holds it. Fields the factor does not use (ages of a factor that
 * does not count members by age, options of a per-unit factor) are ignored by the server.
 */
const ZFactorEdit = z
  .object({
    id: z.string().min(1).max(120),
    /** Points per unit (per-unit factors) or points (flags). */
    points: ZPointsText.optional(),
    maxUnits: ZMaxUnitsText.optional(),
    fromAge: ZAgeText.optional(),
    toAge: ZAgeText.optional(),
    options: z.array(z.object({ id: z.string().min(1).max(120), points: ZPointsText })).max(50).optional(),
  })
  .superRefine((factor, ctx) => {
    const from = factor.fromAge ?? null;
    const to = factor.toAge ?? null;
    if (from === null && to !== null)
      ctx.addIssue({ code: 'custom', path: ['fromAge'], message: 'Indique la edad desde la que puntúa (0 para «menores de…»).' });
    if (from !== null && to !== null && to < from)
      ctx.addIssue({ code: 'custom', path: ['toAge'], message: `La edad hasta (${to}) no puede ser menor que la edad desde (${from}).` });
  });

/** What the score tables form holds (checked in the browser); the action adds the call and its version. */
export const ZScoreTablesFields = z.object({ factors: z.array(ZFactorEdit).min(1).max(50) });

export const ZUpdateScoreTables = ZScoreTablesFields.extend({
  callId: ZId,
  /** The parameters' version the form was filled from; a concurrent change is not overwritten. */
  expectedVersion: ZVersion,
});
export type TUpdateScoreTables = z.output<typeof ZUpdateScoreTables>;
/** The score tables form: every value as typed. */
export type ScoreTablesFormValues = z.input<typeof ZScoreTablesFields>;

const PESOS = /^\$?(\d{1,3}(\.\d{3})+|\d+)$/;
export const INCOME_CAP_MAX_CLP = 50_000_000;

const ZPesosText = z.string().transform((raw, ctx) => {
  const text = clean(raw);
  const fail = (message: string) => {
    ctx.issues.push({ code: 'custom', input: raw, message });
    return z.NEVER;
  };
  if (text === '') return fail('Indique el tope en pesos (por ejemplo 1.404.569).');
  if (!PESOS.test(text)) return fail('Escriba el tope en pesos, sin decimales, con o sin puntos (por ejemplo 1.404.569).');
  const amount = Number(text.replace(/[$.]/g, ''));
  if (amount <= 0 || amount > INCOME_CAP_MAX_CLP) return fail('El tope debe ser mayor que $0 y no superar $50.000.000.');
  return amount;
});

const ZCapEdit = z.object({ amountClp: ZPesosText, inferred: z.boolean() });
const SIZES = ['1', '2', '3', '4'] as const;
const sizeText = (size: (typeof SIZES)[number]) => (size === '4' ? '4 o más integrantes' : size === '1' ? '1 integrante' : `${size} integrantes`);

/** A cap table: the cap never falls as the household grows. */
const ZCapTable = z
  .object({ '1': ZCapEdit, '2': ZCapEdit, '3': ZCapEdit, '4': ZCapEdit })
  .superRefine((table, ctx) => {
    SIZES.forEach((size, index) => {
      const previous = SIZES[index - 1];
      if (!previous) return;
      const before = table[previous].amountClp;
      const amount = table[size].amountClp;
      // Only between amounts that were read: a box with its own error is not compared.
      if (Number.isFinite(amount) && Number.isFinite(before) && amount < before)
        ctx.addIssue({
          code: 'custom',
          path: [size, 'amountClp'],
          message: `El tope para ${sizeText(size)} no puede ser menor que el de ${sizeText(previous)} (${formatClp(before)}).`,
        });
    });
  });

export const ZIncomeCapsFields = z.object({ groups: z.object({ centro: ZCapTable, norte_extremo_sur: ZCapTable }) });

export const ZUpdateIncomeCaps = ZIncomeCapsFields.extend({ callId: ZId, expectedVersion: ZVersion });
export type TUpdateIncomeCaps = z.output<typeof ZUpdateIncomeCaps>;
/** The income caps form: amounts as typed. */
export type IncomeCapsFormValues = z.input<typeof ZIncomeCapsFields>;

export { sizeText as incomeCapSizeText };
