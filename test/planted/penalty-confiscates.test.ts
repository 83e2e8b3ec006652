/** Planted: an exit penalty of 100 %, the confiscation MLL-PAR-011 rules out. P-GUA-LEAVING-BOUNDED must catch it (MLL-GUA-006). */
import { it, vi } from 'vitest';
import { expectCaught } from './support.js';

vi.mock(import('../../reference/penalty.js'), async (original) => {
  const real = await original();
  return { ...real, penaltyBps: () => 10_000n };
});

it('P-GUA-LEAVING-BOUNDED catches an exit that takes the whole share (MLL-GUA-006)', async () => {
  await expectCaught('P-GUA-LEAVING-BOUNDED', 'MLL-GUA-006', 300);
});
