const MAX_KEY_LENGTH = 512;
// A segment starts with a letter or digit, so `.`, `..`, hidden names and our own `.tmp` folder are
// impossible, and the same key means the same object on every driver.
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export class InvalidStorageKeyError extends Error {
  constructor(key: string, reason: string) {
    super(`Invalid storage key ${JSON.stringify(key.slice(0, 100))}: ${reason}`);
    this.name = 'InvalidStorageKeyError';
  }
}

/**
 * Checks a storage key such as `applications/2f1c…/documents/convenio-v2.pdf` and returns it.
 * Keys are built by our own code, so anything unusual is refused rather than silently rewritten:
 * rewriting could map two different keys onto one file.
 */
export function assertValidKey(key: string): string {
  if (typeof key !== 'string' || key.length === 0) throw new InvalidStorageKeyError(String(key), 'empty');
  if (key.length > MAX_KEY_LENGTH) throw new InvalidStorageKeyError(key, `longer than ${MAX_KEY_LENGTH}`);
  for (const segment of key.split('/')) {
    if (segment === '' || !SEGMENT.test(segment)) {
      throw new InvalidStorageKeyError(
        key,
        'segments must be non-empty, use only letters, digits, ".", "_" or "-", and start with a letter or digit',
      );
    }
  }
  return key;
}

/** A bare `type/subtype` (what inspectUpload returns); anything else is a caller's bug. */
export function assertContentType(contentType: string): string {
  if (!/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i.test(contentType)) {
    throw new Error(`Invalid content type: ${JSON.stringify(contentType)}`);
  }
  return contentType;
}
