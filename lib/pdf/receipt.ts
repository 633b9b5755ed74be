import QRCode from 'qrcode';
import { formatRut } from '@/lib/domain/rut';
import { formatChileDateTime } from './chile-time';
import { COLORS, PORTAL_NAME, PdfWriter } from './layout';

export interface ReceiptDocument {
  /** What the document is, e.g. `Convenio de Trabajo`. */
  typeLabel: string;
  fileName: string;
  /** Lower-case hex SHA-256 of the stored bytes. */
  sha256: string;
}

export interface ApplicationReceiptData {
  applicationNumber: string;
  projectName?: string;
  callName: string;
  organization: { name: string; /** normalised, `76543210-3` */ rut: string };
  submittedAt: Date;
  documents: readonly ReceiptDocument[];
  /** The project's dwelling lines (band, count, price in UF as a decimal string); several per band are allowed. */
  dwellings?: readonly { band: number; count: number; priceUf: string }[];
  roster: {
    total: number;
    byBand: { 1: number; 2: number; 3: number };
    unionMembers: number;
    nonUnionMembers: number;
  };
  /** Public page where anyone holding the receipt can check it; encoded in the QR code. */
  verificationUrl: string;
}

const QR_SIZE = 104;
const number = new Intl.NumberFormat('es-CL');
const uf = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 2 });

