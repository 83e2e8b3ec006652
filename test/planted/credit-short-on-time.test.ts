/** Planted: the lock's end credits each party one wei less than its share. P-GUA-ON-TIME-KEEPS-PAID-IN must catch it (MLL-GUA-002). */
import { it, vi } from 'vitest';
import { expectCaught } from './support.js';

vi.mock(import('../../reference/ending.js'), async (original) => {
  const real = await original();
  return { ...real, endLock: (state, toA, toB) => real.endLock(state, toA > 0n ? toA - 1n : toA, toB > 0n ? toB - 1n : toB) };
});

it('P-GUA-ON-TIME-KEEPS-PAID-IN catches a party paying on time credited less than it paid in (MLL-GUA-002)', async () => {
  await expectCaught('P-GUA-ON-TIME-KEEPS-PAID-IN', 'MLL-GUA-002', 300);
});
