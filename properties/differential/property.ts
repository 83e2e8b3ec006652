/**
 * P-DIFFERENTIAL: random command sequences run on the reference and on the implementation,
 * everything compared after every step, every step invariant checked on the implementation.
 * @module
 */
import * as fc from 'fast-check';
import type { Params } from '../../reference/index.js';
import { DAY, MAX_PREPAID_INTERVALS } from '../../reference/index.js';
import { ReferenceDriver } from '../drivers/reference.js';
import type { DriverFactory, DriverSetup, PartyCode } from '../driver.js';
import { firstDifference } from '../compare.js';
import { paramsArb } from '../scenario.js';
import { ActivateCommand, WaitCommand, commandArb } from './commands.js';
import type { Model, Real } from './world.js';
import { Divergence } from './world.js';

/** One run's world before any command: parameters, deployment time, hostile parties, opening. */
export interface DifferentialSetup {
  readonly params: Params;
  readonly deployTime: bigint;
  readonly setup: DriverSetup;
  /** Both parties activate first (with these many intervals, this far apart), or not. */
  readonly opening: { readonly a: bigint; readonly b: bigint; readonly gap: bigint } | null;
}

const partyCodeArb = fc.oneof(
  { weight: 8, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constant<PartyCode>('rejecting') },
  { weight: 1, arbitrary: fc.constant<PartyCode>('reentrant') },
);

export const differentialSetupArb: fc.Arbitrary<DifferentialSetup> = fc.record({
  params: paramsArb,
  deployTime: fc.oneof(fc.constant(1_700_000_000n), fc.bigInt({ min: 1n, max: 2n ** 40n })),
  setup: fc.record({ A: partyCodeArb, B: partyCodeArb }).map(({ A, B }) => ({
    partyCode: { ...(A === undefined ? {} : { A }), ...(B === undefined ? {} : { B }) },
  })),
  opening: fc.option(
    fc.record({
      a: fc.bigInt({ min: 1n, max: 1n + MAX_PREPAID_INTERVALS }),
      b: fc.bigInt({ min: 1n, max: 1n + MAX_PREPAID_INTERVALS }),
      gap: fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 8n * DAY })),
    }),
    { freq: 4 },
  ),
});

/** Deploys on both sides, compares the deployments, and plays the opening. */
export async function openWorld(factory: DriverFactory, world: DifferentialSetup): Promise<{ model: Model; real: Real }> {
  const reference = new ReferenceDriver(world.setup);
  const implementation = factory(world.setup);
  const expected = await reference.deploy(world.params, world.deployTime);
  const actual = await implementation.deploy(world.params, world.deployTime);
  if (firstDifference(expected, actual) !== null) throw new Divergence('MLL-PAR-008', 'deployment', expected, actual);
  const model: Model = {
    params: world.params,
    reference,
    time: world.deployTime,
    observation: await reference.observe(world.deployTime),
    trace: [],
    log: [],
  };
  const real: Real = { implementation, observation: await implementation.observe(world.deployTime), trace: [] };
  if (world.opening !== null) {
    const { a, b, gap } = world.opening;
    await new ActivateCommand('A', { base: 'none', intervals: a, offset: 0n }).run(model, real);
    await new WaitCommand({ kind: 'after', seconds: gap }).run(model, real);
    await new ActivateCommand('B', { base: 'none', intervals: b, offset: 0n }).run(model, real);
  }
  return { model, real };
}

/** The property: `maxCommands` random commands per run. */
export function differentialProperty(factory: DriverFactory, maxCommands = 40) {
  return fc.asyncProperty(differentialSetupArb, fc.commands([commandArb], { maxCommands, size: 'max' }), async (world, commands) => {
    const sides = await openWorld(factory, world);
    await fc.asyncModelRun(() => sides, commands);
  });
}
