/** Planted: only party A ever gets the penalty waiver. P-MIRROR must catch it (MLL-INV-004). */
import { it, vi } from 'vitest';
import { expectCaught } from './support.js';

vi.mock(import('../../reference/schedule.js'), async (original) => {
  const real = await original();
  return { ...real, penaltyWaived: (state, role, now) => role === 'A' && real.penaltyWaived(state, role, now) };
});

it('P-MIRROR catches a rule that favours one party (MLL-INV-004)', async () => {
  await expectCaught('P-MIRROR', 'MLL-INV-004');
});
