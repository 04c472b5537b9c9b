// Captures that cannot poison the ledger (issue 16, part 4), end to end in Chromium: a look-alike of
// Lakala's portal on another host prints Lakala's merchant number and a real reference with ¥0.01. It
// cannot attribute rows to Lakala; picked for Lakala by the merchant, it still cannot displace the row of
// Lakala's own export, whichever came first; and a tab that floods the extension with rows is refused
// past the volume limit, with the reason in the popup.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { eventually, launchExtension, openPopup, sendFromPage, tabIdOf, type ExtensionSession } from './support';
import { LAKALA, lakalaConfig, lakalaExportCsv } from './ledger-files';

let session: ExtensionSession;
let home: Page;

beforeAll(async () => {
  session = await launchExtension();
  home = await openPopup(session, null);
  await home.evaluate(() => chrome.storage.local.set({ 'settlewatch.test.today': '2026-03-05' }));
  await importInPopup(home, 'settlewatch-config.json', lakalaConfig());
});
afterAll(async () => {
  await session?.close();
});

/** Drops a file on the popup and returns what it says about it. */
async function importInPopup(popup: Page, name: string, text: string): Promise<string> {
  await popup.getByTestId('popup-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  const notes = await eventually(
    () => popup.getByRole('status').allTextContents(),
    t => t.some(s => s.includes(name)),
  );
  return notes.find(s => s.includes(name))!;
}

async function transactionCount(): Promise<number> {
  const reply = await sendFromPage(home, 'popup.overview', {});
  if (!reply.ok) throw new Error(reply.error);
  return (reply.value as { transactionCount: number }).transactionCount;
}

/** The ledger's reading of some Lakala references, as the popup's statuses show them (id → net in fen). */
async function lakalaNet(tabId: number): Promise<Record<string, number>> {
  const reply = await sendFromPage(home, 'popup.tabSummary', { tabId });
  if (!reply.ok) throw new Error(reply.error);
  const rows = (reply.value as { rows: { id: string; acquirer: string; netMinor: number }[] }).rows;
  return Object.fromEntries(rows.filter(r => r.acquirer === 'lakala').map(r => [r.id, r.netMinor]));
}

async function openForged(path: string): Promise<{ page: Page; tabId: number; popup: Page }> {
  const page = await session.context.newPage();
  await page.goto(`${session.portals}/forged/${path}`);
  const tabId = await tabIdOf(session, page);
  return { page, tabId, popup: await openPopup(session, tabId) };
}

test("a look-alike page on another host that prints Lakala's merchant number attributes no row to Lakala", async () => {
  const { page, tabId, popup } = await openForged('lakala-clone.html?row=0');
  // Off a known portal, "Capture this page" waits for the merchant to say whose rows these are.
  await expect(popup.getByRole('button', { name: /抓取本页交易|Capture this page/ }).isDisabled()).resolves.toBe(true);
  // The capture script runs there anyway (as a compromised renderer could make it): its rows are refused.
  const injected = await sendFromPage(popup, 'popup.captureTab', { tabId });
  expect(injected.ok).toBe(true);
  const notice = await eventually(
    () =>
      popup
        .getByTestId('capture-notice')
        .textContent()
        .catch(() => null),
    t => !!t,
    10_000,
  );
  expect(notice).toMatch(/^refused: 127\.0\.0\.1:\d+ is not a known portal of any acquirer/);
  expect(await transactionCount()).toBe(0);
  expect(await lakalaNet(tabId)).toEqual({});
  // A change on the page (the capture script looks again) stores nothing either.
  await page.evaluate(() => document.body.append(document.createElement('p')));
  await page.waitForTimeout(800);
  expect(await transactionCount()).toBe(0);
  await popup.close();
  await page.close();
});

