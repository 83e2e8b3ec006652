/**
 * One mutant, start to finish: compile it, compare its bytecode with the original's, and run the
 * differential suite on it with a fixed seed and step budget, stopping at the first failure.
 * @module
 */
import { createHash } from 'node:crypto';
import type { Artifact } from '../contracts/compile.js';
import { CompileError, compileSource } from '../contracts/compile.js';
import { evmDriverFactory } from '../properties/drivers/evm.js';
import { runDifferentialBudget } from '../properties/runners/budget.js';
import { loadRegressions, replayRegression } from '../properties/runners/regressions.js';
import { PropertyViolation } from '../properties/violation.js';
import type { Mutant } from './sites.js';
import { applyMutant } from './sites.js';

export const FILE = 'MutualLiquidityLock.sol';
export const CONTRACT = 'MutualLiquidityLock';

/**
 * `error`: the suite itself threw something that is not a property failure on this mutant — a
 * defect of the harness to fix, never counted as a kill.
 */
export type Status = 'killed' | 'live' | 'equivalent' | 'duplicate' | 'stillborn' | 'error';

export interface MutantResult {
  readonly mutant: Mutant;
  readonly status: Status;
  /** For killed: the clause the failure named and its message. */
  readonly clause?: string | null;
  readonly message?: string;
  /** For killed: suite time until the failure, shrinking included, and steps until it. */
  readonly millisecondsToKill?: number;
  readonly stepsToKill?: number;
  /** For duplicates: the mutant whose bytecode this one equals. */
  readonly sameAs?: string;
  readonly bytecodeHash?: string;
}

/**
 * The creation and runtime bytecode without solc's metadata (whose length is in the runtime
 * code's last two bytes; the creation code embeds the runtime code, metadata included): two
 * mutants are the same contract exactly when these agree. The constructor lives only in the
 * creation code, so comparing runtime code alone would call constructor mutants equivalent.
 */
export function codeHash(artifact: Artifact): string {
  const runtime = artifact.deployedBytecode.slice(2);
  const metadata = runtime.slice(runtime.length - (Number.parseInt(runtime.slice(-4), 16) + 2) * 2);
  const creation = artifact.bytecode.slice(2);
  return createHash('sha256')
    .update(runtime.slice(0, runtime.length - metadata.length))
    .update('|')
    .update(creation.split(metadata).join(''))
    .digest('hex');
}

export function compileMutant(source: string, mutant: Mutant): Artifact | CompileError {
  try {
    return compileSource(FILE, applyMutant(source, mutant), CONTRACT);
  } catch (error) {
    if (error instanceof CompileError) return error;
    throw error;
  }
}

export interface SuiteBudget {
  readonly steps: number;
  readonly seed: number;
}

/** Replays the saved regressions (test/regressions/), then runs the differential suite, on a compiled, non-equivalent mutant. */
export async function testMutant(mutant: Mutant, artifact: Artifact, budget: SuiteBudget): Promise<MutantResult> {
  const started = performance.now();
  for (const regression of loadRegressions()) {
    try {
      await replayRegression(evmDriverFactory(artifact), regression);
    } catch (error) {
      if (!(error instanceof PropertyViolation)) throw error;
      return {
        mutant,
        status: 'killed',
        clause: error.clause,
        message: `regression ${regression.name}: ${error.message}`,
        millisecondsToKill: Math.round(performance.now() - started),
        stepsToKill: regression.steps.length,
      };
    }
  }
  const report = await runDifferentialBudget(evmDriverFactory(artifact), { ...budget, chunkRuns: 10, explain: false });
  if (report.failed === undefined) return { mutant, status: 'live' };
  return {
    mutant,
    status: 'killed',
    clause: report.failed.failure?.clause ?? null,
    message: report.failed.failure?.message ?? '',
    millisecondsToKill: Math.round(report.milliseconds),
    stepsToKill: report.steps,
  };
}
