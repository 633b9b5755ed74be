/** Shared by the roster's download routes: the file answer, and the one answer for "not yours or not there". */

export type RosterFileFormat = 'csv' | 'xlsx';

export function formatOf(request: Request): RosterFileFormat | null {
  const value = new URL(request.url).searchParams.get('formato') ?? 'xlsx';
  return value === 'csv' || value === 'xlsx' ? value : null;
}

export function notFoundResponse(): Response {
  return new Response('No se encontró la postulación.', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

export function badFormatResponse(): Response {
  return new Response('Formato no disponible: use formato=csv o formato=xlsx.', {
    status: 400,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

const CONTENT_TYPES: Record<RosterFileFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function fileResponse(bytes: Uint8Array, baseName: string, format: RosterFileFormat): Response {
  const fileName = `${baseName.replace(/[^A-Za-z0-9._-]/g, '-')}.${format}`;
  return new Response(Buffer.from(bytes), {
    status: 200,
    headers: {
      'Content-Type': CONTENT_TYPES[format],
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'Content-Length': String(bytes.byteLength),
      // Personal data: never kept by a shared cache.
      'Cache-Control': 'private, no-store',
    },
  });
}
