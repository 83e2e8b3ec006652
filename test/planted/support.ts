/**
 * Planted bugs: each test file replaces one function of the reference with a plausible wrong
 * version (vi.mock), runs one property through `npm start`'s own code, and requires it to fail
 * naming the right clause — and the replay command it prints, run as printed, to fail the same
 * way. A property nobody has seen fail does not count; these files are where it is seen failing.
 */
import { expect } from 'vitest';
import { conform, failureBlock, printedReplay } from '../support/conform.js';

/** Runs `propertyId` on the (bug-planted) reference and requires a failure citing `clause`, reproduced by its printed replay. */
export async function expectCaught(propertyId: string, clause: string, numRuns = 2_000): Promise<void> {
  const found = await conform(['--implementation', 'reference', '--property', propertyId, '--seed', '20261123', '--runs', String(numRuns)]);
  expect(found.code, `${propertyId} did not catch the planted bug in ${numRuns} runs:\n${found.out}`).toBe(1);
  expect(new RegExp(`${propertyId} failed: (MLL-[A-Z]+-\\d+)`).exec(found.out)?.[1]).toBe(clause);
  const replayed = await conform(printedReplay(found));
  expect(failureBlock(replayed)).toBe(failureBlock(found));
}
