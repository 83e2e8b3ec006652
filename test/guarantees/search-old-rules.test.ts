/**
 * The exhaustive search (properties/search.ts) finds the holes of MLL-GUA-004 it found on the
 * earlier rules, each old rule planted back into the reference (vi.mock, as test/planted/ does),
 * from an opening that reaches the boundary second in one call: the claim in the silent party's
 * first second of default (before MLL-ABN-008), the first of two executions paying alone (before
 * MLL-UEX-012), the cancel that dodged the other's execution (before MLL-UEX-013), the deposit
 * penalised or not by the order (before MLL-SCH-009) and the acceptance of an offer racing its
 * proposer's execution (before MLL-PEX-005). On the rules in force the same
 * search from each opening passes.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Opening } from '../../properties/search.js';
import { search } from '../../properties/search.js';
import { articleDefaults } from '../../reference/index.js';
import { PARTY_A, PARTY_B } from '../../properties/actors.js';

type OldRule =
  | 'claim-at-default-start'
  | 'first-executor-pays'
  | 'cancel-after-countdown'
  | 'deposit-while-both-executable'
  | 'accept-while-proposer-can-execute';
const planted = vi.hoisted(() => ({ rule: null as OldRule | null }));

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
  const { isExitLive } = await import('../../reference/deadlines.js');
  return {
    ...original,
    executeUnilateralExit: (...[state, call]: Parameters<typeof original.executeUnilateralExit>) => {
      const me = roleOf(state, call.from);
      if (me === null) return original.executeUnilateralExit(state, call);
      // the old MLL-UEX-011 alone: the counterparty's executable exit is not executed, only cleared with the lock
      if (planted.rule === 'first-executor-pays')
        return original.executeUnilateralExit(withParty(state, counterparty(me), { unilateralExit: null }), call);
      return original.executeUnilateralExit(state, call);
    },
    // before MLL-UEX-013: a live exit can be cancelled after its countdown too (given a countdown not yet over, the rule in force cancels it)
    cancelUnilateralExit: (...[state, call]: Parameters<typeof original.cancelUnilateralExit>) => {
      const me = roleOf(state, call.from);
      const exit = me === null ? null : state[me].unilateralExit;
      if (planted.rule !== 'cancel-after-countdown' || me === null || !isExitLive(exit, call.now))
        return original.cancelUnilateralExit(state, call);
      return original.cancelUnilateralExit(withParty(state, me, { unilateralExit: { ...exit, executeAfter: call.now + 1n } }), call);
    },
  };
});

vi.mock('../../reference/peaceful-exit.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../reference/peaceful-exit.js')>();
  const { counterparty, roleOf, withParty } = await import('../../reference/state.js');
  return {
    ...original,
    // before MLL-PEX-005: a live offer is accepted whatever the proposer's exit (the peace clears the exits either way)
    proposeExit: (...[state, call]: Parameters<typeof original.proposeExit>) => {
      const me = roleOf(state, call.from);
      const outcome = original.proposeExit(state, call);
      if (
        planted.rule !== 'accept-while-proposer-can-execute' ||
        me === null ||
        outcome.ok ||
        outcome.revert.name !== 'CounterpartyExitExecutable'
      )
        return outcome;
      return original.proposeExit(withParty(state, counterparty(me), { unilateralExit: null }), call);
    },
  };
});

vi.mock('../../reference/deposit.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../reference/deposit.js')>();
  const { roleOf, withParty } = await import('../../reference/state.js');
  return {
    ...original,
    // before MLL-SCH-009: a deposit is taken whatever the exits (the depositor's exit, set aside for the call, is untouched by it)
    deposit: (...[state, call]: Parameters<typeof original.deposit>) => {
      const me = roleOf(state, call.from);
      if (planted.rule !== 'deposit-while-both-executable' || me === null) return original.deposit(state, call);
      const outcome = original.deposit(withParty(state, me, { unilateralExit: null }), call);
      return outcome.ok ? { ...outcome, state: withParty(outcome.state, me, { unilateralExit: state[me].unilateralExit }) } : outcome;
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

/** Both active with d, A's exit initiated at t0. */
const aInitiates: Opening['calls'] = [
  { offset: 0n, actor: 'A', fn: 'activate', intervals: 1n },
  { offset: 0n, actor: 'B', fn: 'activate', intervals: 1n },
  { offset: 0n, actor: 'A', fn: 'initiateUnilateralExit', intervals: 0n },
];

/** Both active with d and both exits initiated at t0: both countdowns end in one second. */
const bothInitiate: Opening = {
  name: 'G=1, both activate with d and initiate',
  params: defaults,
  calls: [...aInitiates, { offset: 0n, actor: 'B', fn: 'initiateUnilateralExit', intervals: 0n }],
};

/** A initiates at t0 and proposes a second before its countdown ends: its proposal is live when its exit becomes executable. */
const offeredAndInitiated: Opening = {
  name: 'G=1, both activate with d, A initiates and proposes at t0 + 30 days − 1 s',
  params: defaults,
  calls: [...aInitiates, { offset: 30n * 86_400n - 1n, actor: 'A', fn: 'proposeExit', intervals: 0n }],
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

  it('on the rules in force, every call from each opening — the claim in A’s default-start second, the calls at both countdowns’ end, the acceptance of an offer whose proposer can execute among them — keeps every guarantee', () => {
    for (const opening of [silentSinceActivation, bothInitiate, offeredAndInitiated])
      expect(violation(1, opening), opening.name).toBe(null);
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

  it('MLL-UEX-013: a cancel after the countdown: B’s cancel and A’s execution at the countdowns’ end give different results in either order', () => {
    planted.rule = 'cancel-after-countdown';
    const found = violation(1, bothInitiate);
    expect(found).toMatch(
      /^MLL-GUA-004: .*(A\.executeUnilateralExit\(0\) and B\.cancelUnilateralExit\(0\)|A\.cancelUnilateralExit\(0\) and B\.executeUnilateralExit\(0\)) give a different result in either order/,
    );
    console.log(`cancel-after-countdown: ${found!.split('\n')[0]}`);
  });

  it('MLL-SCH-009: a deposit while both exits are executable: a deposit and the other’s execution at the countdowns’ end give different results in either order', () => {
    planted.rule = 'deposit-while-both-executable';
    const found = violation(1, bothInitiate);
    expect(found).toMatch(
      /^MLL-GUA-004: .*at 3592000 .*(A\.deposit\(\d+\) and B\.executeUnilateralExit\(0\)|A\.executeUnilateralExit\(0\) and B\.deposit\(\d+\)) give a different result in either order/,
    ); // t0 + 30 days
    console.log(`deposit-while-both-executable: ${found!.split('\n')[0]}`);
  });

  it('MLL-PEX-005: an offer accepted while its proposer can execute: A’s execution and B’s acceptance at the countdown’s end give different results in either order', () => {
    planted.rule = 'accept-while-proposer-can-execute';
    const found = violation(1, offeredAndInitiated);
    expect(found).toMatch(/^MLL-GUA-004: .*A\.executeUnilateralExit\(0\) and B\.proposeExit\(0\) give a different result in either order/);
    console.log(`accept-while-proposer-can-execute: ${found!.split('\n')[0]}`);
  });
});
