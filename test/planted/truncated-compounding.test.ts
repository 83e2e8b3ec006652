/** Planted: the deployed contract's truncating fixed point (D8). P-COMPOUNDING-BOUND must catch it (MLL-ARI-004). */
import { it, vi } from 'vitest';
import { expectCaught } from './support.js';

vi.mock(import('../../reference/arithmetic.js'), async (original) => {
  const real = await original();
  return {
    ...real,
    retainedShare: (share, rate, days) => {
      let base = (10_000n - rate) * 10n ** 14n;
      let result = 10n ** 18n;
      for (let n = days; n > 0n; n >>= 1n) {
        if ((n & 1n) === 1n) result = (result * base) / 10n ** 18n;
        base = (base * base) / 10n ** 18n;
      }
      return (share * result) / 10n ** 18n;
    },
  };
});

it('P-COMPOUNDING-BOUND catches truncated compounding (MLL-ARI-004)', async () => {
  await expectCaught('P-COMPOUNDING-BOUND', 'MLL-ARI-004');
});
