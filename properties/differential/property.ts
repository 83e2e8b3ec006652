/**
 * P-DIFFERENTIAL: random command sequences run on the reference and on the implementation,
 * everything compared after every step, every step invariant checked on the implementation.
 * @module
 */
import * as fc from 'fast-check';
import type { Params } from '../../reference/index.js';
import {
  BPS,
  DAY,
  MAX_BLEED_RATE_BPS,
  MAX_DEPOSIT_AMOUNT,
  MAX_DEPOSIT_INTERVAL,
  MAX_GRACE_PERIODS,
  MAX_PENALTY_BPS,
  MAX_PENALTY_DECAY_TARGET,
  MAX_PREPAID_INTERVALS,
  MIN_DEPOSIT_INTERVAL,
  ZERO_ADDRESS,
} from '../../reference/index.js';
import { clauseForResult } from './clauses.js';
import { ReferenceDriver } from '../drivers/reference.js';
import type { DriverFactory, DriverSetup, PartyCode } from '../driver.js';
import { firstDifference } from '../compare.js';
import { paramsArb } from '../scenario.js';
import { PARTY_A, PARTY_B } from '../actors.js';
import { articleDefaults } from '../../reference/index.js';
import { CallCommand, WaitCommand, commandArb } from './commands.js';
import type { Model, Real, StepCounter } from './world.js';
import { Divergence, PropertyViolation } from '../violation.js';

/** One run's world before any command: parameters, deployment time, hostile parties, opening. */
export interface DifferentialSetup {
  readonly params: Params;
  readonly deployTime: bigint;
  readonly setup: DriverSetup;
  /**
   * `first` (A or B) activates `firstAfter` seconds after deployment with `a` intervals, then the
   * other party `gap` seconds later with `b` (or never, when b is null); or no opening at all.
   */
  readonly opening: {
    readonly first: 'A' | 'B';
    readonly firstAfter: bigint;
    readonly a: bigint;
    readonly b: bigint | null;
    readonly gap: bigint;
  } | null;
}

const partyCodeArb = fc.oneof(
  { weight: 8, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constant<PartyCode>('rejecting') },
  { weight: 1, arbitrary: fc.constant<PartyCode>('reentrant') },
);

/**
 * For each constructor argument, `p` with that argument at and just past its bounds
 * (MLL-PAR-001 … MLL-PAR-005, MLL-PAR-007, MLL-PAR-011): both parties' addresses, d, T, r, G, P_max, P_min, n.
 */
export function boundaryVariants(p: Params): readonly (readonly Params[])[] {
  // uint256 cannot hold a negative: P_min − 1 with P_min = 0 stays 0
  const below = (x: bigint) => (x > 0n ? x - 1n : 0n);
  return [
    [ZERO_ADDRESS, p.partyB].map((partyA) => ({ ...p, partyA })),
    [ZERO_ADDRESS, p.partyA].map((partyB) => ({ ...p, partyB })),
    [0n, 1n, MAX_DEPOSIT_AMOUNT, MAX_DEPOSIT_AMOUNT + 1n].map((depositAmount) => ({ ...p, depositAmount })),
    [MIN_DEPOSIT_INTERVAL - 1n, MIN_DEPOSIT_INTERVAL, MAX_DEPOSIT_INTERVAL, MAX_DEPOSIT_INTERVAL + 1n].map((depositInterval) => ({
      ...p,
      depositInterval,
    })),
    [0n, 1n, MAX_BLEED_RATE_BPS, MAX_BLEED_RATE_BPS + 1n].map((bleedRateBpsPerDay) => ({ ...p, bleedRateBpsPerDay })),
    [MAX_GRACE_PERIODS, MAX_GRACE_PERIODS + 1n].map((gracePeriods) => ({ ...p, gracePeriods })),
    [MAX_PENALTY_BPS, MAX_PENALTY_BPS + 1n, BPS, p.exitPenaltyMinBps, below(p.exitPenaltyMinBps)].map((exitPenaltyMaxBps) => ({
      ...p,
      exitPenaltyMaxBps,
    })),
    [p.exitPenaltyMaxBps, p.exitPenaltyMaxBps + 1n, 0n].map((exitPenaltyMinBps) => ({ ...p, exitPenaltyMinBps })),
    [0n, 1n, MAX_PENALTY_DECAY_TARGET, MAX_PENALTY_DECAY_TARGET + 1n].map((penaltyDecayTarget) => ({ ...p, penaltyDecayTarget })),
  ];
}

/** Random parameters with one or two arguments moved to a bound, so the checks and their order are compared too. */
const edgeParamsArb: fc.Arbitrary<Params> = fc
  .tuple(paramsArb, fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 2 }), fc.nat())
  .map(([params, fields, pick]) =>
    fields.reduce((p, field) => {
      const variants = boundaryVariants(p)[field]!;
      return variants[pick % variants.length]!;
    }, params),
  );

