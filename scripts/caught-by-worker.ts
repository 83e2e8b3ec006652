/**
 * A worker thread of `npm run caught-by`: takes the next (variant, property) job from the shared
 * counter until none is left (or it has done its maxJobs), runs the property alone on the compiled variant, and posts a Cell
 * for each; 'done' last. Variants are compiled once per worker (solc's cache under .cache/ makes
 * a second compilation a read).
 * @module
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { Artifact } from '../contracts/compile.js';
import { compileSource } from '../contracts/compile.js';
import { catalog } from '../properties/catalog.js';
import { evmDriverFactory } from '../properties/drivers/evm.js';
import { runDifferentialBudget } from '../properties/runners/budget.js';
import type { PropertyReport } from '../properties/runners/check.js';
import { checkProperty } from '../properties/runners/check.js';
import { applyPatches, isExpectedFailure, variants } from '../test/known-bad/variants.js';
import type { Cell } from './caught-by-report.js';

export interface Job {
  readonly jobs: readonly { readonly variant: string; readonly property: string }[];
  /** An Int32Array's buffer: element 0 is the next job's index. */
  readonly counter: SharedArrayBuffer;
  readonly seed: number;
  readonly runs: number;
  readonly steps: number;
  readonly chunkRuns: number;
  /** Jobs after which the worker exits, its heap given back (the EVM drivers' memory is not all freed between jobs); the caller starts another. */
  readonly maxJobs: number;
}

const MESSAGE_LENGTH = 200;

const { job } = workerData as { job: Job };
const next = new Int32Array(job.counter);
const source = readFileSync(new URL('../contracts/MutualLiquidityLock.sol', import.meta.url), 'utf8');
const compiled = new Map<string, Artifact>();

function artifactOf(id: string): Artifact {
  let artifact = compiled.get(id);
  if (artifact === undefined) {
    const variant = variants.find((v) => v.id === id)!;
    artifact = compileSource('MutualLiquidityLock.sol', applyPatches(source, variant.patches, variant.id), 'MutualLiquidityLock');
    compiled.set(id, artifact);
  }
  return artifact;
}

const firstLine = (message: string): string => {
  const line = message.split('\n')[0]!;
  return line.length <= MESSAGE_LENGTH ? line : `${line.slice(0, MESSAGE_LENGTH - 1)}…`;
};

function cellOf(variantId: string, property: string, report: PropertyReport, steps: number | null, milliseconds: number): Cell {
  const variant = variants.find((v) => v.id === variantId)!;
  const failure = report.verdict === 'fail' ? report.failure : undefined;
  return {
    variant: variantId,
    property,
    verdict: report.verdict,
    clause: failure?.clause ?? null,
    inArea: failure === undefined ? null : isExpectedFailure(variant, failure.clause, failure.message),
    message: failure === undefined ? null : firstLine(failure.message),
    runs: report.runs,
    steps,
    calls: report.exercise.calls,
    milliseconds,
  };
}

async function run(variantId: string, property: string): Promise<Cell> {
  const started = performance.now();
  try {
    const factory = evmDriverFactory(artifactOf(variantId));
    if (property === 'P-DIFFERENTIAL') {
      // As test/known-bad runs it: the same budget function, the failure minimised and replayed into its timeline.
      const budget = await runDifferentialBudget(factory, { steps: job.steps, seed: job.seed, chunkRuns: job.chunkRuns });
      const report: PropertyReport = budget.failed ?? {
        id: property,
        title: '',
        clauses: [],
        subject: 'implementation',
        runs: budget.runs,
        verdict: budget.exercise.succeeded > 0 ? 'pass' : 'unexercised',
        milliseconds: budget.milliseconds,
        exercise: budget.exercise,
      };
      // A failing chunk's runs are its own; the runs of the chunks before it count too.
      return cellOf(
        variantId,
        property,
        { ...report, runs: budget.runs, exercise: budget.exercise },
        budget.steps,
        performance.now() - started,
      );
    }
    const definition = catalog.find((p) => p.id === property)!;
    const report = await checkProperty(definition, factory, { numRuns: job.runs, seed: job.seed });
    return cellOf(variantId, property, report, null, performance.now() - started);
  } catch (error) {
    return {
      variant: variantId,
      property,
      verdict: 'error',
      clause: null,
      inArea: null,
      message: firstLine(error instanceof Error ? error.message : String(error)),
      runs: 0,
      steps: null,
      calls: 0,
      milliseconds: performance.now() - started,
    };
  }
}

for (let done = 0; done < job.maxJobs; done++) {
  const i = Atomics.add(next, 0, 1);
  if (i >= job.jobs.length) break;
  const { variant, property } = job.jobs[i]!;
  parentPort!.postMessage(await run(variant, property));
}
parentPort!.postMessage('done');
