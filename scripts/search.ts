/**
 * The exhaustive search of properties/search.ts on the reference, deeper than npm test runs it:
 *
 *   npm run search -- --depth K
 *
 * Prints the states and calls per opening and the time; exit 1 on a violation, with its path.
 * @module
 */
import { parseArgs } from 'node:util';
import { search } from '../properties/search.js';

const { values } = parseArgs({ options: { depth: { type: 'string', default: '2' } } });
const depth = Number(values.depth);
if (!Number.isSafeInteger(depth) || depth < 1) {
  console.error(`--depth must be a positive integer, got '${values.depth}'`);
  process.exit(2);
}
try {
  const report = search(depth);
  for (const o of report.perOpening)
    console.log(
      `  ${o.name.padEnd(40)}${o.states.toLocaleString('en-US').padStart(12)} states ${o.calls.toLocaleString('en-US').padStart(14)} calls`,
    );
  console.log(
    `search: depth ${depth}, ${report.states.toLocaleString('en-US')} states, ${report.calls.toLocaleString('en-US')} calls checked, ${(report.milliseconds / 1000).toFixed(1)} s, no violation`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
