/**
 * Scenarios: a lock's parameters and a sequence of steps, each a move in time and an action.
 * Times and amounts are symbolic (an edge of the schedule, "the arrears"), resolved against
 * what the lock reports when the step runs, so random runs keep landing on the boundaries
 * where bugs live.
 * @module
 */
import * as fc from 'fast-check';
import type { FunctionName, Params } from '../reference/index.js';
import {
  ABANDONMENT_MIN_SILENCE,
  DAY,
  EXIT_EXECUTION_WINDOW,
  MAX_DEPOSIT_AMOUNT,
  MAX_DEPOSIT_INTERVAL,
  MAX_PREPAID_INTERVALS,
  MIN_DEPOSIT_INTERVAL,
  articleDefaults,
} from '../reference/index.js';
import type { ActorName } from './actors.js';
import { PARTY_A, PARTY_B } from './actors.js';
import type { CallValue, Callers } from './calls.js';
import { REST_CALL_WEIGHT, callRows } from './calls.js';

/** A point in time the next step moves to, relative to the last step's time. */
export type TimeStep =
  { readonly kind: 'after'; readonly seconds: bigint } | { readonly kind: 'edge'; readonly edge: Edge; readonly offset: bigint };

/** Schedule boundaries a step can aim at; each resolves to a time from the observation. */
export const edges = [
  'nextDueDate',
  'defaultStartA',
  'defaultStartB',
  'nextBleedDayA',
  'nextBleedDayB',
  'executeAfterA',
  'executeAfterB',
  'lapseA',
  'lapseB',
  'silenceA',
  'silenceB',
  'claimableA',
  'claimableB',
] as const;
export type Edge = (typeof edges)[number];

/** An amount: `intervals` more than a base read off the actor's schedule, times d, plus `offset` wei. */
export interface ValueChoice {
  readonly base: 'none' | 'arrears' | 'prepayLimit';
  readonly intervals: bigint;
  readonly offset: bigint;
}

export type Action =
  | { readonly kind: 'call'; readonly actor: ActorName; readonly fn: FunctionName; readonly value: ValueChoice }
  | { readonly kind: 'force'; readonly amount: bigint };

export interface Step {
  readonly time: TimeStep;
  readonly action: Action;
}

export interface Scenario {
  readonly params: Params;
  readonly deployTime: bigint;
  readonly steps: readonly Step[];
}

const big = (min: bigint, max: bigint) => fc.bigInt({ min, max });

/** Parameters: the article's defaults half the time, otherwise anything within the bounds, biased small. */
export const paramsArb: fc.Arbitrary<Params> = fc.oneof(
  fc.constant(articleDefaults(PARTY_A, PARTY_B)),
  fc
    .record({
      depositAmount: fc.oneof(big(1n, 1000n), fc.constant(10n ** 17n), big(1n, MAX_DEPOSIT_AMOUNT)),
      depositInterval: fc.oneof(
        fc.constantFrom(MIN_DEPOSIT_INTERVAL, DAY, 7n * DAY, 30n * DAY),
        big(MIN_DEPOSIT_INTERVAL, 90n * DAY),
        big(MIN_DEPOSIT_INTERVAL, MAX_DEPOSIT_INTERVAL),
      ),
      bleedRateBpsPerDay: fc.oneof(fc.constantFrom(1n, 50n, 1000n), big(1n, 1000n)),
      gracePeriods: fc.oneof(big(0n, 2n), big(0n, 12n)),
      penalty: fc.tuple(big(0n, 9_000n), big(0n, 9_000n)), // P_max ≤ 9000 (MLL-PAR-011)
      penaltyDecayTarget: fc.oneof(big(1n, 10n), big(1n, 1000n)),
    })
    .map(({ penalty: [x, y], ...p }) => ({
      ...p,
      partyA: PARTY_A,
      partyB: PARTY_B,
      exitPenaltyMaxBps: x > y ? x : y,
      exitPenaltyMinBps: x > y ? y : x,
    })),
);

export const timeStepArb: fc.Arbitrary<TimeStep> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('edge' as const), edge: fc.constantFrom(...edges), offset: big(-1n, 1n) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('after' as const),
      seconds: fc.oneof(
        fc.constantFrom(0n, 1n, DAY - 1n, DAY, DAY + 1n, 7n * DAY, 30n * DAY, ABANDONMENT_MIN_SILENCE, EXIT_EXECUTION_WINDOW),
        big(0n, 40n * DAY),
        big(0n, 20n * 365n * DAY),
      ),
    }),
  },
);

const valueArb: fc.Arbitrary<ValueChoice> = fc.record({
  base: fc.constantFrom('none' as const, 'arrears' as const, 'prepayLimit' as const),
  intervals: fc.oneof({ weight: 4, arbitrary: big(0n, 1n) }, { weight: 1, arbitrary: big(-1n, 4n) }),
  offset: fc.oneof({ weight: 9, arbitrary: fc.constant(0n) }, { weight: 1, arbitrary: big(-1n, 1n) }),
});

const noValue: ValueChoice = { base: 'none', intervals: 0n, offset: 0n };

const partyArb = fc.constantFrom<ActorName>('A', 'B');

