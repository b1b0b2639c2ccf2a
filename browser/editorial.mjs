// The editorial flow in a real browser, as people do it: an editor invites an organisation,
// its contact claims the invitation from the mail, edits a service (first with an empty
// required field), the editor approves and the change is found by search; a second change
// is rejected and the rejection arrives by mail. Mail goes through a real SMTP server that
// writes to a maildir (WEGWIJS_MAILDIR), read and decoded here with Python's `email`.
// axe-core (WCAG 2.1 A/AA, as in check.mjs) runs on every page the flow visits, in the state
// the flow reached (also the answers to form posts with errors), at 1280 and at 375 px.
//
//   WEGWIJS_URL=http://127.0.0.1:39123 WEGWIJS_MAILDIR=/tmp/…/maildir \
//   WEGWIJS_EDITOR_EMAIL=redactie@example.nl WEGWIJS_EDITOR_PASSWORD=… node editorial.mjs
//
// The site must have demo data, send mail by SMTP to the server writing WEGWIJS_MAILDIR,
// and have an editor (redacteur) account. Optional: WEGWIJS_SCREENSHOTS=dir saves a
// screenshot of every checked page, WEGWIJS_CHROMIUM overrides the browser.
// Exit status: 0 when everything passed, 1 when something failed, 2 when it could not run.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { AXE, TAGS, axe, formatViolation } from './axe.mjs';

const CHROMIUM = process.env.WEGWIJS_CHROMIUM || '/usr/bin/chromium';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const WIDE = { width: 1280, height: 900 };
const NARROW = { width: 375, height: 800 };
/** How long one step waits for an element, a page load or a mail. */
const WAIT_MS = 15_000;
/** The whole flow; the Rust test around it must finish within two minutes. */
const FLOW_MS = 100_000;

/** Texts of the Dutch pages the flow reads or clicks (crates/web/locales/nl). */
const TEXT = {
  email: 'E-mailadres',
  password: 'Wachtwoord',
  login: 'Inloggen',
  queueHeading: 'Redactie: wijzigingen controleren',
  invitationsLink: 'Organisaties uitnodigen',
  organisation: 'Organisatie',
  inviteEmail: 'E-mailadres van de contactpersoon',
  invite: 'Uitnodiging versturen',
  invited: 'De uitnodiging is verstuurd.',
  yourName: 'Uw naam',
  newPassword: 'Nieuw wachtwoord',
  repeatPassword: 'Herhaal het nieuwe wachtwoord',
  createAccount: 'Account maken',
  welcome: 'Welkom! Uw account is klaar.',
  serviceName: 'Naam van de dienst',
  summary: 'Korte omschrijving',
  saveProposal: 'Wijziging opslaan',
  errorsTitle: 'Er klopt nog iets niet. Kijk deze punten na:',
  proposed: 'De redactie controleert uw wijziging.',
  approve: 'Goedkeuren en publiceren',
  approved: 'Goedgekeurd en gepubliceerd.',
  rejectLabel: 'Bericht aan de aanbieder',
  reject: 'Afwijzen en bericht sturen',
  rejectEmpty: 'Schrijf een bericht aan de aanbieder',
  rejected: 'Afgewezen. De aanbieder krijgt uw bericht per e-mail.',
  searchBox: 'Waar zoekt u hulp bij?',
  searchButton: 'Zoeken',
  invitationSubject: /^Uitnodiging: /,
  approvedSubject: /staat op/,
  rejectedSubject: /niet overgenomen/,
};

function fatal(message) {
  console.error(`editorial flow: ${message}`);
  process.exit(2);
}

