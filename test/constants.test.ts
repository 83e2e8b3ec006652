/**
 * MLL-PAR-010: one value per constant. scripts/constants.ts (run by `npm run trace`) compares
 * spec/parameters.md's constants table and the bounds its clauses state, reference/constants.ts,
 * the contract's constants and those properties/oracle.ts restates; here each kind of
 * disagreement is planted in a copy of the text and seen reported, naming both places.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as reference from '../reference/constants.js';
import type { ConstantSources, Source } from '../scripts/constants.js';
import { constantProblems, evaluate, readConstantSources, statedConstants } from '../scripts/constants.js';

const sources = readConstantSources(fileURLToPath(new URL('..', import.meta.url)));

/** `source` with `find` replaced (which must be there). */
function edit(source: Source, find: string, replace: string): Source {
  expect(source.text, `${source.file} has no ${JSON.stringify(find)}`).toContain(find);
  return { ...source, text: source.text.replace(find, replace) };
}

/** file:line of the line containing `find`. */
function where(source: Source, find: string): string {
  return `${source.file}:${source.text.slice(0, source.text.indexOf(find)).split('\n').length}`;
}

const problems = (changed: Partial<ConstantSources>) => constantProblems({ ...sources, ...changed });

describe('MLL-PAR-010: the constants agree across spec, reference, contract and oracle', () => {
  it('MLL-PAR-010: no disagreement, and every source read in full', () => {
    expect(constantProblems(sources)).toEqual([]);
    const stated = statedConstants(sources);
    expect(stated.table.size).toBe(10);
    expect(stated.prose.size).toBe(7);
    expect([...stated.contract.keys()].sort()).toEqual([...stated.reference.keys()].sort());
    expect([...stated.oracle.keys()].sort()).toEqual([
      'ABANDONMENT_MIN_INTERVALS',
      'ABANDONMENT_MIN_SILENCE',
      'BPS',
      'DAY',
      'EXIT_PROPOSAL_WINDOW',
      'WAD',
    ]);
  });

  it("MLL-PAR-010: the reference's constants as read from its text are the values it exports, every one of them", () => {
    const read = statedConstants(sources).reference;
    const exported = Object.entries(reference).filter(([, v]) => typeof v === 'bigint');
    expect(exported.length).toBe(read.size);
    for (const [name, value] of exported) expect(read.get(name)?.value, name).toBe(value);
  });

  it("MLL-PAR-010: a table value that differs fails naming the table's line and the code's", () => {
    const spec = edit(sources.spec, '| `ACTIVATION_WINDOW` | 7 days |', '| `ACTIVATION_WINDOW` | 8 days |');
    expect(problems({ spec })).toEqual([
      `ACTIVATION_WINDOW differs: ${where(spec, '`ACTIVATION_WINDOW`')} says 691200, ${where(sources.reference, 'const ACTIVATION_WINDOW')} says 604800`,
      `ACTIVATION_WINDOW differs: ${where(spec, '`ACTIVATION_WINDOW`')} says 691200, ${where(sources.contract, 'constant ACTIVATION_WINDOW')} says 604800`,
    ]);
  });

  it("MLL-PAR-010: the contract's value, the oracle's restatement and a bound stated in words are compared too", () => {
    const contract = edit(sources.contract, 'constant EXIT_PROPOSAL_WINDOW = 7 days;', 'constant EXIT_PROPOSAL_WINDOW = 6 days;');
    expect(problems({ contract })).toEqual([
      `EXIT_PROPOSAL_WINDOW differs: ${where(sources.spec, '`EXIT_PROPOSAL_WINDOW`')} says 604800, ${where(contract, 'constant EXIT_PROPOSAL_WINDOW')} says 518400`,
    ]);
    const oracle = edit(sources.oracle, 'const EXPECTED_MIN_SILENCE = 90n * DAY;', 'const EXPECTED_MIN_SILENCE = 60n * DAY;');
    expect(problems({ oracle })).toEqual([
      `ABANDONMENT_MIN_SILENCE differs: ${where(sources.spec, '`ABANDONMENT_MIN_SILENCE`')} says 7776000, ${where(oracle, 'const EXPECTED_MIN_SILENCE =')} says 5184000`,
    ]);
    const spec = edit(sources.spec, '0 ≤ G ≤ 12', '0 ≤ G ≤ 24');
    expect(problems({ spec })).toEqual([
      `MAX_GRACE_PERIODS differs: ${where(spec, '0 ≤ G ≤ 24')} says 24, ${where(sources.reference, 'const MAX_GRACE_PERIODS')} says 12`,
      `MAX_GRACE_PERIODS differs: ${where(spec, '0 ≤ G ≤ 24')} says 24, ${where(sources.contract, 'constant MAX_GRACE_PERIODS')} says 12`,
    ]);
  });

  it('MLL-PAR-010: a constant one place has and another lacks is a problem, in either direction', () => {
    const spec = edit(sources.spec, '| `ABANDONMENT_MIN_INTERVALS` | 3 | MLL-ABN-002 |\n', '');
    expect(problems({ spec })).toEqual([
      `ABANDONMENT_MIN_INTERVALS: ${where(sources.reference, 'const ABANDONMENT_MIN_INTERVALS')}, ${where(sources.contract, 'constant ABANDONMENT_MIN_INTERVALS')} define it, but spec/parameters.md does not: neither MLL-PAR-010's table nor the clauses listed in scripts/constants.ts, statedInProse, state it`,
    ]);
    const added = edit(
      sources.reference,
      'export const MAX_PENALTY_DECAY_TARGET = 1_000n;',
      'export const MAX_PENALTY_DECAY_TARGET = 1_000n;\nexport const MAX_PARTIES = 2n;',
    );
    expect(problems({ reference: added })).toEqual([
      `MAX_PARTIES: ${where(added, 'MAX_PARTIES')} defines it, but spec/parameters.md does not: neither MLL-PAR-010's table nor the clauses listed in scripts/constants.ts, statedInProse, state it`,
      `MAX_PARTIES: ${where(added, 'MAX_PARTIES')} defines it, but contracts/MutualLiquidityLock.sol does not: it does not define it`,
    ]);
    const oracle = edit(sources.oracle, 'const BPS = 10_000n;', 'const BPS = 10_000n;\nconst HOUR = 3_600n;');
    expect(problems({ oracle })).toEqual([
      `${where(oracle, 'const HOUR')} defines HOUR, which restates no constant the checker knows: map it in scripts/constants.ts, oracleRestates`,
    ]);
  });

  it('MLL-PAR-010: what the checker cannot read is reported, never guessed', () => {
    const contract = edit(sources.contract, 'constant MAX_GRACE_PERIODS = 12;', 'constant MAX_GRACE_PERIODS = uint256(12);');
    expect(problems({ contract })[0]).toBe(
      `${where(contract, 'constant MAX_GRACE_PERIODS')}: MAX_GRACE_PERIODS: cannot evaluate 'uint256(12)': 'uint256' is no known constant`,
    );
    const spec = edit(sources.spec, '0 ≤ G ≤ 12', 'G at most 12');
    expect(problems({ spec })[0]).toBe(
      'spec/parameters.md: MLL-PAR-005 no longer states MAX_GRACE_PERIODS as /0 ≤ G ≤ ([\\d,]+)/ (scripts/constants.ts, statedInProse)',
    );
  });

  it("MLL-PAR-010: the expressions each source writes: Solidity's units, TypeScript's bigints, the spec's notation", () => {
    expect(evaluate('7 days')).toBe(604_800n);
    expect(evaluate('1 hours')).toBe(3_600n);
    expect(evaluate('3_650 days')).toBe(315_360_000n);
    expect(evaluate('2 ** 96 - 1')).toBe(2n ** 96n - 1n);
    expect(evaluate('1e18')).toBe(10n ** 18n);
    expect(evaluate('10n ** 18n')).toBe(10n ** 18n);
    expect(evaluate('7n * DAY', new Map([['DAY', 86_400n]]))).toBe(604_800n);
    expect(evaluate('2 ** 3 ** 2')).toBe(512n);
    expect(() => evaluate('7 weeks')).toThrow("cannot evaluate '7 weeks': unexpected 'weeks'");
  });
});
