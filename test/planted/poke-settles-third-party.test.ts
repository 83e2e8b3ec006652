/** Planted: the deployed contract's poke (D1), applyBleeding settling the shares. P-GUA-NO-THIRD-PARTY-EFFECT must catch it (MLL-GUA-005). */
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

it('P-GUA-NO-THIRD-PARTY-EFFECT catches a poke that moves value (MLL-GUA-005)', async () => {
  await expectCaught('P-GUA-NO-THIRD-PARTY-EFFECT', 'MLL-GUA-005', 300);
});
