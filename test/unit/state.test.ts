/**
 * Unit checks of spec/state.md (MLL-STA-001 … MLL-STA-007): the phases and the only ways they
 * move, who may call what, the phase guard, value only where it is owed, named reverts that
 * change nothing, the order of the common checks, and block time.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FunctionName, RevertName } from '../../reference/index.js';
import { Phase, execute } from '../../reference/index.js';
import { DAY, Lock, PARTY_A, PARTY_B, STRANGER, T, d, peacefullyExited } from '../support/harness.js';

/** The functions only the parties may call (MLL-STA-002). */
const PARTY_ONLY: FunctionName[] = [
  'activate',
  'deposit',
  'proposeExit',
  'cancelExitProposal',
  'initiateUnilateralExit',
  'cancelUnilateralExit',
  'executeUnilateralExit',
  'claimAbandoned',
  'cancelInactive',
];
/** Functions that need the Inactive phase (MLL-STA-003). */
const NEED_INACTIVE: FunctionName[] = ['activate', 'cancelInactive'];
/** Functions that need the Active phase (MLL-STA-003). */
const NEED_ACTIVE: FunctionName[] = [
  'deposit',
  'applyBleeding',
  'proposeExit',
  'cancelExitProposal',
  'initiateUnilateralExit',
  'cancelUnilateralExit',
  'executeUnilateralExit',
  'claimAbandoned',
];
/** Functions that take no ether (MLL-STA-004). */
const NON_PAYABLE: FunctionName[] = [
  'applyBleeding',
  'proposeExit',
  'cancelExitProposal',
  'initiateUnilateralExit',
  'cancelUnilateralExit',
  'executeUnilateralExit',
  'claimAbandoned',
  'cancelInactive',
  'withdraw',
];

/** A lock with only A activated. */
function halfActivated(): Lock {
  const lock = new Lock();
  lock.ok(PARTY_A, 'activate', d);
  return lock;
}

describe('MLL-STA-001: phases move forward only', () => {
  it('MLL-STA-001: the phases are numbered Inactive 0, Active 1, Exited 2', () => {
    expect(Phase).toEqual({ Inactive: 0, Active: 1, Exited: 2 });
  });

  it('MLL-STA-001: a new lock is Inactive, the first activation keeps it Inactive, the second makes it Active', () => {
    const lock = new Lock();
    expect(lock.state.phase).toBe(0);
    lock.ok(PARTY_A, 'activate', d);
    expect(lock.state.phase).toBe(0);
    lock.ok(PARTY_B, 'activate', d);
    expect(lock.state.phase).toBe(1);
  });

  it('MLL-STA-001: Inactive → Exited by cancelInactive', () => {
    const lock = halfActivated();
    lock.wait(7n * DAY);
    lock.ok(PARTY_B, 'cancelInactive');
    expect(lock.state.phase).toBe(2);
  });

  it('MLL-STA-001: Active → Exited by peaceful exit, unilateral exit and abandonment claim', () => {
    expect(peacefullyExited().state.phase).toBe(2);

    const unilateral = Lock.active();
    unilateral.ok(PARTY_A, 'initiateUnilateralExit');
    unilateral.wait(30n * DAY);
    unilateral.ok(PARTY_A, 'executeUnilateralExit');
    expect(unilateral.state.phase).toBe(2);

    const abandoned = Lock.active();
    abandoned.ok(PARTY_B, 'deposit', 3n * d); // B paid 4: compliant until t0 + 5T
    abandoned.wait(90n * DAY + 1n); // A silent > 90 days and in default since t0 + 2T
    abandoned.ok(PARTY_B, 'claimAbandoned');
    expect(abandoned.state.phase).toBe(2);
  });

  it('MLL-STA-001: an Active lock never goes back to Inactive', () => {
    const lock = Lock.active();
    expect(lock.reverts(PARTY_A, 'activate', d)).toEqual({ name: 'WrongPhase', expected: 0, actual: 1 });
    lock.wait(30n * DAY);
    expect(lock.reverts(PARTY_A, 'cancelInactive')).toEqual({ name: 'WrongPhase', expected: 0, actual: 1 });
    expect(lock.state.phase).toBe(1);
  });

  it('MLL-STA-001: once Exited, every function but withdraw reverts WrongPhase with actual = 2', () => {
    const lock = peacefullyExited();
    for (const fn of NEED_INACTIVE) {
      expect(lock.reverts(PARTY_A, fn, fn === 'activate' ? d : 0n)).toEqual({ name: 'WrongPhase', expected: 0, actual: 2 });
    }
    for (const fn of NEED_ACTIVE) {
      expect(lock.reverts(PARTY_A, fn, fn === 'deposit' ? d : 0n)).toEqual({ name: 'WrongPhase', expected: 1, actual: 2 });
    }
    lock.ok(PARTY_A, 'withdraw');
    expect(lock.state.phase).toBe(2);
  });
});

