import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import QRCode from 'qrcode';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { setDbForTests } from '@/db';
import type { DbHandle } from '@/db/client';
import { applications, auditLog, documents, memberships, organizations, rosterEntries, users } from '@/db/schema';
import { seedDemoData } from '@/db/seed/demo';
import { seedReferenceData } from '@/db/seed/reference';
import { DomainError } from '@/lib/actions/result';
import { NotFoundError } from '@/lib/auth/session-user';
import type { SessionUser } from '@/lib/auth/session-user';
import { resetClock, setClock } from '@/lib/clock';
import { resetEnvForTests } from '@/lib/env';
import { santiagoInstant } from '@/lib/santiago-time';
import { getStorage } from '@/lib/services';
import { undoWrittenFilesOnFailure } from '@/lib/storage/written-files';
import { createTestDb } from '@/lib/test/db';
import { loadApplication } from './application-access';
import {
  getApplicationDocuments,
  getDocumentForDownload,
  listDocumentSlots,
  listDocumentVersions,
  listSubmittedDocuments,
  storeDocumentVersion,
} from './documents';

// The upload action reads the session through this module; the tests say who is calling.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/auth/session', () => ({ getSessionUser: async () => session.user }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

let handle: DbHandle;
let uploadDir: string;
let appId: string;
let submittedAppId: string;
const people: Record<string, SessionUser> = {};
let pdf: Uint8Array;
let png: Uint8Array;

const TODAY = new Date('2026-11-22T15:00:00Z');

beforeAll(async () => {
  uploadDir = await mkdtemp(path.join(tmpdir(), 'portal-documents-'));
  process.env.UPLOAD_DIR = uploadDir;
  process.env.UPLOAD_MAX_MB = '1';
  resetEnvForTests();
  delete (globalThis as { __storage?: unknown }).__storage;

  setClock(TODAY);
  handle = await createTestDb();
  await seedReferenceData(handle.db);
  await seedDemoData(handle.db, TODAY);
  setDbForTests(handle);
  for (const a of await handle.db.select().from(applications)) {
    if (a.number === 'PVT-DEMO-0001') appId = a.id;
    if (a.number === 'PVT-DEMO-0002') submittedAppId = a.id;
  }
  // A union leader of another organisation (the northern union of the demo data).
  const [north] = await handle.db.select().from(organizations).where(eq(organizations.name, 'Sindicato Minero Demo Norte'));
  const [outsider] = await handle.db
    .insert(users)
    .values({ email: 'otro.dirigente@test.cl', name: 'Otro Dirigente', role: 'org_rep' })
    .returning();
  await handle.db.insert(memberships).values({ userId: outsider!.id, organizationId: north!.id });
  for (const u of await handle.db.select().from(users)) {
    people[u.email] = { id: u.id, email: u.email, name: u.name, role: u.role, regionCode: u.regionCode, rut: u.rut };
  }

  const doc = await PDFDocument.create();
  doc.addPage().drawText('Convenio de Trabajo', { font: await doc.embedFont(StandardFonts.Helvetica), x: 50, y: 700 });
  pdf = await doc.save();
  png = Uint8Array.from(await QRCode.toBuffer('https://portal.example.cl', { type: 'png' }));
});

afterAll(async () => {
  resetClock();
  await handle?.close();
  await rm(uploadDir, { recursive: true, force: true });
  delete process.env.UPLOAD_DIR;
  delete process.env.UPLOAD_MAX_MB;
  resetEnvForTests();
  delete (globalThis as { __storage?: unknown }).__storage;
});

beforeEach(() => {
  setClock(TODAY);
  session.user = null;
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function storedFiles(dir = uploadDir): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && !e.parentPath.includes(`${path.sep}.tmp`)).map((e) => path.join(e.parentPath, e.name));
}

/** What the upload action does inside its transaction, without the session layer. */
async function upload(email: string, slot: string, fileName: string, bytes: Uint8Array, issuedOn?: string | null, applicationId = appId) {
  return handle.db.transaction(async (tx) => {
    await loadApplication(tx, people[email]!, applicationId, 'application.edit', { forUpdate: true });
    return storeDocumentVersion(tx, people[email]!, { applicationId, slot, fileName, bytes, issuedOn });
  });
}

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

