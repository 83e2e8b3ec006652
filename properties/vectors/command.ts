/**
 * `mll vectors --out DIR [--steps N] [--seed S] [--forge FILE.sol]` (`npm run vectors -- …` is
 * its alias): writes a fixture set generated from the reference alone (generate.ts); with
 * --forge, replays it with forge on that contract (forge.ts). cli/mll.ts holds the grammar; this
 * module checks the values and does the work. Returns the exit code: 0 written (and replayed
 * without a difference), 1 forge found a difference; a RangeError for bad arguments (exit 2).
 * @module
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { forgeBinary, replayWithForge } from './forge.js';
import { writeVectors } from './generate.js';

/** Random-run steps when --steps is not given: the sweep and the regressions come on top. */
export const DEFAULT_STEPS = 1_000;

export interface VectorsOptions {
  readonly out: string;
  readonly steps: number;
  readonly seed: number;
  readonly forge: string | undefined;
}

function integer(name: string, text: string, min: number): number {
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min)
    throw new RangeError(`--${name} must be an integer of at least ${min} in decimal digits, got '${text}'`);
  return n;
}

/** The options as typed, checked; a RangeError names the first that is wrong. */
export function vectorsOptions(values: { out?: string; steps?: string; seed?: string; forge?: string }): VectorsOptions {
  if (values.out === undefined) throw new RangeError('--out DIR is required: the directory the fixtures are written to');
  const options = {
    out: resolve(values.out),
    steps: values.steps === undefined ? DEFAULT_STEPS : integer('steps', values.steps, 0),
    seed: values.seed === undefined ? 0 : integer('seed', values.seed, 0),
    forge: values.forge === undefined ? undefined : resolve(values.forge),
  };
  if (existsSync(options.out) && !statSync(options.out).isDirectory())
    throw new RangeError(`--out: '${values.out}' is a file, not a directory`);
  if (options.forge !== undefined) {
    if (!(options.forge.endsWith('.sol') && existsSync(options.forge)))
      throw new RangeError(`--forge takes a contract file (.sol) named as its contract, got '${values.forge}'`);
    forgeBinary();
  }
  return options;
}

export async function runVectors(options: VectorsOptions, print: (line: string) => void = console.log): Promise<number> {
  const started = performance.now();
  const written = await writeVectors(options.out, options.steps, options.seed);
  const seconds = (performance.now() - started) / 1000;
  print(
    `wrote ${written.fixtures} fixtures, ${written.steps} steps, ${(written.bytes / 1e6).toFixed(1)} MB to ${options.out} ` +
      `in ${seconds.toFixed(1)} s (${Math.round(written.steps / seconds)} steps/s), seed ${options.seed}`,
  );
  if (options.forge === undefined) return 0;
  const replay = await replayWithForge(options.out, options.forge);
  print(
    `forge: ${replay.passed ? 'passed' : `failed: ${replay.failure ?? replay.output.trim().split('\n').at(-1)}`} in ${replay.testSeconds.toFixed(1)} s (${Math.round(written.steps / replay.testSeconds)} steps/s), ${replay.seconds.toFixed(1)} s with compilation`,
  );
  return replay.passed ? 0 : 1;
}
