// Keyboard-only flows through the site. Each flow is `async (page, baseUrl) => void` and
// throws an Error that says what went wrong. After `page.goto` a flow uses only the
// keyboard (Tab, Shift+Tab, Enter, Space, typing): no mouse, no `locator.click()`.
//
// Elements are found by what they are (ids, roles, labels, `hreflang`), not by position,
// so small markup changes do not break the flows. The few texts that are matched are at
// the top of this file.

import { sampleIds } from './pages.mjs';

/** Texts of controls, Dutch and English (the flows run in Dutch). */
export const TEXT = {
  applyFilters: /toon resultaten|show results/i,
  saveToList: /bewaar in mijn lijst|save (in|to) my list/i,
};

/** Most Tab presses a flow makes looking for one element. */
const MAX_TABS = 300;
/** How long a flow waits for a page load or an answer after a key press. */
const WAIT_MS = 15_000;

/**
 * Installed in every page of the flows' browser context (see check.mjs, `addInitScript`):
 * `window.__wwDescribe(el)`, a short CSS-like description of an element for the report, and
 * `window.__wwFocusProblem(el)`, why focus on `el` is not visible (null when it is): no
 * outline (or a `none`, zero-width or transparent one) and no box-shadow, or the element is
 * tiny, off screen or invisible (WCAG 2.4.7).
 */
export function installHelpers() {
  window.__wwDescribe = (el) => {
    if (!el || el === document.body) return 'body (nothing focused)';
    if (el === document.documentElement) return 'html';
    const parts = [];
    let node = el;
    for (let depth = 0; node && node.nodeType === 1 && depth < 4; depth += 1, node = node.parentElement) {
      let part = node.localName;
      const id = node.getAttribute('id'); // not node.id: a form's "id" may be one of its inputs
      if (id) {
        parts.unshift(`${part}#${id}`);
        break;
      }
      const classes = [...node.classList].slice(0, 2);
      if (classes.length) part += `.${classes.join('.')}`;
      parts.unshift(part);
    }
    const text = (el.getAttribute('aria-label') || el.textContent || el.value || '').replace(/\s+/g, ' ').trim();
    return parts.join(' > ') + (text ? ` "${text.slice(0, 50)}"` : '');
  };
  window.__wwFocusProblem = (el) => {
    if (!el || el === document.body) return 'nothing is focused';
    const style = getComputedStyle(el);
    const transparent = (color) => color === 'transparent' || /rgba\(.*,\s*0\)$/.test(color);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 && !transparent(style.outlineColor);
    const shadow = style.boxShadow && style.boxShadow !== 'none';
    if (!outline && !shadow) {
      return `no focus indicator (outline: ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}; box-shadow: ${style.boxShadow})`;
    }
    const rect = el.getBoundingClientRect();
    if (rect.width < 2 || rect.height < 2) return `element is ${rect.width}×${rect.height} px (visually hidden?)`;
    if (rect.bottom <= 0 || rect.right <= 0 || rect.top >= innerHeight || rect.left >= innerWidth) {
      return `element is off screen at (${Math.round(rect.left)}, ${Math.round(rect.top)})`;
    }
    if (style.visibility === 'hidden' || parseFloat(style.opacity) === 0) return 'element is invisible (visibility/opacity)';
    return null;
  };
}

/** A short description of the focused element. */
export async function focused(page) {
  return page.evaluate(() => window.__wwDescribe(document.activeElement));
}

/**
 * Presses `key` (Tab or Shift+Tab) until `predicate(arg)`, evaluated in the page (read
 * `document.activeElement` there), is true. Returns the number of presses. Throws with the
 * last focus stops when the element is never reached.
 */