describe('MLL-STA-002: who may call', () => {
  it('MLL-STA-002: activate and cancelInactive from a stranger revert NotParty in the Inactive phase', () => {
    const lock = halfActivated();
    lock.wait(7n * DAY);
    expect(lock.reverts(STRANGER, 'activate', d)).toEqual({ name: 'NotParty' });
    expect(lock.reverts(STRANGER, 'cancelInactive')).toEqual({ name: 'NotParty' });
  });

  it('MLL-STA-002: the party-only functions of the Active phase revert NotParty for a stranger', () => {
    const lock = Lock.active();
    lock.wait(100n * DAY);
    for (const fn of PARTY_ONLY.filter((f) => !NEED_INACTIVE.includes(f))) {
      expect(lock.reverts(STRANGER, fn, fn === 'deposit' ? d : 0n), fn).toEqual({ name: 'NotParty' });
    }
  });

  it('MLL-STA-002: applyBleeding may be called by a stranger', () => {
    const lock = Lock.active();
    lock.wait(DAY);
    expect(lock.ok(STRANGER, 'applyBleeding')).toEqual([]);
    expect(lock.state.accruedUntil).toBe(lock.t0 + DAY);
  });

  it('MLL-STA-002: withdraw has no caller check: a stranger gets NothingToWithdraw, not NotParty', () => {
    const lock = peacefullyExited();
    expect(lock.reverts(STRANGER, 'withdraw')).toEqual({ name: 'NothingToWithdraw' });
  });
});

describe('MLL-STA-003: phase guard', () => {
  it('MLL-STA-003: activate and cancelInactive in the Active phase revert WrongPhase(0, 1)', () => {
    const lock = Lock.active();
    expect(lock.reverts(PARTY_B, 'activate', d)).toEqual({ name: 'WrongPhase', expected: 0, actual: 1 });
    expect(lock.reverts(PARTY_B, 'cancelInactive')).toEqual({ name: 'WrongPhase', expected: 0, actual: 1 });
  });

  it('MLL-STA-003: the Active-phase functions before activation revert WrongPhase(1, 0)', () => {
    const lock = halfActivated();
    for (const fn of NEED_ACTIVE) {
      expect(lock.reverts(PARTY_A, fn, fn === 'deposit' ? d : 0n), fn).toEqual({ name: 'WrongPhase', expected: 1, actual: 0 });
    }
  });

  it('MLL-STA-003: applyBleeding from a stranger before activation reverts WrongPhase(1, 0)', () => {
    const lock = new Lock();
    expect(lock.reverts(STRANGER, 'applyBleeding')).toEqual({ name: 'WrongPhase', expected: 1, actual: 0 });
  });

  it('MLL-STA-003: withdraw has no phase guard: in Inactive and Active it reverts NothingToWithdraw', () => {
    const lock = halfActivated();
    expect(lock.reverts(PARTY_A, 'withdraw')).toEqual({ name: 'NothingToWithdraw' });
    lock.ok(PARTY_B, 'activate', d);
    expect(lock.reverts(PARTY_A, 'withdraw')).toEqual({ name: 'NothingToWithdraw' });
  });
});

