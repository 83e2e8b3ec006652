/**
 * Judging an implementation that lacks some of the spec's views — the deployed original among
 * them (MLL-CONF-001): it runs, what it has is compared, what it lacks is listed clause by clause;
 * a require string where the spec names its error is named under MLL-STA-005; every failure names
 * its deviation D1–D11.
 */
import { describe, expect, it } from 'vitest';
import { clauseForResult } from '../../properties/differential/clauses.js';
import type { CallResult } from '../../properties/driver.js';

describe('MLL-STA-005: a revert that is not a named error', () => {
  const named = (revert: string): CallResult => ({ ok: false, revert, args: [] });
  const invalidParty = named('InvalidPartyAddress');

  it('MLL-STA-005: is named by the rule about named errors, where the reference names its error', () => {
    for (const actual of [{ ok: false, revert: 'Error', args: ['same party'] } as const, named('Panic'), named('EmptyRevert'), named('UnknownRevert(0x12345678)')]) {
      expect(clauseForResult('deploy', invalidParty, actual)).toBe('MLL-STA-005');
    }
  });

  it('MLL-STA-005: names the reference error’s own clause only when both name errors, or the implementation succeeds', () => {
    expect(clauseForResult('deploy', invalidParty, named('InvalidDepositAmount'))).toBe('MLL-PAR-001');
    expect(clauseForResult('deploy', invalidParty, { ok: true, events: [] })).toBe('MLL-PAR-001');
    // the reference succeeds: the function's rule, or the named error's the implementation gave
    expect(clauseForResult('deposit', { ok: true, events: [] }, named('Error'))).toBe('MLL-SCH-006');
    expect(clauseForResult('deposit', { ok: true, events: [] }, named('NotParty'))).toBe('MLL-STA-002');
  });
});
