/** Planted: the deployed contract's maturity, every paid interval counted (D4). P-MATURITY-NOT-BOUGHT must catch it (MLL-SCH-005). */
import { it, vi } from 'vitest';
import { expectCaught } from './support.js';

vi.mock(import('../../reference/schedule.js'), async (original) => {
  const real = await original();
  return { ...real, countedIntervals: (state, role) => state[role].paidIntervals };
});

it('P-MATURITY-NOT-BOUGHT catches prepaid intervals counted as maturity (MLL-SCH-005)', async () => {
  await expectCaught('P-MATURITY-NOT-BOUGHT', 'MLL-SCH-005');
});
