/** Planted: due dates aligned to calendar days instead of t0. P-TIME-SHIFT must catch it (MLL-INV-003). */
import { it, vi } from 'vitest';
import { expectCaught } from './support.js';

vi.mock(import('../../reference/schedule.js'), async (original) => {
  const real = await original();
  return {
    ...real,
    defaultStartsAt: (state, role) => {
      const start = real.defaultStartsAt(state, role);
      return start === null ? null : start - (start % 86_400n);
    },
  };
});

it('P-TIME-SHIFT catches a schedule tied to the calendar (MLL-INV-003)', async () => {
  await expectCaught('P-TIME-SHIFT', 'MLL-INV-003');
});