export const differentialSetupArb: fc.Arbitrary<DifferentialSetup> = fc.record({
  params: fc.oneof({ weight: 3, arbitrary: paramsArb }, { weight: 1, arbitrary: edgeParamsArb }),
  // 1 s after the epoch too: where a time of 0 meaning "none" would show.
  deployTime: fc.oneof(fc.constant(1_700_000_000n), fc.constant(1n), fc.bigInt({ min: 1n, max: 2n ** 40n })),
  setup: fc.record({ A: partyCodeArb, B: partyCodeArb }).map(({ A, B }) => ({
    partyCode: { ...(A === undefined ? {} : { A }), ...(B === undefined ? {} : { B }) },
  })),
  opening: fc.option(
    fc.record({
      // B first too: a lock B alone joined, then cancels, refunds B (MLL-CIN-002)
      first: fc.constantFrom<'A' | 'B'>('A', 'B'),
      // mostly at once; sometimes long after deployment, where the cancellation window runs from (MLL-CIN-001)
      firstAfter: fc.oneof({ weight: 4, arbitrary: fc.constant(0n) }, { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 100n * DAY }) }),
      a: fc.bigInt({ min: 1n, max: 1n + MAX_PREPAID_INTERVALS }),
      b: fc.oneof(
        { weight: 5, arbitrary: fc.bigInt({ min: 1n, max: 1n + MAX_PREPAID_INTERVALS }) },
        { weight: 1, arbitrary: fc.constant(null) },
      ),
      gap: fc.oneof(fc.constant(0n), fc.constant(7n * DAY - 1n), fc.constant(7n * DAY), fc.bigInt({ min: 0n, max: 8n * DAY })),
    }),
    { freq: 4 },
  ),
});

/** The two sides of a run. */
export interface Sides {
  readonly model: Model;
  readonly real: Real;
}

/** Deploys on both sides, compares the deployments, and plays the opening; null when both constructors reverted alike. */
export async function openWorld(
  factory: DriverFactory,
  world: DifferentialSetup,
  counter: StepCounter = { steps: 0 },
): Promise<Sides | null> {
  const sides = await deployWorld(factory, world, counter);
  if (sides !== null) await playOpening(sides, world.opening);
  return sides;
}

/**
 * Deploys on both sides and compares the deployments; null when both constructors reverted alike.
 * The run's steps, this deployment first, are counted in `counter` (by default one nobody reads).
 */
export async function deployWorld(
  factory: DriverFactory,
  world: DifferentialSetup,
  counter: StepCounter = { steps: 0 },
): Promise<Sides | null> {
  const reference = new ReferenceDriver(world.setup);
  const implementation = factory(world.setup);
  counter.steps++; // a deployment is a step: it is compared like any call
  const expected = await reference.deploy(world.params, world.deployTime);
  const actual = await implementation.deploy(world.params, world.deployTime);
  if (firstDifference(expected, actual) !== null) {
    throw new Divergence(clauseForResult('deploy', expected, actual), 'deployment', expected, actual);
  }
  // A constructor that reverted alike on both sides: nothing more to compare.
  if (!expected.ok) return null;
  const model: Model = {
    params: world.params,
    counter,
    reference,
    time: world.deployTime,
    observation: await reference.observe(world.deployTime),
    trace: [],
    log: [],
  };
  const real: Real = { implementation, observation: await implementation.observe(world.deployTime), trace: [] };
  return { model, real };
}

/** The opening activations, taken and compared on both sides like any command. */
export async function playOpening({ model, real }: Sides, opening: DifferentialSetup['opening']): Promise<void> {
  if (opening === null) return;
  const { first, firstAfter, a, b, gap } = opening;
  await new WaitCommand({ kind: 'after', seconds: firstAfter }).run(model, real);
  await new CallCommand('activate', first, { base: 'none', intervals: a, offset: 0n }).run(model, real);
  await new WaitCommand({ kind: 'after', seconds: gap }).run(model, real);
  if (b !== null) await new CallCommand('activate', first === 'A' ? 'B' : 'A', { base: 'none', intervals: b, offset: 0n }).run(model, real);
}

/** The worlds of the constructor sweep: every boundary variant of the article's defaults, by argument F and variant V. */
export function sweepWorlds(): { readonly place: string; readonly world: DifferentialSetup }[] {
  return boundaryVariants(articleDefaults(PARTY_A, PARTY_B)).flatMap((variants, field) =>
    variants.map((params, variant) => ({
      place: `sweep:${field}:${variant}`,
      world: { params, deployTime: 1_700_000_000n, setup: {}, opening: null },
    })),
  );
}

/**
 * Every boundary variant of the article's defaults, deployed on both sides and compared: the
 * constructor's checks are few and exact, so they are swept, not sampled (MLL-CONF-001,
 * MLL-PAR-001 … MLL-PAR-007). Returns the first Divergence with the place it happened at
 * (`sweep:F:V`, which --path replays), or null. `only`: one place, or which places by index.
 */
export async function constructorSweep(
  factory: DriverFactory,
  only?: string | ((index: number) => boolean),
  counter: StepCounter = { steps: 0 },
): Promise<{ readonly place: string; readonly world: DifferentialSetup; readonly error: PropertyViolation } | null> {
  for (const [index, { place, world }] of sweepWorlds().entries()) {
    if (typeof only === 'string' ? place !== only : only !== undefined && !only(index)) continue;
    try {
      await openWorld(factory, world, counter);
    } catch (error) {
      if (error instanceof PropertyViolation) return { place, world, error };
      throw error;
    }
  }
  return null;
}

/** The property: up to `maxCommands` (default 40) random commands per run, each run's steps counted in `counter`. */
export function differentialProperty(
  factory: DriverFactory,
  { counter = { steps: 0 }, maxCommands = 40 }: { counter?: StepCounter; maxCommands?: number } = {},
) {
  return fc.asyncProperty(differentialSetupArb, fc.commands([commandArb], { maxCommands, size: 'max' }), async (world, commands) => {
    const sides = await openWorld(factory, world, counter);
    if (sides !== null) await fc.asyncModelRun(() => sides, commands);
  });
}
