/**
 * The conformance run in-process, as `npm start` runs it, with its output captured; and planted
 * contracts written where a printed command can name them.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runConformance } from '../../cli/check.js';

export interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** `npm start -- ARGS`, in this process. */
export async function conform(args: readonly string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runConformance(
    [...args],
    (line) => out.push(line),
    (line) => err.push(line),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The replay command a run printed, as the arguments `npm start --` receives; `save` fills in its [--save NAME]. */
export function printedReplay(run: Run, save?: string): string[] {
  const line = run.out.split('\n').find((l) => l.startsWith('replay: npm start -- '));
  if (line === undefined) throw new Error(`no replay command in:\n${run.out}`);
  const command = line.slice('replay: npm start -- '.length);
  const args = command.replace(' [--save NAME]', '').split(' ');
  return save === undefined ? args : [...args, '--save', save];
}

/** The failure as printed: from its headline to its replay command. */
export function failureBlock(run: Run): string {
  const start = run.out.indexOf('\nP-');
  const headline = run.out.indexOf(' failed: ', start);
  const from = run.out.lastIndexOf('\n', headline) + 1;
  const to = run.out.indexOf('\n', run.out.indexOf('replay: ', from));
  return run.out.slice(from, to === -1 ? undefined : to);
}

export const contractSource = readFileSync(new URL('../../contracts/MutualLiquidityLock.sol', import.meta.url), 'utf8');

const dir = mkdtempSync(join(tmpdir(), 'mll-verdicts-'));

/** Writes the bundled contract with `find` replaced by `replace` as NAME.sol (contract NAME); returns its path. */
export function plantedContract(name: string, patches: readonly { find: string; replace: string }[]): string {
  let source = contractSource.replace('contract MutualLiquidityLock ', `contract ${name} `);
  for (const { find, replace } of patches) {
    if (!source.includes(find)) throw new Error(`${name}: the contract has no ${JSON.stringify(find)}`);
    source = source.replace(find, () => replace);
  }
  const file = join(dir, `${name}.sol`);
  writeFileSync(file, source);
  return file;
}
