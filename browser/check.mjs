// Real-browser checks of a running Wegwijs site in headless Chromium (Debian's `chromium`):
// every page type at 1280 and 375 px wide gets axe-core (WCAG 2.1 A/AA, 0 violations), its
// expected HTTP status, no horizontal scroll at 375 px, no console errors, no failed
// resources and no request to another host; then the keyboard-only flows of flows.mjs run.
//
//   WEGWIJS_URL=http://127.0.0.1:39123 node check.mjs [name ...]
//
// Optional: names (substrings) limit the run to matching pages and flows ("flow" for all flows);
// WEGWIJS_SCREENSHOTS=dir saves full-page screenshots <name>-375.png and <name>-1280.png;
// WEGWIJS_CHROMIUM overrides the browser (default /usr/bin/chromium); WEGWIJS_JOBS pages at a time (4).
// Exit status: 0 when everything passed, 1 when something failed, 2 when the check could not run.

import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { AXE, TAGS, axe, formatViolation } from './axe.mjs';
import { resolvePages } from './pages.mjs';
import { flows, installHelpers } from './flows.mjs';

const CHROMIUM = process.env.WEGWIJS_CHROMIUM || '/usr/bin/chromium';
const WIDTHS = [
  { width: 1280, height: 900 },
  { width: 375, height: 800 },
];
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const FLOW_TIMEOUT_MS = 120_000;
/** Pages checked at the same time (WEGWIJS_JOBS); the keyboard flows run one by one. */
const JOBS = Math.max(1, Number(process.env.WEGWIJS_JOBS) || 4);

function fatal(message) {
  console.error(`browser check: ${message}`);
  process.exit(2);
}

const base = process.env.WEGWIJS_URL;
if (!base) fatal('set WEGWIJS_URL to the running site, e.g. WEGWIJS_URL=http://127.0.0.1:39123');
const origin = new URL(base).origin;
if (!fs.existsSync(AXE)) fatal(`${AXE} is missing: run "npm ci --prefix browser"`);
if (!fs.existsSync(CHROMIUM)) fatal(`${CHROMIUM} is missing: run "apt-get install -y chromium" (Debian package)`);
const screenshots = process.env.WEGWIJS_SCREENSHOTS ? path.resolve(process.env.WEGWIJS_SCREENSHOTS) : null;
if (screenshots) fs.mkdirSync(screenshots, { recursive: true });
const only = process.argv.slice(2);
const wanted = (name) => only.length === 0 || only.some((part) => name.includes(part));

try {
  const response = await fetch(new URL('/health', origin));
  if (!response.ok) fatal(`${origin}/health answered ${response.status}`);
} catch (error) {
  fatal(`${origin} does not answer (${error.cause?.code || error.message}); start the site first`);
}

/** A browser context that records problems common to all pages and blocks other hosts. */
async function newContext(browser, viewport, problems) {
  const context = await browser.newContext({ viewport, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
  context.setDefaultTimeout(15_000);
  await context.addInitScript(installHelpers);
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    problems.push({ kind: 'third-party request', detail: `${route.request().method()} ${url}` });
    return route.abort('blockedbyclient');
  });
  return context;
}

/** Listens to a page for console errors, uncaught exceptions and failed same-host resources. */
function watch(page, problems, expectedStatus) {
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location()?.url || '';
    // Chromium logs the document's own status; an expected 404 page is not an error.
    const ownStatus = expectedStatus >= 400 && where === page.url()
      && message.text().includes(`status of ${expectedStatus}`);
    // Requests to other hosts are blocked here and reported once as third-party requests.
    const blocked = message.text().includes('ERR_BLOCKED_BY_CLIENT');
    if (!ownStatus && !blocked) problems.push({ kind: 'console error', detail: `${message.text()}${where ? ` (${where})` : ''}` });
  });
  page.on('pageerror', (error) => problems.push({ kind: 'uncaught exception', detail: error.message }));
  page.on('response', (response) => {
    const request = response.request();
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) return;
    if (response.status() >= 400) problems.push({ kind: 'failed resource', detail: `${request.method()} ${response.url()} → ${response.status()}` });
  });
  page.on('requestfailed', (request) => {
    if (new URL(request.url()).origin !== origin) return; // reported as third-party request
    // A page load cut short by the next one, or a script's fetch with `redirect: "manual"`.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push({ kind: 'failed resource', detail: `${request.method()} ${request.url()}: ${request.failure()?.errorText}` });
  });
}

/** Where the page is wider than the viewport: the document width and the deepest culprits. */
async function overflow(page, width) {
  return page.evaluate((limit) => {
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth <= limit) return null;
    const wide = [...document.body.querySelectorAll('*')].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.right > limit;
    });
    const deepest = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)));
    return {
      scrollWidth,
      elements: deepest.slice(0, 5).map((el) => `${window.__wwDescribe(el)} (right edge ${Math.round(el.getBoundingClientRect().right)} px)`),
    };
  }, width + 1);
}

