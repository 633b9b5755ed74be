import { getSessionUser } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { getRosterForExport } from '@/lib/dal/roster';
import { exportRosterCsv, exportRosterXlsx } from '@/lib/roster/template';
import { badFormatResponse, fileResponse, formatOf, notFoundResponse } from '../file-response';

export const dynamic = 'force-dynamic';

/**
 * GET /api/postulaciones/:id/nomina/exportar?formato=csv|xlsx — the current roster, for those who may
 * read the application (a worker may not: it holds the others' income). Signed out or outside scope: 404.
 */
export async function GET(request: Request, props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const format = formatOf(request);
  const user = await getSessionUser();
  if (!user) return notFoundResponse();
  if (!format) return badFormatResponse();
  try {
    const { applicationNumber, entries } = await getRosterForExport(user, id);
    const bytes = format === 'csv' ? new TextEncoder().encode(exportRosterCsv(entries)) : await exportRosterXlsx(entries);
    return fileResponse(bytes, `nomina-${applicationNumber}`, format);
  } catch (error) {
    if (error instanceof NotFoundError) return notFoundResponse();
    throw error;
  }
}