describe('MLL-STA-004: value only where it is owed', () => {
  it('MLL-STA-004: every non-payable function reverts UnexpectedValue for 1 wei, from a party, in its own phase', () => {
    const active = Lock.active();
    for (const fn of NON_PAYABLE.filter((f) => f !== 'cancelInactive')) {
      expect(active.reverts(PARTY_A, fn, 1n), fn).toEqual({ name: 'UnexpectedValue' });
    }
    const inactive = halfActivated();
    inactive.wait(7n * DAY);
    expect(inactive.reverts(PARTY_A, 'cancelInactive', 1n)).toEqual({ name: 'UnexpectedValue' });
  });

  it('MLL-STA-004: UnexpectedValue comes before any other check: a stranger in the wrong phase still gets it', () => {
    const exited = peacefullyExited();
    for (const fn of NON_PAYABLE) {
      expect(exited.reverts(STRANGER, fn, d), fn).toEqual({ name: 'UnexpectedValue' });
    }
  });

  it('MLL-STA-004: withdraw with value reverts UnexpectedValue even for a party with a claimable', () => {
    const lock = peacefullyExited();
    expect(lock.reverts(PARTY_A, 'withdraw', 1n)).toEqual({ name: 'UnexpectedValue' });
    expect(lock.state.A.claimable).toBe(d);
  });

  it('MLL-STA-004: activate and deposit accept ether', () => {
    const lock = new Lock();
    lock.ok(PARTY_A, 'activate', d);
    lock.ok(PARTY_B, 'activate', d);
    lock.ok(PARTY_A, 'deposit', d);
    expect(lock.state.balance).toBe(3n * d);
  });
});

describe('MLL-STA-005: reverts are named and change nothing', () => {
  const NAMED: readonly RevertName[] = [
    'InvalidPartyAddress',
    'InvalidDepositAmount',
    'InvalidDepositInterval',
    'InvalidBleedRate',
    'InvalidGracePeriods',
    'InvalidPenaltyBounds',
    'InvalidPenaltyDecayTarget',
    'UnexpectedValue',
    'NotParty',
    'WrongPhase',
    'AlreadyActivated',
    'ActivationWindowClosed',
    'ActivationWindowOpen',
    'InvalidDepositValue',
    'PrepaymentLimitExceeded',
    'BothExitsExecutable',
    'CounterpartyExitExecutable',
    'UnilateralExitAlreadyActive',
    'NoActiveUnilateralExit',
    'ExitCountdownNotElapsed',
    'ExitCountdownElapsed',
    'CounterpartyNotSilent',
    'CounterpartyNotInDefault',
    'CounterpartyDefaultTooRecent',
    'ClaimerInDefault',
    'NothingToWithdraw',
    'TransferFailed',
    'DirectTransferRejected',
  ];

  it('MLL-STA-005: every call of every function, in every phase and from everyone, succeeds or reverts with a named error', () => {
    const seen = new Set<string>();
    const values = [0n, 1n, d, 5n * d];
    const scenarios: (() => Lock)[] = [() => new Lock(), halfActivated, () => Lock.active(), peacefullyExited];
    const fns: FunctionName[] = [...PARTY_ONLY, 'applyBleeding', 'withdraw', 'receive'];
    for (const make of scenarios) {
      for (const fn of fns) {
        for (const from of [PARTY_A, PARTY_B, STRANGER]) {
          for (const value of values) {
            const lock = make();
            lock.wait(40n * DAY);
            const outcome = lock.call(from, fn, value);
            if (!outcome.ok) {
              expect(NAMED).toContain(outcome.revert.name);
              seen.add(outcome.revert.name);
            }
          }
        }
      }
    }
    // the sweep did reach the common guards
    for (const name of ['UnexpectedValue', 'NotParty', 'WrongPhase', 'DirectTransferRejected', 'NothingToWithdraw']) {
      expect(seen.has(name), name).toBe(true);
    }
  });

  it('MLL-STA-005: a reverted call returns no events and leaves the state object untouched', () => {
    const lock = Lock.active();
    lock.wait(T);
    const before = lock.state;
    const outcome = lock.call(PARTY_A, 'deposit', 10n * d);
    expect(outcome).toEqual({ ok: false, revert: { name: 'PrepaymentLimitExceeded', maxValue: 4n * d } });
    expect('events' in outcome).toBe(false);
    expect(lock.state).toBe(before);
  });

  it('MLL-STA-005: a reverted call records no liveness and accrues no bleed', () => {
    const lock = Lock.active();
    lock.ok(PARTY_B, 'deposit', 3n * d); // B compliant until t0 + 5T; A defaults at t0 + 2T
    lock.at(lock.t0 + 2n * T + 5n * DAY);
    lock.reverts(PARTY_A, 'executeUnilateralExit'); // NoActiveUnilateralExit
    lock.reverts(PARTY_A, 'deposit', d + 1n); // InvalidDepositValue
    expect(lock.state.A.lastActionAt).toBe(lock.t0);
    expect(lock.state.accruedUntil).toBe(lock.t0);
    expect(lock.state.A.bleedClock).toBe(0n);
  });
});

