export {};

// `npm run bench`: every benchmark in bench/, one after the other, each printing its own figures.
const suites = ['./rules.bench.ts', './roster-import.bench.ts', './roster-import-db.bench.ts', './review-queue.bench.ts'];

for (const suite of suites) {
  let mod: { run?: () => Promise<void> };
  try {
    mod = (await import(suite)) as { run?: () => Promise<void> };
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') continue;
    throw error;
  }
  if (mod.run) await mod.run();
}
