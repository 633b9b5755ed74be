const oneDecimal = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 0 });

/** "845 bytes", "245 KB", "1,2 MB" (binary units, as file managers show them). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${whole.format(bytes)} bytes`;
  if (bytes < 1024 * 1024) return `${whole.format(Math.max(1, Math.round(bytes / 1024)))} KB`;
  return `${oneDecimal.format(bytes / (1024 * 1024))} MB`;
}

/** The first characters of a SHA-256, enough to compare by eye. */
export function shortHash(sha256: string): string {
  return sha256.slice(0, 12);
}

/** The download route of one stored version. */
export function documentHref(documentId: string, options: { download?: boolean } = {}): string {
  return `/api/documentos/${documentId}${options.download ? '?descargar=1' : ''}`;
}

// hourCycle h23: with `hour12: false` some engines write the hour after midnight as "24".
const dateTime = new Intl.DateTimeFormat('es-CL', {
  timeZone: 'America/Santiago',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "22 de noviembre de 2026 a las 00:56 (hora de Chile)". */
export function formatUploadedAt(at: Date): string {
  return `${dateTime.format(at)} (hora de Chile)`;
}
