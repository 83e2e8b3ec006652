/**
 * Planted bugs: each test file replaces one function of the reference with a plausible wrong
 * version (vi.mock), runs one property, and requires it to fail naming the right clause. A
 * property nobody has seen fail does not count; these files are where it is seen failing.
 */
import { expect } from 'vitest';
import { catalog } from '../../properties/catalog.js';
import { ReferenceDriver } from '../../properties/drivers/reference.js';
import { checkProperty } from '../../properties/runners/check.js';

/** Runs `propertyId` on the (bug-planted) reference and requires a failure citing `clause`. */
export async function expectCaught(propertyId: string, clause: string, numRuns = 2_000): Promise<void> {
  const property = catalog.find((p) => p.id === propertyId);
  if (property === undefined) throw new Error(`no property ${propertyId}`);
  const report = await checkProperty(property, (setup) => new ReferenceDriver(setup), { numRuns, seed: 20261123 });
  expect(report.verdict, `${propertyId} did not catch the planted bug in ${numRuns} runs`).toBe('fail');
  expect(report.failure?.clause).toBe(clause);
}
