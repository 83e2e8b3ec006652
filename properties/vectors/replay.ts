/**
 * A fixture set replayed on any Driver (the embedded EVM, say): each step's calldata decoded to
 * the function it calls, the driver's answers encoded as the fixture's bytes are, and compared as
 * foundry/MllVectorReplayer.sol compares them — outcome, logs, balance, each view word by word.
 * @module
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Hex } from 'viem';
import { decodeAbiParameters, decodeFunctionData } from 'viem';
import type { Address, FunctionName, Params, constructorArguments } from '../../reference/index.js';
import type { Driver, DriverFactory, PartyCode } from '../driver.js';
import { whole } from '../driver.js';
import { PropertyViolation } from '../violation.js';
import { constructorInputs, encodeViews, outcomeBytes, specAbi } from './fixture.js';
import type { Effects, Fixture, VectorStep, ViewCall, ViewResult } from './format.js';
import { FORMAT } from './format.js';
import { fixtureErrors } from './schema.js';

/** The first difference in one fixture: where, the clause it breaks, expected and actual. */
export interface VectorFailure {
  readonly fixture: string;
  /** `deployment`, or `step N (KIND at TIME)`. */
  readonly step: string;
  readonly clause: string;
  readonly what: string;
  readonly expected: string;
  readonly actual: string;
}

export interface VectorsReport {
  readonly fixtures: number;
  /** Steps replayed, those of failing fixtures up to their failure. */
  readonly steps: number;
  readonly failures: readonly VectorFailure[];
}

/** A difference at a point of a fixture, thrown to end that fixture's replay. */
class Mismatch extends Error {
  constructor(readonly failure: Omit<VectorFailure, 'fixture' | 'step'>) {
    super(failure.what);
  }
}

function compareOutcome(clause: string, expected: Effects, actual: Pick<Effects, 'success' | 'returnData' | 'logs'>): void {
  const show = (e: Pick<Effects, 'success' | 'returnData'>) => `${e.success ? 'success' : 'revert'} ${e.returnData}`;
  if (expected.success !== actual.success || expected.returnData !== actual.returnData) {
    throw new Mismatch({ clause, what: 'outcome', expected: show(expected), actual: show(actual) });
  }
  const logs = (e: Pick<Effects, 'logs'>) => JSON.stringify(e.logs);
  if (logs(expected) !== logs(actual)) throw new Mismatch({ clause, what: 'logs', expected: logs(expected), actual: logs(actual) });
}

async function compareState(
  clause: string,
  views: readonly ViewCall[],
  results: readonly ViewResult[],
  expected: Effects,
  driver: Driver,
  time: bigint,
): Promise<void> {
  const observation = whole(await driver.observe(time));
  if (expected.balance !== observation.balance.toString()) {
    throw new Mismatch({ clause, what: 'balance', expected: expected.balance, actual: observation.balance.toString() });
  }
  const read = await driver.readViews(time);
  const missing = (['poolState', 'agreement', 'claimable', 'exitPenalty', 'partyStatus'] as const).filter(
    (view) => read[view] === undefined,
  );
  if (missing.length > 0)
    throw new Mismatch({ clause: 'MLL-CONF-001', what: 'views', expected: 'every view', actual: `missing ${missing.join(', ')}` });
  const actual = encodeViews(observation, read as Required<typeof read>);
  views.forEach((view, v) => {
    const want = results[expected.views[v]!]!;
    const got = actual[v]!;
    if (want.success === got.success && want.data === got.data) return;
    const word = (data: Hex, w: number) => `0x${data.slice(2 + 64 * w, 2 + 64 * (w + 1))}`;
    const differing = want.success && got.success ? view.words.findIndex((_, w) => word(want.data, w) !== word(got.data, w)) : -1;
    if (differing >= 0) {
      const { field, clause: wordClause } = view.words[differing]!;
      throw new Mismatch({
        clause: wordClause,
        what: `view ${view.name} ${field}`,
        expected: word(want.data, differing),
        actual: word(got.data, differing),
      });
    }
    throw new Mismatch({
      clause: view.clause,
      what: `view ${view.name}`,
      expected: `${want.success ? 'success' : 'revert'} ${want.data}`,
      actual: `${got.success ? 'success' : 'revert'} ${got.data}`,
    });
  });
}

/** The call a step's calldata makes: the function by its selector, or receive for none. */
function functionOf(input: Hex): FunctionName {
  if (input === '0x') return 'receive';
  return decodeFunctionData({ abi: specAbi, data: input }).functionName as FunctionName;
}

