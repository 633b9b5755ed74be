import { LocalFileStorage } from './local-storage';
import { S3FileStorage } from './s3-storage';
import type { FileStorage, StorageConfig } from './types';

export type { FileStorage, LocalStorageConfig, S3StorageConfig, StorageConfig } from './types';
export { assertValidKey, InvalidStorageKeyError } from './keys';
export { DEFAULT_UPLOADS_DIR, LocalFileStorage } from './local-storage';
export { S3FileStorage } from './s3-storage';

/** The storage driver the configuration names: a local folder by default, or an S3-compatible bucket. */
export function createStorage(config: StorageConfig = { driver: 'local' }): FileStorage {
  switch (config.driver) {
    case 'local':
      return new LocalFileStorage({ root: config.root });
    case 's3':
      return new S3FileStorage(config);
  }
}
