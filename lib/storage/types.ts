/**
 * Where uploaded documents live. There is deliberately no `delete`: every uploaded version of an
 * application's document is kept (the file record is versioned in the database), so callers must
 * use a fresh key for every version.
 */
export interface FileStorage {
  /** Stores the bytes under `key`; writing the same key again replaces its content. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The stored bytes, or `null` when nothing is stored under `key`. */
  get(key: string): Promise<Uint8Array | null>;
  exists(key: string): Promise<boolean>;
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
