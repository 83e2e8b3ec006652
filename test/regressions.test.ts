/**
 * Saved counterexamples (test/regressions/*.json, written by `npm start -- … --save NAME`),
 * replayed on the reference and the bundled contract: each once showed a divergence, and must
 * never show one again (MLL-CONF-001).
 */
import { describe, expect, it } from 'vitest';
import { bundledArtifact } from '../contracts/compile.js';
import { evmDriverFactory } from '../properties/drivers/evm.js';
import { loadRegressions, replayRegression } from '../properties/runners/regressions.js';

const regressions = loadRegressions();

describe('regressions on the bundled contract', () => {
  it('there are saved regressions to replay', () => {
    expect(regressions.length).toBeGreaterThan(0);
  });
  for (const regression of regressions) {
    it(`${regression.name} (found: ${regression.found.slice(0, 60)}…)`, async () => {
      await replayRegression(evmDriverFactory(bundledArtifact()), regression);
    });
  }
});