const callersArb: Readonly<Record<Callers, fc.Arbitrary<ActorName>>> = {
  party: partyArb,
  anyone: fc.constantFrom<ActorName>('A', 'B', 'A', 'B', 'stranger'),
  stranger: fc.constant<ActorName>('stranger'),
};
const callValueArb: Readonly<Record<CallValue, fc.Arbitrary<ValueChoice>>> = {
  amount: valueArb,
  none: fc.oneof({ weight: 19, arbitrary: fc.constant(noValue) }, { weight: 1, arbitrary: valueArb }),
};
const callOf = (fn: fc.Arbitrary<FunctionName>, callers: Callers, value: CallValue): fc.Arbitrary<Action> =>
  fc.record({ kind: fc.constant('call' as const), actor: callersArb[callers], fn, value: callValueArb[value] });

/** The functions a scenario draws as one choice (calls.ts). */
const restFunctions = callRows.flatMap(([fn, row]) => (row.scenario === 'rest' ? [fn] : []));

/**
 * Calls as calls.ts weighs them, toward what keeps a lock alive and moving: activation and
 * deposits most. The rest are one choice, in the place of the first of them.
 */
export const callArb: fc.Arbitrary<Action> = fc.oneof(
  ...callRows.flatMap(([fn, { scenario }]) => {
    if (scenario !== 'rest') return [{ weight: scenario.weight, arbitrary: callOf(fc.constant(fn), scenario.callers, scenario.value) }];
    if (fn !== restFunctions[0]) return [];
    return [{ weight: REST_CALL_WEIGHT, arbitrary: callOf(fc.constantFrom(...restFunctions), 'anyone', 'none') }];
  }),
);

export const forceArb: fc.Arbitrary<Action> = fc.record({ kind: fc.constant('force' as const), amount: big(1n, 10n ** 18n) });

export interface ScenarioOptions {
  readonly maxSteps?: number;
  /** Include ether forced in without a call. */
  readonly forcedEther?: boolean;
}

const call = (actor: ActorName, fn: FunctionName, value: ValueChoice = noValue): Action => ({ kind: 'call', actor, fn, value });
const at = (time: TimeStep, action: Action): Step => ({ time, action });
const now: TimeStep = { kind: 'after', seconds: 0n };
const arrears: ValueChoice = { base: 'arrears', intervals: 0n, offset: 0n };

/**
 * Multi-step plays that random single steps rarely assemble: a unilateral exit carried to its
 * countdown's edge, a peaceful exit agreed, a silence followed by a claim, the payouts.
 */
export const playArb: fc.Arbitrary<Step[]> = fc.oneof(
  fc
    .tuple(partyArb, big(-1n, 1n), fc.constantFrom<'executeAfter' | 'lapse'>('executeAfter', 'lapse'))
    .map(([x, offset, edge]): Step[] => [
      at(now, call(x, 'initiateUnilateralExit')),
      at({ kind: 'edge', edge: `${edge}${x as 'A' | 'B'}`, offset }, call(x, 'executeUnilateralExit')),
    ]),
  fc
    .tuple(partyArb, big(0n, 8n * DAY))
    .map(([x, seconds]): Step[] => [
      at(now, call(x, 'proposeExit')),
      at({ kind: 'after', seconds }, call(x === 'A' ? 'B' : 'A', 'proposeExit')),
    ]),
  fc.tuple(partyArb, fc.integer({ min: 0, max: 6 }), big(-1n, 1n)).map(([x, intervals, offset]): Step[] => [
    // x keeps paying on every due date while its counterparty stays silent, then claims
    ...Array.from({ length: intervals }, () => at({ kind: 'edge', edge: 'nextDueDate', offset: 0n }, call(x, 'deposit', arrears))),
    at({ kind: 'edge', edge: x === 'A' ? 'silenceB' : 'silenceA', offset }, call(x, 'deposit', arrears)),
    at(now, call(x, 'claimAbandoned')),
  ]),
  fc.constant<Step[]>([at(now, call('A', 'withdraw')), at(now, call('B', 'withdraw'))]),
);

/** A random scenario; deploy times range over the whole uint40 space. */
export function scenarioArb(options: ScenarioOptions = {}): fc.Arbitrary<Scenario> {
  const single = options.forcedEther === true ? fc.oneof({ weight: 30, arbitrary: callArb }, { weight: 1, arbitrary: forceArb }) : callArb;
  const chunk = fc.oneof(
    { weight: 10, arbitrary: fc.record({ time: timeStepArb, action: single }).map((step) => [step]) },
    { weight: 1, arbitrary: playArb },
  );
  // Both parties activate first most of the time, so most runs exercise the active lock.
  const opening = fc.oneof(
    { weight: 1, arbitrary: fc.constant<Step[]>([]) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(big(1n, 1n + MAX_PREPAID_INTERVALS), big(1n, 1n + MAX_PREPAID_INTERVALS), big(0n, 8n * DAY))
        .map(([a, b, gap]): Step[] => [
          at(now, call('A', 'activate', { base: 'none', intervals: a, offset: 0n })),
          at({ kind: 'after', seconds: gap }, call('B', 'activate', { base: 'none', intervals: b, offset: 0n })),
        ]),
    },
  );
  return fc
    .record({
      params: paramsArb,
      deployTime: fc.oneof(fc.constant(1_700_000_000n), big(1n, 2n ** 40n)),
      opening,
      chunks: fc.array(chunk, { minLength: 1, maxLength: options.maxSteps ?? 30, size: 'medium' }),
    })
    .map(({ params, deployTime, opening: first, chunks }) => ({ params, deployTime, steps: [...first, ...chunks.flat()] }));
}