export async function tabUntil(page, what, predicate, arg = null, { key = 'Tab', max = MAX_TABS } = {}) {
  const stops = [];
  await page.evaluate(() => { window.__wwTabSeen = new Map(); });
  for (let presses = 1; presses <= max; presses += 1) {
    await page.keyboard.press(key);
    if (await page.evaluate(predicate, arg)) return presses;
    stops.push(await focused(page));
    // The same element a third time: focus went round the page twice without reaching it.
    const round = await page.evaluate(() => {
      const el = document.activeElement;
      const seen = (window.__wwTabSeen.get(el) || 0) + 1;
      window.__wwTabSeen.set(el, seen);
      return seen;
    });
    if (round > 2) break;
  }
  const last = stops.slice(-12).map((s) => `    ${s}`).join('\n');
  throw new Error(`pressed ${key} ${stops.length} times on ${page.url()} and never reached ${what}; last focus stops:\n${last}`);
}

/** Fails unless the focused element shows a focus indicator and is on screen. */
export async function assertFocusVisible(page, what) {
  const problem = await page.evaluate(() => window.__wwFocusProblem(document.activeElement));
  if (problem) throw new Error(`focus not visible on ${what} (${await focused(page)}): ${problem}`);
}

/** Presses `key` and waits for the next page load (a link followed or a form submitted). */
export async function pressAndLoad(page, key = 'Enter') {
  const loaded = page.waitForEvent('load', { timeout: WAIT_MS });
  await page.keyboard.press(key);
  await loaded;
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

// ---------------------------------------------------------------------------------------
// (a) The skip link is the first Tab stop, is visible when focused, and moves focus to main.
export async function skipLink(page, baseUrl) {
  for (const path of ['/', '/zoeken?q=schulden']) {
    await page.goto(new URL(path, baseUrl).href);
    await page.keyboard.press('Tab');
    const link = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el.localName !== 'a') return null;
      const href = el.getAttribute('href') || '';
      const target = href.startsWith('#') ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
      return { href, targetIsMain: !!target && target.localName === 'main' };
    });
    assert(link, `${path}: the first Tab stop is ${await focused(page)}, not a skip link`);
    assert(link.targetIsMain, `${path}: the first Tab stop (${await focused(page)}) does not point at <main> (href ${link.href})`);
    await assertFocusVisible(page, `${path}: the skip link`);
    await page.keyboard.press('Enter');
    const onMain = await page.evaluate(() => document.activeElement && document.activeElement.localName === 'main');
    assert(onMain, `${path}: Enter on the skip link left focus on ${await focused(page)}, not on <main> (does main have tabindex="-1"?)`);
    await page.keyboard.press('Tab');
    const inMain = await page.evaluate(() => !!document.activeElement.closest('main'));
    assert(inMain, `${path}: after the skip link, Tab went to ${await focused(page)}, outside <main>`);
  }
}

// (b) Home → search box → type → Enter → results → first result → service page.
export async function searchAndOpenResult(page, baseUrl) {
  await page.goto(new URL('/', baseUrl).href);
  await tabUntil(page, 'the search box #q', () => document.activeElement.matches('#q, input[type=search][name=q]'));
  await assertFocusVisible(page, 'the search box');
  await page.keyboard.type('schulden', { delay: 20 });
  await pressAndLoad(page, 'Enter');
  const url = new URL(page.url());
  assert(url.pathname === '/zoeken', `Enter in the search box went to ${url.pathname}, not /zoeken`);
  assert(url.searchParams.get('q') === 'schulden', `the results URL ${page.url()} does not have q=schulden`);
  const count = await page.locator('ol.results li').count();
  assert(count > 0, `the results page for "schulden" has no "ol.results li"`);

  const firstHref = await page.evaluate(() => {
    const link = document.querySelector('ol.results > li a[href]');
    return link && link.href;
  });
  assert(firstHref, 'the first result has no link');
  await tabUntil(page, 'the first result link', (href) => document.activeElement.href === href, firstHref);
  await assertFocusVisible(page, 'the first result link');
  await pressAndLoad(page, 'Enter');
  const service = new URL(page.url());
  assert(service.pathname.startsWith('/diensten/'), `Enter on the first result went to ${service.pathname}, not a service page`);
  const h1 = await page.evaluate(() => (document.querySelector('h1')?.textContent || '').trim());
  assert(h1, `the service page ${service.pathname} has no (or an empty) h1`);
}