async function countDocuments(applicationId = appId): Promise<number> {
  return (await handle.db.select().from(documents).where(eq(documents.applicationId, applicationId))).length;
}

describe('storeDocumentVersion refuses bad files and stores nothing', () => {
  it('a file stored by a unit of work that then fails is removed with it (as the actions run)', async () => {
    const before = await countDocuments();
    const filesBefore = await storedFiles();
    const failing = undoWrittenFilesOnFailure(
      () =>
        handle.db.transaction(async (tx) => {
          await loadApplication(tx, people['empleador@demo.cl']!, appId, 'application.edit', { forUpdate: true });
          await storeDocumentVersion(tx, people['empleador@demo.cl']!, { applicationId: appId, slot: 'carta_financiamiento', fileName: 'carta.pdf', bytes: pdf });
          expect((await storedFiles()).length).toBe(filesBefore.length + 1);
          throw new Error('falla después de guardar el archivo');
        }),
      (key) => getStorage().delete(key),
    );
    await expect(failing).rejects.toThrow('falla después de guardar el archivo');
    expect(await countDocuments()).toBe(before);
    expect(await storedFiles()).toEqual(filesBefore);
  });

  it('PNG bytes named .pdf are refused by their content', async () => {
    const before = await countDocuments();
    const filesBefore = await storedFiles();
    const error = await rejection(upload('empleador@demo.cl', 'carta_financiamiento', 'carta.pdf', png));
    expect(error.message).toBe(
      'El archivo «carta.pdf» no es un PDF: su contenido corresponde a una imagen PNG. Cambie el nombre del archivo o suba el documento correcto.',
    );
    expect(error.fieldErrors).toEqual({ file: error.message });
    expect(await countDocuments()).toBe(before);
    expect(await storedFiles()).toEqual(filesBefore);
  });

  it('an empty file and one above UPLOAD_MAX_MB are refused', async () => {
    const before = await countDocuments();
    const filesBefore = await storedFiles();
    const empty = await rejection(upload('empleador@demo.cl', 'carta_financiamiento', 'vacio.pdf', new Uint8Array()));
    expect(empty.message).toBe('El archivo «vacio.pdf» está vacío (0 bytes). Revise el archivo y vuelva a subirlo.');
    const big = new Uint8Array(1024 * 1024 + 1);
    big.set(pdf.subarray(0, 1024));
    const tooBig = await rejection(upload('empleador@demo.cl', 'carta_financiamiento', 'grande.pdf', big));
    expect(tooBig.message).toBe('El archivo «grande.pdf» pesa 1 MB y supera el máximo permitido de 1 MB.');
    expect(await countDocuments()).toBe(before);
    expect(await storedFiles()).toEqual(filesBefore);
  });

  it('the Convenio de Trabajo must be a PDF, even an honest JPG or PNG is refused', async () => {
    const error = await rejection(upload('empleador@demo.cl', 'convenio_trabajo', 'convenio.png', png));
    expect(error.message).toBe(
      'El archivo «convenio.png» no es de un tipo permitido: su contenido corresponde a una imagen PNG. Solo se aceptan archivos PDF.',
    );
  });

  it('unknown slots, a per-worker form without its worker and a future issue date are refused', async () => {
    expect((await rejection(upload('empleador@demo.cl', 'nada', 'x.pdf', pdf))).message).toMatch(/no existe/);
    expect((await rejection(upload('dirigente@demo.cl', 'formulario_incorporacion', 'f.pdf', pdf))).message).toMatch(/a qué trabajador/);
    const future = await rejection(upload('empleador@demo.cl', 'certificado_dominio', 'cert.pdf', pdf, '2026-11-23'));
    expect(future.fieldErrors?.issuedOn).toBe('La fecha de emisión (23 de noviembre de 2026) no puede ser posterior a hoy, 22 de noviembre de 2026.');
    const missing = await rejection(upload('empleador@demo.cl', 'certificado_dominio', 'cert.pdf', pdf, null));
    expect(missing.fieldErrors?.issuedOn).toBe('Indique la fecha de emisión que aparece en el certificado.');
  });
});

