/** Planted: maturity shrinks with arrears (paid − arrears), so a late party's penalty climbs. P-PENALTY-NEVER-RISES must catch it (MLL-PEN-002). */
import { it, vi } from 'vitest';
import { expectCaught } from './support.js';

vi.mock(import('../../reference/schedule.js'), async (original) => {
  const real = await original();
  return {
    ...real,
    countedIntervals: (state, role, now) => {
      const paid = state[role].paidIntervals;
      const reached = real.reachedIntervals(state, now);
      const arrears = reached > paid ? reached - paid : 0n;
      return paid > arrears ? paid - arrears : 0n;
    },
  };
});

it('P-PENALTY-NEVER-RISES catches maturity that falls with arrears (MLL-PEN-002)', async () => {
  await expectCaught('P-PENALTY-NEVER-RISES', 'MLL-PEN-002');
});