describe('MLL-STA-008: order of checks — value, caller, phase, own conditions', () => {
  it('MLL-STA-008: value before caller before phase (non-payable functions)', () => {
    const lock = halfActivated();
    // all three fail: value names the revert
    expect(lock.reverts(STRANGER, 'proposeExit', 1n)).toEqual({ name: 'UnexpectedValue' });
    // caller and phase fail: caller names it
    expect(lock.reverts(STRANGER, 'proposeExit')).toEqual({ name: 'NotParty' });
    // phase only
    expect(lock.reverts(PARTY_A, 'proposeExit')).toEqual({ name: 'WrongPhase', expected: 1, actual: 0 });
  });

  it("MLL-STA-008: phase before the function's own conditions", () => {
    const lock = halfActivated();
    // cancelInactive on an Active lock inside what would be its window: WrongPhase, not ActivationWindowOpen
    lock.ok(PARTY_B, 'activate', d);
    expect(lock.reverts(PARTY_A, 'cancelInactive')).toEqual({ name: 'WrongPhase', expected: 0, actual: 1 });
    // executeUnilateralExit with no exit, on an Exited lock: WrongPhase, not NoActiveUnilateralExit
    lock.ok(PARTY_A, 'proposeExit');
    lock.ok(PARTY_B, 'proposeExit');
    expect(lock.reverts(PARTY_A, 'executeUnilateralExit')).toEqual({ name: 'WrongPhase', expected: 1, actual: 2 });
  });

  it('MLL-STA-008: deposit (payable): caller before phase before its value checks', () => {
    const lock = halfActivated();
    expect(lock.reverts(STRANGER, 'deposit', 1n)).toEqual({ name: 'NotParty' });
    expect(lock.reverts(PARTY_A, 'deposit', 1n)).toEqual({ name: 'WrongPhase', expected: 1, actual: 0 });
    lock.ok(PARTY_B, 'activate', d);
    // InvalidDepositValue (MLL-SCH-002) before PrepaymentLimitExceeded (MLL-SCH-003)
    expect(lock.reverts(PARTY_A, 'deposit', 100n * d + 1n)).toEqual({ name: 'InvalidDepositValue' });
  });

  it('MLL-STA-008: activate (payable): caller, phase, AlreadyActivated, window, then value', () => {
    const lock = halfActivated();
    lock.wait(7n * DAY);
    expect(lock.reverts(STRANGER, 'activate', 1n)).toEqual({ name: 'NotParty' });
    expect(lock.reverts(PARTY_A, 'activate', 1n)).toEqual({ name: 'AlreadyActivated' });
    expect(lock.reverts(PARTY_B, 'activate', 1n)).toEqual({ name: 'ActivationWindowClosed' });
  });

  it('MLL-STA-008: executeUnilateralExit: NoActiveUnilateralExit (MLL-UEX-005/006) before ExitCountdownNotElapsed (MLL-UEX-004)', () => {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'initiateUnilateralExit');
    expect(lock.reverts(PARTY_B, 'executeUnilateralExit')).toEqual({ name: 'NoActiveUnilateralExit' });
    expect(lock.reverts(PARTY_A, 'executeUnilateralExit')).toEqual({
      name: 'ExitCountdownNotElapsed',
      executeAfter: lock.t0 + 30n * DAY,
    });
  });

  it("MLL-STA-008: claimAbandoned: silence is checked before the counterparty's default", () => {
    const lock = Lock.active();
    lock.at(lock.t0 + 2n * T); // both in default, neither silent long enough
    expect(lock.reverts(PARTY_B, 'claimAbandoned')).toEqual({
      name: 'CounterpartyNotSilent',
      silentAfter: lock.t0 + 90n * DAY,
    });
  });

  it('MLL-STA-008: claimAbandoned: the counterparty not in default is checked before the claimer in default', () => {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'deposit', 3n * d); // A paid 4: in default only from t0 + 5T = t0 + 150 days
    lock.at(lock.t0 + 90n * DAY + 1n); // A silent; B in default since t0 + 2T
    expect(lock.reverts(PARTY_B, 'claimAbandoned')).toEqual({ name: 'CounterpartyNotInDefault' });
  });

  it("MLL-STA-008: claimAbandoned: with silence and the counterparty's default met, the claimer's own default names the revert", () => {
    const lock = Lock.active();
    lock.at(lock.t0 + 90n * DAY + 1n); // both silent since t0, both in default since t0 + 2T
    expect(lock.reverts(PARTY_B, 'claimAbandoned')).toEqual({ name: 'ClaimerInDefault' });
  });
});