describe('versions', () => {
  it('two uploads make versions 1 and 2; both stay, with their SHA-256 and a key never taken from the name', async () => {
    const second = new Uint8Array([...pdf, ...new TextEncoder().encode('\n% segunda versión\n')]);
    const v1 = await upload('empleador@demo.cl', 'convenio_trabajo', '../../convenio firmado.pdf', pdf);
    const v2 = await upload('empleador@demo.cl', 'convenio_trabajo', 'convenio firmado (notaría).pdf', second);
    expect(v1.version).toBe(1);
    expect(v2.version).toBe(2);
    expect(v1.sha256).toBe(sha256(pdf));
    expect(v2.sha256).toBe(sha256(second));

    const access = await loadApplication(handle.db, people['empleador@demo.cl']!, appId, 'application.read');
    const versions = await listDocumentVersions(handle.db, access, 'convenio_trabajo');
    expect(versions.map((v) => [v.version, v.fileName, v.sha256])).toEqual([
      [2, 'convenio firmado (notaría).pdf', sha256(second)],
      [1, 'convenio firmado.pdf', sha256(pdf)],
    ]);
    expect(versions[0]!.uploadedByName).toBe('Carolina Vega Muñoz');

    const rows = await handle.db.select().from(documents).where(eq(documents.slot, 'convenio_trabajo'));
    for (const row of rows) {
      expect(row.storageKey).toMatch(new RegExp(`^applications/${appId}/convenio_trabajo/${row.id}-${row.sha256.slice(0, 16)}\\.pdf$`));
      expect(row.contentType).toBe('application/pdf');
    }
    // Both versions can still be read, byte for byte.
    const first = await getDocumentForDownload(people['dirigente@demo.cl']!, v1.id);
    expect(sha256(first!.bytes)).toBe(sha256(pdf));
    const latest = await getDocumentForDownload(people['patrocinante@demo.cl']!, v2.id);
    expect(latest).toMatchObject({ fileName: 'convenio firmado (notaría).pdf', contentType: 'application/pdf', version: 2 });

    const audit = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, 'document.upload'), eq(auditLog.entityId, v2.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.before).toMatchObject({ id: v1.id, version: 1 });
    expect(audit[0]!.after).toMatchObject({ slot: 'convenio_trabajo', version: 2, sha256: sha256(second) });

    const slots = await listDocumentSlots(handle.db, access);
    const convenio = slots.find((s) => s.slot === 'convenio_trabajo')!;
    expect(convenio).toMatchObject({ required: true, ok: true, problem: null, owner: 'empleador' });
    expect(convenio.current).toMatchObject({ id: v2.id, version: 2, sha256: sha256(second) });
    const submitted = await listSubmittedDocuments(handle.db, appId);
    expect(submitted.find((d) => d.slot === 'convenio_trabajo')).toMatchObject({ id: v2.id, version: 2, label: 'Convenio de Trabajo suscrito ante notario' });
  });
});

