import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Files are stored before the database row that points at them exists (a failed write leaves no row
 * pointing at a missing file). When the transaction then fails, the stored file points nowhere: the
 * keys written during one unit of work are remembered here and removed if it fails.
 */
const written = new AsyncLocalStorage<string[]>();

/** Notes a key just stored, so a failure of the surrounding unit of work removes it. */
export function recordWrittenFile(key: string): void {
  written.getStore()?.push(key);
}

/** Runs `work`; if it throws, removes every file it stored (best effort) and rethrows. */
export async function undoWrittenFilesOnFailure<T>(work: () => Promise<T>, remove: (key: string) => Promise<void>): Promise<T> {
  const keys: string[] = [];
  return written.run(keys, async () => {
    try {
      return await work();
    } catch (error) {
      const results = await Promise.allSettled(keys.map((key) => remove(key)));
      for (const [i, r] of results.entries())
        if (r.status === 'rejected') console.error('No se pudo quitar un archivo de una operación fallida', { key: keys[i], error: r.reason });
      throw error;
    }
  });
}