// (c) Results → a filter checkbox with Tab → Space → "Toon resultaten" → Enter → filter in the URL.
export async function filterResults(page, baseUrl) {
  await page.goto(new URL('/zoeken?q=schulden', baseUrl).href);
  // A checkbox in the filter form: #filter-form, or the form whose submit button says "Toon resultaten".
  const isFilterCheckbox = (apply) => {
    const el = document.activeElement;
    if (!el || el.localName !== 'input' || el.type !== 'checkbox' || !el.form) return false;
    const form = el.form;
    const filter = form.getAttribute('id') === 'filter-form'
      || [...form.elements].some((b) => b.type === 'submit' && new RegExp(apply, 'i').test(b.textContent || b.value));
    if (filter) window.__wwFilterForm = form;
    return filter;
  };
  await tabUntil(page, 'a filter checkbox', isFilterCheckbox, TEXT.applyFilters.source);
  const box = await page.evaluate(() => ({ name: document.activeElement.name, value: document.activeElement.value, checked: document.activeElement.checked }));
  await assertFocusVisible(page, `the filter checkbox ${box.name}=${box.value}`);
  await page.keyboard.press('Space');
  const now = await page.evaluate(() => document.activeElement.checked);
  assert(now !== box.checked, `Space on the checkbox ${box.name}=${box.value} did not toggle it`);

  // The filter form's submit button ("Toon resultaten").
  const isApply = () => {
    const el = document.activeElement;
    return !!el && el.type === 'submit' && el.form === window.__wwFilterForm;
  };
  await tabUntil(page, 'the "Toon resultaten" button of the filter form', isApply);
  await assertFocusVisible(page, 'the "Toon resultaten" button');
  await pressAndLoad(page, 'Enter');
  const url = new URL(page.url());
  const inUrl = url.searchParams.getAll(box.name).includes(box.value);
  assert(inUrl === now, `after "Toon resultaten" the URL ${url.pathname}${url.search} ${now ? 'lacks' : 'still has'} ${box.name}=${box.value}`);
  assert(url.searchParams.get('q') === 'schulden', `filtering lost the query: ${url.search}`);
  const kept = await page.evaluate(({ name, value }) => {
    const input = [...document.querySelectorAll('input[type=checkbox]')].find((i) => i.name === name && i.value === value);
    return input ? input.checked : null;
  }, box);
  assert(kept === now, `after filtering, the checkbox ${box.name}=${box.value} is ${kept === null ? 'gone' : kept ? 'checked' : 'unchecked'}`);
}

