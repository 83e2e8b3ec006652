/** Planted: the lock's end credits one wei that was never paid in. P-CONSERVATION must catch it: the books then exceed the balance (MLL-INV-001). */
import { it, vi } from 'vitest';
import { expectCaught } from './support.js';

vi.mock(import('../../reference/ending.js'), async (original) => {
  const real = await original();
  return { ...real, endLock: (state, toA, toB) => real.endLock(state, toA + 1n, toB) };
});

it('P-CONSERVATION catches an exit that credits a wei too many (MLL-INV-001)', async () => {
  await expectCaught('P-CONSERVATION', 'MLL-INV-001');
});
