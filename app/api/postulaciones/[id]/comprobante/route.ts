import { getSessionUser } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { getSubmissionReceipt } from '@/lib/dal/submission';

export const dynamic = 'force-dynamic';

const notFound = () =>
  new Response('No se encontró el comprobante.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });

/**
 * GET /api/postulaciones/:id/comprobante — the receipt PDF of a submitted application, for whoever may
 * read it. Outside scope, signed out or not yet sent: 404, the same as a missing id.
 */
export async function GET(_request: Request, props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const user = await getSessionUser();
  if (!user) return notFound();
  try {
    const { fileName, bytes } = await getSubmissionReceipt(user, id);
    return new Response(Buffer.from(bytes), {
      status: 200,
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="${fileName}"`,
        'Content-Length': String(bytes.byteLength),
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) return notFound();
    throw error;
  }
}
