/**
 * No pass that checked nothing (MLL-CONF-001): an implementation that cannot be deployed fails,
 * naming the clause; one whose every call reverts is "not exercised", never a pass; a check of
 * the specification's own arithmetic is reported apart and never counts as the implementation's
 * pass. And every bad argument of `npm start` is refused in one line, exit 2, before anything runs.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegressions } from '../../properties/runners/regressions.js';
import { conform, failureBlock, plantedContract, printedReplay } from '../support/conform.js';

describe('MLL-CONF-001: a verdict is earned by calls that reached the implementation', () => {
  it('an implementation whose constructor always reverts fails every property of the implementation, naming the clause', async () => {
    const file = plantedContract('NeverDeploys', [
      // a revert the optimiser cannot prove unconditional, so the immutables still count as assigned
      {
        find: '        PARTY_A = partyA;',
        replace: '        if (block.timestamp > 0) revert InvalidPartyAddress();\n        PARTY_A = partyA;',
      },
    ]);
    const run = await conform(['--implementation', file, '--runs', '3', '--steps', '50', '--workers', '1', '--seed', '1']);
    expect(run.code).toBe(1);
    const lines = run.out.split('\n').filter((l) => /^[✓✗∅] P-/.test(l));
    expect(lines).toHaveLength(21);
    for (const line of lines.filter((l) => !l.includes('P-COMPOUNDING-BOUND'))) expect(line, line).toMatch(/^✗ P-[A-Z0-9-]+ +fail/);
    expect(run.out).toMatch(/P-CONSERVATION failed: MLL-PAR-001: deployment: reference \{"ok":true/);
    // the specification's own check passes, but apart: it is not counted among the implementation's
    expect(run.out).toMatch(/✓ P-COMPOUNDING-BOUND +pass — a check of the specification/);
    expect(run.out).toMatch(/0 of 20 properties of the implementation pass/);

    // --fail-fast: the first failure, its timeline and replay, and nothing after it
    const fast = await conform(['--implementation', file, '--runs', '3', '--steps', '50', '--workers', '1', '--seed', '1', '--fail-fast']);
    expect(fast.code).toBe(1);
    expect(fast.out.split('\n').filter((l) => /^[✓✗∅] P-/.test(l))).toEqual([expect.stringMatching(/^✗ P-DIFFERENTIAL +fail/)]);
    expect(fast.out).toMatch(/— {4}\+0d 00:00:00 {5}deploy +AgreementCreated +revert InvalidPartyAddress\n/);
  }, 300_000);

  it('an implementation on which no call succeeds is not exercised, and exits 1', async () => {
    // nobody is a party: every call of the parties reverts NotParty, and a stranger's calls revert anyway
    const file = plantedContract('NothingSucceeds', [
      { find: '        if (who == PARTY_A) return 0;\n        if (who == PARTY_B) return 1;\n', replace: '' },
    ]);
    const run = await conform(['--implementation', file, '--property', 'P-CONSERVATION', '--runs', '20', '--seed', '1']);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(
      /∅ P-CONSERVATION +NOT EXERCISED: no call succeeded on the implementation, so nothing was checked · 20 runs · [\d,]+ calls reached the implementation, 0 succeeded/,
    );
    expect(run.out).toMatch(/MLL-INV-001 +P-CONSERVATION +20 +0 +not exercised/);
  }, 300_000);
});

describe('MLL-CONF-001: a contract that misbehaves fails by name, exit 1, never a stack trace, never a hang', () => {
  const misbehaving: [string, string, { find: string; replace: string }, RegExp][] = [
    [
      'views that loop until out of gas',
      'LoopingViews',
      {
        find: '        (uint256[2] memory shares, uint256[2] memory clocks) = _settledNow();\n        return (_phase,',
        replace:
          '        for (uint256 i = 0; gasleft() > 0; i++) {}\n        (uint256[2] memory shares, uint256[2] memory clocks) = _settledNow();\n        return (_phase,',
      },
      /P-DIFFERENTIAL failed: MLL-VIEW-007: getLockStatus did not answer: reverted with EvmError\(out of gas\)/,
    ],
    [
      'a constructor that self-destructs: no code where the lock should be',
      'GoneAtBirth',
      // unconditional, the optimiser would count the immutables as never assigned
      {
        find: '        emit AgreementCreated(partyA, partyB, depositAmount, depositInterval);\n    }',
        replace:
          '        emit AgreementCreated(partyA, partyB, depositAmount, depositInterval);\n        if (block.timestamp > 0) selfdestruct(payable(partyA));\n    }',
      },
      /P-DIFFERENTIAL failed: MLL-VIEW-007: getLockStatus did not answer: Cannot decode zero data \("0x"\)/,
    ],
    [
      'a deposit that self-destructs: the pool sent away',
      'DepositDestructs',
      {
        find: '        uint256 role = _roleOf(msg.sender);\n        _requirePhase(Phase.Active);\n        uint256 intervals',
        replace:
          '        uint256 role = _roleOf(msg.sender);\n        if (role == 1) selfdestruct(payable(msg.sender));\n        _requirePhase(Phase.Active);\n        uint256 intervals',
      },
      /P-DIFFERENTIAL failed: MLL-STA-003: deposit by B at \d+, outcome: reference \{"ok":false,"revert":"WrongPhase".*implementation \{"ok":true,"events":\[\]\}/,
    ],
  ];
  for (const [what, name, patch, failure] of misbehaving) {
    it(`${what}: ${name}`, async () => {
      const run = await conform([
        plantedContract(name, [patch]),
        '--runs',
        '2',
        '--steps',
        '100',
        '--workers',
        '1',
        '--seed',
        '1',
        '--fail-fast',
      ]);
      expect(run.code, run.err).toBe(1);
      expect(run.err).toBe('');
      expect(run.out).toMatch(failure);
      expect(run.out).not.toMatch(/\n\s+at /);
      // the replay it prints gives the same failure
      const again = await conform(printedReplay(run));
      expect(again.code).toBe(1);
      expect(failureBlock(again)).toBe(failureBlock(run));
    }, 300_000);
  }
});

describe('MLL-CONF-001: bad arguments are refused before anything runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mll-args-'));
  mkdirSync(join(dir, 'x.sol'));
  const existing = loadRegressions()[0]!.name;
  writeFileSync(join(dir, 'Lock.txt'), '');
  const cases: [string[], RegExp][] = [
    [['--save', 'x', '--property', 'P-DIFFERENTIAL', '--steps', 'ten'], /--steps|MLL_STEPS.* must be a positive integer, got 'ten'/],
    [
      ['--save', 'Not_Kebab', '--property', 'P-DIFFERENTIAL'],
      /--save: a regression name is kebab-case letters and digits, got 'Not_Kebab'/,
    ],
    [['--save', existing, '--property', 'P-DIFFERENTIAL'], new RegExp(`--save: .*${existing}\\.json exists already`)],
    [
      ['--save', 'fine-name', '--property', 'P-MIRROR'],
      /--save keeps the counterexample of one property: give it with --property, one of P-DIFFERENTIAL, P-CONSERVATION/,
    ],
    [['--save', 'fine-name'], /--save keeps the counterexample of one property/],
    [['--implementation', join(dir, 'x.sol')], /implementation: '.*x\.sol' is not a file/],
    [['--implementation', join(dir, 'Lock.txt')], /implementation: expected 'reference', 'contract', a \.sol file or an artifact \.json/],
    [['--remappings', 'a=b'], /--remappings goes with --implementation FILE\.sol/],
    [['--path', '1'], /--path replays one failure: give it with --property and --seed/],
    [['--property', 'P-NOPE'], /--property: no property 'P-NOPE'/],
    [['--fail-fast=yes'], /fail-fast/],
  ];
  for (const [args, message] of cases) {
    it(`npm start -- ${args.join(' ')}`, async () => {
      const run = await conform(args);
      expect(run.code).toBe(2);
      expect(run.out).toBe('');
      expect(run.err.split('\n')[0]).toMatch(message);
      expect(run.err).not.toMatch(/\n\s+at /);
    });
  }

  it('npm start with MLL_EVM set to an unknown engine', async () => {
    process.env.MLL_EVM = 'turbo';
    try {
      const run = await conform(['--steps', '1']);
      expect(run.code).toBe(2);
      expect(run.err.split('\n')[0]).toBe("MLL_EVM must be 'stock' or 'fast', got 'turbo'");
    } finally {
      delete process.env.MLL_EVM;
    }
  });
});
