/**
 * The engine switch and the identity test. The fast engine replaces @ethereumjs/evm's interpreter
 * loop, gas handlers and SLOAD (properties/drivers/evm-speedups.ts); the project's rule for
 * changing a dependency's internals is a switch back to the stock behaviour and a test that both
 * give identical results. Here: MLL_EVM and the factory's option, speed-ups per EVM instance and
 * only on the configuration they were checked on, the version guard, and the differential suite
 * run on both engines in lockstep — every outcome, event, view and gas figure compared.
 */
import { Common, Hardfork, Mainnet } from '@ethereumjs/common';
import { createEVM } from '@ethereumjs/evm';
import { SimpleStateManager } from '@ethereumjs/statemanager';
import { hexToBytes } from 'viem';
import { describe, expect, it, vi } from 'vitest';
import { bundledArtifact } from '../../contracts/compile.js';
import { PARTY_A, PARTY_B } from '../../properties/actors.js';
import { firstDifference } from '../../properties/compare.js';
import type { Driver, DriverFactory, Views } from '../../properties/driver.js';
import type { GasSample } from '../../properties/drivers/evm.js';
import { engineFromEnv, evmDriverFactory } from '../../properties/drivers/evm.js';
import { UnpinnedVersion, accelerate, assertPinnedVersions, inlineRunCount } from '../../properties/drivers/evm-speedups.js';
import { runDifferentialBudget } from '../../properties/runners/budget.js';
import { driverFactoryFor } from '../../cli/run/implementations.js';
import { articleDefaults, functionNames } from '../../reference/index.js';

const artifact = bundledArtifact();
/** The first differential shard's seed (test/differential/shard.ts): the same command mix. */
const SEED = 20_261_123;
const STEPS = 2_000;

/** What the lockstep drivers compared, to show the run reached every kind of step. */
interface Seen {
  deployments: number;
  hostile: number;
  forced: number;
  views: number;
  reverts: number;
  readonly calls: Set<string>;
}
const nothingSeen = (): Seen => ({ deployments: 0, hostile: 0, forced: 0, views: 0, reverts: 0, calls: new Set() });

/** A difference planted on the fast side, to show the comparison can fail. */
interface Plant {
  readonly gas?: (sample: GasSample) => GasSample;
  readonly views?: (views: Partial<Views>) => Partial<Views>;
}

type Outcome = { readonly value: unknown } | { readonly threw: string };

/**
 * Drivers that take every step on both engines, the stock first, and compare what each did —
 * result or error, events, views, the gas of every call and deployment — throwing at the first
 * difference. The differential suite then holds the fast side to the reference as usual.
 */
function lockstep(seen: Seen, plant: Plant = {}): DriverFactory {
  const gas = { stock: [] as GasSample[], fast: [] as GasSample[] };
  const stockFactory = evmDriverFactory(artifact, { engine: 'stock', onGas: (s) => gas.stock.push(s) });
  const fastFactory = evmDriverFactory(artifact, { engine: 'fast', onGas: (s) => gas.fast.push(plant.gas?.(s) ?? s) });
  return (setup = {}) => {
    const stock = stockFactory(setup);
    const fast = fastFactory(setup);
    const both = async <T>(what: string, run: (driver: Driver) => Promise<T>): Promise<T> => {
      const settle = (driver: Driver): Promise<Outcome> =>
        run(driver).then(
          (value) => ({ value }),
          (error: unknown) => ({ threw: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }),
        );
      const outcomes = { stock: await settle(stock), fast: await settle(fast) };
      const difference = firstDifference({ outcome: outcomes.stock, gas: gas.stock }, { outcome: outcomes.fast, gas: gas.fast });
      gas.stock.length = 0;
      gas.fast.length = 0;
      if (difference !== null) throw new Error(`engines differ on ${what}: ${String(difference)} (stock ≠ fast)`);
      if ('threw' in outcomes.fast) throw new Error(outcomes.fast.threw);
      return outcomes.fast.value as T;
    };
    if (setup.partyCode?.A !== undefined || setup.partyCode?.B !== undefined) seen.hostile++;
    return {
      deploy: async (params, time) => {
        seen.deployments++;
        return both(`deploy at ${time}`, (d) => d.deploy(params, time));
      },
      call: async (from, fn, value, time) => {
        seen.calls.add(fn);
        const result = await both(`${fn} from ${from} at ${time}`, (d) => d.call(from, fn, value, time));
        if (!result.ok) seen.reverts++;
        return result;
      },
      forceEther: async (amount, time) => {
        seen.forced++;
        return both(`forcing ${amount} wei at ${time}`, (d) => d.forceEther(amount, time));
      },
      observe: async (time) => both(`getLockStatus at ${time}`, (d) => d.observe(time)),
      readViews: async (time) => {
        seen.views++;
        return both(`the views at ${time}`, async (d) =>
          d === fast && plant.views !== undefined ? plant.views(await d.readViews(time)) : d.readViews(time),
        );
      },
      capabilities: fast.capabilities,
    };
  };
}

/** A tiny creation code: PUSH1 1 PUSH1 2 ADD STOP. */
const TINY = hexToBytes('0x600160020100');
async function runTiny(evm: Awaited<ReturnType<typeof createEVM>>): Promise<void> {
  const result = await evm.runCall({ data: TINY, gasLimit: 100_000n });
  expect(result.execResult.exceptionError).toBeUndefined();
}
const cancun = (eips: number[] = []) => new Common({ chain: Mainnet, hardfork: Hardfork.Cancun, eips });

