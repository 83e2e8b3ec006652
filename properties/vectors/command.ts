/**
 * `npm run vectors -- --out DIR [--steps N] [--seed S] [--forge FILE.sol]`: writes a fixture set
 * generated from the reference alone (generate.ts); with --forge, replays it with forge on that
 * contract (forge.ts). Returns the exit code: 0 written (and replayed without a difference),
 * 1 forge found a difference, 2 bad arguments.
 * @module
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { replayWithForge } from './forge.js';
import { writeVectors } from './generate.js';

const usage = 'usage: npm run vectors -- --out DIR [--steps N] [--seed S] [--forge FILE.sol]';

/** Random-run steps when --steps is not given: the sweep and the regressions come on top. */
const DEFAULT_STEPS = 1_000;

function integer(name: string, text: string, min: number): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min) throw new RangeError(`--${name} must be an integer of at least ${min}, got '${text}'`);
  return n;
}

export async function runVectorsCommand(argv: string[], print: (line: string) => void = console.log): Promise<number> {
  let options: { out: string; steps: number; seed: number; forge: string | undefined };
  try {
    const { values } = parseArgs({
      args: argv,
      options: { out: { type: 'string' }, steps: { type: 'string' }, seed: { type: 'string' }, forge: { type: 'string' } },
      strict: true,
    });
    if (values.out === undefined) throw new RangeError('--out DIR is required: the directory the fixtures are written to');
    options = {
      out: resolve(values.out),
      steps: values.steps === undefined ? DEFAULT_STEPS : integer('steps', values.steps, 0),
      seed: values.seed === undefined ? 0 : integer('seed', values.seed, 0),
      forge: values.forge === undefined ? undefined : resolve(values.forge),
    };
    if (options.forge !== undefined && !(options.forge.endsWith('.sol') && existsSync(options.forge))) {
      throw new RangeError(`--forge takes a contract file (.sol) named as its contract, got '${values.forge}'`);
    }
  } catch (error) {
    print(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  const started = performance.now();
  const written = await writeVectors(options.out, options.steps, options.seed);
  const seconds = (performance.now() - started) / 1000;
  print(
    `wrote ${written.fixtures} fixtures, ${written.steps} steps, ${(written.bytes / 1e6).toFixed(1)} MB to ${options.out} ` +
      `in ${seconds.toFixed(1)} s (${Math.round(written.steps / seconds)} steps/s), seed ${options.seed}`,
  );
  if (options.forge === undefined) return 0;
  const replay = replayWithForge(options.out, options.forge);
  print(`forge: ${replay.passed ? 'passed' : `failed: ${replay.failure ?? replay.output.trim().split('\n').at(-1)}`} in ${replay.testSeconds.toFixed(1)} s (${Math.round(written.steps / replay.testSeconds)} steps/s), ${replay.seconds.toFixed(1)} s with compilation`);
  return replay.passed ? 0 : 1;
}
