/** Planted: bleeding goes on through mutual default. P-NO-BLEED-OUTSIDE-WINDOW must catch it (MLL-BLD-001). */
import { it, vi } from 'vitest';
import { expectCaught } from './support.js';

vi.mock(import('../../reference/schedule.js'), async (original) => {
  const real = await original();
  return {
    ...real,
    bleedWindow: (state, role) => {
      const start = real.defaultStartsAt(state, role);
      const other = real.defaultStartsAt(state, role === 'A' ? 'B' : 'A');
      // The bug: the window never closes while the counterparty was compliant when it opened.
      return start === null || other === null || other <= start ? null : ([start, 2n ** 255n] as const);
    },
  };
});

it('P-NO-BLEED-OUTSIDE-WINDOW catches bleed during mutual default (MLL-BLD-001)', async () => {
  await expectCaught('P-NO-BLEED-OUTSIDE-WINDOW', 'MLL-BLD-001');
});
