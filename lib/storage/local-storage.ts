import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { assertContentType, assertValidKey, InvalidStorageKeyError } from './keys';
import type { FileStorage } from './types';

export const DEFAULT_UPLOADS_DIR = '.data/uploads';

// Temp files live inside the root so that rename() never crosses filesystems; keys cannot start
// with a dot, so this folder never collides with a stored file.
const TEMP_DIR = '.tmp';

function isNodeError(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Stores files in a local folder (the development default and single-server deployments). */
export class LocalFileStorage implements FileStorage {
  readonly root: string;

  constructor(options: { root?: string; cwd?: string } = {}) {
    const cwd = options.cwd ?? process.cwd();
    this.root = path.resolve(cwd, options.root ?? DEFAULT_UPLOADS_DIR);
    const publicDir = path.resolve(cwd, 'public');
    // Anything under public/ is served to anyone by Next.js.
    if (this.root === publicDir || isInside(publicDir, this.root)) {
      throw new Error(`Refusing to store uploads inside public/: ${this.root}`);
    }
  }

  private pathFor(key: string): string {
    assertValidKey(key);
    const target = path.resolve(this.root, ...key.split('/'));
    // The key check already rules traversal out; this keeps it true if that check ever changes.
    if (!isInside(this.root, target)) throw new InvalidStorageKeyError(key, 'resolves outside the storage folder');
    return target;
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    // Checked for parity with S3, not kept on disk: the database records each file's sniffed type.
    assertContentType(contentType);
    const target = this.pathFor(key);
    const tempDir = path.join(this.root, TEMP_DIR);
    await mkdir(path.dirname(target), { recursive: true });
    await mkdir(tempDir, { recursive: true });
    const tempFile = path.join(tempDir, `${randomUUID()}.part`);
    try {
      const handle = await open(tempFile, 'wx', 0o600);
      try {
        await handle.writeFile(bytes);
        // Flush before the rename, so a crash never leaves a complete-looking but empty file.
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tempFile, target);
    } catch (error) {
      await rm(tempFile, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Uint8Array | null> {
    const target = this.pathFor(key);
    try {
      const buffer = await readFile(target);
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    } catch (error) {
      if (isNodeError(error, 'ENOENT') || isNodeError(error, 'EISDIR') || isNodeError(error, 'ENOTDIR')) return null;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    const target = this.pathFor(key);
    try {
      return (await stat(target)).isFile();
    } catch (error) {
      if (isNodeError(error, 'ENOENT') || isNodeError(error, 'ENOTDIR')) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathFor(key), { force: true });
  }
}
