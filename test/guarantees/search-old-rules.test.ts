/**
 * The exhaustive search (properties/search.ts) finds the holes of MLL-GUA-004 it found on the
 * earlier rules, each old rule planted back into the reference (vi.mock, as test/planted/ does),
 * from an opening that reaches the boundary second in one call: the claim in the silent party's
 * first second of default (before MLL-ABN-008) and the first of two executions paying alone
 * (before MLL-UEX-012). On the rules in force the same search from the claim's opening passes.
 * The cancel that dodged the other's execution (before MLL-UEX-013) is not here: from the
 * exits' opening the search first meets the open finding of MLL-GUA-004 (a deposit and the
 * counterparty's execution in the second both exits are executable), which it reports instead;
 * test/unit/exits.test.ts and the known-bad variant D7-cancel-after-countdown catch it.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Opening } from '../../properties/search.js';
import { search } from '../../properties/search.js';
import { articleDefaults } from '../../reference/index.js';
import { PARTY_A, PARTY_B } from '../../properties/actors.js';

const planted = vi.hoisted(() => ({ rule: null as null | 'claim-at-default-start' | 'first-executor-pays' }));

vi.mock('../../reference/deadlines.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../reference/deadlines.js')>();
  const { defaultStartsAt } = await import('../../reference/schedule.js');
  // the old rule: a claim from the very second the silent party's default starts
  return {
    ...original,
    claimableAt: (...args: Parameters<typeof original.claimableAt>) =>
      planted.rule === 'claim-at-default-start' ? defaultStartsAt(...args)! : original.claimableAt(...args),
  };
});

vi.mock('../../reference/unilateral-exit.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../reference/unilateral-exit.js')>();
  const { counterparty, roleOf, withParty } = await import('../../reference/state.js');
  return {
    ...original,
    // the old MLL-UEX-011 alone: the counterparty's executable exit is not executed, only cleared with the lock
    executeUnilateralExit: (...[state, call]: Parameters<typeof original.executeUnilateralExit>) => {
      const me = roleOf(state, call.from);
      if (planted.rule !== 'first-executor-pays' || me === null) return original.executeUnilateralExit(state, call);
      return original.executeUnilateralExit(withParty(state, counterparty(me), { unilateralExit: null }), call);
    },
  };
});

const defaults = articleDefaults(PARTY_A, PARTY_B);

/** G = 2: A activates a second before B, which pays ahead; A's silence is over when its default starts, at t0 + 90 days. */
const silentSinceActivation: Opening = {
  name: 'G=2, A activates 1 s before B, B with 4d',
  params: { ...defaults, gracePeriods: 2n },
  calls: [
    { offset: 0n, actor: 'A', fn: 'activate', intervals: 1n },
    { offset: 1n, actor: 'B', fn: 'activate', intervals: 4n },
  ],
};

/** Both active with d and both exits initiated at t0: both countdowns end in one second. */
const bothInitiate: Opening = {
  name: 'G=1, both activate with d and initiate',
  params: defaults,
  calls: [
    { offset: 0n, actor: 'A', fn: 'activate', intervals: 1n },
    { offset: 0n, actor: 'B', fn: 'activate', intervals: 1n },
    { offset: 0n, actor: 'A', fn: 'initiateUnilateralExit', intervals: 0n },
    { offset: 0n, actor: 'B', fn: 'initiateUnilateralExit', intervals: 0n },
  ],
};

/** The violation the search throws, or null when it finds none. */
function violation(depth: number, opening: Opening): string | null {
  try {
    search(depth, [opening]);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

describe('MLL-GUA-004: the exhaustive search finds the earlier rules of the boundary second', () => {
  beforeEach(() => {
    planted.rule = null;
  });

  it('MLL-ABN-008: on the rules in force, every call from the G = 2 opening, the claim in A’s default-start second among them, keeps every guarantee', () => {
    expect(violation(1, silentSinceActivation)).toBe(null);
  });

  it('MLL-ABN-008: a claim allowed in the first second of default: B’s claim and A’s deposit at t0 + 90 days give different results in either order', () => {
    planted.rule = 'claim-at-default-start';
    const found = violation(1, silentSinceActivation);
    expect(found).toMatch(
      /^MLL-GUA-004: .*: at 8776001 \(.*\), A\.deposit\(\d+\) and B\.claimAbandoned\(0\) give a different result in either order/,
    ); // t0 + 90 days
    console.log(`claim-at-default-start: ${found!.split('\n')[0]}`);
  });

  it('MLL-UEX-012: the first executor paying alone: A’s and B’s executions at the countdown’s end give different results in either order', () => {
    planted.rule = 'first-executor-pays';
    const found = violation(1, bothInitiate);
    expect(found).toMatch(
      /^MLL-GUA-004: .*A\.executeUnilateralExit\(0\) and B\.executeUnilateralExit\(0\) give a different result in either order/,
    );
    console.log(`first-executor-pays: ${found!.split('\n')[0]}`);
  });
});