// (d) Service page → "Bewaar in mijn lijst" with Tab → Enter → /mijn-lijst lists the service.
export async function saveToList(page, baseUrl) {
  const { services } = await sampleIds(baseUrl);
  const { id } = services[0];
  await page.goto(new URL(`/diensten/${id}`, baseUrl).href);
  const name = await page.evaluate(() => (document.querySelector('h1')?.textContent || '').trim());
  assert(name, `the service page for ${id} has no h1`);

  const isSave = (save) => {
    const el = document.activeElement;
    if (!el || !(el.localName === 'button' || (el.localName === 'input' && el.type === 'submit'))) return false;
    return new RegExp(save, 'i').test(el.textContent || el.value || '') || el.hasAttribute('data-save-button');
  };
  await tabUntil(page, 'the "Bewaar in mijn lijst" button', isSave, TEXT.saveToList.source);
  await assertFocusVisible(page, 'the "Bewaar in mijn lijst" button');

  // Saving may be a form post (a page load) or a script (a POST in the background, a
  // changed button); wait for whichever happens, and for the POST to be answered.
  const quiet = { timeout: WAIT_MS };
  const loaded = page.waitForEvent('load', quiet).then(() => 'load');
  loaded.catch(() => {});
  const posted = page.waitForRequest((r) => r.method() === 'POST', quiet).then(async (request) => {
    await Promise.race([
      request.response(),
      page.waitForEvent('requestfinished', { predicate: (r) => r === request, ...quiet }),
      page.waitForEvent('requestfailed', { predicate: (r) => r === request, ...quiet }),
    ]);
    return request.isNavigationRequest() ? 'form' : 'script';
  });
  const state = () => {
    const el = document.activeElement;
    return el ? `${el.textContent}|${el.getAttribute('aria-pressed')}|${el.value}` : '';
  };
  const before = await page.evaluate(state);
  const changed = page.waitForFunction((old) => {
    const el = document.activeElement;
    return (el ? `${el.textContent}|${el.getAttribute('aria-pressed')}|${el.value}` : '') !== old;
  }, before, quiet).then(() => 'button');
  const saved = Promise.any([loaded, posted, changed]);
  await page.keyboard.press('Enter');
  let how;
  try {
    how = await saved;
  } catch {
    throw new Error('Enter on "Bewaar in mijn lijst" did nothing: no page load, no POST request, no change of the button');
  }
  // A form post's answer (a redirect back) loads a page; a script's POST is answered first.
  if (how === 'form') await loaded.catch(() => {});
  if (how === 'button') await posted.catch(() => {});

  await page.goto(new URL('/mijn-lijst', baseUrl).href);
  const listed = await page.evaluate(({ id, name }) => {
    const main = document.querySelector('main') || document.body;
    const linked = [...main.querySelectorAll('a[href]')].some((a) => new URL(a.href).pathname.startsWith(`/diensten/${id}`));
    return linked || main.textContent.includes(name);
  }, { id, name });
  assert(listed, `/mijn-lijst does not list "${name}" (${id}) after saving it`);
}

// (e) Language switch: the link with hreflang="en" → English page → and back to Dutch.
export async function switchLanguage(page, baseUrl) {
  await page.goto(new URL('/', baseUrl).href);
  for (const [to, from] of [['en', 'nl'], ['nl', 'en']]) {
    await tabUntil(page, `the language link a[hreflang=${to}]`, (lang) => document.activeElement.matches(`a[hreflang="${lang}"]`), to);
    await assertFocusVisible(page, `the language link to ${to}`);
    await pressAndLoad(page, 'Enter');
    const lang = await page.evaluate(() => document.documentElement.lang);
    assert(lang === to, `after the switch from ${from} to ${to}, <html lang> is "${lang}" (${page.url()})`);
  }
}

// (f) Every Tab stop on the main page types shows focus and is on screen (WCAG 2.4.7, 2.4.11-ish).
export async function focusVisibleEverywhere(page, baseUrl) {
  const { services } = await sampleIds(baseUrl);
  const problems = [];
  for (const path of ['/', '/zoeken?q=schulden', `/diensten/${services[0].id}`]) {
    await page.goto(new URL(path, baseUrl).href);
    await page.evaluate(() => { window.__wwSeen = new Set(); });
    for (let presses = 0; presses < MAX_TABS; presses += 1) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body || window.__wwSeen.has(el)) return { done: true };
        window.__wwSeen.add(el);
        return { problem: window.__wwFocusProblem(el), what: window.__wwDescribe(el) };
      });
      if (stop.done) break;
      if (stop.problem) problems.push(`${path}: ${stop.what}: ${stop.problem}`);
    }
  }
  assert(problems.length === 0, `focus not visible at ${problems.length} Tab stop(s):\n    ${problems.join('\n    ')}`);
}

/** The flows check.mjs runs, by name, in this order. */
export const flows = {
  'skip link': skipLink,
  'search and open a result': searchAndOpenResult,
  'filter results': filterResults,
  'save to my list': saveToList,
  'language switch': switchLanguage,
  'focus visible at every Tab stop': focusVisibleEverywhere,
};