const base = process.env.WEGWIJS_URL;
const maildir = process.env.WEGWIJS_MAILDIR;
const editorEmail = process.env.WEGWIJS_EDITOR_EMAIL;
const editorPassword = process.env.WEGWIJS_EDITOR_PASSWORD;
if (!base || !maildir || !editorEmail || !editorPassword) {
  fatal('set WEGWIJS_URL, WEGWIJS_MAILDIR, WEGWIJS_EDITOR_EMAIL and WEGWIJS_EDITOR_PASSWORD');
}
const origin = new URL(base).origin;
if (!fs.existsSync(AXE)) fatal(`${AXE} is missing: run "npm ci --prefix browser"`);
if (!fs.existsSync(CHROMIUM)) fatal(`${CHROMIUM} is missing: run "apt-get install -y chromium" (Debian package)`);
if (spawnSync('python3', ['-c', 'import email.policy']).status !== 0) fatal('python3 is needed to read the mails');
const screenshots = process.env.WEGWIJS_SCREENSHOTS ? path.resolve(process.env.WEGWIJS_SCREENSHOTS) : null;
if (screenshots) fs.mkdirSync(screenshots, { recursive: true });

// ---------------------------------------------------------------------------------------
// Mail: every message in the maildir, decoded (quoted-printable, base64, encoded headers).

const READ_MAILDIR = `
import email, email.policy, json, os, sys
mails = []
for folder in ("new", "cur"):
    where = os.path.join(sys.argv[1], folder)
    for name in (os.listdir(where) if os.path.isdir(where) else []):
        path = os.path.join(where, name)
        with open(path, "rb") as file:
            message = email.message_from_binary_file(file, policy=email.policy.default)
        text = message.get_body(preferencelist=("plain",))
        mails.append({
            "file": name,
            "time": os.path.getmtime(path),
            "to": str(message.get("To", "")),
            "replyTo": str(message.get("Reply-To", "")),
            "subject": str(message.get("Subject", "")),
            "encoding": str(text.get("Content-Transfer-Encoding", "7bit")) if text else "",
            "body": text.get_content() if text else "",
        })
mails.sort(key=lambda mail: (mail["time"], mail["file"]))
print(json.dumps(mails))
`;

