import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { badge, eventually, launchExtension, numberAt, openPopup, REPO, sendFromPage, tabIdOf, type ExtensionSession } from './support';
import { bankStatementCsv, LAKALA, lakalaConfig } from './ledger-files';

const TODAY_KEY = 'settlewatch.test.today';
const AXE = readFileSync(join(REPO, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** Serious and critical accessibility violations on a page (axe-core, evaluated past the page's CSP). */
async function axeProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
}
const RED = [198, 40, 40, 255];
const AMBER = [249, 168, 37, 255];
let session: ExtensionSession;
let portal: Page;
let popup: Page;
let tabId: number;

beforeAll(async () => {
  session = await launchExtension();
});
afterAll(async () => {
  await session?.close();
});

async function setToday(page: Page, date: string): Promise<void> {
  await page.evaluate(([key, value]) => chrome.storage.local.set({ [key]: value }), [TODAY_KEY, date] as const);
}

async function counts(page: Page): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const status of ['settled', 'settled_late', 'pending', 'overdue', 'missing'])
    out[status] = await numberAt(page, `status-count-${status}`);
  return out;
}

test('a config dropped on the popup goes through the same importer as the ledger', async () => {
  popup = await openPopup(session, null);
  await setToday(popup, '2026-03-05');
  await popup
    .getByTestId('popup-file')
    .setInputFiles({ name: 'settlewatch-config.json', mimeType: 'application/json', buffer: Buffer.from(lakalaConfig()) });
  await expect(
    eventually(
      () => popup.getByRole('status').allTextContents(),
      t => t.some(s => /已导入|Imported/.test(s)),
    ),
  ).resolves.toBeTruthy();
  await popup.close();
});

test('captured rows get statuses in the popup, and the popup counts match the page', async () => {
  const home = await openPopup(session, null);
  await home.getByText(/自动抓取与通知|Portal capture/).click();
  await home.getByTestId('portal-lakala').click();
  await eventually(
    () => home.getByTestId('portal-lakala').getAttribute('aria-checked'),
    v => v === 'true',
  );
  await home.close();

  portal = await session.context.newPage();
  await portal.goto(`${session.portals}/lakala/index.html`);
  tabId = await tabIdOf(session, portal);
  popup = await openPopup(session, tabId);
  await eventually(
    () => numberAt(popup, 'captured-count'),
    n => n === LAKALA.pageSize,
  );
  for (let p = 2; p <= LAKALA.rows.length / LAKALA.pageSize; p++) {
    await portal.getByRole('button', { name: '下一页' }).click();
    await eventually(
      () => numberAt(popup, 'captured-count'),
      n => n === LAKALA.pageSize * p,
    );
  }
  // No bank statement yet: nothing says a credit did not come, so everything is awaiting its credit.
  await eventually(
    () => counts(popup),
    c => c.pending === LAKALA.rows.length,
  );
  expect(await counts(popup)).toEqual({ settled: 0, settled_late: 0, pending: 15, overdue: 0, missing: 0 });
  expect((await badge(popup)).text).toBe('');
});

async function importInLedger(ledger: Page, name: string, csv: string): Promise<void> {
  const done = Number(await ledger.getByTestId('import-state').getAttribute('data-done'));
  await ledger.getByTestId('import-input').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await eventually(
    () => ledger.getByTestId('import-state').getAttribute('data-done'),
    v => Number(v) > done,
  );
}

test('importing bank statements in the ledger page changes the popup counts and the badge', async () => {
  const ledger = await session.context.newPage();
  await ledger.goto(`chrome-extension://${session.extensionId}/ledger.html`);
  await ledger.getByTestId('nav-import').click();

  // Today is 03-05. A statement to 03-10 with only the 03-03 credit: the batch due 03-04 is overdue.
  await importInLedger(ledger, '招商银行流水-1.csv', bankStatementCsv(['2026-03-03']));
  await eventually(
    () => counts(popup),
    c => c.settled === 5 && c.overdue === 5 && c.pending === 5,
    30_000,
  );
  expect(
    await eventually(
      () => badge(popup),
      b => b.text === '1',
      30_000,
    ),
  ).toEqual({ text: '1', color: AMBER });

  // The next statement brings the 03-04 credit: nothing is late any more.
  await importInLedger(ledger, '招商银行流水-2.csv', bankStatementCsv(['2026-03-04']));
  await eventually(
    () => counts(popup),
    c => c.settled === 10 && c.pending === 5,
    30_000,
  );
  await eventually(
    () => badge(popup),
    b => b.text === '',
    30_000,
  );

  // Elsewhere, the popup lists the next expected credit: the 03-04 batch, due 03-05.
  const home = await openPopup(session, null);
  const next = await eventually(
    () => home.getByTestId('next-credit').allInnerTexts(),
    t => t.length > 0,
  );
  // Dates and money as the ledger prints them (i18n's date() and money()), in the popup's language.
  expect(next[0]).toMatch(/(2026年3月5日|Mar 5, 2026)[\s\S]*拉卡拉[\s\S]*¥1,213\.18/);
  await home.close();
  await ledger.close();
});