/** Replays one fixture, telling `onStep` each step's label as it begins; throws a Mismatch at the first difference. */
async function replayFixture(fixture: Fixture, factory: DriverFactory, onStep: (label: string) => void): Promise<void> {
  const [
    partyA,
    partyB,
    depositAmount,
    depositInterval,
    bleedRateBpsPerDay,
    gracePeriods,
    exitPenaltyMaxBps,
    exitPenaltyMinBps,
    penaltyDecayTarget,
  ] = decodeAbiParameters(constructorInputs, fixture.deployment.constructorArgs) as unknown as ReturnType<typeof constructorArguments>;
  // viem decodes addresses checksummed; the reference keeps them lower-case
  const params: Params = {
    ...{ partyA: partyA.toLowerCase() as Address, partyB: partyB.toLowerCase() as Address },
    ...{ depositAmount, depositInterval, bleedRateBpsPerDay, gracePeriods, exitPenaltyMaxBps, exitPenaltyMinBps, penaltyDecayTarget },
  };
  const partyCode: Partial<Record<'A' | 'B', PartyCode>> = {};
  for (const party of fixture.parties) partyCode[party.account === params.partyA ? 'A' : 'B'] = party.kind;
  const driver = factory({ partyCode });
  const deployment = fixture.deployment;
  onStep('deployment');
  const time = BigInt(deployment.time);
  compareOutcome(deployment.clause, deployment, outcomeBytes(await driver.deploy(params, time)));
  if (!deployment.success) return;
  await compareState(deployment.clause, fixture.views, fixture.viewResults, deployment, driver, time);
  let previous: Effects & { readonly time: string } = deployment;
  for (const [index, step] of fixture.steps.entries()) {
    onStep(`step ${index} (${step.kind} at ${step.time})`);
    const at = BigInt(step.time);
    if (step.kind === 'call') {
      compareOutcome(step.clause, step, outcomeBytes(await driver.call(step.sender, functionOf(step.input), BigInt(step.value), at)));
    } else if (step.kind === 'force') {
      await driver.forceEther(BigInt(step.value), at);
    }
    if (!unchanged(previous, step)) await compareState(step.clause, fixture.views, fixture.viewResults, step, driver, at);
    previous = step;
  }
}

/**
 * The skip spec/conformance.md allows, as foundry/MllVectorReplayer.sol makes it: a call that
 * reverted as the fixture says (compareOutcome has compared), in the previous step's second, where
 * the fixture expects the previous step's balance and answers — the revert undid everything, so
 * nothing the views read can differ.
 */
function unchanged(previous: Effects & { readonly time: string }, step: VectorStep): boolean {
  return (
    step.kind === 'call' &&
    !step.success &&
    step.time === previous.time &&
    step.balance === previous.balance &&
    step.views.length === previous.views.length &&
    step.views.every((answer, v) => answer === previous.views[v])
  );
}

/**
 * Replays every fixture (*.json) in `dir` on drivers from `factory`, each fixture to its first
 * difference; a file that is not a fixture of mll-vectors/2 is a failure too, named by the schema.
 */
export function replayVectors(dir: string, factory: DriverFactory): Promise<VectorsReport> {
  return replayVectorFiles(
    readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => join(dir, name)),
    factory,
  );
}

/** Replays the fixtures in `files`, in order, as replayVectors does a directory's. */
export async function replayVectorFiles(files: readonly string[], factory: DriverFactory): Promise<VectorsReport> {
  const failures: VectorFailure[] = [];
  let fixtures = 0;
  let steps = 0;
  for (const path of files) {
    const file = basename(path);
    const fixture = JSON.parse(readFileSync(path, 'utf8')) as Fixture;
    fixtures++;
    const invalid = fixtureErrors(fixture);
    if (invalid.length > 0) {
      failures.push({
        fixture: file,
        step: '(file)',
        clause: 'MLL-CONF-004',
        what: `not a fixture of ${FORMAT}`,
        expected: 'spec/vectors.schema.json',
        actual: invalid[0]!,
      });
      continue;
    }
    let step = '';
    try {
      await replayFixture(fixture, factory, (label) => {
        step = label;
        if (label !== 'deployment') steps++;
      });
    } catch (error) {
      if (error instanceof Mismatch) failures.push({ fixture: fixture.name, step, ...error.failure });
      // a view the implementation cannot answer (ObservationFailed) is a failure of the fixture, named by its clause
      else if (error instanceof PropertyViolation)
        failures.push({ fixture: fixture.name, step, clause: error.clause, what: error.message, expected: '', actual: '' });
      else throw error;
    }
  }
  return { fixtures, steps, failures };
}

/** A report as lines: the totals, then each failure as the Foundry replayer words it. */
export function describeVectorsReport(report: VectorsReport): string[] {
  return [
    `vectors: ${report.fixtures} fixtures, ${report.steps} steps, ${report.failures.length} failing`,
    ...report.failures.map(
      (f) =>
        `✗ ${f.clause}: fixture ${f.fixture}, ${f.step}, ${f.what}${f.expected === '' ? '' : `: expected ${f.expected}, actual ${f.actual}`}`,
    ),
  ];
}
