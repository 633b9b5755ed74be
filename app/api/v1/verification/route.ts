import { RECEIPT_NOT_FOUND, verifyReceiptDocument } from '@/lib/dal/submission';
import { apiErrors } from '@/lib/validations/simulation';
import { ZVerificationRequest } from '@/lib/validations/submission';

export const dynamic = 'force-dynamic';

const headers = { 'Cache-Control': 'no-store' };

/**
 * POST /api/v1/verification {number, code, sha256} → {match, document?: {label, version}}.
 * Public: whoever holds a receipt checks whether a file is one of the documents filed with it.
 * A wrong code answers exactly like an unknown number (404), so numbers cannot be enumerated.
 */
export async function POST(request: Request) {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json({ errors: [{ field: '', message: 'El cuerpo de la solicitud no es JSON válido.' }] }, { status: 400, headers });
  }
  const parsed = ZVerificationRequest.safeParse(body);
  if (!parsed.success) return Response.json({ errors: apiErrors(parsed.error) }, { status: 400, headers });
  const { number, code, sha256 } = parsed.data;
  const result = await verifyReceiptDocument(number, code, sha256);
  if (!result) return Response.json({ errors: [{ field: '', message: RECEIPT_NOT_FOUND }] }, { status: 404, headers });
  return Response.json(result, { headers });
}
