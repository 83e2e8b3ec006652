/**
 * The reports the site publishes are what their generators make of the data committed beside
 * them: gas/README.md from gas/snapshot.json (and the snapshot from the contract compiled now),
 * reports/mutation.md from reports/mutation.json and mutation/explanations.json. The charts are
 * checked by `tsx docs/charts.ts --check`, the bench figures rendered from bench/results.json at
 * every build.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundledArtifact } from '../../contracts/compile.js';
import type { GasSnapshot } from '../../gas/measure.js';
import { gasReadme } from '../../gas/readme.js';
import type { MutantResult } from '../../mutation/evaluate.js';
import type { RunOptions } from '../../mutation/report.js';
import { mutationMarkdown } from '../../mutation/report.js';

const read = (path: string) => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');

describe('reports are not stale', () => {
  it('gas/README.md is the table of gas/snapshot.json, measured on the contract as it is', () => {
    const snapshot = JSON.parse(read('gas/snapshot.json')) as GasSnapshot;
    expect(read('gas/README.md'), 'gas/README.md: run npm run gas').toBe(gasReadme(snapshot));
    expect(snapshot.inputHash, 'gas/snapshot.json was measured on another contract: run npm run gas').toBe(bundledArtifact().inputHash);
  });

  it('reports/mutation.md is the report of reports/mutation.json', () => {
    const json = JSON.parse(read('reports/mutation.json')) as { options: RunOptions; mutants: MutantResult[] };
    expect(read('reports/mutation.md'), 'reports/mutation.md: run npm run mutate').toBe(mutationMarkdown(json.mutants, json.options));
  });
});