function checkData(data: ApplicationReceiptData): void {
  const { roster } = data;
  const byBand = roster.byBand[1] + roster.byBand[2] + roster.byBand[3];
  // An official receipt with figures that do not add up is worse than no receipt: fail loudly.
  if (byBand !== roster.total || roster.unionMembers + roster.nonUnionMembers !== roster.total) {
    throw new Error(
      `Roster summary does not add up: total ${roster.total}, bands ${byBand}, union ${roster.unionMembers} + non-union ${roster.nonUnionMembers}`,
    );
  }
  const url = new URL(data.verificationUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('Verification URL must be http(s)');
  for (const document of data.documents) {
    if (!/^[0-9a-f]{64}$/i.test(document.sha256)) throw new Error(`Not a SHA-256 hex digest: ${document.sha256}`);
  }
}

function percent(part: number, total: number): string {
  if (total === 0) return '0 %';
  return `${new Intl.NumberFormat('es-CL', { maximumFractionDigits: 1 }).format((part / total) * 100)} %`;
}

/**
 * The comprobante de postulación: what was submitted, when (Chile time), with a SHA-256 per file so
 * anyone can later prove which bytes were filed, and a QR code to the public verification page.
 * The same data always renders the same bytes.
 */
export async function renderApplicationReceipt(data: ApplicationReceiptData): Promise<Uint8Array> {
  checkData(data);
  const submitted = formatChileDateTime(data.submittedAt);
  const writer = await PdfWriter.create({
    title: `Comprobante de postulación ${data.applicationNumber}`,
    subject: `Comprobante de postulación al ${data.callName}`,
    keywords: ['comprobante', 'postulación', data.applicationNumber],
    date: data.submittedAt,
    footer: `Comprobante de postulación N.º ${data.applicationNumber} · enviada el ${submitted}`,
  });

  writer.paragraph(PORTAL_NAME.toUpperCase(), { size: 8.5, color: COLORS.muted, after: 2 });
  writer.paragraph('Programa de Vivienda para Organizaciones de Trabajadores · D.S. N°1', {
    size: 8.5,
    color: COLORS.muted,
    after: 10,
  });

  const qrTop = writer.y;
  const qr = await QRCode.toBuffer(data.verificationUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 6 });
  const image = await writer.doc.embedPng(qr);
  const qrX = writer.left + writer.width - QR_SIZE;
  writer.page.drawImage(image, { x: qrX, y: qrTop - QR_SIZE, width: QR_SIZE, height: QR_SIZE });
  writer.drawLine('Escanee para verificar', qrX, qrTop - QR_SIZE - 10, {
    size: 7.5,
    color: COLORS.muted,
    align: 'center',
    width: QR_SIZE,
  });

  const beside = writer.width - QR_SIZE - 20;
  writer.paragraph('Comprobante de postulación', { font: 'bold', size: 20, width: beside, after: 10 });
  writer.facts(
    [
      ['N.º de postulación', data.applicationNumber],
      ...(data.projectName ? ([['Proyecto', data.projectName]] as const) : []),
      ['Llamado', data.callName],
      ['Organización', data.organization.name],
      ['RUT', formatRut(data.organization.rut)],
      ['Fecha y hora de envío', submitted],
    ],
    { width: beside, labelWidth: 128 },
  );
  writer.y = Math.min(writer.y, qrTop - QR_SIZE - 22);
  writer.moveDown(8);
  writer.paragraph(
    `Se deja constancia de que la organización indicada envió su postulación, con los antecedentes y la nómina que se detallan, el ${submitted}.`,
    { align: 'justify', after: 14 },
  );

  const dwellings = data.dwellings ?? [];
  if (dwellings.length > 0) {
    const total = dwellings.reduce((sum, line) => sum + line.count, 0);
    writer.heading('Viviendas del proyecto');
    writer.table(
      ['Tramo', 'Viviendas', 'Precio por vivienda'],
      [
        ...dwellings.map((line) => [`Tramo ${line.band}`, number.format(line.count), `${uf.format(Number(line.priceUf))} UF`]),
        ['Total', number.format(total), ''],
      ],
      { size: 9.5, align: ['left', 'right', 'right'] },
    );
    writer.moveDown(4);
  }

  const { roster } = data;
  writer.heading('Nómina de postulantes');
  writer.table(
    ['Tramo 1', 'Tramo 2', 'Tramo 3', 'Sindicalizados', 'No sindicalizados', 'Total de trabajadores'],
    [
      [
        number.format(roster.byBand[1]),
        number.format(roster.byBand[2]),
        number.format(roster.byBand[3]),
        number.format(roster.unionMembers),
        `${number.format(roster.nonUnionMembers)} (${percent(roster.nonUnionMembers, roster.total)})`,
        number.format(roster.total),
      ],
    ],
    { size: 9.5, align: ['right', 'right', 'right', 'right', 'right', 'right'] },
  );
  writer.moveDown(4);

  writer.heading(`Documentos presentados (${data.documents.length})`);
  if (data.documents.length === 0) {
    writer.paragraph('No se adjuntaron documentos.', { color: COLORS.muted, after: 8 });
  }
  const indent = 22;
  data.documents.forEach((document, index) => {
    const typeStyle = { font: 'bold', size: 10, indent, after: 1 } as const;
    const fileStyle = { size: 9.5, indent, after: 1 } as const;
    const hashStyle = { font: 'mono', size: 8.5, indent, after: 8 } as const;
    const fileText = `Archivo: ${document.fileName}`;
    const hashText = `SHA-256: ${document.sha256.toLowerCase()}`;
    // Keep each document's three lines on one page.
    writer.ensureSpace(writer.measure(document.typeLabel, typeStyle) + writer.measure(fileText, fileStyle) + writer.measure(hashText, hashStyle));
    writer.drawLine(`${index + 1}.`, writer.left, writer.y - 10 * 0.95, { font: 'bold', size: 10 });
    writer.paragraph(document.typeLabel, typeStyle);
    writer.paragraph(fileText, fileStyle);
    writer.paragraph(hashText, { ...hashStyle, color: COLORS.muted });
  });

  writer.moveDown(4);
  writer.heading('Verificación');
  writer.paragraph(
    'Para comprobar la autenticidad de este comprobante, escanee el código QR o ingrese a la siguiente dirección:',
    { align: 'justify', after: 3 },
  );
  writer.paragraph(data.verificationUrl, { font: 'mono', size: 9, color: COLORS.accent, after: 8 });
  writer.paragraph(
    'La huella SHA-256 identifica el contenido exacto de cada archivo: cualquier cambio en un archivo, por pequeño que sea, produce una huella distinta. Guarde este comprobante junto a sus documentos.',
    { size: 9, color: COLORS.muted, align: 'justify' },
  );

  return writer.save();
}