describe('the engine switch', () => {
  it('MLL_EVM is stock or fast, fast by default; anything else is a one-line RangeError naming it', () => {
    expect(engineFromEnv({})).toBe('fast');
    expect(engineFromEnv({ MLL_EVM: 'stock' })).toBe('stock');
    expect(engineFromEnv({ MLL_EVM: 'fast' })).toBe('fast');
    expect(() => engineFromEnv({ MLL_EVM: 'turbo' })).toThrow(new RangeError(`MLL_EVM must be 'stock' or 'fast', got 'turbo'`));
    vi.stubEnv('MLL_EVM', 'Stock');
    try {
      expect(() => evmDriverFactory(artifact)).toThrow(RangeError);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('speed-ups apply per EVM: only to the fast driver’s, never to a stock driver’s or to an EVM made elsewhere', async () => {
    const params = articleDefaults(PARTY_A, PARTY_B);
    const before = inlineRunCount();
    expect((await evmDriverFactory(artifact, { engine: 'fast' })().deploy(params, 1n)).ok).toBe(true);
    const afterFast = inlineRunCount();
    expect(afterFast).toBeGreaterThan(before);

    // a stock factory had from an Implementation, as a re-run of a failure would have it
    expect((await (await driverFactoryFor({ kind: 'contract', file: null }, { engine: 'stock' }))().deploy(params, 1n)).ok).toBe(true);
    await runTiny(await createEVM({ common: cancun(), stateManager: new SimpleStateManager() }));
    await runTiny(await createEVM());
    expect(inlineRunCount()).toBe(afterFast);

    // the counter does see an EVM made elsewhere once it is accelerated
    const accelerated = await createEVM({ common: cancun(), stateManager: new SimpleStateManager() });
    await accelerate(accelerated);
    await runTiny(accelerated);
    expect(inlineRunCount()).toBe(afterFast + 1);
  });

  it('an allow-list: an EVM whose Common adds an EIP to Cancun, or is another hardfork, stays stock', async () => {
    const before = inlineRunCount();
    for (const common of [cancun([7702]), new Common({ chain: Mainnet, hardfork: Hardfork.Prague })]) {
      const evm = await createEVM({ common, stateManager: new SimpleStateManager() });
      await accelerate(evm);
      await runTiny(evm);
    }
    expect(inlineRunCount()).toBe(before);
  });

  it('the fast engine refuses, in one line, a package not at its pinned version, naming both versions and MLL_EVM=stock', () => {
    expect(() => assertPinnedVersions()).not.toThrow();
    const fake = (pkg: string) => (pkg === '@ethereumjs/statemanager' ? '10.2.0' : '10.1.3');
    expect(() => assertPinnedVersions(fake)).toThrow(UnpinnedVersion);
    expect(() => assertPinnedVersions(fake)).toThrow(
      'the fast EVM engine is written for @ethereumjs/statemanager 10.1.3, found 10.2.0; run the stock engine with MLL_EVM=stock',
    );
  });
});

describe('stock and fast engines agree', () => {
  it(`the differential suite (${STEPS} steps, seed ${SEED}) gives identical outcomes, events, views and gas on both`, async () => {
    const seen = nothingSeen();
    const report = await runDifferentialBudget(lockstep(seen), { steps: STEPS, seed: SEED });
    expect(report.failed?.failure?.timeline ?? report.failed?.failure?.message).toBeUndefined();
    // every function, reverts, hostile parties, forced ether, the views and many deployments were compared
    expect([...seen.calls].sort()).toEqual([...functionNames].sort());
    expect(seen.reverts).toBeGreaterThan(0);
    expect(seen.hostile).toBeGreaterThan(0);
    expect(seen.forced).toBeGreaterThan(0);
    expect(seen.views).toBeGreaterThan(0);
    expect(seen.deployments).toBeGreaterThan(50);
  }, 300_000);

  it('fails on a planted gas difference: withdraw costs one more on the fast side', async () => {
    const plant: Plant = { gas: (s) => (s.fn === 'withdraw' && s.ok ? { ...s, gas: s.gas + 1n } : s) };
    const report = await runDifferentialBudget(lockstep(nothingSeen(), plant), { steps: STEPS, seed: SEED, explain: false });
    expect(report.failed?.failure?.message).toMatch(
      /^engines differ on withdraw from 0x\w+ at \d+: \.gas\.0\.gas: (\d+) ≠ (\d+) \(stock ≠ fast\)$/,
    );
  }, 300_000);

  it('fails on a planted view difference: the stranger’s claimable one wei higher on the fast side', async () => {
    const plant: Plant = { views: (v) => ({ ...v, claimable: [v.claimable![0], v.claimable![1], v.claimable![2] + 1n] }) };
    const report = await runDifferentialBudget(lockstep(nothingSeen(), plant), { steps: STEPS, seed: SEED, explain: false });
    expect(report.failed?.failure?.message).toMatch(
      /^engines differ on the views at \d+: \.outcome\.value\.claimable\.2: 0 ≠ 1 \(stock ≠ fast\)$/,
    );
  }, 300_000);
});
