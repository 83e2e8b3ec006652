/** Planted: a lock that ends goes back to Inactive instead of Exited. P-PHASE-FORWARD must catch it (MLL-STA-001). */
import { it, vi } from 'vitest';
import { expectCaught } from './support.js';

vi.mock(import('../../reference/ending.js'), async (original) => {
  const real = await original();
  return { ...real, endLock: (state, toA, toB) => ({ ...real.endLock(state, toA, toB), phase: 0 }) };
});

it('P-PHASE-FORWARD catches an end that reopens the lock (MLL-STA-001)', async () => {
  await expectCaught('P-PHASE-FORWARD', 'MLL-STA-001');
});