test("a forged row captured after Lakala's export adds nothing for its id, and the conflict is shown", async () => {
  const real = LAKALA.rows[0]!;
  expect(await importInPopup(home, '拉卡拉交易明细-1.csv', lakalaExportCsv(LAKALA.rows.slice(0, 5)))).toMatch(/5/);
  expect(await transactionCount()).toBe(5);

  const { page, tabId, popup } = await openForged('lakala-clone.html?row=0');
  // The merchant is talked into capturing the look-alike for Lakala.
  await popup.getByTestId('capture-acquirer').selectOption('lakala');
  await popup.getByRole('button', { name: /抓取本页交易|Capture this page/ }).click();
  const notice = await eventually(
    () =>
      popup
        .getByTestId('capture-notice')
        .textContent()
        .catch(() => null),
    t => !!t && /differ/.test(t),
  );
  expect(notice).toContain(`conflict: transaction ${real.ref} was captured with grossMinor 0.01 CNY`);
  expect(notice).toContain(`netMinor ${real.net} CNY; the export's reading is kept`);
  expect(await transactionCount()).toBe(5);
  expect(await lakalaNet(tabId)).toEqual({ [real.ref]: real.netMinor });
  // The ledger lists the conflict with the capture it came from.
  const ledger = await session.context.newPage();
  await ledger.goto(`chrome-extension://${session.extensionId}/ledger.html`);
  await ledger.getByTestId('nav-import').click();
  const listed = ledger.getByTestId('capture-conflicts');
  await expect(listed.locator('summary').textContent()).resolves.toMatch(
    /^1 (笔网页抓取的记录与导入的导出文件不一致|captured rows differ)/,
  );
  await listed.locator('summary').click();
  await expect(listed.locator('li').allTextContents()).resolves.toEqual([notice!.match(/\((conflict: .*)\)$/)![1]]);
  await ledger.close();
  await popup.close();
  await page.close();
});

test("Lakala's export imported after a forged capture replaces the forged row", async () => {
  const real = LAKALA.rows[5]!;
  const { page, tabId, popup } = await openForged('lakala-clone.html?row=5');
  await popup.getByTestId('capture-acquirer').selectOption('lakala');
  await popup.getByRole('button', { name: /抓取本页交易|Capture this page/ }).click();
  await eventually(
    () => lakalaNet(tabId),
    net => net[real.ref] === 1,
  );
  expect(await transactionCount()).toBe(6);

  const note = await importInPopup(home, '拉卡拉交易明细-2.csv', lakalaExportCsv(LAKALA.rows.slice(5, 10)));
  expect(note).toMatch(/4/);
  expect(note).toMatch(/替换了 1 笔网页抓取的记录（其中 1 笔与导出文件不一致|replaced 1 rows captured on a page \(1 differed/);
  expect(await lakalaNet(tabId)).toEqual({ [real.ref]: real.netMinor });
  expect(await transactionCount()).toBe(10);
  await popup.close();
  await page.close();
});

test('a tab that floods the extension with rows is refused past the limit of 10,000 rows a minute', async () => {
  const before = await transactionCount();
  const page = await session.context.newPage();
  await page.goto(`${session.portals}/lakala/flood.html?rows=12000`);
  const tabId = await tabIdOf(session, page);
  const popup = await openPopup(session, tabId);
  // On the portal's host no pick is needed: the rows are Lakala's by where the page is.
  expect(await popup.getByTestId('capture-acquirer').count()).toBe(0);
  await popup.getByRole('button', { name: /抓取本页交易|Capture this page/ }).click();
  const notice = await eventually(
    () =>
      popup
        .getByTestId('capture-notice')
        .textContent()
        .catch(() => null),
    t => !!t,
    60_000,
  );
  expect(notice).toMatch(/^refused: this tab sent 10000 rows in the last minute; 2000 more would pass the limit of 10000 rows a minute/);
  expect(await transactionCount()).toBe(before + 10_000);
  // The page keeps changing; nothing more is taken from it.
  await page.evaluate(() => document.body.append(document.createElement('p')));
  await page.waitForTimeout(1500);
  expect(await transactionCount()).toBe(before + 10_000);
  await popup.close();
  await page.close();
});

test('sends no request off the device', () => {
  expect(session.external).toEqual([]);
});
