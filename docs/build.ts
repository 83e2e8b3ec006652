/**
 * `npm run docs`: the site spec readers use. Writes the generated pages into docs/.build/
 * (gitignored) — the spec with a permalink and a trace under every clause, the traceability
 * matrix, the property catalog, the reports, every source file as a page with line anchors, the
 * playground — then runs typedoc over them (docs/render.ts) into docs/site/.
 *
 * Links in the generated markdown name what they point at, `mll:KEY#anchor`, KEY being a
 * repository path (`spec/bleeding.md`, `src:reference/lock.ts`) or a page (`page:catalog`); the
 * renderer turns each into a relative link and fails on one that names nothing.
 * @module
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build as esbuild } from 'esbuild';
import { clauseForResult } from '../properties/differential/clauses.js';
import { functionNames } from '../reference/index.js';
import type { PlaygroundData } from './playground/app.js';
import { dirname, join, posix, relative } from 'node:path';
import { catalog } from '../properties/catalog.js';
import { collect } from '../scripts/trace.js';
import { render } from './render.js';
import type { Implementation } from './sources.js';
import { filesUnder, firstCitations, implementations, plantedBugs, root } from './sources.js';

export const BUILD = join(root, 'docs/.build');

/** Every file rendered as a source page. */
export const sourceFiles = filesUnder(
  ['reference', 'contracts', 'properties', 'cli', 'test', 'scripts', 'docs', 'gas', 'bench', 'mutation'],
  (name) => /\.(ts|sol|json)$/.test(name),
)
  .filter((file) => !file.startsWith('docs/site/') && !file.startsWith('docs/.build/') && !file.startsWith('test/fixtures/'))
  .concat(
    filesUnder(['spec'], (name) => name.endsWith('.json')),
    filesUnder(['reports'], (name) => name.endsWith('.txt')),
    filesUnder(['bin'], (name) => name.endsWith('.mjs')),
    filesUnder(['foundry', 'examples'], (name) => /\.(sol|ts|json|toml|md|yml)$/.test(name)),
  );

const escapeHtml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\{/g, '&#123;')
    .replace(/\}/g, '&#125;')
    .replace(/@/g, '&#64;')
    .replace(/\[/g, '&#91;')
    .replace(/\]/g, '&#93;')
    .replace(/\(/g, '&#40;')
    .replace(/`/g, '&#96;');
const escapeCell = (text: string): string => text.replace(/\|/g, '\\|');
const frontmatter = (title: string, key: string, children: readonly string[] = []): string =>
  [
    '---',
    `title: ${JSON.stringify(title)}`,
    `mll: ${JSON.stringify(key)}`,
    ...(children.length ? ['children:', ...children.map((c) => `  - ${c}`)] : []),
    '---',
    '',
  ].join('\n');

function write(path: string, text: string): void {
  const full = join(BUILD, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
}

/** A link to `target` (repository-relative, `#anchor` allowed) written in the repository file `from`: a site link, or null when it points at nothing the site has. */
function siteLink(from: string, target: string, pages: ReadonlyMap<string, string>): string | null {
  if (/^[a-z]+:/i.test(target) || target.startsWith('#')) return target;
  const [path, anchor] = target.split('#') as [string, string | undefined];
  const repoPath = posix.normalize(posix.join(posix.dirname(from), path)).replace(/\/$/, '');
  const suffix = anchor === undefined ? '' : `#${anchor}`;
  if (pages.has(repoPath)) return `mll:${pages.get(repoPath)}${suffix}`;
  if (sourceFiles.includes(repoPath)) return `mll:src:${repoPath}${suffix}`;
  return null;
}

/** GitHub's anchor for a heading, which links written for the repository use. */
const githubSlug = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/ /g, '-');
/** typedoc's anchor for the same heading (code spans dropped). */
const typedocSlug = (heading: string): string =>
  heading
    .replace(/`[^`]*`/g, '')
    .trim()
    .replace(/[\u2000-\u206F\u2E00-\u2E7F\\'!"#$%&()*+,./:;<=>?@[\]^`{|}~]/g, '')
    .replace(/\s/g, '-')
    .replace(/--+/, '-')
    .toLowerCase();

