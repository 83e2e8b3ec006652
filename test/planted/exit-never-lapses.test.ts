/** Planted: the deployed contract's exits that never lapse (D7). P-EXIT-RULES must catch it (MLL-UEX-005). */
import { it, vi } from 'vitest';
import { expectCaught } from './support.js';

vi.mock(import('../../reference/deadlines.js'), async (original) => {
  const real = await original();
  return { ...real, isExitLive: (exit) => exit !== null };
});

it('P-EXIT-RULES catches an exit executed after it should have lapsed (MLL-UEX-005)', async () => {
  await expectCaught('P-EXIT-RULES', 'MLL-UEX-005');
});
