/**
 * Implementations that deploy differently (MLL-CONF-001): a constructor of another argument
 * order, a constructor-less contract with an initializer, a contract that only works behind a
 * proxy — each is refused without its deploy adapter (exit 2, one line: its constructor is not
 * the spec's) and passes `mll check` with it, every property and the differential run through the
 * same Driver; a module adapter does what the JSON form cannot say.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parameterNames } from '../../reference/index.js';
import { conform, failureBlock, plantedContract, printedReplay } from '../support/conform.js';

const propertyLines = (out: string): string[] => out.split('\n').filter((l) => /^[✓✗∅] P-/.test(l));
const small = ['--runs', '2', '--steps', '300', '--seed', '7', '--quiet'];

/** The bundled contract with its constructor's arguments in another order. */
const permuted = plantedContract('PermutedLock', [
  {
    find: '        address partyA,\n        address partyB,\n        uint256 depositAmount,\n        uint256 depositInterval,\n',
    replace: '        uint256 depositAmount,\n        uint256 depositInterval,\n        address partyB,\n        address partyA,\n',
  },
]);

/** The bundled contract with its parameters in storage and its constructor an initializer, callable once. */
const initializerPatches = [
  ...[
    'PARTY_A',
    'PARTY_B',
    'DEPOSIT_AMOUNT',
    'DEPOSIT_INTERVAL',
    'BLEED_RATE_BPS',
    'GRACE_PERIODS',
    'PENALTY_MAX_BPS',
    'PENALTY_MIN_BPS',
    'PENALTY_DECAY_TARGET',
    'CREATED_AT',
  ].map((name) => ({ find: ` internal immutable ${name};`, replace: ` internal ${name};` })),
  { find: '    error InvalidPartyAddress();\n', replace: '    error InvalidPartyAddress();\n    error AlreadyInitialized();\n' },
  { find: '    constructor(\n        address partyA,', replace: '    function initialize(\n        address partyA,' },
  {
    find: '        uint256 penaltyDecayTarget\n    ) {\n',
    replace: '        uint256 penaltyDecayTarget\n    ) external {\n        if (CREATED_AT != 0) revert AlreadyInitialized();\n',
  },
];
const initialized = plantedContract('InitializedLock', initializerPatches);
/** The initializer contract whose own constructor spends the initializer (as OpenZeppelin's _disableInitializers): it only works behind a proxy. */
const proxied = plantedContract('ProxiedLock', [
  ...initializerPatches,
  {
    find: '    // ------------------------------------------------------------------ activation',
    replace:
      '    constructor() {\n        CREATED_AT = 1;\n    }\n\n    // ------------------------------------------------------------------ activation',
  },
]);

const dir = dirname(permuted);
const adapter = (name: string, content: unknown): string => {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};
const order = ['depositAmount', 'depositInterval', 'partyB', 'partyA', ...parameterNames.slice(4)];
const permutedAdapter = adapter('permuted.json', { format: 'mll-deploy/1', constructorArguments: order });
const initializerAdapter = adapter('initializer.json', {
  format: 'mll-deploy/1',
  initializer: { function: 'initialize', arguments: parameterNames },
});
const proxyAdapter = adapter('proxy.json', {
  format: 'mll-deploy/1',
  proxy: 'eip-1167',
  initializer: { function: 'initialize', arguments: parameterNames },
});
const moduleAdapter = adapter(
  'proxy-module.mjs',
  [
    '// the proxy adapter as a module: deploy, put a minimal proxy in front, initialize through it',
    'export default async function deploy(params, deployer) {',
    '  const implementation = await deployer.deploy();',
    '  const lock = await deployer.proxy(implementation);',
    `  await deployer.call(lock, 'initialize', [${parameterNames.map((n) => `params.${n}`).join(', ')}]);`,
    '  return lock;',
    '}',
    '',
  ].join('\n'),
);

