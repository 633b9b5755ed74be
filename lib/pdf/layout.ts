import {
  PageSizes,
  PDFDocument,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setWordSpacing,
  StandardFonts,
} from 'pdf-lib';
import type { PDFFont, PDFPage, RGB } from 'pdf-lib';
import { toEncodable } from './winansi';

export const PORTAL_NAME = 'Portal de Vivienda para Organizaciones de Trabajadores';

export const COLORS = {
  text: rgb(0.1, 0.1, 0.1),
  muted: rgb(0.33, 0.33, 0.33),
  accent: rgb(0.06, 0.41, 0.71),
  rule: rgb(0.7, 0.7, 0.7),
  headerFill: rgb(0.92, 0.94, 0.97),
} as const;

export type FontName = 'regular' | 'bold' | 'mono';
export type Align = 'left' | 'center' | 'right' | 'justify';

export interface TextStyle {
  font?: FontName;
  size?: number;
  color?: RGB;
  align?: Align;
  /** Line height as a multiple of the size. */
  leading?: number;
  /** Left offset within the content area. */
  indent?: number;
  /** Width available, from the indent; the rest of the content area by default. */
  width?: number;
  /** Space left after the block. */
  after?: number;
}

interface WrappedLine {
  text: string;
  /** Last line of a paragraph: never justified. */
  last: boolean;
}

function wrapLines(text: string, font: PDFFont, size: number, maxWidth: number): WrappedLine[] {
  const lines: WrappedLine[] = [];
  const fits = (value: string) => font.widthOfTextAtSize(value, size) <= maxWidth;
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    const words = toEncodable(paragraph, font).split(' ').filter((word) => word !== '');
    let line = '';
    for (const word of words) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (fits(candidate)) {
        line = candidate;
        continue;
      }
      if (fits(word)) {
        if (line !== '') lines.push({ text: line, last: false });
        line = word;
        continue;
      }
      // A word wider than a whole line (a hash, a URL, a long file name) is broken between
      // characters, starting on the current line so that "Archivo: …" keeps its value beside it.
      line = line === '' ? '' : `${line} `;
      for (const char of word) {
        if (line !== '' && !fits(line + char)) {
          lines.push({ text: line, last: false });
          line = char;
        } else {
          line += char;
        }
      }
    }
    lines.push({ text: line, last: true });
  }
  return lines;
}

/** Lines of `text` that each fit `maxWidth`, with undrawable characters already replaced. */
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  return wrapLines(text, font, size, maxWidth).map((line) => line.text);
}

