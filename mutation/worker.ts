/**
 * A mutation worker thread: compiles its share of mutants (solc stays loaded), or tests them.
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { CompileError } from '../contracts/compile.js';
import type { MutantResult, SuiteBudget } from './evaluate.js';
import { codeHash, compileMutant, testMutant } from './evaluate.js';
import type { Mutant } from './sites.js';

type Job =
  | { readonly phase: 'compile'; readonly sourcePath: string; readonly mutants: readonly Mutant[] }
  | { readonly phase: 'test'; readonly sourcePath: string; readonly mutants: readonly Mutant[]; readonly budget: SuiteBudget };

const { job } = workerData as { job: Job };
const source = readFileSync(job.sourcePath, 'utf8');
for (const mutant of job.mutants) {
  const artifact = compileMutant(source, mutant);
  let result: Partial<MutantResult> & { mutant: Mutant };
  if (artifact instanceof CompileError) result = { mutant, status: 'stillborn', message: artifact.messages[0] ?? '' };
  else if (job.phase === 'compile') result = { mutant, bytecodeHash: codeHash(artifact) };
  else {
    try {
      result = await testMutant(mutant, artifact, job.budget);
    } catch (error) {
      // one mutant that breaks the harness must not end the run: it is reported, not counted
      result = { mutant, status: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
  }
  parentPort!.postMessage(result);
}
parentPort!.postMessage('done');