describe('MLL-CONF-001: a contract deployed otherwise than by the spec’s constructor', () => {
  const contracts = [
    [
      'a constructor of another argument order',
      permuted,
      permutedAdapter,
      /^PermutedLock does not have the spec's interface: missing constructor\(address,address,uint256,.*\) \(it has constructor\(uint256,uint256,address,address,/,
    ],
    [
      'a constructor-less contract with an initializer',
      initialized,
      initializerAdapter,
      /^InitializedLock does not have the spec's interface: missing a constructor of 9 arguments \(it has 0\)$/,
    ],
    [
      'a contract behind a minimal proxy',
      proxied,
      proxyAdapter,
      /^ProxiedLock does not have the spec's interface: missing a constructor of 9 arguments \(it has 0\)$/,
    ],
  ] as const;
  for (const [what, contract, deploy, refusal] of contracts) {
    it(`${what}: refused without its adapter, exit 2 in one line; every property passes with it`, async () => {
      const without = await conform([contract, ...small]);
      expect(without.code).toBe(2);
      expect(without.out).toBe('');
      expect(without.err).toMatch(refusal);
      expect(without.err.split('\n')).toHaveLength(1);

      const run = await conform([contract, '--deploy', deploy, ...small]);
      expect(run.code, run.out + run.err).toBe(0);
      expect(run.out).toContain(`deployed by ${deploy}`);
      const lines = propertyLines(run.out);
      expect(lines).toHaveLength(21);
      for (const line of lines) expect(line, line).toMatch(/^✓ /);
      // the differential's constructor sweep reached the deployment: invalid parameters revert through the adapter, by name
      expect(run.out).toMatch(/✓ P-DIFFERENTIAL +pass · \d+ runs · [\d,]+ calls reached the implementation, [1-9][\d,]* succeeded/);
    }, 300_000);
  }

  it('the proxy matters: the proxy-only contract with the initializer alone fails at deployment, naming the revert', async () => {
    const run = await conform([proxied, '--deploy', initializerAdapter, ...small, '--property', 'P-DIFFERENTIAL']);
    expect(run.code).toBe(1);
    // the sweep's first place is invalid parameters: the reference names their error, the implementation its initializer's
    expect(run.out).toMatch(
      /P-DIFFERENTIAL failed: MLL-STA-005 \(D11\): deployment: reference \{"ok":false,"revert":"InvalidPartyAddress".*implementation \{"ok":false,"revert":"AlreadyInitialized"/,
    );
    // the replay it prints carries the adapter, and fails the same way
    const replay = printedReplay(run);
    expect(replay.slice(0, 4)).toEqual(['--implementation', proxied, '--deploy', initializerAdapter]);
    const again = await conform([...replay, '--quiet']);
    expect(again.code).toBe(1);
    expect(failureBlock(again)).toBe(failureBlock(run));
  }, 300_000);

  it('the order matters: the permuted contract with its parties swapped in the adapter fails, naming the event that shows it', async () => {
    const swapped = adapter('swapped.json', {
      format: 'mll-deploy/1',
      constructorArguments: ['depositAmount', 'depositInterval', 'partyA', 'partyB', ...parameterNames.slice(4)],
    });
    const run = await conform([permuted, '--deploy', swapped, ...small, '--property', 'P-DIFFERENTIAL']);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(
      /P-DIFFERENTIAL failed: MLL-[A-Z]+-\d+.*deployment: reference \{"ok":true,"events":\[\{"name":"AgreementCreated","args":\{"partyA":"0x000000000000000000000000000000000000a11a"/,
    );
  }, 300_000);

  it('a module adapter deploys as it likes: the proxy contract through a .mjs, on two worker threads', async () => {
    const run = await conform([proxied, '--deploy', moduleAdapter, ...small, '--workers', '2']);
    expect(run.code, run.out + run.err).toBe(0);
    expect(propertyLines(run.out).filter((l) => l.startsWith('✓'))).toHaveLength(21);
  }, 300_000);

  it('deploy.schema.json names the parameters of reference/params.ts, in their order', () => {
    const schema = JSON.parse(readFileSync(new URL('../../properties/drivers/deploy.schema.json', import.meta.url), 'utf8')) as {
      definitions: { parameter: { enum: string[] } };
    };
    expect(schema.definitions.parameter.enum).toEqual([...parameterNames]);
  });
});
