/**
 * Bad input everywhere (MLL-CONF-001: nothing runs on an argument that is wrong): every flag and
 * argument of every mll subcommand — missing, malformed, out of range, unknown — and files that
 * are missing, unreadable, not JSON, not an artifact, not Solidity or not compiling, each refused
 * in one line on stderr, exit 2, nothing on stdout, never a stack trace. In process, through
 * main(), the same function the bin runs.
 */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/mll.js';
import { bundledArtifact } from '../../contracts/compile.js';
import { parameterNames } from '../../reference/params.js';

const dir = mkdtempSync(join(tmpdir(), 'mll-bad-'));
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const notJson = file('NotJson.json', '{ not json');
const notArtifact = file('NotArtifact.json', JSON.stringify({ hello: 'world' }));
const notSolidity = file('NotSolidity.sol', 'this is not solidity');
const notCompiling = file(
  'NotCompiling.sol',
  'pragma solidity ^0.8.0;\ncontract NotCompiling { function f() public { undefinedThing(); } }\n',
);
const unreadable = file('Unreadable.json', '{}');
chmodSync(unreadable, 0o000);
mkdirSync(join(dir, 'Dir.json'));
const shardReport = file('shard.json', JSON.stringify({ format: 'mll-report', version: 99 }));
/** The bundled contract's build with its ABI changed by `change`: the bytecode is beside the point, the interface check comes first. */
const reshaped = (
  name: string,
  change: (abi: { type: string; name?: string; inputs?: { type: string; name: string }[] }[]) => void,
): string => {
  const b = bundledArtifact();
  const abi = structuredClone(b.abi) as unknown as Parameters<typeof change>[0];
  change(abi);
  return file(`${name}.json`, JSON.stringify({ abi, bytecode: { object: b.bytecode }, deployedBytecode: { object: b.deployedBytecode } }));
};
const fn = (abi: Parameters<Parameters<typeof reshaped>[1]>[0], name: string) => abi.find((i) => i.name === name)!;
const depositTakesAmount = reshaped('DepositTakesAmount', (abi) => fn(abi, 'deposit').inputs!.push({ type: 'uint256', name: 'amount' }));
const statusByIndex = reshaped('StatusByIndex', (abi) => (fn(abi, 'getPartyStatus').inputs![0]!.type = 'uint8'));
const smallConstructor = reshaped('SmallConstructor', (abi) => (abi.find((i) => i.type === 'constructor')!.inputs![4]!.type = 'uint32'));
const noWithdraw = reshaped('NoWithdraw', (abi) => abi.splice(abi.indexOf(fn(abi, 'withdraw')), 1));
const depositNotPayable = reshaped(
  'DepositNotPayable',
  (abi) => ((fn(abi, 'deposit') as { stateMutability?: string }).stateMutability = 'nonpayable'),
);
const statusWrites = reshaped(
  'StatusWrites',
  (abi) => ((fn(abi, 'getLockStatus') as { stateMutability?: string }).stateMutability = 'nonpayable'),
);
const deployJson = (name: string, content: object): string => file(name, JSON.stringify({ format: 'mll-deploy/1', ...content }));
const regressionNotJson = file('regression.json', 'nope');
const notRegression = file('not-regression.json', JSON.stringify({ name: 'x' }));

