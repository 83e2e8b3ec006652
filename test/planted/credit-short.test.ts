/** Planted: the lock's end credits each party one wei less than its share. P-GUA-NO-LOSS-WHEN-COMPLIANT must catch it (MLL-GUA-001). */
import { it, vi } from 'vitest';
import { expectCaught } from './support.js';

vi.mock(import('../../reference/ending.js'), async (original) => {
  const real = await original();
  return { ...real, endLock: (state, toA, toB) => real.endLock(state, toA > 0n ? toA - 1n : toA, toB > 0n ? toB - 1n : toB) };
});

it('P-GUA-NO-LOSS-WHEN-COMPLIANT catches a compliant party credited less than it paid in (MLL-GUA-001)', async () => {
  await expectCaught('P-GUA-NO-LOSS-WHEN-COMPLIANT', 'MLL-GUA-001', 300);
});