describe('MLL-STA-007: time', () => {
  it('MLL-STA-007: a call dated before the previous call is not a block the chain can produce: it throws', () => {
    const lock = Lock.active();
    lock.wait(10n);
    lock.ok(STRANGER, 'applyBleeding');
    expect(() => execute(lock.state, 'applyBleeding', { from: STRANGER, value: 0n, now: lock.now - 1n })).toThrow(RangeError);
  });

  it('MLL-STA-007: two calls in the same block (same timestamp) are allowed', () => {
    const lock = Lock.active();
    lock.wait(DAY);
    lock.ok(STRANGER, 'applyBleeding');
    lock.ok(PARTY_A, 'applyBleeding');
    expect(lock.state.accruedUntil).toBe(lock.t0 + DAY);
  });

  it('MLL-STA-007: every successful Active-phase call advances the bleed clocks to its block time', () => {
    const lock = Lock.active();
    lock.ok(PARTY_B, 'deposit', 3n * d); // B compliant until t0 + 5T; A in default from t0 + 2T
    const start = lock.t0 + 2n * T;
    const calls: [typeof PARTY_A, FunctionName][] = [
      [STRANGER, 'applyBleeding'],
      [PARTY_B, 'proposeExit'],
      [PARTY_B, 'cancelExitProposal'],
      [PARTY_B, 'initiateUnilateralExit'],
      [PARTY_B, 'cancelUnilateralExit'],
    ];
    let elapsed = 0n;
    for (const [from, fn] of calls) {
      elapsed += 1_000n;
      lock.at(start + elapsed);
      lock.ok(from, fn);
      expect(lock.state.accruedUntil, fn).toBe(start + elapsed);
      // A's clock holds exactly the seconds of [start, now): "now" is the block time
      expect(lock.state.A.bleedClock, fn).toBe(elapsed);
      expect(lock.state.B.bleedClock, fn).toBe(0n);
    }
  });

  it("MLL-STA-007: a deposit advances the clocks before it settles (the depositor's clock is settled, the other's kept)", () => {
    const lock = Lock.active();
    lock.ok(PARTY_B, 'deposit', 3n * d);
    lock.at(lock.t0 + 2n * T + 777n);
    lock.ok(PARTY_B, 'deposit', d);
    expect(lock.state.accruedUntil).toBe(lock.t0 + 2n * T + 777n);
    expect(lock.state.A.bleedClock).toBe(777n);
  });
});

/**
 * MLL-STA-008's table, read from spec/state.md, planted on the reference: for every function and
 * every set of its checks that can fail together, the check listed first names the revert.
 * Value and caller are planted on the call, the phase on the lock, a function's own conditions by
 * the builders below; a function's own conditions are defined only in its phase, so they are
 * never planted together with WrongPhase.
 */
