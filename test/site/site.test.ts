/**
 * The site, built as `npm run docs` builds it and read in a real browser (headless Chromium from
 * @sparticuz/chromium, driven by puppeteer-core): the index opens; a clause leads to the property
 * that checks it and to the reference function that implements it; every chart loads; no page
 * logs an error; the playground, loaded with a saved counterexample and stepped to its end,
 * shows the final shares the reference computes in Node for the same timeline, and a shared link
 * reopens the same timeline; every internal link of the built site resolves to a file and an
 * anchor, and every clause ID shown is a link; the search box takes a clause or property ID to it.
 * Screenshots go to reports/site/ for a reviewer who does not build.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import chromium from '@sparticuz/chromium';
import type { Browser, Page } from 'puppeteer-core';
import puppeteer from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLinks, unlinkedClauseIds } from '../../docs/check-links.js';
import { PARTY_A, PARTY_B } from '../../properties/actors.js';
import { catalog } from '../../properties/catalog.js';
import type { Observation } from '../../properties/driver.js';
import { ReferenceDriver } from '../../properties/drivers/reference.js';
import { perform } from '../../properties/run-scenario.js';
import type { Regression } from '../../properties/runners/regressions.js';
import { loadRegressions } from '../../properties/runners/regressions.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const site = join(root, 'docs/site');
const shots = join(root, 'reports/site');
const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
};

let browser: Browser;
let page: Page;
let base: string;
const errors: string[] = [];
const server = createServer((request, response) => {
  const path = normalize(join(site, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)));
  try {
    const body = readFileSync(path.endsWith('/') ? join(path, 'index.html') : path);
    response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
  } catch {
    response.writeHead(404).end();
  }
});

/** Opens a page of the site and waits for typedoc's script to show it. */
async function open(path: string): Promise<void> {
  await page.goto(`${base}/${path}`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.body.style.display !== 'none');
}

const shoot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`) });

beforeAll(async () => {
  const started = Date.now();
  execFileSync(join(root, 'node_modules/.bin/tsx'), ['docs/build.ts'], { cwd: root, stdio: 'pipe' });
  console.log(`site built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  mkdirSync(shots, { recursive: true });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await puppeteer.launch({ executablePath: await chromium.executablePath(), args: chromium.args, headless: true });
  page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 860 });
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${String(error)}`));
  page.on('requestfailed', (request) => errors.push(`${page.url()}: request failed ${request.url()}`));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server.close();
});

describe('the site in a browser', () => {
  it('opens the index, with one README in the sidebar', async () => {
    await open('index.html');
    expect(await page.title()).toContain('Mutual Liquidity Lock');
    await page.waitForSelector('.site-menu a');
    // Documentation pages, the rendered source files (which may be named README) aside.
    const entries = await page.$$eval('.site-menu a', (links) =>
      links.filter((a) => !a.href.includes('Source.')).map((a) => a.textContent?.trim() ?? ''),
    );
    expect(entries).toContain('Specification');
    expect(entries.filter((e) => /README/i.test(e))).toEqual([]);
    await shoot('index');
  });

  it('follows a clause to the property that checks it and to the reference function', async () => {
    // The clause is the property's own (named through the catalog, so this file cites no clause).
    const property = catalog.find((p) => p.id === 'P-POKE-INVARIANCE')!;
    const clause = property.clauses[0]!;
    await open('documents/Traceability.html');
    await Promise.all([page.waitForNavigation(), page.click(`.mll-matrix a[href$="#${clause}"]`)]);
    await page.waitForFunction(() => document.body.style.display !== 'none');
    expect(new URL(page.url()).hash).toBe(`#${clause}`);
    expect(await page.$(`[id="${clause}"]`)).not.toBeNull();
    await shoot('clause');
    // The trace under the clause: the property …
    const trace = `h3:has(a[href="#${clause}"]) ~ .mll-trace`;
    await Promise.all([page.waitForNavigation(), page.click(`${trace} a[href*="#${property.id}"]`)]);
    expect(page.url()).toMatch(new RegExp(`Property_catalog\\.html#${property.id}$`));
    expect(await page.$eval(`[id="${property.id}"]`, (a) => (a.closest('p') ?? a).nextElementSibling?.textContent)).toContain(
      `${property.id} —`,
    );
    await shoot('property');
    // … and the reference function that implements it, at its line.
    await page.goBack({ waitUntil: 'load' });
    const reference = `${trace} a[href*="Source.reference_"]`;
    const name = await page.$eval(reference, (a) => a.textContent ?? '');
    await Promise.all([page.waitForNavigation(), page.click(reference)]);
    const line = new URL(page.url()).hash.slice(1);
    expect(line).toMatch(/^L\d+$/);
    expect(await page.$eval(`[id="${line}"]`, (span) => span.textContent)).toContain(`function ${name}(`);
    await shoot('reference');
  });

  it('finds a clause and a property by ID in the search box, first, and goes to it on Enter', async () => {
    const property = catalog.find((p) => p.id === 'P-EXIT-RULES')!;
    for (const [id, target] of [
      [property.clauses[0]!, /\/Specification\.[^/]+\.html$/],
      [property.id, /Property_catalog\.html$/],
    ] as const) {
      await open('documents/Traceability.html');
      await page.click('#tsd-search-trigger');
      await page.type('#tsd-search-input', id.toLowerCase());
      await page.waitForSelector('#tsd-search-results li.mll-id-result');
      const first = await page.$eval('#tsd-search-results li', (li) => li.textContent ?? '');
      expect(first.startsWith(id)).toBe(true);
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      const url = new URL(page.url());
      expect(url.hash).toBe(`#${id}`);
      expect(url.pathname).toMatch(target);
      expect(await page.$(`[id="${id}"]`)).not.toBeNull();
    }
    await shoot('search');
  });

  it('loads every chart', async () => {
    await open('documents/Charts.html');
    const images = await page.$$eval('.col-content img', (imgs) =>
      imgs.map((img) => ({ src: img.getAttribute('src'), ok: img.complete && img.naturalWidth > 0 })),
    );
    expect(images.length).toBeGreaterThanOrEqual(4);
    expect(images.filter((i) => !i.ok)).toEqual([]);
    await shoot('charts');
  });

  it('logs no console error on the pages visited', async () => {
    for (const path of ['documents/Traceability.html', 'documents/Specification.html', 'documents/Reports.Gas.html']) await open(path);
    expect(errors).toEqual([]);
  });
});