describe('who may read', () => {
  let documentId: string;
  beforeAll(async () => {
    documentId = (await upload('empleador@demo.cl', 'carta_financiamiento', 'carta.pdf', pdf)).id;
  });

  it('the three organisations and the workers of the application read it', async () => {
    for (const email of ['dirigente@demo.cl', 'empleador@demo.cl', 'patrocinante@demo.cl', 'constructora@demo.cl', 'trabajador@demo.cl']) {
      expect((await getDocumentForDownload(people[email]!, documentId))?.id, email).toBe(documentId);
    }
  });

  it('a user of another organisation can neither read the file by id nor list the slots', async () => {
    const outsider = people['otro.dirigente@test.cl']!;
    expect(await getDocumentForDownload(outsider, documentId)).toBeNull();
    await expect(getApplicationDocuments(outsider, appId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(loadApplication(handle.db, outsider, appId, 'application.read')).rejects.toBeInstanceOf(NotFoundError);
    expect(await getDocumentForDownload(outsider, 'no-es-un-id')).toBeNull();
    expect(await getDocumentForDownload(outsider, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('officials: never a draft; another region never; their region once submitted', async () => {
    const rm = people['analista.rm@demo.cl']!;
    const north = people['analista.antofagasta@demo.cl']!;
    expect(await getDocumentForDownload(rm, documentId)).toBeNull();
    expect(await getDocumentForDownload(north, documentId)).toBeNull();
    await handle.db.update(applications).set({ status: 'enviada', submittedAt: TODAY }).where(eq(applications.id, appId));
    try {
      expect((await getDocumentForDownload(rm, documentId))?.id).toBe(documentId);
      expect((await getDocumentForDownload(people['director.rm@demo.cl']!, documentId))?.id).toBe(documentId);
      expect((await getDocumentForDownload(people['minvu@demo.cl']!, documentId))?.id).toBe(documentId);
      expect(await getDocumentForDownload(north, documentId)).toBeNull();
      expect(await getDocumentForDownload(people['director.antofagasta@demo.cl']!, documentId)).toBeNull();
      expect(await getDocumentForDownload(people['gore.magallanes@demo.cl']!, documentId)).toBeNull();
    } finally {
      await handle.db.update(applications).set({ status: 'borrador', submittedAt: null }).where(eq(applications.id, appId));
    }
  });

  it('a worker reads the application’s documents but only their own incorporation form', async () => {
    const [maria] = await handle.db.select().from(rosterEntries).where(eq(rosterEntries.rut, people['trabajador@demo.cl']!.rut!));
    const [pedro] = await handle.db
      .select()
      .from(rosterEntries)
      .where(and(eq(rosterEntries.applicationId, appId), eq(rosterEntries.firstNames, 'Pedro')));
    const store = (entryId: string) =>
      handle.db.transaction((tx) =>
        storeDocumentVersion(tx, people['dirigente@demo.cl']!, {
          applicationId: appId,
          slot: 'formulario_incorporacion',
          rosterEntryId: entryId,
          fileName: 'formulario.pdf',
          bytes: pdf,
        }),
      );
    const own = await store(maria!.id);
    const other = await store(pedro!.id);
    expect(own.version).toBe(1);
    expect(other.version).toBe(1);
    const worker = people['trabajador@demo.cl']!;
    expect((await getDocumentForDownload(worker, own.id))?.id).toBe(own.id);
    expect(await getDocumentForDownload(worker, other.id)).toBeNull();
    expect((await getDocumentForDownload(people['dirigente@demo.cl']!, other.id))?.id).toBe(other.id);
    const row = (await handle.db.select().from(documents).where(eq(documents.id, own.id)))[0]!;
    expect(row.storageKey.startsWith(`applications/${appId}/formulario_incorporacion/${maria!.id}/`)).toBe(true);
    // Per-worker forms stay out of the application-level slots, but are part of what is submitted.
    const access = await loadApplication(handle.db, worker, appId, 'application.read');
    expect((await listDocumentSlots(handle.db, access)).map((s) => s.slot)).not.toContain('formulario_incorporacion');
    const submitted = await listSubmittedDocuments(handle.db, appId);
    expect(submitted.filter((d) => d.slot === 'formulario_incorporacion').map((d) => d.label).sort()).toEqual([
      'Formulario de incorporación firmado — María Pérez Soto',
      'Formulario de incorporación firmado — Pedro González Lillo',
    ]);
    // A roster entry of another application is refused.
    const [foreign] = await handle.db.select().from(rosterEntries).where(eq(rosterEntries.firstNames, 'Pedro'));
    await rejection(
      handle.db.transaction((tx) =>
        storeDocumentVersion(tx, people['dirigente@demo.cl']!, {
          applicationId: submittedAppId,
          slot: 'formulario_incorporacion',
          rosterEntryId: foreign!.id,
          fileName: 'f.pdf',
          bytes: pdf,
        }),
      ),
    );
  });
});

describe('title certificate rule', () => {
  it('evaluates the issue date against the instant (30 days ok, 31 not), and needs no certificate with a promise of sale', async () => {
    await upload('empleador@demo.cl', 'certificado_dominio', 'certificado.pdf', pdf, '2026-11-01');
    const access = await loadApplication(handle.db, people['empleador@demo.cl']!, appId, 'application.read');
    const at = (day: number) => santiagoInstant(2026, 12, day, 23, 59);
    const title = async (when: Date) => (await listDocumentSlots(handle.db, access, when)).find((s) => s.slot === 'certificado_dominio')!;
    expect(await title(at(1))).toMatchObject({ required: true, ok: true, problem: null, current: { issuedOn: '2026-11-01' } });
    expect(await title(at(2))).toMatchObject({
      ok: false,
      problem: 'El certificado de dominio vigente debe tener como máximo 30 días de antigüedad al presentar; tiene 31.',
    });
    // A newer certificate becomes the current version and fixes it.
    await upload('empleador@demo.cl', 'certificado_dominio', 'certificado-nuevo.pdf', pdf, '2026-11-20');
    const fresh = (await listDocumentSlots(handle.db, access, at(2))).find((s) => s.slot === 'certificado_dominio')!;
    expect(fresh).toMatchObject({ ok: true, current: { version: 2, issuedOn: '2026-11-20' } });

    // Once sent, the file is judged at its submission; a certificate replaced during corrections is
    // judged when it was presented, not at the earlier submission it postdates.
    const sent = { ...access, application: { ...access.application, status: 'observada' as const, submittedAt: TODAY } };
    expect((await listDocumentSlots(handle.db, sent)).find((s) => s.slot === 'certificado_dominio')).toMatchObject({ ok: true });
    setClock(santiagoInstant(2026, 12, 10, 10));
    await handle.db.transaction((tx) =>
      storeDocumentVersion(tx, people['empleador@demo.cl']!, {
        applicationId: appId,
        slot: 'certificado_dominio',
        fileName: 'certificado-subsanacion.pdf',
        bytes: pdf,
        issuedOn: '2026-12-05',
      }),
    );
    expect((await listDocumentSlots(handle.db, sent)).find((s) => s.slot === 'certificado_dominio')).toMatchObject({
      ok: true,
      current: { version: 3, issuedOn: '2026-12-05' },
    });
    setClock(TODAY);

    const promise = { ...access, application: { ...access.application, sections: { terreno: { situation: 'promesa' } } } };
    const slots = await listDocumentSlots(handle.db, promise, at(30));
    expect(slots.find((s) => s.slot === 'certificado_dominio')).toMatchObject({ required: false, ok: true });
    expect(slots.find((s) => s.slot === 'promesa_compraventa')).toMatchObject({ required: true, ok: false, problem: 'Falta subir este documento.' });
    expect(slots.find((s) => s.slot === 'inscripcion_dominio_vendedor')).toMatchObject({ required: true, ok: false });
  });
});

describe('upload action', () => {
  async function callAction(email: string, fields: Record<string, string | File>) {
    const { uploadDocumentAction } = await import('@/app/(portal)/portal/postulaciones/[id]/documentos/actions');
    session.user = people[email]!;
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    return uploadDocumentAction(form);
  }
  const pdfFile = (name = 'carta.pdf') => new File([pdf as Uint8Array<ArrayBuffer>], name, { type: 'application/pdf' });

  it('the owner uploads; the version of the application goes up', async () => {
    const [before] = await handle.db.select().from(applications).where(eq(applications.id, appId));
    const result = await callAction('empleador@demo.cl', { applicationId: appId, slot: 'carta_financiamiento', file: pdfFile(), issuedOn: '' });
    expect(result).toMatchObject({ ok: true, data: { slotLabel: 'Carta firmada por el empleador, la organización y la constructora' } });
    const [after] = await handle.db.select().from(applications).where(eq(applications.id, appId));
    expect(after!.version).toBe(before!.version + 1);
  });

  it('another party of the same application may not upload the employer’s document', async () => {
    const before = await countDocuments();
    const result = await callAction('dirigente@demo.cl', { applicationId: appId, slot: 'convenio_trabajo', file: pdfFile('convenio.pdf') });
    expect(result).toEqual({ ok: false, formError: 'Este documento lo sube el empleador; usted puede verlo, pero no subir versiones.' });
    expect(await countDocuments()).toBe(before);
    // «Otros» is open to every party.
    expect((await callAction('constructora@demo.cl', { applicationId: appId, slot: 'otros', file: pdfFile('anexo.pdf') })).ok).toBe(true);
  });

  it('a lying file comes back as an error next to the field', async () => {
    const result = await callAction('empleador@demo.cl', {
      applicationId: appId,
      slot: 'carta_financiamiento',
      file: new File([png as Uint8Array<ArrayBuffer>], 'foto.pdf', { type: 'application/pdf' }),
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.fieldErrors?.file).toBe(
      'El archivo «foto.pdf» no es un PDF: su contenido corresponde a una imagen PNG. Cambie el nombre del archivo o suba el documento correcto.',
    );
  });

  it('checks the slot’s rules with the form’s schema before storing anything', async () => {
    const before = await countDocuments();
    const noDate = await callAction('empleador@demo.cl', { applicationId: appId, slot: 'certificado_dominio', file: pdfFile('dominio.pdf'), issuedOn: '' });
    expect(noDate).toEqual({ ok: false, formError: 'Revise los campos marcados.', fieldErrors: { issuedOn: 'Indique la fecha de emisión que aparece en el certificado.' } });
    const future = await callAction('empleador@demo.cl', { applicationId: appId, slot: 'certificado_dominio', file: pdfFile('dominio.pdf'), issuedOn: '2026-11-23' });
    expect(!future.ok && future.fieldErrors?.issuedOn).toBe('La fecha de emisión (23 de noviembre de 2026) no puede ser posterior a hoy, 22 de noviembre de 2026.');
    // UPLOAD_MAX_MB is 1 in these tests.
    const big = new File([new Uint8Array(1024 * 1024 + 1)], 'grande.pdf', { type: 'application/pdf' });
    const tooBig = await callAction('empleador@demo.cl', { applicationId: appId, slot: 'carta_financiamiento', file: big });
    expect(!tooBig.ok && tooBig.fieldErrors?.file).toBe('El archivo «grande.pdf» pesa 1 MB y supera el máximo permitido de 1 MB.');
    expect(await countDocuments()).toBe(before);
    const ok = await callAction('empleador@demo.cl', { applicationId: appId, slot: 'certificado_dominio', file: pdfFile('dominio.pdf'), issuedOn: '2026-11-20' });
    expect(ok.ok).toBe(true);
    const [stored] = await handle.db.select().from(documents).where(and(eq(documents.applicationId, appId), eq(documents.slot, 'certificado_dominio'))).orderBy(desc(documents.version)).limit(1);
    expect(stored!.issuedOn).toBe('2026-11-20');
  });

  it('no file chosen, an outsider, a submitted file and a closed call are refused', async () => {
    const empty = await callAction('empleador@demo.cl', { applicationId: appId, slot: 'carta_financiamiento', file: new File([], '') });
    expect(!empty.ok && empty.fieldErrors?.file).toBe('Elija el archivo que quiere subir.');
    const outsider = await callAction('otro.dirigente@test.cl', { applicationId: appId, slot: 'otros', file: pdfFile() });
    expect(outsider).toEqual({ ok: false, formError: 'No se encontró la postulación.' });
    const submitted = await callAction('empleador@demo.cl', { applicationId: submittedAppId, slot: 'carta_financiamiento', file: pdfFile() });
    expect(submitted).toEqual({ ok: false, formError: 'La postulación ya fue enviada y no puede modificarse.' });
    const reviewer = await callAction('analista.rm@demo.cl', { applicationId: submittedAppId, slot: 'otros', file: pdfFile() });
    expect(reviewer.ok).toBe(false);
    setClock(santiagoInstant(2027, 1, 20, 12));
    const closed = await callAction('empleador@demo.cl', { applicationId: appId, slot: 'carta_financiamiento', file: pdfFile() });
    expect(!closed.ok && closed.formError).toMatch(/^El llamado cerró el /);
  });

  it('the documents page says who may upload what, and locks once the call closes', async () => {
    const employer = await getApplicationDocuments(people['empleador@demo.cl']!, appId);
    expect(employer.editable).toBe(true);
    expect(employer.slots.filter((s) => s.canUpload).map((s) => s.slot)).toEqual([
      'certificado_dominio',
      'promesa_compraventa',
      'inscripcion_dominio_vendedor',
      'convenio_trabajo',
      'carta_financiamiento',
      'otros',
    ]);
    const sponsor = await getApplicationDocuments(people['patrocinante@demo.cl']!, appId);
    expect(sponsor.slots.filter((s) => s.canUpload).map((s) => s.slot)).toEqual(['proyecto_tecnico', 'carta_gantt', 'otros']);
    const worker = await getApplicationDocuments(people['trabajador@demo.cl']!, appId);
    expect(worker.slots.some((s) => s.canUpload)).toBe(false);
    setClock(santiagoInstant(2027, 1, 20, 12));
    const closed = await getApplicationDocuments(people['empleador@demo.cl']!, appId);
    expect(closed.editable).toBe(false);
    expect(closed.lockedReason).toMatch(/^El llamado cerró el /);
    expect(closed.slots.some((s) => s.canUpload)).toBe(false);
  });
});
