import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';

/** The types an applicant may upload, with what we tell a person about each. */
const ACCEPTED = {
  'application/pdf': { ext: 'pdf', label: 'PDF', article: 'un PDF', extensions: ['pdf'] },
  'image/jpeg': { ext: 'jpg', label: 'JPG', article: 'una imagen JPG', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'] },
  'image/png': { ext: 'png', label: 'PNG', article: 'una imagen PNG', extensions: ['png'] },
} as const;

export type AcceptedMime = keyof typeof ACCEPTED;

export interface UploadRules {
  /** Largest accepted file, in bytes. */
  maxBytes: number;
  allowed: readonly AcceptedMime[];
}

export type UploadInspection =
  | { ok: true; mime: AcceptedMime; ext: string; sha256: string; size: number }
  | { ok: false; message: string };

const MIB = 1024 * 1024;

export const DEFAULT_UPLOAD_RULES: UploadRules = {
  maxBytes: 10 * MIB,
  allowed: ['application/pdf', 'image/jpeg', 'image/png'],
};

// What the content turned out to be, in words a union secretary understands.
const CONTENT_DESCRIPTIONS: Record<string, string> = {
  'application/pdf': 'un documento PDF',
  'image/jpeg': 'una imagen JPG',
  'image/png': 'una imagen PNG',
  'image/gif': 'una imagen GIF',
  'image/webp': 'una imagen WebP',
  'image/heic': 'una imagen HEIC (foto de iPhone)',
  'image/heif': 'una imagen HEIF',
  'image/tiff': 'una imagen TIFF',
  'image/bmp': 'una imagen BMP',
  'application/x-msdownload': 'un programa ejecutable de Windows',
  'application/x-elf': 'un programa ejecutable',
  'application/x-mach-binary': 'un programa ejecutable de macOS',
  'application/zip': 'un archivo comprimido ZIP',
  'application/x-rar-compressed': 'un archivo comprimido RAR',
  'application/vnd.rar': 'un archivo comprimido RAR',
  'application/x-7z-compressed': 'un archivo comprimido 7z',
  'application/gzip': 'un archivo comprimido GZIP',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'un documento de Word',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'una planilla de Excel',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'una presentación de PowerPoint',
  'application/x-cfb': 'un documento antiguo de Office (Word o Excel 97-2003)',
  'application/vnd.oasis.opendocument.text': 'un documento de LibreOffice',
  'application/rtf': 'un documento RTF',
  'video/mp4': 'un video MP4',
  'audio/mpeg': 'un audio MP3',
};

function describeContent(detected: { ext: string; mime: string } | undefined): string {
  if (!detected) return 'un formato que no se pudo reconocer (por ejemplo, texto o un archivo dañado)';
  return CONTENT_DESCRIPTIONS[detected.mime] ?? `un archivo de tipo ${detected.ext.toUpperCase()}`;
}

function formatMegabytes(bytes: number): string {
  const value = bytes / MIB;
  return `${new Intl.NumberFormat('es-CL', { maximumFractionDigits: value < 10 ? 1 : 0 }).format(value)} MB`;
}

/** The name as the person chose it, without a browser's fake path or control characters, kept short. */
function displayName(declaredName: string): string {
  const base = declaredName.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim() || 'sin nombre';
  return clean.length > 80 ? `${clean.slice(0, 77)}…` : clean;
}

function declaredMime(name: string): AcceptedMime | undefined {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const extension = name.slice(dot + 1).toLowerCase();
  for (const [mime, info] of Object.entries(ACCEPTED) as [AcceptedMime, (typeof ACCEPTED)[AcceptedMime]][]) {
    if ((info.extensions as readonly string[]).includes(extension)) return mime;
  }
  return undefined;
}

function acceptedList(allowed: readonly AcceptedMime[]): string {
  const labels = allowed.map((mime) => ACCEPTED[mime].label);
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} o ${labels[labels.length - 1]}`;
}

/**
 * Decides whether an uploaded file may be stored. The type comes from the bytes (magic numbers), never
 * from the name or the browser's content type, which the uploader controls; the name is only checked
 * for honesty, so a "convenio.pdf" that is really a photo or a program is refused with a clear reason.
 */
export async function inspectUpload(
  bytes: Uint8Array,
  declaredName: string,
  rules: UploadRules = DEFAULT_UPLOAD_RULES,
): Promise<UploadInspection> {
  const name = displayName(declaredName);
  const size = bytes.byteLength;

  if (size === 0) {
    return { ok: false, message: `El archivo «${name}» está vacío (0 bytes). Revise el archivo y vuelva a subirlo.` };
  }
  if (size > rules.maxBytes) {
    return {
      ok: false,
      message: `El archivo «${name}» pesa ${formatMegabytes(size)} y supera el máximo permitido de ${formatMegabytes(rules.maxBytes)}.`,
    };
  }

  const raw = await fileTypeFromBuffer(bytes);
  // file-type reports an Illustrator-made PDF as "ai"; it is a well-formed PDF all the same.
  const detected = raw?.ext === 'ai' ? { ext: 'pdf', mime: 'application/pdf' } : raw;
  const mime = detected?.mime;
  const claimed = declaredMime(name);
  const isAllowed = (value: string | undefined): value is AcceptedMime =>
    value !== undefined && (rules.allowed as readonly string[]).includes(value);

  if (claimed && claimed !== mime) {
    const advice = isAllowed(mime)
      ? ' Cambie el nombre del archivo o suba el documento correcto.'
      : ` Solo se aceptan archivos ${acceptedList(rules.allowed)}.`;
    return {
      ok: false,
      message: `El archivo «${name}» no es ${ACCEPTED[claimed].article}: su contenido corresponde a ${describeContent(detected)}.${advice}`,
    };
  }
  if (!isAllowed(mime)) {
    return {
      ok: false,
      message: `El archivo «${name}» no es de un tipo permitido: su contenido corresponde a ${describeContent(detected)}. Solo se aceptan archivos ${acceptedList(rules.allowed)}.`,
    };
  }

  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { ok: true, mime, ext: ACCEPTED[mime].ext, sha256, size };
}