describe('MLL-STA-008: the check-order table, every pair of failing checks planted', () => {
  const table = new Map<string, RevertName[]>();
  for (const line of readFileSync(new URL('../../spec/state.md', import.meta.url), 'utf8').split('\n')) {
    const row = /^\| `(\w+)` \| (.+) \|$/.exec(line);
    if (row !== null)
      table.set(
        row[1]!,
        [...row[2]!.matchAll(/`(\w+)`/g)].map((m) => m[1] as RevertName),
      );
  }
  const GENERIC: readonly RevertName[] = ['UnexpectedValue', 'NotParty', 'WrongPhase'];
  /** A countdown exists only for a live exit; a default is too recent only if there is one. */
  const CANNOT_FAIL_TOGETHER: readonly (readonly [RevertName, RevertName])[] = [
    ['NoActiveUnilateralExit', 'ExitCountdownNotElapsed'],
    ['NoActiveUnilateralExit', 'ExitCountdownElapsed'],
    ['CounterpartyNotInDefault', 'CounterpartyDefaultTooRecent'],
  ];

  interface Planted {
    lock: Lock;
    from: typeof PARTY_A;
    value: bigint;
    rejectsEther?: boolean;
  }
  const active = (): Planted => ({ lock: Lock.active(), from: PARTY_A, value: 0n });

  /**
   * Claimer B against A at day 95, G = 1 (at day 90 + 1 s when A's default is to be too recent):
   * each of the five claim conditions planted independently.
   */
  function claim(fails: ReadonlySet<RevertName>): Planted | null {
    if (fails.has('CounterpartyNotInDefault') && fails.has('CounterpartyDefaultTooRecent')) return null;
    const lock = Lock.active();
    if (fails.has('CounterpartyNotInDefault')) lock.ok(PARTY_A, 'deposit', 3n * d); // A in default only from day 150
    if (fails.has('CounterpartyDefaultTooRecent')) lock.ok(PARTY_A, 'deposit', d); // A in default from day 90
    if (!fails.has('ClaimerInDefault') && !fails.has('ClaimerRecentlyInDefault')) lock.ok(PARTY_B, 'deposit', 3n * d);
    if (fails.has('ClaimerRecentlyInDefault')) {
      lock.at(lock.t0 + 61n * DAY); // B in default since day 60: this deposit cures it
      lock.ok(PARTY_B, 'deposit', fails.has('ClaimerInDefault') ? d : 3n * d); // in default again from day 90, or from 150
    }
    if (fails.has('CounterpartyNotSilent')) lock.at(lock.t0 + 85n * DAY).ok(PARTY_A, 'cancelExitProposal');
    lock.at(fails.has('CounterpartyDefaultTooRecent') ? lock.t0 + 90n * DAY + 1n : lock.t0 + 95n * DAY);
    return { lock, from: PARTY_B, value: 0n };
  }

  /** The function's own conditions, planted in its phase; null when they cannot fail together. */
  const own: Record<string, (fails: ReadonlySet<RevertName>) => Planted | null> = {
    activate: (fails) => {
      const lock = new Lock();
      if (fails.has('AlreadyActivated')) lock.ok(PARTY_A, 'activate', d);
      else if (fails.has('ActivationWindowClosed')) lock.ok(PARTY_B, 'activate', d);
      lock.wait(fails.has('ActivationWindowClosed') ? 7n * DAY : DAY);
      const value = (fails.has('PrepaymentLimitExceeded') ? 5n * d : d) + (fails.has('InvalidDepositValue') ? 1n : 0n);
      return { lock, from: PARTY_A, value };
    },
    cancelInactive: (fails) => {
      const lock = new Lock();
      lock.ok(PARTY_A, 'activate', d);
      lock.wait(fails.has('ActivationWindowOpen') ? DAY : 7n * DAY);
      return { lock, from: PARTY_A, value: 0n };
    },
    deposit: (fails) => {
      const planted = active();
      if (fails.has('BothExitsExecutable')) {
        planted.lock.ok(PARTY_A, 'initiateUnilateralExit');
        planted.lock.ok(PARTY_B, 'initiateUnilateralExit');
        planted.lock.wait(30n * DAY); // both countdowns over: reached 2, paid 1, so 5d is over the limit
      }
      return { ...planted, value: (fails.has('PrepaymentLimitExceeded') ? 5n * d : d) + (fails.has('InvalidDepositValue') ? 1n : 0n) };
    },
    applyBleeding: active,
    proposeExit: (fails) => {
      const planted = active();
      if (fails.has('CounterpartyExitExecutable')) {
        planted.lock.ok(PARTY_B, 'initiateUnilateralExit');
        planted.lock.wait(30n * DAY);
        planted.lock.ok(PARTY_B, 'proposeExit');
      }
      return planted;
    },
    cancelExitProposal: active,
    initiateUnilateralExit: (fails) => {
      const planted = active();
      if (fails.has('UnilateralExitAlreadyActive')) planted.lock.ok(PARTY_A, 'initiateUnilateralExit');
      return planted;
    },
    cancelUnilateralExit: (fails) => {
      if (fails.has('NoActiveUnilateralExit') && fails.has('ExitCountdownElapsed')) return null;
      const planted = active();
      if (!fails.has('NoActiveUnilateralExit')) planted.lock.ok(PARTY_A, 'initiateUnilateralExit');
      planted.lock.wait(fails.has('ExitCountdownElapsed') ? 30n * DAY : DAY);
      return planted;
    },
    executeUnilateralExit: (fails) => {
      if (fails.has('NoActiveUnilateralExit') && fails.has('ExitCountdownNotElapsed')) return null;
      const planted = active();
      if (!fails.has('NoActiveUnilateralExit')) planted.lock.ok(PARTY_A, 'initiateUnilateralExit');
      planted.lock.wait(fails.has('ExitCountdownNotElapsed') ? DAY : 30n * DAY);
      return planted;
    },
    claimAbandoned: claim,
    withdraw: (fails) => ({
      lock: fails.has('NothingToWithdraw') ? Lock.active() : peacefullyExited(),
      from: PARTY_A,
      value: 0n,
      rejectsEther: fails.has('TransferFailed'),
    }),
  };
  const wrongPhase = (fn: string): Lock => (fn === 'activate' || fn === 'cancelInactive' ? Lock.active() : peacefullyExited());

  function plant(fn: string, fails: readonly RevertName[]): Planted | null {
    const mine = new Set(fails.filter((name) => !GENERIC.includes(name)));
    if (fails.includes('WrongPhase') && mine.size > 0) return null; // own conditions need the function's phase
    const planted = fails.includes('WrongPhase') ? { lock: wrongPhase(fn), from: PARTY_A, value: 0n } : own[fn]!(mine);
    if (planted === null) return null;
    if (fails.includes('UnexpectedValue')) planted.value = 1n;
    if (fails.includes('NotParty')) planted.from = STRANGER;
    return planted;
  }

  it('MLL-STA-008: the table lists every external function, each check a named revert', () => {
    expect([...table.keys()].sort()).toEqual([...Object.keys(own), 'receive'].sort());
  });

  for (const [fn, checks] of table) {
    if (checks.length < 2) continue;
    it(`MLL-STA-008: ${fn}: ${checks.join(' < ')} — with any of them failing, the first listed names the revert; every pair that can fail together is planted`, () => {
      const pairs = new Set<string>();
      for (let mask = 0; mask < 1 << checks.length; mask++) {
        const fails = checks.filter((_, i) => (mask >> i) & 1);
        const planted = plant(fn, fails);
        if (planted === null) continue;
        const { lock, from, value, rejectsEther } = planted;
        const outcome = execute(lock.state, fn as FunctionName, { from, value, now: lock.now, rejectsEther: rejectsEther === true });
        expect(outcome.ok ? 'ok' : outcome.revert.name, `${fn} with ${fails.join(', ') || 'nothing'} failing`).toBe(fails[0] ?? 'ok');
        for (const a of fails) for (const b of fails) if (a < b) pairs.add(`${a} ${b}`);
      }
      const excluded = (a: RevertName, b: RevertName) =>
        (a === 'WrongPhase' && !GENERIC.includes(b)) ||
        (b === 'WrongPhase' && !GENERIC.includes(a)) ||
        CANNOT_FAIL_TOGETHER.some(([x, y]) => (a === x && b === y) || (a === y && b === x));
      for (const a of checks) for (const b of checks) if (a < b && !excluded(a, b)) expect(pairs, `${a} with ${b}`).toContain(`${a} ${b}`);
    });
  }
});
