/**
 * Planted: a deposit landing in the same second as a call of the counterparty takes a wei of the
 * counterparty's share — value decided by the order of calls within one block. P-GUA-ORDER-FREE-BOUNDARIES
 * must catch it (MLL-GUA-004).
 */
import { it, vi } from 'vitest';
import { expectCaught } from './support.js';

vi.mock(import('../../reference/deposit.js'), async (original) => {
  const real = await original();
  return {
    ...real,
    deposit: (state, call) => {
      const outcome = real.deposit(state, call);
      if (!outcome.ok) return outcome;
      const role = call.from === state.params.partyA ? 'A' : 'B';
      const other = role === 'A' ? 'B' : 'A';
      const s = outcome.state;
      if (s[other].lastActionAt !== call.now || s[other].share === 0n) return outcome;
      return {
        ...outcome,
        state: { ...s, [role]: { ...s[role], share: s[role].share + 1n }, [other]: { ...s[other], share: s[other].share - 1n } },
      };
    },
  };
});

it('P-GUA-ORDER-FREE-BOUNDARIES catches value that goes to whoever calls second in a block (MLL-GUA-004)', async () => {
  await expectCaught('P-GUA-ORDER-FREE-BOUNDARIES', 'MLL-GUA-004', 300);
});
