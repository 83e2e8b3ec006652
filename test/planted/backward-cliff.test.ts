/** Planted: the deployed contract's backward cliff (D2), bleed counted from G intervals before default begins. P-NO-BLEED-OUTSIDE-WINDOW must catch it (MLL-BLD-008). */
import { it, vi } from 'vitest';
import { expectCaught } from './support.js';

vi.mock(import('../../reference/schedule.js'), async (original) => {
  const real = await original();
  return {
    ...real,
    bleedWindow: (state, role) => {
      const window = real.bleedWindow(state, role);
      if (window === null) return null;
      const graceTime = state.params.gracePeriods * state.params.depositInterval;
      return [window[0] - graceTime, window[1]] as const;
    },
  };
});

it('P-NO-BLEED-OUTSIDE-WINDOW catches bleed charged backwards over the grace (MLL-BLD-008)', async () => {
  await expectCaught('P-NO-BLEED-OUTSIDE-WINDOW', 'MLL-BLD-008');
});