/** Every check of one page at one width; returns the problems found. */
async function checkPage(browser, entry, viewport) {
  const problems = [];
  if (entry.error) return [{ kind: 'not resolved', detail: entry.error }];
  const context = await newContext(browser, viewport, problems);
  try {
    const page = await context.newPage();
    watch(page, problems, entry.status);
    const url = new URL(entry.path, origin).href;
    let response;
    try {
      response = await page.goto(url, { waitUntil: 'load' });
    } catch (error) {
      return [...problems, { kind: 'navigation', detail: error.message.split('\n')[0] }];
    }
    const status = response ? response.status() : 0;
    if (status !== entry.status) {
      problems.push({ kind: 'HTTP status', detail: `${entry.path} answered ${status}, expected ${entry.status}${status === 404 ? ' (page not built yet?)' : ''}; other checks skipped` });
      return problems;
    }
    const finalPath = new URL(page.url()).pathname;
    if (entry.redirectsTo && !entry.redirectsTo.test(finalPath)) {
      problems.push({ kind: 'redirect', detail: `${entry.path} ended at ${finalPath}, expected a path matching ${entry.redirectsTo}` });
    }
    await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
    // A page without its styles passes axe and the width check too easily.
    const unstyled = await page.evaluate(() => [...document.styleSheets]
      .filter((sheet) => sheet.href && new URL(sheet.href).origin === location.origin && sheet.cssRules.length === 0)
      .map((sheet) => sheet.href));
    for (const href of unstyled) problems.push({ kind: 'empty stylesheet', detail: href });
    if (viewport.width < 1000) {
      const wide = await overflow(page, viewport.width);
      if (wide) {
        problems.push({ kind: 'horizontal scroll', detail: `document is ${wide.scrollWidth} px wide at ${viewport.width} px; widest elements:\n        ${wide.elements.join('\n        ')}` });
      }
    }
    if (screenshots) await page.screenshot({ path: path.join(screenshots, `${entry.name}-${viewport.width}.png`), fullPage: true });
    // What the page did by itself; messages the injected axe script may cause are not the site's.
    const own = problems.slice();
    return [...own, ...(await axe(page)).map((violation) => ({ kind: 'axe', ...violation }))];
  } finally {
    await context.close();
  }
}

/** One keyboard flow in a fresh 1280 px context; returns the problems found. */
async function runFlow(browser, name, flow) {
  const problems = [];
  const context = await newContext(browser, WIDTHS[0], problems);
  try {
    const page = await context.newPage();
    watch(page, problems, 200);
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`took longer than ${FLOW_TIMEOUT_MS / 1000} s`)), FLOW_TIMEOUT_MS);
    });
    try {
      await Promise.race([flow(page, origin), timeout]);
    } catch (error) {
      problems.unshift({ kind: 'flow', detail: error.message });
    } finally {
      clearTimeout(timer);
    }
    return problems;
  } finally {
    await context.close();
  }
}

function format(problem) {
  return problem.kind === 'axe' ? formatViolation(problem) : `  ✗ ${problem.kind}: ${problem.detail}`;
}

const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
let failed = 0;
let passed = 0;
const summary = [];
try {
  const all = (await resolvePages(origin)).filter((entry) => wanted(entry.name));
  console.log(`Wegwijs browser check of ${origin}: ${all.length} pages × ${WIDTHS.length} widths, axe-core tags ${TAGS.join(', ')}\n`);
  // Pages are checked a few at a time (each in its own context) and reported in order.
  const jobs = all.flatMap((entry) => WIDTHS.map((viewport) => ({ entry, viewport })));
  const outcomes = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      outcomes[index] = checkPage(browser, jobs[index].entry, jobs[index].viewport);
      await outcomes[index].catch(() => {});
    }
  };
  const workers = Promise.all(Array.from({ length: JOBS }, worker));
  for (const [index, { entry, viewport }] of jobs.entries()) {
    while (!outcomes[index]) await new Promise((resolve) => setTimeout(resolve, 20));
    const label = `${entry.name} @ ${viewport.width}px`;
    let problems;
    try {
      problems = await outcomes[index];
    } catch (error) {
      problems = [{ kind: 'check crashed', detail: error.stack || String(error) }];
    }
    if (problems.length === 0) {
      passed += 1;
      console.log(`✓ ${label}  ${entry.path}`);
    } else {
      failed += 1;
      summary.push(`${label}: ${[...new Set(problems.map((p) => (p.kind === 'axe' ? p.id : p.kind)))].join(', ')}`);
      console.log(`✗ ${label}  ${entry.path ?? ''}\n${problems.map(format).join('\n')}`);
    }
  }
  await workers;
  console.log('\nKeyboard flows (1280 px, keyboard only)\n');
  for (const [name, flow] of Object.entries(flows)) {
    if (!wanted(`flow ${name}`)) continue;
    const problems = await runFlow(browser, name, flow).catch((error) => [{ kind: 'check crashed', detail: error.stack || String(error) }]);
    if (problems.length === 0) {
      passed += 1;
      console.log(`✓ flow: ${name}`);
    } else {
      failed += 1;
      summary.push(`flow ${name}: ${[...new Set(problems.map((p) => p.kind))].join(', ')}`);
      console.log(`✗ flow: ${name}\n${problems.map(format).join('\n')}`);
    }
  }
} finally {
  await browser.close();
}

if (passed + failed === 0) fatal(`nothing matches ${only.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed${screenshots ? `; screenshots in ${screenshots}` : ''}`);
if (failed > 0) console.log(`Failed:\n  ${summary.join('\n  ')}`);
process.exit(failed > 0 ? 1 : 0);