/** The reference's run of a saved timeline in Node, through the suite's own reference driver: the views after its last step. */
async function referenceRun(regression: Regression): Promise<Observation> {
  const driver = new ReferenceDriver(regression.world.setup);
  const deployed = await driver.deploy(regression.world.params, regression.world.deployTime);
  expect(deployed.ok).toBe(true);
  let time = regression.world.deployTime;
  for (const step of regression.steps) {
    time = step.time;
    if (step.action !== undefined) await perform(driver, step.action, step.time);
  }
  return driver.observe(time);
}

describe('the playground', () => {
  const shares = () => page.$$eval('[data-field="A.share"], [data-field="B.share"]', (cells) => cells.map((c) => c.textContent));

  it('steps a saved counterexample to its end and shows the shares the reference computes in Node', async () => {
    const regression = loadRegressions().sort((a, b) => b.steps.length - a.steps.length)[0]!;
    expect([regression.world.params.partyA, regression.world.params.partyB]).toEqual([PARTY_A, PARTY_B]);
    await open('documents/Playground.html');
    await page.waitForSelector('select[name=saved]');
    await page.select('select[name=saved]', regression.name);
    await page.click('button[name=load]');
    for (let i = 0; i < regression.steps.length; i++) await page.click('button[name=step]');
    expect(await page.$eval('#mll-playground', (root) => (root as HTMLElement).dataset['position'])).toBe(String(regression.steps.length));
    const expected = await referenceRun(regression);
    expect(await shares()).toEqual([expected.A.share.toString(), expected.B.share.toString()]);
    await page.$eval('.mll-timeline', (table) => table.scrollIntoView());
    await shoot('playground');

    // The shared link reopens the same timeline.
    await page.click('button[name=share-button]');
    const link = await page.$eval('input[name=share]', (input) => input.value);
    expect(link).toContain('#timeline=');
    await page.goto('about:blank');
    await page.goto(link, { waitUntil: 'load' });
    await page.waitForSelector('button[name=end]');
    await page.click('button[name=end]');
    expect(await shares()).toEqual([expected.A.share.toString(), expected.B.share.toString()]);
    expect(errors).toEqual([]);
  });
});

describe('the built site', () => {
  it('has no internal link that fails to resolve to a file and an anchor, and none leaving the site', () => {
    const { problems, pages, links } = checkLinks(site);
    expect(pages).toBeGreaterThan(100);
    expect(links).toBeGreaterThan(1000);
    expect(problems).toEqual([]);
  });

  it('links every clause ID it shows', () => {
    expect(unlinkedClauseIds(site)).toEqual([]);
  });
});
