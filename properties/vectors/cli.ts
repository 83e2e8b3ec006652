/**
 * `npm run vectors`: the fixture generator (command.ts) on the command line.
 * @module
 */
import { runVectorsCommand } from './command.js';

process.exitCode = await runVectorsCommand(process.argv.slice(2));
