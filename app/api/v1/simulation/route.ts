import { getOpenCallParameters } from '@/lib/dal/calls';
import { simulateDwelling } from '@/lib/domain/simulation';
import { ZSimulationQuery, apiErrors } from '@/lib/validations/simulation';

export const dynamic = 'force-dynamic';

const num = (value: string) => Number(value);

/**
 * GET /api/v1/simulation?comuna=<CUT code or name>&priceUf=<n>&savingsUf=<n>
 * Financing of one dwelling under the open call's parameters. Public; no personal data.
 */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const parsed = ZSimulationQuery.safeParse({
    comuna: url.searchParams.get('comuna') ?? undefined,
    priceUf: url.searchParams.get('priceUf') ?? undefined,
    savingsUf: url.searchParams.get('savingsUf') ?? undefined,
  });
  if (!parsed.success) return Response.json({ errors: apiErrors(parsed.error) }, { status: 400 });
  const call = await getOpenCallParameters();
  if (!call) return Response.json({ errors: [{ field: '', message: 'No hay un llamado abierto en este momento.' }] }, { status: 503 });
  const { comuna, priceUf, savingsUf } = parsed.data;
  const result = simulateDwelling({ comuna, priceUf, savingsUf }, call.parameters);
  if (!result.ok) return Response.json({ errors: [{ field: result.field, message: result.message }] }, { status: 400 });
  const f = result.financing;
  return Response.json(
    {
      call: call.code,
      comuna: { code: comuna.code, name: comuna.name },
      zone: result.zone,
      band: result.band,
      priceUf: num(f.priceUf),
      subsidyUf: num(f.subsidyUf),
      savingsUf: num(f.savingsUf),
      creditUf: num(f.creditUf),
      paymentUf: num(f.paymentUf),
      paymentClp: f.paymentClp,
      onTimeSubsidyClp: f.onTimeSubsidyClp,
      netPaymentClp: f.netPaymentClp,
      minIncomeClp: f.minMonthlyIncomeClp,
      subsidySavingsShare: num(f.subsidyAndSavingsPct),
      creditShare: num(f.creditPct),
      ufValue: num(f.ufValueClp),
      ufDate: f.ufDate,
      eligible: result.eligible,
      reasons: result.reasons,
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}
