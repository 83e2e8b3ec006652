/**
 * `npm run gas`: measures (gas/measure.ts) and writes gas/snapshot.json and the comparison table
 * gas/README.md beside the deployed contract's forge figures (below).
 * @module
 */
import { writeFileSync } from 'node:fs';
import { measureGas } from './measure.js';
import { gasReadme } from './readme.js';

const snapshot = await measureGas();
writeFileSync(new URL('snapshot.json', import.meta.url), `${JSON.stringify(snapshot, null, 2)}\n`);
writeFileSync(new URL('README.md', import.meta.url), gasReadme(snapshot));
console.log(JSON.stringify(snapshot.functions, null, 2));
