import { getSessionUser } from '@/lib/auth/session';
import { getDocumentForDownload } from '@/lib/dal/documents';

export const dynamic = 'force-dynamic';

const PRIVATE_HEADERS = { 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' } as const;

function notFound(): Response {
  return new Response('No encontrado.', { status: 404, headers: { ...PRIVATE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** RFC 5987/6266: an ASCII fallback plus the exact UTF-8 name ("Certificado dominio ñuñoa.pdf"). */
function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Serves one stored document to a user who may read its application (the data layer joins the
 * application's scope). Anyone else, signed in or not, gets the same bare 404 as for a missing id.
 */
export async function GET(request: Request, props: { params: Promise<{ documentId: string }> }) {
  const { documentId } = await props.params;
  const user = await getSessionUser();
  if (!user) return notFound();
  const document = await getDocumentForDownload(user, documentId);
  if (!document) return notFound();
  const download = new URL(request.url).searchParams.get('descargar') === '1';
  // A copy into a plain ArrayBuffer: the body type does not accept views over a shared buffer.
  const body = new Uint8Array(document.bytes.byteLength);
  body.set(document.bytes);
  return new Response(body, {
    status: 200,
    headers: {
      ...PRIVATE_HEADERS,
      'Content-Type': document.contentType,
      'Content-Length': String(document.bytes.byteLength),
      'Content-Disposition': contentDisposition(download ? 'attachment' : 'inline', document.fileName),
    },
  });
}
