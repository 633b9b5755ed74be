import { getSessionUser } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/auth/session-user';
import { assertRosterReadable } from '@/lib/dal/roster';
import { buildRosterTemplateCsv, buildRosterTemplateXlsx } from '@/lib/roster/template';
import { badFormatResponse, fileResponse, formatOf, notFoundResponse } from '../file-response';

export const dynamic = 'force-dynamic';

/** GET /api/postulaciones/:id/nomina/plantilla?formato=csv|xlsx — the blank roster template, within the application's scope. */
export async function GET(request: Request, props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const format = formatOf(request);
  const user = await getSessionUser();
  if (!user) return notFoundResponse();
  if (!format) return badFormatResponse();
  try {
    await assertRosterReadable(user, id);
    const bytes = format === 'csv' ? new TextEncoder().encode(buildRosterTemplateCsv()) : await buildRosterTemplateXlsx();
    return fileResponse(bytes, 'plantilla-nomina', format);
  } catch (error) {
    if (error instanceof NotFoundError) return notFoundResponse();
    throw error;
  }
}
