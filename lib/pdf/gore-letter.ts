import { formatChileDate } from './chile-time';
import { COLORS, PdfWriter, wrapText } from './layout';

/** The Carta de Compromiso de Financiamiento GORE (D.S. N°49 reglamento, Anexo 1), as built elsewhere. */
export interface GoreCommitmentLetterContent {
  title: string;
  /** City of issue, e.g. `Punta Arenas`. */
  place: string;
  /** A date is written in words in Chile time; a string is printed as given. */
  date: Date | string;
  paragraphs: readonly string[];
  table?: { headers: readonly string[]; rows: readonly (readonly string[])[] };
  /** Paragraphs after the table (before the signatures), when the letter has any. */
  closingParagraphs?: readonly string[];
  /** One block per signer; lines separated by `\n` (name, position, institution). */
  signatures: readonly string[];
}

const SIGNATURE_WIDTH = 200;
const SIGNATURE_SPACE = 56;

/** Renders the letter exactly as given: this function decides layout, never content. */
export async function renderGoreCommitmentLetter(content: GoreCommitmentLetterContent): Promise<Uint8Array> {
  const date = typeof content.date === 'string' ? content.date : formatChileDate(content.date);
  const writer = await PdfWriter.create({
    title: content.title,
    subject: 'Carta de Compromiso de Financiamiento GORE',
    // Only a real date makes the file reproducible; a pre-written date string has none to offer.
    date: typeof content.date === 'string' ? new Date() : content.date,
    footer: content.title,
  });

  writer.paragraph(`${content.place}, ${date}`, { align: 'right', after: 28 });
  writer.paragraph(content.title, { font: 'bold', size: 13, align: 'center', after: 20 });
  for (const paragraph of content.paragraphs) writer.paragraph(paragraph, { size: 10.5, align: 'justify', leading: 1.45, after: 10 });
  if (content.table) {
    writer.moveDown(4);
    writer.table(content.table.headers, content.table.rows, { size: 9 });
  }
  for (const paragraph of content.closingParagraphs ?? []) {
    writer.paragraph(paragraph, { size: 10.5, align: 'justify', leading: 1.45, after: 10 });
  }

  // Signatures two by two, each pair kept on one page with room above the line to sign.
  const perRow = content.signatures.length === 1 ? 1 : 2;
  const columnWidth = writer.width / perRow;
  for (let start = 0; start < content.signatures.length; start += perRow) {
    const blocks = content.signatures
      .slice(start, start + perRow)
      .map((signature) =>
        signature
          .split(/\r\n|\r|\n/)
          .flatMap((line, index) =>
            wrapText(line, index === 0 ? writer.fonts.bold : writer.fonts.regular, 9.5, SIGNATURE_WIDTH).map((text) => ({
              text,
              bold: index === 0,
            })),
          ),
      );
    const lineCount = Math.max(...blocks.map((block) => block.length));
    const size = 9.5;
    const height = SIGNATURE_SPACE + 6 + lineCount * size * 1.35;
    writer.ensureSpace(height + 16);
    writer.moveDown(SIGNATURE_SPACE);
    // A lone last signer is centred rather than left hanging in the first column.
    const offset = blocks.length < perRow ? (columnWidth * (perRow - blocks.length)) / 2 : 0;
    blocks.forEach((lines, column) => {
      const center = writer.left + offset + columnWidth * column + columnWidth / 2;
      const x = center - SIGNATURE_WIDTH / 2;
      writer.page.drawLine({
        start: { x, y: writer.y },
        end: { x: x + SIGNATURE_WIDTH, y: writer.y },
        thickness: 0.7,
        color: COLORS.text,
      });
      lines.forEach((line, index) => {
        writer.drawLine(line.text, x, writer.y - 6 - size * 0.95 - index * size * 1.35, {
          font: line.bold ? 'bold' : 'regular',
          size,
          align: 'center',
          width: SIGNATURE_WIDTH,
        });
      });
    });
    writer.moveDown(height - SIGNATURE_SPACE + 16);
  }

  return writer.save();
}
