/**
 * Judging an implementation that lacks some of the spec's views — the deployed original among
 * them (MLL-CONF-001): it runs, what it has is compared, what it lacks is listed clause by clause;
 * a require string where the spec names its error is named under MLL-STA-005; every failure names
 * its deviation D1–D11.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileContractFile, compileSource } from '../../contracts/compile.js';
import { PARTY_A, PARTY_B } from '../../properties/actors.js';
import { deviationsOf } from '../../properties/deviations.js';
import { clauseForResult, uncheckedClauses } from '../../properties/differential/clauses.js';
import type { CallResult, Observation, ObservedField } from '../../properties/driver.js';
import { evmDriverFactory } from '../../properties/drivers/evm.js';
import { ReferenceDriver } from '../../properties/drivers/reference.js';
import { stepInvariants } from '../../properties/invariants.js';
import { runScenario } from '../../properties/run-scenario.js';
import { runDifferentialBudget } from '../../properties/runners/budget.js';
import { scenarioArb } from '../../properties/scenario.js';
import { articleDefaults } from '../../reference/index.js';

describe('MLL-STA-005: a revert that is not a named error', () => {
  const named = (revert: string): CallResult => ({ ok: false, revert, args: [] });
  const invalidParty = named('InvalidPartyAddress');

  it('MLL-STA-005: is named by the rule about named errors, where the reference names its error', () => {
    for (const actual of [
      { ok: false, revert: 'Error', args: ['same party'] } as const,
      named('Panic'),
      named('EmptyRevert'),
      named('UnknownRevert(0x12345678)'),
    ]) {
      expect(clauseForResult('deploy', invalidParty, actual)).toBe('MLL-STA-005');
    }
  });

  it('MLL-STA-005: names the reference error’s own clause only when both name errors, or the implementation succeeds', () => {
    expect(clauseForResult('deploy', invalidParty, named('InvalidDepositAmount'))).toBe('MLL-PAR-001');
    expect(clauseForResult('deploy', invalidParty, { ok: true, events: [] })).toBe('MLL-PAR-001');
    // the reference succeeds: the function's rule, or the named error's the implementation gave
    expect(clauseForResult('deposit', { ok: true, events: [] }, named('Error'))).toBe('MLL-SCH-006');
    expect(clauseForResult('deposit', { ok: true, events: [] }, named('NotParty'))).toBe('MLL-STA-002');
  });
});

const bundledSource = readFileSync(new URL('../../contracts/MutualLiquidityLock.sol', import.meta.url), 'utf8');
const originalFile = fileURLToPath(new URL('../fixtures/original/OriginalLock.sol', import.meta.url));

describe('MLL-CONF-001: an implementation lacking views is judged on what it has', () => {
  it('MLL-VIEW-007: the original-style contract, without getLockStatus and getPartyStatus, is not refused: it runs and fails, naming a clause and its deviation', async () => {
    const factory = evmDriverFactory(compileContractFile(originalFile));
    const { capabilities } = factory();
    expect([...capabilities].sort()).toEqual(['agreement', 'claimable', 'getExitPenalty', 'getPoolState']);
    // observed through the views it has: the phase and activatedAt, share, claimable and exitPenaltyBps of each party
    const driver = factory();
    expect((await driver.deploy(articleDefaults(PARTY_A, PARTY_B), 1_700_000_000n)).ok).toBe(true);
    const observation = await driver.observe(1_700_000_000n);
    expect(Object.keys(observation).sort()).toEqual(['A', 'B', 'activatedAt', 'balance', 'phase', 'time']);
    expect(Object.keys(observation.A).sort()).toEqual(['claimable', 'exitPenaltyBps', 'share']);

    const report = await runDifferentialBudget(factory, { steps: 1_000, seed: 1 });
    const failure = report.failed?.failure;
    // its require string where the reference names InvalidPartyAddress: the rule about named errors, a D11 point
    expect(failure?.clause).toBe('MLL-STA-005');
    expect(deviationsOf(failure!.clause!)).toEqual(['D11']);
    expect(failure?.message).toMatch(/^MLL-STA-005 \(D11\): deployment: .*"revert":"Error","args":\["Invalid parties"\]/);

    const unchecked = uncheckedClauses(capabilities);
    expect(unchecked.map((u) => u.clause)).toEqual(
      expect.arrayContaining(['MLL-VIEW-003', 'MLL-VIEW-007', 'MLL-DEF-001', 'MLL-SCH-002', 'MLL-UEX-009', 'MLL-BLD-009']),
    );
    expect(unchecked.find((u) => u.clause === 'MLL-VIEW-007')?.because).toBe('getLockStatus missing: its answers are not compared');
    expect(unchecked.find((u) => u.clause === 'MLL-DEF-001')?.because).toMatch(
      /field inDefault not compared: only getLockStatus and getPartyStatus report it/,
    );
    expect(unchecked.find((u) => u.clause === 'MLL-BLD-009')?.because).toBe('step invariant not run: it reads bleedSeconds');
    // what its views do report stays checked: shares, claimables, penalties, phase
    // with the reference deciding who is in default, the abandonment guards need only shares and claimables
    for (const checked of [
      'MLL-VIEW-001',
      'MLL-VIEW-002',
      'MLL-VIEW-004',
      'MLL-BLD-004',
      'MLL-PEN-001',
      'MLL-INV-001',
      'MLL-STA-001',
      'MLL-ABN-003',
    ]) {
      expect(unchecked.map((u) => u.clause)).not.toContain(checked);
    }
  }, 60_000);

  it('MLL-VIEW-003: the bundled contract without getPartyStatus passes, with only getPartyStatus’s clause unchecked', async () => {
    const from = bundledSource.indexOf("    /// @notice MLL-VIEW-003: one party's schedule");
    const to = bundledSource.indexOf('    /// @notice MLL-VIEW-007: the whole observable state', from);
    expect(from).toBeGreaterThan(0);
    expect(bundledSource.slice(from, to).match(/function /g)).toEqual(['function ']);
    const factory = evmDriverFactory(
      compileSource('MutualLiquidityLock.sol', bundledSource.slice(0, from) + bundledSource.slice(to), 'MutualLiquidityLock'),
    );
    const { capabilities } = factory();
    expect(capabilities.has('getPartyStatus')).toBe(false);
    expect(uncheckedClauses(capabilities)).toEqual([
      { clause: 'MLL-VIEW-003', because: 'getPartyStatus missing: its answers are not compared' },
    ]);
    const report = await runDifferentialBudget(factory, { steps: 1_500, seed: 2 });
    expect(report.failed?.failure?.message).toBeUndefined();
    expect(report.steps).toBeGreaterThanOrEqual(1_500);
  }, 60_000);

  it('MLL-VIEW-007: the bundled contract without getLockStatus and getPartyStatus, the original’s views, passes too, observed through the others', async () => {
    const from = bundledSource.indexOf("    /// @notice MLL-VIEW-003: one party's schedule");
    const to = bundledSource.indexOf('    /// @dev MLL-VIEW-003, given the party', from);
    expect(bundledSource.slice(from, to).match(/function \w+/g)).toEqual(['function getPartyStatus', 'function getLockStatus']);
    const factory = evmDriverFactory(
      compileSource('MutualLiquidityLock.sol', bundledSource.slice(0, from) + bundledSource.slice(to), 'MutualLiquidityLock'),
    );
    expect(uncheckedClauses(factory().capabilities)).toEqual(
      uncheckedClauses(evmDriverFactory(compileContractFile(originalFile))().capabilities),
    );
    const report = await runDifferentialBudget(factory, { steps: 1_500, seed: 3 });
    expect(report.failed?.failure?.message).toBeUndefined();
    expect(report.steps).toBeGreaterThanOrEqual(1_500);
  }, 60_000);

  it('MLL-CONF-003: each step invariant reads only the fields it declares, so one skipped for a missing field never reads undefined', async () => {
    const guard = (observation: Observation, reads: readonly ObservedField[]): Observation => {
      const allowed = (field: string | symbol) => typeof field !== 'string' || reads.includes(field as ObservedField);
      const party = (status: object) =>
        new Proxy(status, {
          get: (target, field) => {
            if (!allowed(field)) throw new Error(`reads ${String(field)}`);
            return Reflect.get(target, field) as unknown;
          },
        });
      return new Proxy(observation, {
        get: (target, field) => {
          if (field === 'A' || field === 'B') return party(target[field]);
          if (field !== 'time' && field !== 'balance' && !allowed(field)) throw new Error(`reads ${String(field)}`);
          return Reflect.get(target, field) as unknown;
        },
      });
    };
    for (const scenario of fc.sample(scenarioArb({ forcedEther: true }), { numRuns: 40, seed: 4 })) {
      await runScenario(new ReferenceDriver(), scenario, (_entry, trace, params) => {
        for (const invariant of stepInvariants) {
          const guarded = trace.map((e) => ({ ...e, before: guard(e.before, invariant.reads), after: guard(e.after, invariant.reads) }));
          invariant.check(guarded.at(-1)!, guarded, params);
        }
      });
    }
  });
});
