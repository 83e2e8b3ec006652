/**
 * Runs typedoc (typedoc.json) over the pages docs/build.ts wrote, and finishes every page as it is
 * rendered: `mll:` links made relative links, and every clause ID, property ID and repository
 * file named in text made a link to its clause, its catalog entry or its source page. A link
 * that names nothing fails the build.
 * @module
 */
import { writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { PageEvent, Reflection, RendererEvent } from 'typedoc';
import { Application, PageEvent as PageEvents, Renderer } from 'typedoc';

export interface Targets {
  /** Clause ID → the key of its spec page. */
  readonly clauses: ReadonlyMap<string, string>;
  readonly properties: ReadonlySet<string>;
  /** Repository files with a source page. */
  readonly sources: ReadonlySet<string>;
  /** Clause and property ID → its title: what the search shows beside the ID. */
  readonly titles: ReadonlyMap<string, string>;
}

const ID_OR_PATH =
  /(?<![\w-])(?:MLL-[A-Z]{2,5}-\d{3}|P-[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*)(?![\w-])|(?<![\w/.-])(?:reference|contracts|properties|test|scripts|docs|gas|bench|mutation)\/[\w./-]*\w(?![\w-])/g;

/** Links what `text` (an HTML text node) names, with `href` resolving a key. */
function linkText(text: string, targets: Targets, href: (key: string) => string): string {
  return text.replace(ID_OR_PATH, (name: string) => {
    if (targets.clauses.has(name)) return `<a class="mll-clause" href="${href(`${targets.clauses.get(name)}#${name}`)}">${name}</a>`;
    if (targets.properties.has(name)) return `<a class="mll-property" href="${href(`page:catalog#${name}`)}">${name}</a>`;
    if (targets.sources.has(name)) return `<a class="mll-file" href="${href(`src:${name}`)}">${name}</a>`;
    return name;
  });
}

/** Links the text of a page's content (never inside a link, a script, a style or the head). */
export function linkPage(html: string, targets: Targets, href: (key: string) => string): string {
  const parts = html.split(/(<[^>]*>)/);
  let blocked = 0;
  let inBody = false;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.startsWith('<')) {
      const tag = /^<(\/?)([a-zA-Z0-9]+)/.exec(part);
      if (tag === null) continue;
      const [, closing, name] = tag;
      const lower = name!.toLowerCase();
      if (lower === 'body') inBody = closing === '';
      if (['a', 'script', 'style', 'title', 'textarea', 'button', 'select', 'option'].includes(lower) && !part.endsWith('/>'))
        blocked += closing ? -1 : 1;
    } else if (inBody && blocked === 0 && part !== '') parts[i] = linkText(part, targets, href);
  }
  return parts.join('');
}

/** Renders docs/site from the pages in docs/.build; returns the number of pages. */
export async function render(targets: Targets): Promise<number> {
  const app = await Application.bootstrapWithPlugins({ options: 'typedoc.json' });
  let time = Date.now();
  const project = await app.convert();
  console.log(`typedoc: converted in ${((Date.now() - time) / 1000).toFixed(1)} s`);
  time = Date.now();
  if (project === undefined || app.logger.hasErrors()) throw new Error('typedoc: conversion failed');
  const urls = new Map<string, string>();
  const unresolved: string[] = [];
  let count = 0;
  app.renderer.on(Renderer.EVENT_BEGIN, (event: RendererEvent) => {
    for (const page of event.pages) {
      const model = page.model as Reflection;
      if (page.url === 'index.html') urls.set('page:index', page.url);
      urls.set('asset:playground.js', 'assets/playground.js');
      if (model.isDocument()) {
        const key = model.frontmatter['mll'];
        if (typeof key === 'string') urls.set(key, page.url);
      }
    }
  });
  app.renderer.on(PageEvents.END, (page: PageEvent) => {
    if (page.contents === undefined) return;
    count++;
    const href = (key: string): string => {
      const [name, anchor] = key.split('#') as [string, string | undefined];
      const target = urls.get(name);
      if (target === undefined) {
        unresolved.push(`${page.url}: mll:${key}`);
        return '#';
      }
      const relative = target === page.url ? '' : posix.relative(posix.dirname(page.url), target);
      return `${relative}${anchor === undefined ? '' : `#${anchor}`}`;
    };
    let html = page.contents.replace(
      /(href|src)="mll:([^"]*)"/g,
      (_whole, attribute: string, key: string) => `${attribute}="${href(key.replace(/&amp;/g, '&'))}"`,
    );
    html = linkPage(html, targets, href);
    // The ids written into the markdown are anchors too (typedoc checks links against its own headings only).
    const slugger = app.renderer.router?.getSlugger(page.model) as unknown as { seen: Map<string, number> } | undefined;
    if (slugger !== undefined) for (const [, id] of html.matchAll(/ id="([^"]+)"/g)) slugger.seen.set(id!, 0);
    page.contents = html;
  });
  const out = app.options.getValue('out');
  await app.generateDocs(project, out);
  console.log(`typedoc: rendered in ${((Date.now() - time) / 1000).toFixed(1)} s`);
  writeIdIndex(join(out, 'assets', 'mll-ids.js'), targets, urls);
  if (unresolved.length > 0) throw new Error(`links that name nothing:\n${unresolved.join('\n')}`);
  if (app.logger.hasErrors()) throw new Error('typedoc: rendering failed');
  return count;
}

/**
 * The site's search finds words in pages, not where a clause stands: assets/mll-ids.js maps every
 * clause and property ID to its permalink (from the site's root) and title, for docs/id-search.js
 * to offer as the first result when the search box holds exactly that ID.
 */
function writeIdIndex(path: string, targets: Targets, urls: ReadonlyMap<string, string>): void {
  const entries: Record<string, readonly [string, string]> = {};
  const permalink = (page: string | undefined, id: string): string => {
    const url = page === undefined ? undefined : urls.get(page);
    if (url === undefined) throw new Error(`the search index: no page for ${id}`);
    return `${url}#${id}`;
  };
  for (const [id, page] of targets.clauses) entries[id] = [permalink(page, id), targets.titles.get(id) ?? ''];
  for (const id of targets.properties) entries[id] = [permalink('page:catalog', id), targets.titles.get(id) ?? ''];
  writeFileSync(path, `window.mllIds = ${JSON.stringify(entries)};\n`);
}
