import '@/lib/validations/zod-locale';
import { z } from 'zod';
import { getOpenCallParameters } from '@/lib/dal/calls';
import { checkApplication } from '@/lib/domain/application-check';
import { ZBand } from '@/lib/domain/call-parameters';
import { ZRosterEntry } from '@/lib/domain/worker-eligibility';
import { zoneForComuna } from '@/lib/domain/zones';
import { ZComunaQuery, apiErrors } from '@/lib/validations/simulation';

export const dynamic = 'force-dynamic';

const ZPrecheckBody = z.object({
  // A CUT code may arrive as a JSON number (13201); codes of regions 01–09 then lose their leading zero.
  comuna: z.preprocess((v) => (typeof v === 'number' ? String(v).padStart(5, '0') : v), ZComunaQuery),
  dwellings: z
    .array(
      z.object({
        band: ZBand,
        count: z.number().int().min(0, 'La cantidad de viviendas no puede ser negativa.'),
        priceUf: z.number().positive('El precio debe ser mayor que 0 UF.').or(z.string().regex(/^\d+(\.\d+)?$/, 'Precio en UF inválido.')),
      }),
    )
    .max(300, 'A lo más 300 líneas de viviendas.'),
  roster: z.array(ZRosterEntry).max(2000, 'La nómina admite a lo más 2.000 trabajadores.'),
});

/**
 * POST /api/v1/precheck — the programme's composition, roster and per-worker rules over a draft
 * project, under the open call's parameters, before filing. Public; nothing is stored.
 */
export async function POST(request: Request) {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json({ errors: [{ field: '', message: 'El cuerpo de la solicitud no es JSON válido.' }] }, { status: 400 });
  }
  const parsed = ZPrecheckBody.safeParse(body);
  if (!parsed.success) return Response.json({ errors: apiErrors(parsed.error) }, { status: 400 });
  const call = await getOpenCallParameters();
  if (!call) return Response.json({ errors: [{ field: '', message: 'No hay un llamado abierto en este momento.' }] }, { status: 503 });
  const { comuna, dwellings, roster } = parsed.data;
  const zone = zoneForComuna({ comunaCode: comuna.code, provinceCode: comuna.provinceCode, regionCode: comuna.regionCode }, call.parameters);
  if (zone.zone === null) return Response.json({ errors: [{ field: 'comuna', message: zone.message }] }, { status: 400 });
  const check = checkApplication({ zone: zone.zone, dwellings, roster, params: call.parameters });
  return Response.json(
    {
      ok: check.ok,
      call: call.code,
      zone: zone.zone,
      rules: check.rules.map((r) => ({ id: r.id, ok: r.ok, message: r.message, source: r.source })),
      // Each worker answers with the RUT exactly as it was sent, so a client finds its own row.
      workers: check.workers.map((w, index) => ({
        rut: roster[index]?.rut ?? w.rut,
        ok: w.ok,
        reasons: w.reasons.filter((r) => !r.ok).map((r) => ({ id: r.id, message: r.message, source: r.source })),
      })),
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}
