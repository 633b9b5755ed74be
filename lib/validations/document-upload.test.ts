import { describe, expect, it } from 'vitest';
import { ZDocumentUpload, documentUploadSchema } from './document-upload';

const APP = '3f2b8c1e-4c5d-4e6f-8a9b-0c1d2e3f4a5b';
const MB = 1024 * 1024;
const rules = { maxBytes: 10 * MB, needsIssueDate: true, today: '2026-11-22' };
const file = (name: string, size: number) => new File([new Uint8Array(size)], name, { type: 'application/pdf' });

function messages(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) out[issue.path.join('.')] ??= issue.message;
  return out;
}

describe('documentUploadSchema', () => {
  it('accepts a file and a past issue date, and passes the date on', () => {
    const parsed = documentUploadSchema(rules).parse({ applicationId: APP, slot: 'certificado_dominio', file: file('dominio.pdf', 10), issuedOn: '2026-11-10' });
    expect(parsed.issuedOn).toBe('2026-11-10');
    expect(parsed.file.name).toBe('dominio.pdf');
  });

  it('says what to fix with the file, next to it', () => {
    const schema = documentUploadSchema(rules);
    const base = { applicationId: APP, slot: 'certificado_dominio', issuedOn: '2026-11-10' };
    expect(messages(schema.safeParse({ ...base, file: new File([], '') }))).toEqual({ file: 'Elija el archivo que quiere subir.' });
    expect(messages(schema.safeParse({ ...base, file: undefined }))).toEqual({ file: 'Elija el archivo que quiere subir.' });
    expect(messages(schema.safeParse({ ...base, file: file('vacio.pdf', 0) }))).toEqual({
      file: 'El archivo «vacio.pdf» está vacío (0 bytes). Revise el archivo y vuelva a subirlo.',
    });
    expect(messages(schema.safeParse({ ...base, file: file('planos.pdf', 10 * MB + 1) }))).toEqual({
      file: 'El archivo «planos.pdf» pesa 10 MB y supera el máximo permitido de 10 MB.',
    });
    expect(messages(documentUploadSchema({ ...rules, maxBytes: MB }).safeParse({ ...base, file: file('planos.pdf', 1.5 * MB) }))).toEqual({
      file: 'El archivo «planos.pdf» pesa 1,5 MB y supera el máximo permitido de 1 MB.',
    });
  });

  it('asks the title certificate for a real issue date not after today (Chile)', () => {
    const schema = documentUploadSchema(rules);
    const base = { applicationId: APP, slot: 'certificado_dominio', file: file('dominio.pdf', 10) };
    expect(messages(schema.safeParse({ ...base, issuedOn: '' }))).toEqual({ issuedOn: 'Indique la fecha de emisión que aparece en el certificado.' });
    expect(messages(schema.safeParse(base))).toEqual({ issuedOn: 'Indique la fecha de emisión que aparece en el certificado.' });
    expect(messages(schema.safeParse({ ...base, issuedOn: '2026-02-30' }))).toEqual({ issuedOn: 'La fecha de emisión no es una fecha válida (día, mes y año).' });
    expect(messages(schema.safeParse({ ...base, issuedOn: '1899-12-31' }))).toEqual({ issuedOn: 'Revise el año de la fecha de emisión.' });
    expect(messages(schema.safeParse({ ...base, issuedOn: '2026-11-23' }))).toEqual({
      issuedOn: 'La fecha de emisión (23 de noviembre de 2026) no puede ser posterior a hoy, 22 de noviembre de 2026.',
    });
    expect(schema.parse({ ...base, issuedOn: '2026-11-22' }).issuedOn).toBe('2026-11-22');
  });

  it('ignores the date of a slot that does not ask for one', () => {
    const parsed = documentUploadSchema({ ...rules, needsIssueDate: false }).parse({ applicationId: APP, slot: 'otros', file: file('a.pdf', 1), issuedOn: '2030-01-01' });
    expect(parsed.issuedOn).toBeNull();
  });

  it('keeps the plain shape for the follow-up uploads', () => {
    expect(ZDocumentUpload.safeParse({ applicationId: APP, slot: 'permiso_edificacion', file: file('p.pdf', 1) }).success).toBe(true);
    expect(messages(ZDocumentUpload.safeParse({ applicationId: 'x', slot: 'Otros!', file: 'texto' }))).toEqual({
      applicationId: 'No se encontró la postulación.',
      slot: 'Tipo de documento desconocido.',
      file: 'Elija el archivo que quiere subir.',
    });
  });
});
