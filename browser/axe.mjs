// axe-core in a page, shared by check.mjs (every page type) and editorial.mjs (the
// editorial flow): the same script, the same WCAG 2.1 A/AA tags and the same report.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The axe-core script injected into pages (from `npm ci --prefix browser`). */
export const AXE = path.join(here, 'node_modules', 'axe-core', 'axe.min.js');
/** The rules that count: WCAG 2.0 and 2.1, levels A and AA. */
export const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe-core on the page as it is; violations of the WCAG 2.1 A/AA tags. */
export async function axe(page) {
  await page.addScriptTag({ path: AXE });
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    // A Content-Security-Policy refused the script tag; evaluate the source instead.
    await page.evaluate(fs.readFileSync(AXE, 'utf8'));
  }
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  }, TAGS);
}

/** One violation as report lines: rule, impact, help, where (up to eight elements) and why. */
export function formatViolation(violation) {
  const lines = [`  ✗ axe ${violation.id} [${violation.impact}] ${violation.help}`, `      ${violation.helpUrl}`];
  for (const node of violation.nodes.slice(0, 8)) lines.push(`      at ${node.target}`);
  if (violation.nodes.length > 8) lines.push(`      … and ${violation.nodes.length - 8} more`);
  const summary = violation.nodes[0]?.summary?.split('\n').slice(0, 3).join(' ').replace(/\s+/g, ' ');
  if (summary) lines.push(`      ${summary.slice(0, 300)}`);
  return lines.join('\n');
}