function readMails() {
  const result = spawnSync('python3', ['-c', READ_MAILDIR, maildir], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`reading the maildir ${maildir} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** Waits until a mail to `to` whose subject matches `subject` arrives; returns the newest. */
async function waitForMail(to, subject, what) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const mails = readMails();
    const found = mails.filter((m) => m.to.toLowerCase().includes(to.toLowerCase()) && subject.test(m.subject));
    if (found.length > 0) return found[found.length - 1];
    if (Date.now() > deadline) {
      const list = mails.map((m) => `    to ${m.to}: ${m.subject}`).join('\n') || '    (none)';
      throw new Error(`no ${what} (to ${to}, subject ${subject}) arrived within ${WAIT_MS / 1000} s; the maildir has:\n${list}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// ---------------------------------------------------------------------------------------
// Pages: loads, axe and the report.

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/**
 * Clicks `locator` (a link or a submit button) and waits until the next page has loaded;
 * returns the HTTP status of that page (after redirects).
 */
async function clickAndLoad(page, locator) {
  const answered = page.waitForResponse((response) => response.request().isNavigationRequest()
    && response.frame() === page.mainFrame() && (response.status() < 300 || response.status() >= 400), { timeout: WAIT_MS });
  const loaded = page.waitForEvent('load', { timeout: WAIT_MS });
  // Handled below; these keep a failed click from leaving rejections nobody awaits.
  answered.catch(() => {});
  loaded.catch(() => {});
  await locator.click();
  const response = await answered;
  await loaded;
  return response.status();
}

/** Opens `target` (a path or a URL) and returns the HTTP status. */
async function open(page, target) {
  const response = await page.goto(new URL(target, origin).href, { waitUntil: 'load' });
  return response ? response.status() : 0;
}

function pathOf(page) {
  const url = new URL(page.url());
  return url.pathname + url.search;
}

const checked = [];
const violations = [];

/** Two animation frames: the layout after a viewport change has been drawn. */
async function settle(page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/**
 * axe-core on the page as it is now, at 1280 and at 375 px: the same page state, so also
 * the answer to a form post, which cannot be loaded again. Violations are collected, not
 * thrown, so that one run reports every page.
 */
async function check(page, name) {
  for (const viewport of [WIDE, NARROW]) {
    await page.setViewportSize(viewport);
    await settle(page);
    if (screenshots) await page.screenshot({ path: path.join(screenshots, `editorial-${name}-${viewport.width}.png`), fullPage: true });
    const found = await axe(page);
    const label = `${name} @ ${viewport.width}px  ${pathOf(page)}`;
    checked.push(label);
    if (found.length === 0) {
      console.log(`    axe ✓ ${label}`);
    } else {
      violations.push({ label, found });
      console.log(`    axe ✗ ${label}\n${found.map(formatViolation).join('\n')}`);
    }
  }
  await page.setViewportSize(WIDE);
  await settle(page);
}

/** A browser context like a person's: Dutch, Dutch time, and no request leaves the site. */
async function newContext(browser, problems, who) {
  const context = await browser.newContext({ viewport: WIDE, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
  context.setDefaultTimeout(WAIT_MS);
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    problems.push(`${who}: request to another host: ${url}`);
    return route.abort('blockedbyclient');
  });
  context.on('page', (page) => {
    page.on('pageerror', (error) => problems.push(`${who}: uncaught exception on ${page.url()}: ${error.message}`));
  });
  return context;
}

let stepNumber = 0;
async function step(what, action) {
  stepNumber += 1;
  const started = Date.now();
  try {
    await action();
  } catch (error) {
    error.message = `step ${stepNumber} (${what}): ${error.message}`;
    throw error;
  }
  console.log(`✓ ${stepNumber}. ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

// ---------------------------------------------------------------------------------------
// The flow.

/** A made-up word no demo text contains, so that search finds only the edited service. */
function madeUpWord(prefix) {
  const letters = Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
  return `${prefix}${letters}`;
}

/** A demo service with its organisation, from the site's own search API. */
async function someService() {
  const url = new URL('/api/search?q=&per_page=5', origin);
  const response = await fetch(url);
  assert(response.ok, `GET ${url} answered ${response.status}`);
  const body = await response.json();
  const service = (body.results || []).find((r) => r.id && r.name && r.organisation && r.organisation.id);
  assert(service, `GET ${url} has no result with id, name and organisation.id (is there demo data?)`);
  return { id: service.id, name: service.name, organisation: service.organisation.id };
}

async function flow(browser, problems) {
  const stamp = Date.now().toString(36);
  const providerEmail = `contact-${stamp}@voorbeeld.nl`;
  const providerPassword = `zonnige dinsdag ${stamp}`;
  const word = madeUpWord('klusbus');
  const secondWord = madeUpWord('kwastpret');
  const rejection = `Gebruik gewone woorden in de korte omschrijving. Het woord ${secondWord} kennen inwoners niet.`;
  const service = await someService();
  const edit = `/portaal/diensten/${service.id}/bewerken`;
  console.log(`Service "${service.name}" (${service.id}); made-up words ${word} and ${secondWord}\n`);

  const editor = await (await newContext(browser, problems, 'editor')).newPage();
  const provider = await (await newContext(browser, problems, 'provider')).newPage();
  const resident = await (await newContext(browser, problems, 'resident')).newPage();
  let organisationName;
  let claimLink;
  let originalSummary;

  await step('the editor logs in', async () => {
    assert((await open(editor, '/inloggen')) === 200, '/inloggen did not answer 200');
    await check(editor, 'login');
    await editor.getByLabel(TEXT.email, { exact: true }).fill(editorEmail);
    await editor.getByLabel(TEXT.password, { exact: true }).fill(editorPassword);
    const status = await clickAndLoad(editor, editor.getByRole('button', { name: TEXT.login, exact: true }));
    assert(status === 200 && pathOf(editor) === '/redactie', `logging in ended at ${pathOf(editor)} (${status}), not /redactie`);
    await editor.getByRole('heading', { level: 1, name: TEXT.queueHeading }).waitFor();
    await check(editor, 'editor-queue');
  });

  await step('the editor invites the organisation of the service', async () => {
    await clickAndLoad(editor, editor.getByRole('link', { name: TEXT.invitationsLink }));
    assert(pathOf(editor) === '/redactie/uitnodigingen', `the invitations link went to ${pathOf(editor)}`);
    await check(editor, 'invitations');
    const select = editor.getByLabel(TEXT.organisation, { exact: true });
    organisationName = (await select.locator(`option[value="${service.organisation}"]`).textContent()).trim();
    // By its name, as a person chooses; by its value only when two organisations share it.
    const sameName = await select.locator('option').filter({ hasText: organisationName }).count();
    await select.selectOption(sameName === 1 ? { label: organisationName } : service.organisation);
    assert(await select.inputValue() === service.organisation, `choosing "${organisationName}" selected ${await select.inputValue()}`);
    await editor.getByLabel(TEXT.inviteEmail).fill(providerEmail);
    const status = await clickAndLoad(editor, editor.getByRole('button', { name: TEXT.invite }));
    assert(status === 200, `sending the invitation answered ${status} at ${pathOf(editor)}`);
    await editor.getByRole('status').filter({ hasText: TEXT.invited }).waitFor();
    const row = editor.getByRole('row').filter({ hasText: providerEmail });
    assert((await row.count()) === 1, `the table of invitations does not list ${providerEmail}`);
    assert((await row.textContent()).includes(organisationName), `the invitation row does not name ${organisationName}`);
    await check(editor, 'invitations-sent');
  });

  await step('the invitation arrives by mail with a link to the site', async () => {
    const mail = await waitForMail(providerEmail, TEXT.invitationSubject, 'invitation mail');
    assert(mail.subject.includes(organisationName), `the subject "${mail.subject}" does not name ${organisationName}`);
    const links = mail.body.match(/https?:\/\/\S+\/uitnodiging\/\S+/g) || [];
    assert(links.length === 1, `expected one /uitnodiging/ link in the mail (${mail.encoding}), found ${links.length}:\n${mail.body}`);
    claimLink = links[0];
    assert(new URL(claimLink).origin === origin, `the link ${claimLink} does not point at ${origin}`);
    console.log(`    mail "${mail.subject}" (${mail.encoding}) → ${new URL(claimLink).pathname.slice(0, 24)}…`);
  });

  await step('the contact claims the invitation and gets a provider account', async () => {
    assert((await open(provider, claimLink)) === 200, `${claimLink} did not answer 200`);
    await provider.getByRole('heading', { level: 1, name: organisationName }).waitFor();
    await check(provider, 'claim');
    assert(await provider.getByLabel(TEXT.email, { exact: true }).inputValue() === providerEmail, 'the claim page shows another e-mail address');
    await provider.getByLabel(TEXT.yourName).fill('Petra de Vries');
    await provider.getByLabel(TEXT.newPassword, { exact: true }).fill(providerPassword);
    await provider.getByLabel(TEXT.repeatPassword).fill(providerPassword);
    const status = await clickAndLoad(provider, provider.getByRole('button', { name: TEXT.createAccount }));
    assert(status === 200 && new URL(provider.url()).pathname === '/portaal', `creating the account ended at ${pathOf(provider)} (${status})`);
    await provider.getByRole('status').filter({ hasText: TEXT.welcome }).waitFor();
    await provider.getByRole('heading', { level: 2, name: organisationName }).waitFor();
    await check(provider, 'portal');
    assert((await open(resident, claimLink)) === 410, 'the invitation link still works after use');
    await check(resident, 'invitation-used');
  });

  await step('the provider opens the service and saves it with an empty name: the error summary', async () => {
    await clickAndLoad(provider, provider.locator(`main a[href="${edit}"]`));
    assert(pathOf(provider) === edit, `the service link went to ${pathOf(provider)}, not ${edit}`);
    await check(provider, 'service-edit');
    originalSummary = await provider.getByLabel(TEXT.summary, { exact: true }).inputValue();
    const name = provider.getByLabel(TEXT.serviceName, { exact: true });
    assert(await name.inputValue() === service.name, `the form's name is "${await name.inputValue()}", not "${service.name}"`);
    await name.fill('');
    const status = await clickAndLoad(provider, provider.getByRole('button', { name: TEXT.saveProposal }));
    assert(status === 422, `saving without a name answered ${status}, not 422`);
    const summary = provider.locator('.error-summary');
    await summary.getByRole('heading', { name: TEXT.errorsTitle }).waitFor();
    assert(await summary.evaluate((el) => el === document.activeElement), 'the error summary does not have focus');
    const invalid = provider.getByLabel(TEXT.serviceName, { exact: true });
    assert(await invalid.getAttribute('aria-invalid') === 'true', 'the empty name field is not aria-invalid');
    await check(provider, 'service-edit-error');
    const link = summary.getByRole('link').first();
    assert(await link.getAttribute('href') === `#${await invalid.getAttribute('id')}`, 'the error summary does not link to the name field');
    await link.click();
    assert(await invalid.evaluate((el) => el === document.activeElement), 'the link in the error summary does not move focus to the name field');
  });

  await step(`the provider fixes the name and puts "${word}" in the summary`, async () => {
    await provider.getByLabel(TEXT.serviceName, { exact: true }).fill(service.name);
    const summary = provider.getByLabel(TEXT.summary, { exact: true });
    assert(await summary.inputValue() === originalSummary, 'the form lost the summary after the error');
    await summary.fill(`Hulp bij ${word} en andere klussen in en om het huis. Gratis en dichtbij.`);
    const status = await clickAndLoad(provider, provider.getByRole('button', { name: TEXT.saveProposal }));
    assert(status === 200 && new URL(provider.url()).pathname === '/portaal', `saving ended at ${pathOf(provider)} (${status})`);
    await provider.getByRole('status').filter({ hasText: TEXT.proposed }).waitFor();
    await check(provider, 'portal-proposed');
  });

  await step('the editor reviews the difference and approves', async () => {
    await open(editor, '/redactie');
    const pending = editor.getByRole('row').filter({ hasText: organisationName });
    assert((await pending.getByRole('link', { name: service.name, exact: true }).count()) === 1, 'the queue does not list the proposal');
    await check(editor, 'editor-queue-pending');
    await clickAndLoad(editor, pending.getByRole('link', { name: service.name, exact: true }));
    assert(/^\/redactie\/voorstellen\/[^/]+$/.test(new URL(editor.url()).pathname), `the queue link went to ${pathOf(editor)}`);
    const added = editor.locator('.diff-after ins').filter({ hasText: word });
    assert((await added.count()) > 0, `the review page does not show "${word}" as added text`);
    await check(editor, 'review');
    const status = await clickAndLoad(editor, editor.getByRole('button', { name: TEXT.approve }));
    assert(status === 200 && new URL(editor.url()).pathname === '/redactie', `approving ended at ${pathOf(editor)} (${status})`);
    await editor.getByRole('status').filter({ hasText: TEXT.approved }).waitFor();
    await check(editor, 'queue-approved');
    const mail = await waitForMail(providerEmail, TEXT.approvedSubject, 'approval mail');
    assert(mail.subject.includes(service.name), `the approval mail's subject "${mail.subject}" does not name the service`);
  });

  await step(`a resident searches "${word}" and finds the service`, async () => {
    assert((await open(resident, '/')) === 200, 'the home page did not answer 200');
    await check(resident, 'home');
    await resident.getByLabel(TEXT.searchBox).pressSequentially(word, { delay: 20 });
    await clickAndLoad(resident, resident.getByRole('search').getByRole('button', { name: TEXT.searchButton }));
    const results = new URL(resident.url());
    assert(results.pathname === '/zoeken' && results.searchParams.get('q') === word, `the search went to ${pathOf(resident)}`);
    // The search index follows the change log a moment later: look again until a deadline.
    const hit = resident.locator(`ol.results a[href^="/diensten/${service.id}"]`);
    const deadline = Date.now() + WAIT_MS;
    while ((await hit.count()) === 0) {
      assert(Date.now() < deadline, `"${word}" did not find /diensten/${service.id} within ${WAIT_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
      await resident.reload({ waitUntil: 'load' });
    }
    assert((await resident.locator('ol.results > li').count()) === 1, `"${word}" finds more than the one service`);
    await check(resident, 'results');
    await clickAndLoad(resident, hit.first());
    assert((await resident.locator('main').textContent()).includes(word), 'the public service page does not show the new summary');
    await check(resident, 'service');
  });

  await step(`the provider proposes "${secondWord}" and the editor rejects it with a message`, async () => {
    await open(provider, '/portaal');
    await clickAndLoad(provider, provider.locator(`main a[href="${edit}"]`));
    const summary = provider.getByLabel(TEXT.summary, { exact: true });
    assert((await summary.inputValue()).includes(word), 'the edit form does not start from the published summary');
    await summary.fill(`Hulp bij ${secondWord} in en om het huis.`);
    await clickAndLoad(provider, provider.getByRole('button', { name: TEXT.saveProposal }));
    await provider.getByRole('status').filter({ hasText: TEXT.proposed }).waitFor();

    await open(editor, '/redactie');
    await clickAndLoad(editor, editor.getByRole('link', { name: service.name, exact: true }));
    assert((await editor.locator('.diff-after ins').filter({ hasText: secondWord }).count()) > 0, `the review page does not show "${secondWord}"`);
    const empty = await clickAndLoad(editor, editor.getByRole('button', { name: TEXT.reject }));
    assert(empty === 422, `rejecting without a message answered ${empty}, not 422`);
    await editor.locator('.error-summary').filter({ hasText: TEXT.rejectEmpty }).waitFor();
    await check(editor, 'review-reject-error');
    await editor.getByLabel(TEXT.rejectLabel).fill(rejection);
    const status = await clickAndLoad(editor, editor.getByRole('button', { name: TEXT.reject }));
    assert(status === 200 && new URL(editor.url()).pathname === '/redactie', `rejecting ended at ${pathOf(editor)} (${status})`);
    await editor.getByRole('status').filter({ hasText: TEXT.rejected }).waitFor();
  });

  await step('the rejection arrives by mail with the message, and nothing was published', async () => {
    const mail = await waitForMail(providerEmail, TEXT.rejectedSubject, 'rejection mail');
    assert(mail.subject.includes(service.name), `the rejection mail's subject "${mail.subject}" does not name the service`);
    assert(mail.body.includes(rejection), `the rejection mail (${mail.encoding}) does not contain the message:\n${mail.body}`);
    assert(mail.replyTo.toLowerCase().includes(editorEmail.toLowerCase()), `the rejection mail's Reply-To is "${mail.replyTo}", not the editor`);
    console.log(`    mail "${mail.subject}" (${mail.encoding}) contains the editor's message`);
    await open(provider, '/portaal');
    await provider.locator('main blockquote').filter({ hasText: rejection }).waitFor();
    await check(provider, 'portal-rejected');
    await resident.reload({ waitUntil: 'load' });
    const main = await resident.locator('main').textContent();
    assert(main.includes(word) && !main.includes(secondWord), 'the public service page changed after the rejection');
  });
}

// ---------------------------------------------------------------------------------------

try {
  const response = await fetch(new URL('/health', origin));
  if (!response.ok) fatal(`${origin}/health answered ${response.status}`);
} catch (error) {
  fatal(`${origin} does not answer (${error.cause?.code || error.message}); start the site first`);
}

console.log(`Editorial flow in Chromium on ${origin}; axe-core tags ${TAGS.join(', ')}\n`);
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
const problems = [];
let failure = null;
let timer;
try {
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the flow took longer than ${FLOW_MS / 1000} s`)), FLOW_MS);
  });
  await Promise.race([flow(browser, problems), timeout]);
} catch (error) {
  failure = error;
} finally {
  clearTimeout(timer);
  await browser.close();
}

console.log(`\naxe-core: ${checked.length} page states checked, ${violations.length} with violations${screenshots ? `; screenshots in ${screenshots}` : ''}`);
if (violations.length > 0) console.log(`  ${violations.map((v) => `${v.label}: ${v.found.map((f) => f.id).join(', ')}`).join('\n  ')}`);
if (problems.length > 0) console.log(`Problems:\n  ${problems.join('\n  ')}`);
if (failure) console.log(`✗ ${failure.message}`);
const ok = !failure && violations.length === 0 && problems.length === 0;
console.log(ok ? '\nThe editorial flow passed.' : '\nThe editorial flow FAILED.');
process.exit(ok ? 0 : 1);
