/** Planted: a deposit that does not settle the depositor's bleed first. P-SINGLE-PENDING-DAY must catch it (MLL-BLD-009). */
import { it, vi } from 'vitest';
import { expectCaught } from './support.js';

vi.mock(import('../../reference/bleeding.js'), async (original) => {
  const real = await original();
  return { ...real, settle: (state) => [state, []] };
});

it('P-SINGLE-PENDING-DAY catches deposits that leave bleed unsettled (MLL-BLD-009)', async () => {
  await expectCaught('P-SINGLE-PENDING-DAY', 'MLL-BLD-009');
});
