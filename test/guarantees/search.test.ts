/**
 * The exhaustive search of properties/search.ts (MLL-GUA-003 … MLL-GUA-006 and every step
 * invariant, in every state reached by up to 2 calls from each opening on the boundary lattice),
 * at the depth a CI budget allows; `npm run search -- --depth K` goes deeper.
 */
import { expect, it } from 'vitest';
import { search } from '../../properties/search.js';

it('MLL-GUA-003, MLL-GUA-004, MLL-GUA-005, MLL-GUA-006: every sequence of 2 calls on the boundary lattice from each opening keeps every guarantee and invariant', () => {
  const report = search(2);
  console.log(`search: depth 2, ${report.states} states, ${report.calls} calls, ${(report.milliseconds / 1000).toFixed(1)} s`);
  expect(report.states).toBeGreaterThan(10_000);
}, 300_000);
