/**
 * Honest verdicts (MLL-CONF-001): every failure's printed replay command, run as printed, fails
 * the same way naming the same clause — a differential run, a constructor-sweep failure and a
 * step property's failure alike — and `--save` turns each into a regression file that replays
 * the failure on the planted contract and passes on the bundled one.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledArtifact } from '../../contracts/compile.js';
import { evmDriverFactory } from '../../properties/drivers/evm.js';
import { compileContractFile } from '../../contracts/compile.js';
import { loadRegressions, replayRegression } from '../../properties/runners/regressions.js';
import { variants } from '../known-bad/variants.js';
import { conform, failureBlock, plantedContract, printedReplay } from '../support/conform.js';

const saved = mkdtempSync(join(tmpdir(), 'mll-regressions-'));
beforeAll(() => {
  process.env.MLL_REGRESSIONS_DIR = saved;
});
afterAll(() => {
  delete process.env.MLL_REGRESSIONS_DIR;
  rmSync(saved, { recursive: true, force: true });
});

const cases = [
  {
    name: 'a differential divergence',
    file: () =>
      plantedContract('FlippedOverlap', [{ find: 'uint256 hi = to < end ? to : end;', replace: 'uint256 hi = to > end ? to : end;' }]),
    args: ['--property', 'P-DIFFERENTIAL', '--seed', '5', '--workers', '1'],
    clause: /^MLL-BLD-/,
  },
  {
    name: 'a constructor-sweep failure',
    file: () =>
      plantedContract('LooseDepositBound', [
        { find: 'depositAmount > MAX_DEPOSIT_AMOUNT)', replace: 'depositAmount > MAX_DEPOSIT_AMOUNT + 1)' },
      ]),
    args: ['--property', 'P-DIFFERENTIAL', '--seed', '1', '--workers', '1'],
    clause: /^MLL-PAR-002$/,
  },
  {
    name: "a step property's failure (D8: the claimer may itself be in default, judged by the reference's notion of default)",
    file: () => plantedContract('ClaimerMayDefault', variants.find((v) => v.id === 'D8-claimer-may-default')!.patches),
    args: ['--property', 'P-ABANDONMENT-GUARDS', '--seed', '1', '--runs', '300'],
    clause: /^MLL-ABN-004$/,
  },
] as const;

describe('MLL-CONF-001: a printed replay reproduces the failure, and --save keeps it', () => {
  for (const c of cases) {
    it(
      c.name,
      async () => {
        const file = c.file();
        const found = await conform(['--implementation', file, ...c.args]);
        expect(found.code, found.out + found.err).toBe(1);
        const headline = /failed: (MLL-[A-Z]+-\d+)[ :]/.exec(found.out);
        expect(headline?.[1]).toMatch(c.clause);
        // a timeline, whatever the property: the lock, the column line, at least one step or the deployment, the verdict
        const block = failureBlock(found);
        expect(block).toMatch(/\nlock: d=\d+ .*\nstep +time +call +reference +implementation\n(\S+ +\+\d+d \d\d:\d\d:\d\d .*\n)+✗ MLL-/);

        // The command as printed: the same headline, the same timeline, the same replay line.
        const replayed = await conform(printedReplay(found));
        expect(replayed.code).toBe(1);
        expect(failureBlock(replayed)).toBe(failureBlock(found));

        // With --save: a regression file that fails the same clause on the planted contract and passes on the bundled one.
        const name = `saved-${c.file.name}-${headline![1]!.toLowerCase()}-${Date.now()}`;
        const saving = await conform(printedReplay(found, name));
        expect(saving.out).toContain(`saved as a regression test: `);
        const regression = loadRegressions().find((r) => r.name === name)!;
        expect(regression.found).toBe(/failed: (.*)/.exec(found.out)![1]);
        await expect(replayRegression(evmDriverFactory(compileContractFile(file)), regression)).rejects.toThrow(
          new RegExp(`^${headline![1]}[ :]`),
        );
        await replayRegression(evmDriverFactory(bundledArtifact()), regression);
      },
      300_000,
    );
  }
});

describe("MLL-CONF-001: the README's sample failure", () => {
  it('is the output of a real run, replay command and stock confirmation included', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const sample = /```\n(P-DIFFERENTIAL failed: [\s\S]*?)\n```/.exec(readme)?.[1];
    expect(sample, 'README has a sample failure').toBeDefined();
    const file = plantedContract('Flipped', [{ find: 'uint256 hi = to < end ? to : end;', replace: 'uint256 hi = to > end ? to : end;' }]);
    // As the README shows it: typed from the directory the contract is in.
    const caller = process.env.INIT_CWD;
    process.env.INIT_CWD = dirname(file);
    try {
      const run = await conform(['--implementation', 'Flipped.sol', '--property', 'P-DIFFERENTIAL', '--seed', '5', '--workers', '1']);
      expect(failureBlock(run)).toBe(sample);
    } finally {
      if (caller === undefined) delete process.env.INIT_CWD;
      else process.env.INIT_CWD = caller;
    }
  }, 300_000);
});
