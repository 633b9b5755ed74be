import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorage, InvalidStorageKeyError, S3FileStorage } from './index';
import type { S3StorageConfig } from './types';

const BUCKET = 'portal-documentos';
let server: S3rver;
let directory: string;
let config: S3StorageConfig;
const opened: S3FileStorage[] = [];

function open(overrides: Partial<S3StorageConfig> = {}): S3FileStorage {
  const storage = createStorage({ ...config, ...overrides });
  if (!(storage instanceof S3FileStorage)) throw new Error('expected the S3 driver');
  opened.push(storage);
  return storage;
}

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 's3rver-'));
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: BUCKET }],
  });
  const { port } = await server.run();
  config = {
    driver: 's3',
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    bucket: BUCKET,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  };
});

afterAll(async () => {
  for (const storage of opened) storage.destroy();
  await server?.close();
  await rm(directory, { recursive: true, force: true });
});

describe('S3FileStorage against s3rver', () => {
  it('round-trips bytes', async () => {
    const storage = open();
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 31) % 256);
    const key = 'applications/7c1d/documents/gantt-v1.pdf';

    expect(await storage.exists(key)).toBe(false);
    expect(await storage.get(key)).toBeNull();
    await storage.put(key, bytes, 'application/pdf');
    expect(await storage.exists(key)).toBe(true);
    const read = await storage.get(key);
    expect(read).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(read ?? new Uint8Array()).equals(Buffer.from(bytes))).toBe(true);
    // Undoing a write whose transaction failed.
    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
  });

  it('keeps the prefix apart from other users of the bucket', async () => {
    const prefixed = open({ keyPrefix: 'portal/' });
    const plain = open();
    await prefixed.put('a/b.png', new Uint8Array([9, 9]), 'image/png');
    expect(await prefixed.exists('a/b.png')).toBe(true);
    expect(await plain.exists('a/b.png')).toBe(false);
    expect(await plain.exists('portal/a/b.png')).toBe(true);
  });

  it('refuses unsafe keys before talking to the server', async () => {
    const storage = open();
    await expect(storage.put('../x', new Uint8Array([1]), 'image/png')).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(storage.get('a/../b')).rejects.toBeInstanceOf(InvalidStorageKeyError);
  });

  it('reports a missing bucket as an error, not as a missing file', async () => {
    const storage = open({ bucket: 'no-existe' });
    await expect(storage.put('a.pdf', new Uint8Array([1]), 'application/pdf')).rejects.toThrow();
  });
});
