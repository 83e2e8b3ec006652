/** Planted: the deployed contract's proposals that never lapse (D11). P-PEACEFUL-EXIT must catch it (MLL-PEX-003). */
import { it, vi } from 'vitest';
import { expectCaught } from './support.js';

vi.mock(import('../../reference/deadlines.js'), async (original) => {
  const real = await original();
  // Live for the views (so the view still reports it lapsed), live forever for proposeExit.
  return { ...real, isProposalLive: (proposedAt) => proposedAt !== null };
});

it('P-PEACEFUL-EXIT catches a peaceful exit on a lapsed proposal (MLL-PEX-003)', async () => {
  await expectCaught('P-PEACEFUL-EXIT', 'MLL-PEX-003');
});
