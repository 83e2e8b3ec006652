/**
 * `npm start`: the conformance run (conformance.ts) on the command line.
 *
 *   npm start -- [--implementation contract|reference|FILE.sol|ARTIFACT.json] [--steps N] [--runs N] [--workers N]
 *                [--property P-ID] [--seed S] [--path PATH] [--save NAME] [--fail-fast]
 *
 * MLL_STEPS, MLL_RUNS and MLL_SEED set the same as --steps, --runs and --seed.
 * @module
 */
import { runConformance } from './conformance.js';

process.exitCode = await runConformance(process.argv.slice(2));
