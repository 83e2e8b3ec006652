// The site's search, told about IDs: typedoc's index ranks pages by the words in them, so a clause
// ID typed into the search box would list every page that mentions it. When the box holds exactly
// a clause or property ID, its permalink (from assets/mll-ids.js, written by docs/render.ts) is
// put first in the results. Loaded by typedoc as customJs (assets/custom.js).
(() => {
  const base = () => {
    const root = document.documentElement.dataset.base ?? './';
    return root.endsWith('/') ? root : `${root}/`;
  };
  const index = document.createElement('script');
  index.src = `${base()}assets/mll-ids.js`;
  document.head.append(index);

  const escape = (text) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

  /** Puts the typed ID's permalink first, once; typedoc redraws the list on every input. */
  function offerId(input, results) {
    const id = input.value.trim().toUpperCase();
    const entry = window.mllIds?.[id];
    const offered = results.querySelector('li.mll-id-result');
    if (offered !== null && offered.dataset.id === id && results.firstElementChild === offered) return;
    offered?.remove();
    if (entry === undefined) return;
    const [url, title] = entry;
    const item = document.createElement('li');
    item.className = 'mll-id-result';
    item.id = 'mll-id-result';
    item.setAttribute('role', 'option');
    item.dataset.id = id;
    item.innerHTML = `<a href="${escape(base() + url)}"><span>${escape(id)}</span>${title ? ` — ${escape(title)}` : ''}</a>`;
    results.prepend(item);
    document.getElementById('tsd-search-status')?.replaceChildren();
  }

  document.addEventListener('DOMContentLoaded', () => {
    const input = document.getElementById('tsd-search-input');
    const results = document.getElementById('tsd-search-results');
    if (input === null || results === null) return;
    new MutationObserver(() => offerId(input, results)).observe(results, { childList: true });
    input.addEventListener('input', () => setTimeout(() => offerId(input, results), 250));
    input.addEventListener('keydown', (event) => {
      const offered = results.querySelector('li.mll-id-result a');
      if (event.key === 'Enter' && offered !== null && input.getAttribute('aria-activedescendant') === null) offered.click();
    });
  });
})();