const cases: [string[], RegExp][] = [
  // mll itself
  [[], /^mll: give a command; known: check, replay, econ, trace, merge, vectors$/],
  [['chek'], /^mll: no command 'chek'/],
  [['--steps', '1'], /^mll: no command '--steps'/],
  // check: flags
  [['check', '--steps'], /option '--steps <n>' argument missing/],
  [['check', '--steps', '0'], /steps .* must be a positive integer, got '0'/],
  [['check', '--steps', '0x10'], /--steps must be a positive integer in decimal digits, got '0x10'/],
  [['check', '--steps', '1e3'], /--steps must be a positive integer in decimal digits, got '1e3'/],
  [['check', '--runs', '-1'], /--runs must be a positive integer in decimal digits, got '-1'/],
  [['check', '--workers', '0'], /--workers must be a positive integer, got '0'/],
  [['check', '--workers', 'two'], /--workers must be a positive integer in decimal digits, got 'two'/],
  [['check', '--seed', 'x'], /--seed must be an integer in decimal digits, got 'x'/],
  [['check', '--property', 'P-NOPE'], /--property: no property 'P-NOPE'/],
  [['check', '--clause', 'MLL-NOPE-*'], /--clause: no property checks a clause matching 'MLL-NOPE-\*'/],
  [['check', '--clause', 'MLL BLD'], /--clause: expected a clause ID or a glob/],
  [['check', '--property', 'P-MIRROR', '--clause', 'MLL-BLD-*'], /--clause: no property among P-MIRROR checks a clause matching/],
  [['check', '--shard', '2'], /--shard: expected K\/N, as 2\/4, got '2'/],
  [['check', '--shard', '0/4', '--seed', '1'], /--shard: K must be 1 to N, got '0\/4'/],
  [['check', '--shard', '5/4', '--seed', '1'], /--shard: K must be 1 to N/],
  [['check', '--shard', '1/17', '--seed', '1'], /--shard: N must be 1 to 16/],
  [['check', '--shard', '1/4'], /--shard: give --seed too/],
  [
    ['check', '--shard', '1/2', '--seed', '1', '--property', 'P-DIFFERENTIAL', '--path', '1'],
    /--shard runs part of a run; --path and --save/,
  ],
  [['check', '--report', 'xml', '--out', 'a'], /--report: expected json, junit or md, or KIND=FILE, got 'xml'/],
  [['check', '--report', 'json'], /--report: each report without =FILE needs its own --out FILE/],
  [['check', '--out', 'a.json'], /--report: each report without =FILE needs its own --out FILE/],
  [['check', '--report', 'json='], /--report: json= needs a file name/],
  [['check', '--quiet=yes'], /unknown option '--quiet=yes'/],
  [['check', '--nope'], /unknown option '--nope'/],
  [['check', 'a.sol', 'b.sol'], /too many arguments/],
  [['check', 'Lock.sol', '--implementation', 'contract'], /give the implementation once/],
  [['check', '--engine', 'fast'], /option '--engine <engine>' argument 'fast' is invalid\. Allowed choices are embedded, native, both/],
  [['check', '--engine'], /option '--engine <engine>' argument missing/],
  [
    ['check', '--engine', 'native', '--implementation', 'reference'],
    /^--engine native and both replay vectors on a contract with forge: not on the reference$/,
  ],
  [
    ['check', '--engine', 'both', '--shard', '1/2', '--seed', '1'],
    /^--engine both runs the whole differential; --shard, --path and --vectors run on the embedded engine: not together$/,
  ],
  [['check', '--engine', 'native', '--vectors', dir], /^--engine native runs the whole differential/],
  [
    ['check', '--engine', 'native', '--deploy', deployJson('order.json', { constructorArguments: [...parameterNames] })],
    /^--engine native deploys with the spec's constructor: a --deploy adapter runs on the embedded engine only$/,
  ],
  // check: files
  [['check', join(dir, 'Missing.json')], /implementation: no such file '.*Missing\.json'/],
  [['check', join(dir, 'Dir.json')], /implementation: '.*Dir\.json' is not a file/],
  [['check', notJson], /NotJson\.json.*(JSON|json)/],
  [['check', notArtifact], /NotArtifact\.json/],
  [['check', unreadable], /Unreadable\.json/],
  [['check', notSolidity], /^implementation: .*NotSolidity\.sol does not compile: .*Error/],
  [['check', notCompiling], /^implementation: .*NotCompiling\.sol does not compile: .*Undeclared identifier/],
  [
    ['check', depositTakesAmount],
    /^DepositTakesAmount does not have the spec's interface: missing deposit\(\) \(it has deposit\(uint256\)\)$/,
  ],
  [
    ['check', statusByIndex],
    /^StatusByIndex does not have the spec's interface: missing getPartyStatus\(address\) \(it has getPartyStatus\(uint8\)\)$/,
  ],
  [
    ['check', smallConstructor],
    /^SmallConstructor does not have the spec's interface: missing constructor\(address,address,uint256,.*\) \(it has constructor\(address,address,uint256,uint256,uint32,/,
  ],
  [['check', noWithdraw], /^NoWithdraw does not have the spec's interface: missing withdraw\(\)$/],
  [['check', file('Lock.txt', '')], /implementation: expected 'reference', 'contract', a \.sol file or an artifact \.json/],
  [
    ['check', depositNotPayable],
    /^DepositNotPayable does not have the spec's interface: missing payable deposit\(\) \(it is nonpayable\)$/,
  ],
  [['check', statusWrites], /^StatusWrites does not have the spec's interface: missing view getLockStatus\(\) \(it is nonpayable\)$/],
  // check --deploy: the adapter file
  [['check', '--deploy', join(dir, 'nowhere.json')], /^deploy adapter .*nowhere\.json: no such file/],
  [['check', '--deploy', join(dir, 'Dir.json')], /^deploy adapter .*Dir\.json: not a file/],
  [
    ['check', '--deploy', file('adapter.txt', '')],
    /^deploy adapter .*adapter\.txt: expected a \.json adapter or a module \(\.ts, \.mts, \.mjs, \.js\), got '\.txt'/,
  ],
  [['check', '--deploy', notJson], /^deploy adapter .*NotJson\.json: not JSON/],
  [
    ['check', '--deploy', notArtifact],
    /^deploy adapter .*NotArtifact\.json: must have required property 'format' "mll-deploy\/1" \(is it an adapter\?\)$/,
  ],
  [
    ['check', '--deploy', deployJson('unknown.json', { constructorArguments: ['partyA', 'partyB', 'amount'] })],
    /: constructorArguments\.2 must be equal to one of the allowed values: partyA, partyB, depositAmount, /,
  ],
  [
    ['check', '--deploy', deployJson('twice.json', { constructorArguments: ['partyA', 'partyA'] })],
    /: constructorArguments must NOT have duplicate items/,
  ],
  [
    ['check', '--deploy', deployJson('three.json', { constructorArguments: ['partyB', 'partyA', 'depositAmount'] })],
    /: constructorArguments: name all 9 parameters, each once, or none \(it names 3\)$/,
  ],
  [
    ['check', '--deploy', deployJson('spec-fn.json', { initializer: { function: 'deposit', arguments: [...parameterNames] } })],
    /: initializer: 'deposit' is a function of the spec, not an initializer$/,
  ],
  [['check', '--deploy', deployJson('extra.json', { proxies: true })], /: must NOT have additional properties 'proxies'$/],
  [['check', '--deploy', deployJson('proxy.json', { proxy: true })], /: proxy must be equal to one of the allowed values: eip-1167$/],
  [
    ['check', '--deploy', file('no-default.mjs', 'export const deploy = 1;\n')],
    /^deploy adapter .*no-default\.mjs: its default export is missing, not a function \(params, deployer\) => Promise<address>$/,
  ],
  [['check', '--deploy', file('broken.mjs', 'export default function (\n')], /^deploy adapter .*broken\.mjs: cannot be imported/],
  [
    ['check', 'reference', '--deploy', deployJson('ok.json', {})],
    /^--deploy goes with a contract: the reference has no deployment to adapt$/,
  ],
  // an adapter for another contract's deployment: the bundled one has its nine-argument constructor and no initializer
  [
    ['check', '--deploy', deployJson('init.json', { initializer: { function: 'initialize', arguments: [...parameterNames] } })],
    /^MutualLiquidityLock does not have the spec's interface: missing a constructor of 0 arguments \(as init\.json has it\) \(it has 9\), initialize\(address,address,uint256,uint256,uint256,uint256,uint256,uint256,uint256\) \(as init\.json has it\)$/,
  ],
  // replay
  [['replay'], /missing required argument 'file'/],
  [['replay', join(dir, 'missing.json')], /missing\.json: cannot read it \(ENOENT\)/],
  [['replay', regressionNotJson], /regression\.json: not JSON/],
  [
    ['replay', notRegression],
    /not-regression\.json: not a saved regression \(no world and steps\) nor a fixture \(format mll-vectors\/2\)$/,
  ],
  [['replay', notRegression, '--implementation', 'nope'], /implementation: expected 'reference', 'contract'/],
  [['replay', notRegression, '--deploy', join(dir, 'nowhere.json')], /^mll replay: deploy adapter .*nowhere\.json: no such file/],
  // econ
  [['econ', '--r', '0'], /--r must be an integer in \(0, 10000\), got 0/],
  [['econ', '--r', 'fifty'], /--r must be an integer, got 'fifty'/],
  [['econ', '--T', '0'], /--T must be a positive integer, got 0/],
  [['econ', '--d', '-1'], /--d must be a positive decimal/],
  [['econ', '--d', '0'], /--d must be positive, got 0/],
  [['econ', '--pmin', '9000'], /need 0 <= penaltyMinBps <= penaltyMaxBps <= 10000/],
  [['econ', '--days', '1,x'], /--days must be an integer, got 'x'/],
  [['econ', '--d'], /option '--d <ether>' argument missing/],
  [['econ', '--json', 'extra'], /too many arguments/],
  // merge
  [['merge'], /missing required argument 'reports'/],
  [['merge', join(dir, 'none.json')], /none\.json: cannot read it \(ENOENT\)/],
  [['merge', notJson], /NotJson\.json: not JSON/],
  [['merge', notArtifact], /NotArtifact\.json: not an mll report/],
  [['merge', shardReport], /shard\.json: an mll report of version 99/],
  [['merge', notArtifact, '--report', 'pdf=x'], /--report: expected json, junit or md/],
  // trace
  [['trace', '--fix'], /unknown option '--fix'/],
  // vectors
  [['vectors'], /^mll vectors: --out DIR is required: the directory the fixtures are written to$/],
  [['vectors', '--out'], /option '--out <dir>' argument missing/],
  [['vectors', '--out', dir, '--steps', '1.5'], /--steps must be an integer of at least 0 in decimal digits, got '1\.5'/],
  [['vectors', '--out', dir, '--steps', '-1'], /--steps must be an integer of at least 0 in decimal digits, got '-1'/],
  [['vectors', '--out', dir, '--seed', 'x'], /--seed must be an integer of at least 0 in decimal digits, got 'x'/],
  [['vectors', '--out', dir, '--bogus'], /unknown option '--bogus'/],
  [['vectors', '--out', dir, 'extra'], /too many arguments/],
  [['vectors', '--out', notJson], /--out: '.*NotJson\.json' is a file, not a directory/],
  [
    ['vectors', '--out', dir, '--forge', join(dir, 'Missing.sol')],
    /--forge takes a contract file \(\.sol\) named as its contract, got '.*Missing\.sol'/,
  ],
  [['vectors', '--out', dir, '--forge', notJson], /--forge takes a contract file \(\.sol\)/],
];

describe('MLL-CONF-001: every bad argument of mll is refused in one line, exit 2', () => {
  for (const [args, message] of cases) {
    it(`mll ${args.join(' ').replaceAll(dir, '…')}`, async () => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(args, { print: (l) => out.push(l), printError: (l) => err.push(l) });
      const stderr = err.join('\n');
      expect(code, stderr).toBe(2);
      expect(out.join('\n')).toBe('');
      expect(stderr.split('\n')[0]).toMatch(message);
      expect(stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('--help on every subcommand exits 0 and names its options', async () => {
    for (const name of ['check', 'replay', 'econ', 'trace', 'merge', 'vectors']) {
      const out: string[] = [];
      expect(await main([name, '--help'], { print: (l) => out.push(l), printError: () => {} })).toBe(0);
      expect(out.join('\n')).toMatch(new RegExp(`^Usage: mll ${name}`));
    }
  });
});
