import { catalog } from './properties/catalog.js';
import { checkProperty } from './properties/runners/check.js';
import { ReferenceDriver } from './properties/drivers/reference.js';
for (const p of catalog) {
  const r = await checkProperty(p, () => new ReferenceDriver(), { numRuns: 3000, seed: Date.now() % 100000 });
  console.log(r.id, r.ok, r.runs, r.milliseconds.toFixed(0) + 'ms', r.failure ? r.failure.message + '\n' + r.failure.counterexample.slice(0, 1500) : '');
}
