/**
 * Where uploaded documents live. Every uploaded version of an application's document is kept (the file
 * record is versioned in the database), so callers use a fresh key for every version; `delete` exists
 * only to undo a write whose database transaction failed (lib/storage/written-files.ts).
 */
export interface FileStorage {
  /** Stores the bytes under `key`; writing the same key again replaces its content. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The stored bytes, or `null` when nothing is stored under `key`. */
  get(key: string): Promise<Uint8Array | null>;
  exists(key: string): Promise<boolean>;
  /** Removes what is stored under `key`; nothing stored is not an error. */
  delete(key: string): Promise<void>;
}

export interface LocalStorageConfig {
  driver: 'local';
  /** Folder for the files, relative to the working directory or absolute. Default `.data/uploads`. */
  root?: string;
}

export interface S3StorageConfig {
  driver: 's3';
  bucket: string;
  region: string;
  /** Omit for AWS itself; set for any S3-compatible store (MinIO, R2, s3rver…). */
  endpoint?: string;
  /** Path-style URLs (`endpoint/bucket/key`), which most S3-compatible stores need. */
  forcePathStyle?: boolean;
  /** Omit to use the SDK's default credential chain (environment, instance role…). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Prepended to every key, e.g. `portal/`, to share a bucket. */
  keyPrefix?: string;
}

export type StorageConfig = LocalStorageConfig | S3StorageConfig;
