/**
 * The folder tree is the architecture (README.md, Layout): data flows one way. reference/ is the
 * rules alone, with no Node API and nothing of ours outside it, so the playground bundles it for
 * the browser unchanged; properties/ is the library a user builds on and never imports the
 * application (cli/) or anything that only this repository has (scripts, tests, benchmarks).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|mjs)$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** Every module a file imports (static, dynamic and re-exports), as a repository path or a package name. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const specifiers = [
    ...text.matchAll(/(?:^|\s)(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)|^import\s+'([^']+)'/gm),
  ].map((m) => m[1] ?? m[2] ?? m[3]!);
  return specifiers.map((s) => (s.startsWith('.') ? relative(root, join(dirname(join(root, file)), s)) : s));
}

const violations = (dirs: readonly string[], allowed: (target: string) => boolean): string[] =>
  dirs.flatMap((dir) =>
    sources(dir).flatMap((file) =>
      importsOf(file)
        .filter((target) => !allowed(target))
        .map((target) => `${file} imports ${target}`),
    ),
  );

describe('the folder tree is the architecture', () => {
  it('reference/ imports only reference/ and decimal.js: no Node API, nothing else of ours', () => {
    expect(violations(['reference'], (target) => target.startsWith('reference/') || target === 'decimal.js')).toEqual([]);
  });

  it('properties/ never imports the application or what only this repository has', () => {
    const outside = ['cli/', 'scripts/', 'test/', 'bench/', 'mutation/', 'docs/', 'gas/'];
    expect(violations(['properties'], (target) => !outside.some((dir) => target.startsWith(dir)))).toEqual([]);
  });

  it('sees an import that breaks the rule (the check reads what it claims to)', () => {
    expect(importsOf('cli/check.ts').some((target) => target.startsWith('properties/'))).toBe(true);
    expect(importsOf('properties/index.ts')).toContain('properties/driver.js');
  });
});
