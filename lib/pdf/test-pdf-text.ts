// Test helper: the text a reader would copy out of our PDFs, read back with pdf-lib itself.
// It understands what PdfWriter emits (one hex-encoded WinAnsi `Tj` per line), not PDFs in general.
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';
import type { PDFPage } from 'pdf-lib';

// Node's TextDecoder treats windows-1252 as Latin-1, so the 0x80–0x9F range is mapped by hand.
const WIN_ANSI_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWinAnsi(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) =>
    byte >= 0x80 && byte <= 0x9f ? WIN_ANSI_HIGH[byte - 0x80] : String.fromCharCode(byte),
  ).join('');
}

function contentStreams(page: PDFPage): PDFRawStream[] {
  const contents = page.node.Contents();
  const items = contents instanceof PDFArray ? contents.asArray().map((ref) => page.doc.context.lookup(ref)) : [contents];
  return items.filter((item): item is PDFRawStream => item instanceof PDFRawStream);
}

/** One string per page, one line per drawn text run. */
export async function readPdfText(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes);
  return doc.getPages().map((page) =>
    contentStreams(page)
      .map((stream) => new TextDecoder('latin1').decode(decodePDFRawStream(stream).decode()))
      .join('\n')
      .split('\n')
      .flatMap((line) => {
        const match = /^<([0-9A-Fa-f]*)> Tj$/.exec(line.trim());
        return match?.[1] === undefined ? [] : [decodeWinAnsi(Buffer.from(match[1], 'hex'))];
      })
      .join('\n'),
  );
}

/** Width × height of every image a page draws. */
export function pageImages(page: PDFPage): { width: number; height: number }[] {
  const xObjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  if (!xObjects) return [];
  return xObjects.keys().flatMap((key) => {
    const object = xObjects.lookup(key);
    if (!(object instanceof PDFRawStream) || object.dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) return [];
    const size = (name: string) => object.dict.lookup(PDFName.of(name), PDFNumber).asNumber();
    return [{ width: size('Width'), height: size('Height') }];
  });
}
