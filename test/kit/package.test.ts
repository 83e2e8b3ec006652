/**
 * The kit as people install it: `npm pack`, the tarball installed into an empty folder, and there
 * `npx mll check Lock.json` holds a Foundry artifact to the spec, writes a JSON report, refuses a
 * missing file with exit 2, says in one line (exit 2) that `--engine native` needs a forge it
 * does not have, and the public surface imports by the package's name. A file missing
 * from `files`, or a dependency that only resolves inside the repository, fails here.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalog } from '../../properties/catalog.js';
import { describe, expect, it } from 'vitest';
import { bundledArtifact } from '../../contracts/compile.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('MLL-CONF-001: the installed kit', () => {
  it('installs from its tarball and runs mll check on an artifact', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mll-kit-'));
    const timings: Record<string, number> = {};
    const timed = <T>(name: string, f: () => T): T => {
      const t = performance.now();
      try {
        return f();
      } finally {
        timings[name] = Math.round(performance.now() - t);
      }
    };
    timed('pack', () => execFileSync(npm, ['pack', '--silent', '--pack-destination', dir], { cwd: root, stdio: 'pipe' }));
    const tarball = join(
      dir,
      readdirSync(dir).find((f) => f.endsWith('.tgz'))!,
    );
    const app = join(dir, 'app');
    execFileSync('mkdir', [app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    // --prefer-offline: the dependencies come from the npm cache when they are there
    timed('install', () =>
      execFileSync(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: app, stdio: 'pipe' }),
    );
    const b = bundledArtifact();
    writeFileSync(
      join(app, 'Lock.json'),
      JSON.stringify({ abi: b.abi, bytecode: { object: b.bytecode }, deployedBytecode: { object: b.deployedBytecode } }),
    );
    const env = { ...process.env, INIT_CWD: app };

    const check = timed('check', () =>
      spawnSync(
        npm,
        [
          'exec',
          '--',
          'mll',
          'check',
          'Lock.json',
          '--steps',
          '200',
          '--runs',
          '2',
          '--workers',
          '2',
          '--seed',
          '3',
          '--report',
          'json=r.json',
        ],
        { cwd: app, env, encoding: 'utf8' },
      ),
    );
    expect(check.status, check.stdout + check.stderr).toBe(0);
    const implementationProperties = catalog.filter((p) => p.subject === 'implementation').length;
    expect(check.stdout).toMatch(
      new RegExp(`${implementationProperties} of ${implementationProperties} properties of the implementation pass`),
    );
    expect(JSON.parse(readFileSync(join(app, 'r.json'), 'utf8'))).toMatchObject({
      format: 'mll-report',
      version: 2,
      verdict: 'pass',
      implementation: { argument: 'Lock.json' },
    });

    const missing = spawnSync(npm, ['exec', '--', 'mll', 'check', 'Missing.json'], { cwd: app, env, encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^implementation: no such file 'Missing\.json'/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);

    // no forge: the kit leaves @foundry-rs/forge out, and PATH loses every directory holding one
    const withoutForge = (process.env.PATH ?? '')
      .split(delimiter)
      .filter((d) => !existsSync(join(d, 'forge')))
      .join(delimiter);
    const native = spawnSync(npm, ['exec', '--', 'mll', 'check', 'Lock.json', '--engine', 'native'], {
      cwd: app,
      env: { ...env, PATH: withoutForge },
      encoding: 'utf8',
    });
    expect(native.status, native.stderr).toBe(2);
    expect(native.stderr.split('\n')[0]).toBe(
      'the native engine needs forge: install Foundry (forge on PATH) or npm install --save-dev @foundry-rs/forge',
    );
    expect(native.stderr).not.toMatch(/\n\s+at /);

    const econ = spawnSync(npm, ['exec', '--', 'mll', 'econ', '--json'], { cwd: app, env, encoding: 'utf8' });
    expect(econ.status, econ.stderr).toBe(0);
    expect((JSON.parse(econ.stdout) as { breakevenShare: unknown }).breakevenShare).toMatch(/^0\.71625/);

    // the public surface, by the package's name (TypeScript sources: through tsx, as the bin runs them)
    const surface = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        "const m = await import('mutual-liquidity-lock'); const r = await import('mutual-liquidity-lock/reference'); const e = await import('mutual-liquidity-lock/economics'); console.log(m.catalog.length, typeof m.evmDriverFactory, typeof r.deploy, e.DEFAULT_PARAMS.intervalDays)",
      ],
      { cwd: app, encoding: 'utf8' },
    );
    expect(surface.stdout.trim(), surface.stderr).toBe(`${catalog.length} function function 30`);
    console.log(`kit: ${JSON.stringify(timings)} ms`);
  }, 300_000);
});