/** Puts GitHub's anchor before every heading whose typedoc anchor differs, so links written for the repository land. */
function githubAnchors(text: string): string {
  let fenced = false;
  return text
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
      const heading = fenced ? null : /^#{1,6} (.+)$/.exec(line)?.[1];
      if (heading === undefined || heading === null) return line;
      const slug = githubSlug(heading);
      return slug === typedocSlug(heading) || /^MLL-/.test(heading) ? line : `<a id="${slug}"></a>\n\n${line}`;
    })
    .join('\n');
}

/** Rewrites a markdown file's links: repository files to their pages, images to their files from docs/.build. */
function rewriteLinks(from: string, text: string, pages: ReadonlyMap<string, string>, buildPath: string): string {
  return githubAnchors(text).replace(/(!?)\[([^\]]*)\]\(([^)\s]+)\)/g, (whole, bang: string, label: string, target: string) => {
    if (bang === '!') {
      const image = posix.join(posix.dirname(from), target);
      return `![${label}](${posix.relative(posix.dirname(posix.join('docs/.build', buildPath)), image)})`;
    }
    const link = siteLink(from, target, pages);
    if (link === null) throw new Error(`${from}: the link ${whole} points outside the site`);
    return `[${label}](${link})`;
  });
}

/** The figures of bench/results.json as the page's last section, generated from the file at every build. */
function benchFigures(): string {
  const r = JSON.parse(readFileSync(join(root, 'bench/results.json'), 'utf8')) as {
    measuredAt: string;
    machine: { cpu: string; cores: number; node: string };
    rounds: number;
    referenceStepsPerSec: number;
    evmCallsPerSec: Record<string, number>;
    evmObservationsPerSec: Record<string, number>;
    diffStepsPerSec: Record<string, number>;
    diffStepsPerSecAllCores: number;
    vectorGenerationStepsPerSec: number;
    foundryReplay: { testTime: number; viewsStripped: number; embeddedSameFixtures: number };
    foundryCampaign: { testTime: number };
    vectorsRouteStepsPerSec: { testTime: number };
    mainJobEngines: {
      steps: number;
      embedded: { wallSeconds: number; stepsPerSec: number };
      native: { wallSeconds: number; stepsPerSec: number };
      both: { wallSeconds: number };
    };
    ratios: { foundryReplayOverEmbeddedDifferential: number; foundryReplayOverEmbeddedReplay: number; vectorsRouteOverCampaign: number };
  };
  const row = (what: string, figures: Record<string, number>) => `| ${what} | ${figures['fast'] ?? '—'} | ${figures['stock'] ?? '—'} |`;
  return [
    '',
    '## Figures (bench/results.json)',
    '',
    `Generated by \`npm run docs\` from bench/results.json, measured ${r.measuredAt.slice(0, 10)} on ${r.machine.cores} cores (${r.machine.cpu}, Node ${r.machine.node}), medians of ${r.rounds} rounds; \`npm run bench\` measures again.`,
    '',
    '| per second | fast engine | stock engine |',
    '|---|---|---|',
    `| reference steps | ${r.referenceStepsPerSec} | |`,
    row('EVM calls', r.evmCallsPerSec),
    row('EVM observations (getLockStatus)', r.evmObservationsPerSec),
    row('differential steps, one core', r.diffStepsPerSec),
    `| differential steps, all cores | ${r.diffStepsPerSecAllCores} | |`,
    '',
    '| vectors, one core | per second | by |',
    '|---|---|---|',
    `| fixture generation, reference only (steps) | ${r.vectorGenerationStepsPerSec} | wall |`,
    `| Foundry replay (steps) | ${r.foundryReplay.testTime} | forge's test time |`,
    `| Foundry replay, the views taken out (steps) | ${r.foundryReplay.viewsStripped} | forge's test time |`,
    `| the same fixtures on the embedded EVM, fast engine (steps) | ${r.foundryReplay.embeddedSameFixtures} | wall |`,
    `| vectors route, generate then replay (steps) | ${r.vectorsRouteStepsPerSec.testTime} | test time |`,
    `| forge invariant campaign, the peer (calls) | ${r.foundryCampaign.testTime} | forge's test time |`,
    '',
    `| the main job, \`mll check --engine E --property P-DIFFERENTIAL --steps ${r.mainJobEngines.steps}\`, all cores | wall seconds | steps per wall second |`,
    '|---|---|---|',
    `| embedded | ${r.mainJobEngines.embedded.wallSeconds} | ${r.mainJobEngines.embedded.stepsPerSec} |`,
    `| native | ${r.mainJobEngines.native.wallSeconds} | ${r.mainJobEngines.native.stepsPerSec} |`,
    `| both | ${r.mainJobEngines.both.wallSeconds} | |`,
    '',
    `Ratios: the Foundry replay is ${r.ratios.foundryReplayOverEmbeddedDifferential}× the embedded differential (target ≥ 10×) and ${r.ratios.foundryReplayOverEmbeddedReplay}× the embedded EVM on the same fixtures; the vectors route is ${r.ratios.vectorsRouteOverCampaign}× the campaign (target ≥ 1×). What limits each: the section above.`,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const started = Date.now();
  const trace = collect();
  const known = new Set(trace.known.keys());
  const implementedBy = implementations(
    [...filesUnder(['reference'], (n) => n.endsWith('.ts')), ...filesUnder(['contracts'], (n) => n.endsWith('.sol'))],
    known,
  );
  const cited = firstCitations(sourceFiles, known);
  const planted = plantedBugs();
  rmSync(BUILD, { recursive: true, force: true });

  // The spec's pages in the order spec/README.md lists them, then any it does not list.
  const listed = [...readFileSync(join(root, 'spec/README.md'), 'utf8').matchAll(/\]\(([\w-]+\.md)\)/g)].map((m) => `spec/${m[1]}`);
  const specFiles = filesUnder(['spec'], (n) => n.endsWith('.md'))
    .filter((f) => f !== 'spec/README.md' && f !== 'spec/traceability.md')
    .sort((a, b) => (listed.indexOf(a) + 1 || 1e9) - (listed.indexOf(b) + 1 || 1e9) || a.localeCompare(b));
  /** Repository markdown → the key of the page that renders it. */
  const pages = new Map<string, string>([
    ['README.md', 'page:index'],
    ['spec/README.md', 'spec/README.md'],
    ['spec/traceability.md', 'page:traceability'],
    ['docs/charts.md', 'docs/charts.md'],
    ['reports/mutation.md', 'reports/mutation.md'],
    ['reports/caught-by.md', 'reports/caught-by.md'],
    ['gas/README.md', 'gas/README.md'],
    ['bench/README.md', 'bench/README.md'],
    ['docs/reports.md', 'docs/reports.md'],
    ...specFiles.map((f) => [f, f] as const),
  ]);

  const srcLink = (file: string, line?: number) => `mll:src:${file}${line === undefined ? '' : `#L${line}`}`;
  const implLinks = (impls: readonly Implementation[]) =>
    impls.map((i) => `[${i.file.endsWith('.sol') ? `${i.name} L${i.line}` : i.name}](${srcLink(i.file, i.line)})`).join(' · ');
  const checkerLink = (entry: string, clause: string) =>
    entry.startsWith('P-') ? `[${entry}](mll:page:catalog#${entry})` : `[${entry}](${srcLink(entry, cited.get(entry)?.get(clause))})`;
  const traceOf = (id: string) => {
    const checkers = [...new Set([...(trace.known.get(id)?.checkedBy ?? []), ...(trace.citedBy.get(id) ?? [])])];
    const impls = implementedBy.get(id) ?? [];
    return {
      checkers,
      reference: impls.filter((i) => i.file.startsWith('reference/')),
      contract: impls.filter((i) => i.file.startsWith('contracts/')),
    };
  };

  // The spec: an explicit anchor before every clause, its "Checked by:" line replaced by the generated trace.
  /** A spec page's title: its heading without the areas, "Bleeding (MLL-BLD)" → "Bleeding". */
  const specTitle = (file: string) =>
    (/^# (.+)$/m.exec(readFileSync(join(root, file), 'utf8'))?.[1] ?? file).replace(/\s*\(MLL-[^)]*\)$/, '');
  for (const file of ['spec/README.md', ...specFiles]) {
    const out: string[] = [];
    let clause: string | null = null;
    for (const line of readFileSync(join(root, file), 'utf8').split('\n')) {
      const heading = /^### (MLL-[A-Z]{2,5}-\d{3}) — /.exec(line);
      if (heading !== null) {
        clause = heading[1]!;
        out.push(`<a id="${clause}"></a>`, '', line);
      } else if (clause !== null && line.startsWith('Checked by:')) {
        const { checkers, reference, contract } = traceOf(clause);
        out.push(
          `<div class="mll-trace">`,
          '',
          `**Checked by** ${checkers.map((c) => checkerLink(c, clause!)).join(' · ')}<br>`,
          `**Reference** ${reference.length ? implLinks(reference) : '—'}<br>`,
          `**Contract** ${contract.length ? implLinks(contract) : '—'}`,
          '',
          `</div>`,
        );
      } else out.push(line);
      if (line.startsWith('## ')) clause = null;
    }
    const text = rewriteLinks(file, out.join('\n'), pages, file);
    const children = file === 'spec/README.md' ? specFiles.map((f) => posix.relative('spec', f)) : [];
    write(file, frontmatter(file === 'spec/README.md' ? 'Specification' : specTitle(file), file, children) + text);
  }

  // Traceability: clause × reference × contract × tests × properties.
  const specOrder = (file: string) => specFiles.indexOf(file);
  const inForce = trace.clauses.filter((c) => c.replacedBy === null);
  write(
    'traceability.md',
    frontmatter('Traceability', 'page:traceability') +
      [
        '# Traceability',
        '',
        `Generated by \`npm run docs\` from the citations \`npm run trace\` collects (\`spec/*.md\`, \`test/**/*.test.ts\`, properties/catalog.ts) and from the comments in reference/ and contracts/ that cite each clause, in the spec's order. ${inForce.length} clauses in force, ${trace.clauses.length - inForce.length} withdrawn.`,
        '',
        '<div class="mll-matrix">',
        '',
        '| clause | title | reference | contract | tests | properties |',
        '|---|---|---|---|---|---|',
        ...[...trace.clauses]
          .sort((a, b) => specOrder(a.file) - specOrder(b.file))
          .map((c) => {
            const title = escapeCell(c.title.replace(' *(withdrawn)*', ''));
            const link = `[${c.id}](mll:${c.file}#${c.id})`;
            if (c.replacedBy !== null) return `| ${link} | ${title} (withdrawn) | replaced by ${c.replacedBy.join(', ')} | | | |`;
            const { checkers, reference, contract } = traceOf(c.id);
            const tests = checkers.filter((x) => !x.startsWith('P-'));
            const props = checkers.filter((x) => x.startsWith('P-'));
            return `| ${link} | ${title} | ${implLinks(reference)} | ${implLinks(contract)} | ${tests.map((t) => checkerLink(t, c.id)).join(' · ')} | ${props.map((p) => checkerLink(p, c.id)).join(' · ')} |`;
          }),
        '',
        '</div>',
        '',
      ].join('\n'),
  );

  // The property catalog, from properties/catalog.ts and the planted bugs that make each fail.
  const catalogLines = readFileSync(join(root, 'properties/catalog.ts'), 'utf8').split('\n');
  write(
    'catalog.md',
    frontmatter('Property catalog', 'page:catalog') +
      [
        '# Property catalog',
        '',
        `Generated by \`npm run docs\` from [properties/catalog.ts](${srcLink('properties/catalog.ts')}) and test/planted/*.test.ts: ${catalog.length} properties, each with the clauses a failure of it violates and the planted bugs it is shown to catch.`,
        '',
        '| property | title | clauses | planted bugs |',
        '|---|---|---|---|',
        ...catalog.map(
          (p) =>
            `| [${p.id}](#${p.id}) | ${escapeCell(p.title)} | ${p.clauses.join(', ')} | ${planted.filter((b) => b.property === p.id).length} |`,
        ),
        '',
        ...catalog.flatMap((p) => {
          const line = catalogLines.findIndex((l) => l.includes(`'${p.id}'`)) + 1;
          const bugs = planted.filter((b) => b.property === p.id);
          return [
            `<a id="${p.id}"></a>`,
            '',
            `## ${p.id} — ${p.title}`,
            '',
            p.rule,
            '',
            `- **Clauses:** ${p.clauses.map((c) => `[${c}](mll:${trace.known.get(c)?.file ?? 'spec/README.md'}#${c})`).join(', ')}`,
            `- **Subject:** ${p.subject === 'specification' ? "the specification (the reference's arithmetic, whatever the implementation)" : 'the implementation checked'}`,
            `- **Defined at:** [properties/catalog.ts L${line}](${srcLink('properties/catalog.ts', line > 0 ? line : undefined)})`,
            bugs.length === 0
              ? '- **Planted bugs:** none planted in test/planted'
              : `- **Planted bugs that make it fail:**\n${bugs.map((b) => `  - ${b.bug} — [${b.file}](${srcLink(b.file, b.line)}), expected to break ${b.clause}`).join('\n')}`,
            '',
          ];
        }),
      ].join('\n'),
  );

  // Pages copied from the repository with their links made site links.
  const copy = (file: string, title: string, key = file) =>
    write(file, frontmatter(title, key) + rewriteLinks(file, readFileSync(join(root, file), 'utf8'), pages, file));
  copy('docs/charts.md', 'Charts');
  copy('reports/mutation.md', 'Mutation report');
  copy('reports/caught-by.md', 'Caught by: the known-bad variants');
  copy('gas/README.md', 'Gas');
  copy('docs/reports.md', 'Reports for machines');
  write(
    'bench/README.md',
    frontmatter('Benchmarks', 'bench/README.md') +
      rewriteLinks('bench/README.md', readFileSync(join(root, 'bench/README.md'), 'utf8'), pages, 'bench/README.md') +
      benchFigures(),
  );
  write(
    'reports.md',
    frontmatter('Reports', 'page:reports', [
      'reports/mutation.md',
      'reports/caught-by.md',
      'gas/README.md',
      'bench/README.md',
      'docs/reports.md',
    ]) +
      '# Reports\n\nGenerated where they are measured; each names the command that writes it.\n\n- [Mutation report](mll:reports/mutation.md)\n- [Caught by: each property alone on each known-bad variant](mll:reports/caught-by.md)\n- [Gas](mll:gas/README.md)\n- [Benchmarks](mll:bench/README.md)\n- [Reports for machines: mll check --report](mll:docs/reports.md)\n',
  );
  write('README.md', rewriteLinks('README.md', readFileSync(join(root, 'README.md'), 'utf8'), pages, 'README.md'));

  // Source pages: every line anchored (#L12).
  for (const file of sourceFiles) {
    const lines = readFileSync(join(root, file), 'utf8').replace(/\n$/, '').split('\n');
    const body = lines
      .map((l, i) => `<span class="mll-line" id="L${i + 1}"><a class="mll-ln" href="#L${i + 1}">${i + 1}</a>${escapeHtml(l)}</span>`)
      .join('');
    write(`source/${file}.md`, frontmatter(file, `src:${file}`) + `# ${file}\n\n<pre class="mll-source"><code>${body}</code></pre>\n`);
  }
  write(
    'source.md',
    frontmatter(
      'Source',
      'page:source',
      sourceFiles.map((f) => `source/${f}.md`),
    ) +
      `# Source\n\nEvery file of the reference, the contract, the property suites and the tests, rendered with line anchors.\n\n${sourceFiles.map((f) => `- [${f}](mll:src:${f})`).join('\n')}\n`,
  );
  // The playground: the page, and what the bundle needs to know (docs/playground/app.ts).
  write(
    'playground.md',
    frontmatter('Playground', 'page:playground') +
      `# Playground

Set the parameters, build a timeline of calls — who, what, when, with what value — or load a saved counterexample (test/regressions/*.json), then step through it. Each step runs on the reference itself (reference/, bundled for the browser unchanged): the outcome or the named revert, the events, both parties' \`getPartyStatus\`, the pool, and the clauses that applied. **Share** puts the timeline into the link.

<div id="mll-playground" class="mll-playground"></div>

<div hidden>${trace.clauses.map((c) => `<a data-clause="${c.id}" href="mll:${c.file}#${c.id}">${c.id}</a>`).join('')}</div>

<script type="module" src="mll:asset:playground.js"></script>
`,
  );
  const referenceClauses = (names: readonly string[]) =>
    [...implementedBy]
      .filter(([, impls]) => impls.some((i) => i.file.startsWith('reference/') && names.includes(i.name)))
      .map(([id]) => id)
      .sort();
  const kebab = (name: string) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.ts`;
  const revertNames = [...readFileSync(join(root, 'reference/errors.ts'), 'utf8').matchAll(/name: '(\w+)'/g)].map((m) => m[1]!);
  const playground: PlaygroundData = {
    regressions: filesUnder(['test/regressions'], (n) => n.endsWith('.json')).map((f) => ({
      name: posix.basename(f, '.json'),
      text: readFileSync(join(root, f), 'utf8'),
    })),
    clausesOfFunction: Object.fromEntries([
      ...functionNames.map((fn) => [fn, referenceClauses([fn, kebab(fn)])] as const),
      ['deploy', referenceClauses(['deploy', 'validateParams', 'initialState'])],
      ['force', referenceClauses(['forceEther', 'surplus'])],
      ['time', referenceClauses(['getPoolState', 'getPartyStatus', 'getLockStatus'])],
    ]),
    clauseOfRevert: Object.fromEntries(
      revertNames.map((revert) => [revert, clauseForResult('withdraw', { ok: false, revert, args: [] }, { ok: false, revert, args: [] })]),
    ),
    clausesOfEvent: { BleedingApplied: ['MLL-BLD-006'] },
  };

  console.log(
    `docs/build: ${trace.clauses.length} clauses, ${catalog.length} properties, ${planted.length} planted bugs, ${sourceFiles.length} source pages into ${relative(root, BUILD)}`,
  );

  const count = await render({
    clauses: new Map(trace.clauses.map((c) => [c.id, c.file])),
    properties: new Set(catalog.map((p) => p.id)),
    sources: new Set(sourceFiles),
    titles: new Map([
      ...trace.clauses.map((c) => [c.id, c.title.replaceAll('*', '')] as const),
      ...catalog.map((p) => [p.id, p.title] as const),
    ]),
  });
  await esbuild({
    entryPoints: [join(root, 'docs/playground/app.ts')],
    outfile: join(root, 'docs/site/assets/playground.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    logLevel: 'warning',
    define: { __MLL_PLAYGROUND__: JSON.stringify(playground) },
  });
  console.log(`docs/build: ${count} pages in docs/site, ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

await main();