/** The text on one line, cut with an ellipsis when it does not fit. */
export function fitOneLine(text: string, font: PDFFont, size: number, maxWidth: number): string {
  const [first = '', ...rest] = wrapText(text.replace(/\s+/g, ' '), font, size, maxWidth);
  if (rest.length === 0) return first;
  let cut = first;
  while (cut !== '' && font.widthOfTextAtSize(`${cut}…`, size) > maxWidth) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

const NUMERIC_CELL = /^(\$\s?)?[-+]?\d[\d.,]*\s*(%|UF)?$/;

export interface TableOptions {
  size?: number;
  /** Column widths as fractions of the content width; computed from the content when omitted. */
  widths?: readonly number[];
  /** Per column; numbers are right-aligned and the rest left-aligned when omitted. */
  align?: readonly ('left' | 'center' | 'right')[];
}

export interface DocumentMetadata {
  title: string;
  subject: string;
  keywords?: string[];
  /** Used as the creation date so the same data always yields the same bytes. */
  date: Date;
  /** Small text at the foot of every page, left of the page number. */
  footer: string;
}

/**
 * A small flowing layout over pdf-lib: a cursor that moves down the page, wraps text, breaks pages,
 * and numbers them at the end. US Letter ("tamaño carta"), the usual size for Chilean paperwork.
 */
export class PdfWriter {
  readonly margin = { top: 56, bottom: 64, left: 60, right: 60 };
  page!: PDFPage;
  /** Top of the next thing to draw. */
  y = 0;

  private constructor(
    readonly doc: PDFDocument,
    readonly fonts: Record<FontName, PDFFont>,
    private readonly metadata: DocumentMetadata,
  ) {
    this.addPage();
  }

  static async create(metadata: DocumentMetadata): Promise<PdfWriter> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const fonts = {
      regular: await doc.embedFont(StandardFonts.Helvetica),
      bold: await doc.embedFont(StandardFonts.HelveticaBold),
      mono: await doc.embedFont(StandardFonts.Courier),
    };
    return new PdfWriter(doc, fonts, metadata);
  }

  get pageWidth(): number {
    return this.page.getWidth();
  }

  /** Width of the content area. */
  get width(): number {
    return this.pageWidth - this.margin.left - this.margin.right;
  }

  get left(): number {
    return this.margin.left;
  }

  addPage(): void {
    this.page = this.doc.addPage(PageSizes.Letter);
    this.y = this.page.getHeight() - this.margin.top;
  }

  /** Starts a new page unless `height` still fits above the bottom margin. */
  ensureSpace(height: number): void {
    if (this.y - height < this.margin.bottom) this.addPage();
  }

  moveDown(height: number): void {
    this.y -= height;
  }

  /** Draws one line that is known to fit; returns nothing, moves nothing. */
  drawLine(
    text: string,
    x: number,
    baseline: number,
    style: { font?: FontName; size?: number; color?: RGB; align?: Align; width?: number; wordSpacing?: number },
  ): void {
    const font = this.fonts[style.font ?? 'regular'];
    const size = style.size ?? 10;
    const line = toEncodable(text, font);
    const lineWidth = font.widthOfTextAtSize(line, size);
    let left = x;
    if (style.width !== undefined && style.align === 'right') left = x + style.width - lineWidth;
    if (style.width !== undefined && style.align === 'center') left = x + (style.width - lineWidth) / 2;
    const draw = () => this.page.drawText(line, { x: left, y: baseline, size, font, color: style.color ?? COLORS.text });
    if (style.wordSpacing) {
      this.page.pushOperators(pushGraphicsState(), setWordSpacing(style.wordSpacing));
      draw();
      this.page.pushOperators(popGraphicsState());
    } else {
      draw();
    }
  }

  lines(text: string, style: TextStyle = {}): WrappedLine[] {
    const font = this.fonts[style.font ?? 'regular'];
    const size = style.size ?? 10;
    return wrapLines(text, font, size, style.width ?? this.width - (style.indent ?? 0));
  }

  /** Height that `paragraph` would take, to keep small blocks together on one page. */
  measure(text: string, style: TextStyle = {}): number {
    const size = style.size ?? 10;
    return this.lines(text, style).length * size * (style.leading ?? 1.35) + (style.after ?? 0);
  }

  /** Wrapped text, flowing onto new pages as needed. */
  paragraph(text: string, style: TextStyle = {}): void {
    const font = this.fonts[style.font ?? 'regular'];
    const size = style.size ?? 10;
    const lineHeight = size * (style.leading ?? 1.35);
    const x = this.left + (style.indent ?? 0);
    const width = style.width ?? this.width - (style.indent ?? 0);
    for (const line of this.lines(text, style)) {
      this.ensureSpace(lineHeight);
      let wordSpacing = 0;
      let align = style.align ?? 'left';
      if (align === 'justify') {
        align = 'left';
        const spaces = line.text.split(' ').length - 1;
        const slack = width - font.widthOfTextAtSize(line.text, size);
        // A nearly empty line stretched edge to edge reads worse than a ragged one.
        if (!line.last && spaces > 0 && slack / spaces < size * 0.6) wordSpacing = slack / spaces;
      }
      this.drawLine(line.text, x, this.y - size * 0.95, { ...style, align, width, wordSpacing });
      this.y -= lineHeight;
    }
    this.y -= style.after ?? 0;
  }

  /** A thin horizontal rule across the content area. */
  rule(after = 10, color: RGB = COLORS.rule): void {
    this.ensureSpace(after);
    this.page.drawLine({
      start: { x: this.left, y: this.y },
      end: { x: this.left + this.width, y: this.y },
      thickness: 0.6,
      color,
    });
    this.y -= after;
  }

  /** A section heading, kept on the same page as at least `keepWith` points of what follows. */
  heading(text: string, keepWith = 40): void {
    this.ensureSpace(this.measure(text, { font: 'bold', size: 12.5 }) + keepWith);
    this.paragraph(text, { font: 'bold', size: 12.5, color: COLORS.accent, after: 4 });
  }

  /** Label: value rows, the label in bold in a fixed column and the value wrapped beside it. */
  facts(rows: readonly (readonly [string, string])[], options: { labelWidth?: number; width?: number; size?: number } = {}): void {
    const size = options.size ?? 10;
    const labelWidth = options.labelWidth ?? 150;
    const width = options.width ?? this.width;
    const lineHeight = size * 1.4;
    for (const [label, value] of rows) {
      const labels = wrapText(label, this.fonts.bold, size, labelWidth - 8);
      const values = wrapText(value, this.fonts.regular, size, width - labelWidth);
      const count = Math.max(labels.length, values.length);
      this.ensureSpace(count * lineHeight);
      for (let i = 0; i < count; i++) {
        const baseline = this.y - size * 0.95 - i * lineHeight;
        const labelLine = labels[i];
        const valueLine = values[i];
        if (labelLine) this.drawLine(labelLine, this.left, baseline, { font: 'bold', size });
        if (valueLine) this.drawLine(valueLine, this.left + labelWidth, baseline, { size });
      }
      this.y -= count * lineHeight + 2;
    }
  }

  /** A bordered table whose header row is repeated on every page it spans. */
  table(headers: readonly string[], rows: readonly (readonly string[])[], options: TableOptions = {}): void {
    const columns = headers.length;
    if (columns === 0) throw new Error('A table needs at least one column');
    rows.forEach((row, index) => {
      if (row.length !== columns) throw new Error(`Table row ${index + 1} has ${row.length} cells; expected ${columns}`);
    });
    const size = options.size ?? 9;
    const padding = 4;
    const lineHeight = size * 1.3;
    const widths = this.columnWidths(headers, rows, size, padding, options.widths);

    const drawRow = (cells: readonly string[], header: boolean) => {
      const font = header ? this.fonts.bold : this.fonts.regular;
      const wrapped = cells.map((cell, i) => wrapText(cell, font, size, (widths[i] ?? 0) - 2 * padding));
      const height = Math.max(...wrapped.map((lines) => lines.length)) * lineHeight + 2 * padding;
      let x = this.left;
      for (let i = 0; i < columns; i++) {
        const width = widths[i] ?? 0;
        this.page.drawRectangle({
          x,
          y: this.y - height,
          width,
          height,
          borderColor: COLORS.rule,
          borderWidth: 0.6,
          color: header ? COLORS.headerFill : undefined,
        });
        const cell = cells[i] ?? '';
        const align = header ? 'left' : (options.align?.[i] ?? (NUMERIC_CELL.test(cell.trim()) ? 'right' : 'left'));
        (wrapped[i] ?? []).forEach((line, lineIndex) => {
          this.drawLine(line, x + padding, this.y - padding - size * 0.85 - lineIndex * lineHeight, {
            font: header ? 'bold' : 'regular',
            size,
            align,
            width: width - 2 * padding,
          });
        });
        x += width;
      }
      this.y -= height;
      return height;
    };
    const rowHeight = (cells: readonly string[], header: boolean) =>
      Math.max(
        ...cells.map(
          (cell, i) => wrapText(cell, header ? this.fonts.bold : this.fonts.regular, size, (widths[i] ?? 0) - 2 * padding).length,
        ),
      ) *
        lineHeight +
      2 * padding;

    const headerHeight = rowHeight(headers, true);
    this.ensureSpace(headerHeight + (rows[0] ? rowHeight(rows[0], false) : 0));
    drawRow(headers, true);
    for (const row of rows) {
      const height = rowHeight(row, false);
      if (this.y - height < this.margin.bottom) {
        this.addPage();
        drawRow(headers, true);
      }
      drawRow(row, false);
    }
    this.y -= 10;
  }

  private columnWidths(
    headers: readonly string[],
    rows: readonly (readonly string[])[],
    size: number,
    padding: number,
    fractions: readonly number[] | undefined,
  ): number[] {
    const available = this.width;
    if (fractions) {
      const total = fractions.reduce((sum, value) => sum + value, 0);
      return headers.map((_, i) => ((fractions[i] ?? 0) / total) * available);
    }
    const measure = (text: string, font: PDFFont) =>
      Math.max(0, ...text.split('\n').map((line) => font.widthOfTextAtSize(toEncodable(line, font), size)));
    const longestWord = (text: string, font: PDFFont) =>
      Math.max(0, ...text.split(/\s+/).map((word) => font.widthOfTextAtSize(toEncodable(word, font), size)));
    const natural = headers.map((header, i) =>
      Math.max(measure(header, this.fonts.bold), ...rows.map((row) => measure(row[i] ?? '', this.fonts.regular))) + 2 * padding,
    );
    // A column is at least as wide as its longest word and, within reason, its widest body cell:
    // headers may wrap, short values ("Punta Arenas", "2.100") should not.
    const minimum = headers.map((header, i) => {
      const word = Math.max(longestWord(header, this.fonts.bold), ...rows.map((row) => longestWord(row[i] ?? '', this.fonts.regular)));
      const body = Math.max(0, ...rows.map((row) => measure(row[i] ?? '', this.fonts.regular)));
      return Math.min(available / headers.length, Math.max(word, Math.min(body, available * 0.3)) + 2 * padding);
    });
    const naturalTotal = natural.reduce((sum, value) => sum + value, 0);
    if (naturalTotal <= available) return natural.map((value) => (value / naturalTotal) * available);
    const minimumTotal = minimum.reduce((sum, value) => sum + value, 0);
    const slack = natural.reduce((sum, value, i) => sum + (value - (minimum[i] ?? 0)), 0);
    if (slack <= 0) return minimum.map((value) => (value / minimumTotal) * available);
    return minimum.map((value, i) => value + ((available - minimumTotal) * ((natural[i] ?? 0) - value)) / slack);
  }

  /** Numbers the pages, sets the metadata and returns the file. */
  async save(): Promise<Uint8Array> {
    const pages = this.doc.getPages();
    pages.forEach((page, index) => {
      this.page = page;
      const baseline = this.margin.bottom - 30;
      page.drawLine({
        start: { x: this.left, y: baseline + 12 },
        end: { x: this.left + this.width, y: baseline + 12 },
        thickness: 0.5,
        color: COLORS.rule,
      });
      const pageLabel = `Página ${index + 1} de ${pages.length}`;
      const labelWidth = this.fonts.regular.widthOfTextAtSize(pageLabel, 8) + 12;
      const footer = fitOneLine(this.metadata.footer, this.fonts.regular, 8, this.width - labelWidth);
      this.drawLine(footer, this.left, baseline, { size: 8, color: COLORS.muted });
      this.drawLine(pageLabel, this.left, baseline, { size: 8, color: COLORS.muted, align: 'right', width: this.width });
    });

    const { title, subject, keywords, date } = this.metadata;
    this.doc.setTitle(title, { showInWindowTitleBar: true });
    this.doc.setSubject(subject);
    this.doc.setAuthor(PORTAL_NAME);
    this.doc.setCreator(PORTAL_NAME);
    this.doc.setProducer('pdf-lib');
    this.doc.setLanguage('es-CL');
    if (keywords) this.doc.setKeywords(keywords);
    this.doc.setCreationDate(date);
    this.doc.setModificationDate(date);
    // No object streams: PDF/A-1 archival readers and older tools cannot read them.
    return this.doc.save({ useObjectStreams: false });
  }
}
