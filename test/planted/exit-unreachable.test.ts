/** Planted: an exit that can never be executed, as the deployed contract's with n = 2^255 (D11). P-NOTHING-STUCK must catch it (MLL-UEX-004). */
import { it, vi } from 'vitest';
import { expectCaught } from './support.js';

vi.mock(import('../../reference/deadlines.js'), async (original) => {
  const real = await original();
  const neverLive = (_exit: Parameters<typeof real.isExitLive>[0]): _exit is NonNullable<typeof _exit> => false;
  return { ...real, isExitLive: neverLive };
});

it('P-NOTHING-STUCK catches a lock nobody can leave (MLL-UEX-004)', async () => {
  await expectCaught('P-NOTHING-STUCK', 'MLL-UEX-004');
});
