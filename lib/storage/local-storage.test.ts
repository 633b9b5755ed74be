import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStorage, InvalidStorageKeyError, LocalFileStorage } from './index';

let workDir: string;

beforeEach(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'storage-local-'));
});
afterEach(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('LocalFileStorage', () => {
  it('deletes a stored file, and deleting nothing is no error', async () => {
    const storage = new LocalFileStorage({ root: 'uploads', cwd: workDir });
    const key = 'applications/0b5e/documents/borrar-v1.pdf';
    await storage.put(key, new Uint8Array([1, 2, 3]), 'application/pdf');
    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
    await expect(storage.delete(key)).resolves.toBeUndefined();
  });

  it('round-trips bytes, creating the folder on demand', async () => {
    const storage = new LocalFileStorage({ root: 'uploads', cwd: workDir });
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    const key = 'applications/0b5e/documents/convenio-v1.pdf';

    expect(await storage.exists(key)).toBe(false);
    expect(await storage.get(key)).toBeNull();
    await storage.put(key, bytes, 'application/pdf');

    expect(await storage.exists(key)).toBe(true);
    expect(Array.from((await storage.get(key)) ?? [])).toEqual([0, 1, 2, 250, 255]);
    expect(await readFile(path.join(workDir, 'uploads', 'applications', '0b5e', 'documents', 'convenio-v1.pdf'))).toEqual(
      Buffer.from(bytes),
    );
  });

  it('replaces the content on a second put and leaves no temporary files behind', async () => {
    const storage = new LocalFileStorage({ root: workDir });
    await storage.put('a/b.pdf', new TextEncoder().encode('first'), 'application/pdf');
    await storage.put('a/b.pdf', new TextEncoder().encode('second'), 'application/pdf');
    expect(new TextDecoder().decode((await storage.get('a/b.pdf')) ?? new Uint8Array())).toBe('second');
    expect(await readdir(path.join(workDir, '.tmp'))).toEqual([]);
  });

  it('keeps files readable only by the server user', async () => {
    const storage = new LocalFileStorage({ root: workDir });
    await storage.put('x.png', new Uint8Array([1]), 'image/png');
    expect((await stat(path.join(workDir, 'x.png'))).mode & 0o777).toBe(0o600);
  });

  it('treats a folder as "nothing stored"', async () => {
    const storage = new LocalFileStorage({ root: workDir });
    await storage.put('folder/file.pdf', new Uint8Array([1]), 'application/pdf');
    expect(await storage.exists('folder')).toBe(false);
    expect(await storage.get('folder')).toBeNull();
    expect(await storage.get('folder/file.pdf/more')).toBeNull();
  });

  it.each([
    '../secret.txt',
    'a/../../etc/passwd',
    '/etc/passwd',
    'a//b',
    'a/./b',
    'a\\..\\b',
    '.tmp/x',
    '.env',
    'a/b/',
    '',
    'nul\u0000byte',
    'con espacio.pdf',
    'x'.repeat(513),
  ])('refuses the key %j', async (key) => {
    const storage = new LocalFileStorage({ root: path.join(workDir, 'uploads') });
    await expect(storage.put(key, new Uint8Array([1]), 'application/pdf')).rejects.toBeInstanceOf(
      InvalidStorageKeyError,
    );
    await expect(storage.get(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(storage.exists(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
  });

  it('cannot be pointed at a file outside its folder, even one that exists', async () => {
    await writeFile(path.join(workDir, 'secret.txt'), 'top secret');
    const storage = new LocalFileStorage({ root: path.join(workDir, 'uploads') });
    await expect(storage.get('../secret.txt')).rejects.toThrow(InvalidStorageKeyError);
  });

  it('refuses a content type that is not a bare type/subtype', async () => {
    const storage = new LocalFileStorage({ root: workDir });
    await expect(storage.put('a.pdf', new Uint8Array([1]), '')).rejects.toThrow(/content type/);
    await expect(storage.put('a.pdf', new Uint8Array([1]), 'text/html\r\nX-Evil: 1')).rejects.toThrow(/content type/);
    expect(await storage.exists('a.pdf')).toBe(false);
  });

  it('refuses a folder inside public/', () => {
    expect(() => new LocalFileStorage({ root: 'public/uploads', cwd: workDir })).toThrow(/public/);
    expect(() => new LocalFileStorage({ root: 'public', cwd: workDir })).toThrow(/public/);
    expect(() => new LocalFileStorage({ root: 'public-files', cwd: workDir })).not.toThrow();
  });

  it('defaults to .data/uploads', () => {
    const storage = new LocalFileStorage({ cwd: workDir });
    expect(storage.root).toBe(path.join(workDir, '.data', 'uploads'));
  });
});

describe('createStorage', () => {
  it('chooses the local driver by default and when asked', () => {
    expect(createStorage()).toBeInstanceOf(LocalFileStorage);
    expect(createStorage({ driver: 'local', root: workDir })).toBeInstanceOf(LocalFileStorage);
  });
});
