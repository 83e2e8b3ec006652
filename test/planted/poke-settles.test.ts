/** Planted: the deployed contract's poke (D1), applyBleeding settling the shares with its own rounding. P-POKE-INVARIANCE must catch it (MLL-BLD-011). */
import { it, vi } from 'vitest';
import { expectCaught } from './support.js';

vi.mock(import('../../reference/apply-bleeding.js'), async (original) => {
  const real = await original();
  const { settleBoth } = await import('../../reference/bleeding.js');
  return {
    ...real,
    applyBleeding: (state, call) => {
      const outcome = real.applyBleeding(state, call);
      if (!outcome.ok) return outcome;
      const [settled, events] = settleBoth(outcome.state);
      return { ok: true, state: settled, events };
    },
  };
});

it('P-POKE-INVARIANCE catches a poke that settles bleed (MLL-BLD-011)', async () => {
  await expectCaught('P-POKE-INVARIANCE', 'MLL-BLD-011');
});
