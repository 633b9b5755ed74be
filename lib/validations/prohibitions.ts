/**
 * Inputs of the dwelling prohibitions (the 2022 call, «Obligaciones y prohibiciones que afectan la vivienda»):
 * SERVIU records each dwelling's CBR inscription, the family asks to sell early, the director decides.
 * Each schema validates the form in the browser and again in the action.
 */
import { z } from 'zod';
import { ZCalendarDate } from '@/lib/domain/call-parameters';
import { BUYER_PROGRAMMES, EARLY_SALE_DECISIONS } from '@/lib/domain/prohibitions';

const ZId = z.uuid({ message: 'Identificador no válido.' });

const requiredDate = (missing: string) => z.string().trim().min(1, { message: missing }).pipe(ZCalendarDate);

const optionalText = (max: number, label: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().trim().max(max, { message: `${label}: hasta ${max} caracteres.` }).optional(),
  );

export const ZRecordCbrInscription = z.object({
  applicationId: ZId,
  rosterEntryId: z.uuid({ message: 'Elija la familia beneficiaria de la vivienda.' }),
  dwellingLabel: z
    .string()
    .trim()
    .min(1, { message: 'Indique la vivienda (por ejemplo, «Casa 12» o «Depto. 301, Torre B»).' })
    .max(80, { message: 'La identificación de la vivienda admite hasta 80 caracteres.' }),
  handedOverOn: requiredDate('Indique la fecha de entrega de la vivienda a la familia.'),
  cbrInscribedOn: requiredDate('Indique la fecha de inscripción en el Conservador de Bienes Raíces.'),
  /** Fojas, número and year of the inscription, as the CBR certificate states them. */
  cbrReference: optionalText(120, 'Inscripción (fojas, número y año)'),
});
export type TRecordCbrInscription = z.output<typeof ZRecordCbrInscription>;

export const ZFileEarlySaleRequest = z
  .object({
    applicationId: ZId,
    prohibitionId: z.uuid({ message: 'Elija la vivienda.' }),
    reason: z
      .string()
      .trim()
      .min(10, { message: 'Explique en al menos 10 caracteres por qué necesita vender la vivienda antes del plazo.' })
      .max(2000, { message: 'El motivo admite hasta 2.000 caracteres.' }),
    buyerProgramme: z.enum(BUYER_PROGRAMMES, { message: 'Indique quién compraría la vivienda.' }),
    buyerProgrammeName: optionalText(120, 'Programa de quien compra'),
    proceedsForNewDwelling: z.enum(['si', 'no'], { message: 'Indique si destinará el precio de la venta a comprar otra vivienda.' }),
    newDwellingDescription: optionalText(500, 'Vivienda que comprará'),
  })
  .superRefine((value, ctx) => {
    if ((value.buyerProgramme === 'programa_reemplazante' || value.buyerProgramme === 'programa_mayor_vulnerabilidad') && !value.buyerProgrammeName)
      ctx.addIssue({ code: 'custom', path: ['buyerProgrammeName'], message: 'Indique el nombre del programa del que es beneficiario/a quien compra.' });
    if (value.proceedsForNewDwelling === 'si' && !value.newDwellingDescription)
      ctx.addIssue({ code: 'custom', path: ['newDwellingDescription'], message: 'Describa la vivienda que comprará con el precio de la venta (comuna, tipo, si ya la eligió).' });
  })
  .transform((value) => ({ ...value, proceedsForNewDwelling: value.proceedsForNewDwelling === 'si' }));
export type TFileEarlySaleRequest = z.output<typeof ZFileEarlySaleRequest>;

export const ZDecideEarlySaleRequest = z.object({
  applicationId: ZId,
  requestId: ZId,
  decision: z.enum(EARLY_SALE_DECISIONS, { message: 'Elija la decisión.' }),
  reason: z
    .string()
    .trim()
    .min(10, { message: 'Fundamente la decisión en al menos 10 caracteres: la familia la recibirá por correo.' })
    .max(2000, { message: 'El fundamento admite hasta 2.000 caracteres.' }),
});
export type TDecideEarlySaleRequest = z.output<typeof ZDecideEarlySaleRequest>;
