/** Planted: the first version of the waiver, granted while the counterparty is merely in default (issue 8, hole 2). P-GUA-WAIVER-NEEDS-BLEED must catch it (MLL-GUA-003). */
import { it, vi } from 'vitest';
import { expectCaught } from './support.js';

vi.mock(import('../../reference/schedule.js'), async (original) => {
  const real = await original();
  return {
    ...real,
    penaltyWaived: (state, role, now) => !real.isInDefault(state, role, now) && real.isInDefault(state, role === 'A' ? 'B' : 'A', now),
  };
});

it('P-GUA-WAIVER-NEEDS-BLEED catches a waiver against a counterparty that never bled (MLL-GUA-003)', async () => {
  await expectCaught('P-GUA-WAIVER-NEEDS-BLEED', 'MLL-GUA-003', 300);
});