test('the badge turns amber, then red, as the date passes with no new data; a new critical alert notifies once', async () => {
  await setToday(popup, '2026-03-06');
  const amber = await eventually(
    () => badge(popup),
    b => b.text === '1',
    30_000,
  );
  expect(amber.color).toEqual(AMBER);
  await eventually(
    () => counts(popup),
    c => c.settled === 10 && c.overdue === 5,
  );

  // Opt in (the test build holds the permission, so the browser does not prompt).
  await popup.getByText(/自动抓取与通知|Portal capture/).click();
  await popup.getByLabel(/严重提醒|critical alerts/).check();
  await eventually(
    () => popup.evaluate(() => chrome.storage.local.get('settlewatch.notified')),
    v => Array.isArray(v['settlewatch.notified']),
  );
  expect(await session.background.evaluate(() => chrome.notifications.getAll())).toEqual({});

  await setToday(popup, '2026-03-10');
  const red = await eventually(
    () => badge(popup),
    b => b.color.join() === RED.join(),
    30_000,
  );
  expect(red.text).toBe('1');
  await eventually(
    () => counts(popup),
    c => c.settled === 10 && c.missing === 5,
  );
  const shown = await eventually(
    () => session.background.evaluate(() => chrome.notifications.getAll()),
    n => Object.keys(n).length > 0,
  );
  expect(Object.keys(shown)).toHaveLength(1);
  // Recomputing again (an alarm, another import) does not notify the same alert twice.
  await sendFromPage(popup, 'ledger.changed', {});
  expect(Object.keys(await session.background.evaluate(() => chrome.notifications.getAll()))).toHaveLength(1);
});

test('the alarms that move statuses with the date are scheduled', async () => {
  const alarms = await session.background.evaluate(async () =>
    Promise.all(['settlewatch.hourly', 'settlewatch.midnight'].map(n => chrome.alarms.get(n))),
  );
  expect(alarms[0]?.periodInMinutes).toBe(60);
  expect(alarms[1]?.scheduledTime).toBeGreaterThan(Date.now());
});

test('sends no request off the device', () => {
  expect(session.external).toEqual([]);
});

test('the popup fits its 360 px width in Chinese and English, on a portal tab and elsewhere', async () => {
  const home = await openPopup(session, null);
  for (const lang of ['zh', 'en'] as const) {
    for (const [name, page] of [
      ['portal', popup],
      ['home', home],
    ] as const) {
      await page.evaluate(l => localStorage.setItem('settlewatch.locale', l), lang);
      await page.reload();
      await page.getByRole('heading', { name: 'Settlewatch' }).waitFor();
      await page.waitForTimeout(600);
      if (name === 'home') await page.locator('summary').click();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name} popup in ${lang} overflows`).toBeLessThanOrEqual(0);
      expect(await axeProblems(page), `${name} popup in ${lang}`).toEqual([]);
      await page.screenshot({ path: `/tmp/settlewatch-popup-${name}-${lang}.png`, fullPage: true });
    }
  }
  const ledger = await session.context.newPage();
  for (const lang of ['zh', 'en'] as const) {
    await ledger.goto(`chrome-extension://${session.extensionId}/ledger.html`);
    await ledger.evaluate(l => localStorage.setItem('settlewatch.locale', l), lang);
    await ledger.reload();
    await ledger.getByTestId('nav-import').waitFor();
    await ledger.waitForTimeout(800);
    await ledger.screenshot({ path: `/tmp/settlewatch-ledger-${lang}.png`, fullPage: false });
  }
  await ledger.close();
  await home.close();
});
