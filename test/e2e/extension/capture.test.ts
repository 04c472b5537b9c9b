import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eventually, launchExtension, numberAt, openPopup, PORTALS_DIR, sendFromPage, tabIdOf, type ExtensionSession } from './support';

const lakala = JSON.parse(readFileSync(join(PORTALS_DIR, 'lakala/data.json'), 'utf8')) as { rows: { ref: string }[]; pageSize: number };
const stripe = JSON.parse(readFileSync(join(PORTALS_DIR, 'stripe/data.json'), 'utf8')) as { rows: { id: string }[] };

let session: ExtensionSession;

beforeAll(async () => {
  session = await launchExtension();
});
afterAll(async () => {
  await session?.close();
});

/** Total transactions in the extension's ledger, through the popup's protocol. */
async function ledgerCount(popup: import('playwright-core').Page): Promise<number> {
  const reply = await sendFromPage(popup, 'popup.overview', {});
  if (!reply.ok) throw new Error(reply.error);
  return (reply.value as { transactionCount: number }).transactionCount;
}

describe('capture on a granted portal', () => {
  test('turning capture on for a portal registers the capture script only after the host is granted', async () => {
    const popup = await openPopup(session, null);
    await popup.getByText(/自动抓取与通知|Portal capture/).click();
    const button = popup.getByTestId('portal-lakala');
    await expect(button.getAttribute('aria-checked')).resolves.toBe('false');
    await button.click();
    await eventually(
      () => button.getAttribute('aria-checked'),
      v => v === 'true',
    );
    const scripts = await session.background.evaluate(() => chrome.scripting.getRegisteredContentScripts());
    expect(scripts.map(s => [s.id, s.matches, s.js])).toEqual([['portal-lakala', ['http://127.0.0.1/lakala/*'], ['content.js']]]);
    await popup.getByTestId('portal-stripe').click();
    await eventually(
      () => popup.getByTestId('portal-stripe').getAttribute('aria-checked'),
      v => v === 'true',
    );
    await popup.close();
  });

  test('captures every row of a paginated Lakala 交易查询 table exactly once across pages', async () => {
    const page = await session.context.newPage();
    await page.goto(`${session.portals}/lakala/index.html`);
    const tabId = await tabIdOf(session, page);
    const popup = await openPopup(session, tabId);
    await eventually(
      () => numberAt(popup, 'captured-count'),
      n => n === lakala.pageSize,
    );
    const pages = Math.ceil(lakala.rows.length / lakala.pageSize);
    for (let p = 1; p < pages; p++) {
      await page.getByRole('button', { name: '下一页' }).click();
      await eventually(
        () => numberAt(popup, 'captured-count'),
        n => n === lakala.pageSize * (p + 1),
      );
    }
    // Back to the first page and forward again: nothing is captured twice.
    await page.getByRole('button', { name: '上一页' }).click();
    await page.getByRole('button', { name: '上一页' }).click();
    await page.waitForTimeout(1200);
    expect(await numberAt(popup, 'captured-count')).toBe(lakala.rows.length);
    expect(await ledgerCount(popup)).toBe(lakala.rows.length);
    // No config yet: the rows are kept and the popup says what to do next instead of showing zeros.
    await expect(
      popup
        .getByText(/还没有设置收单机构|No acquirer set up yet/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    expect(await numberAt(popup, 'status-count-unreconciled')).toBe(lakala.rows.length);
    await popup.screenshot({ path: '/tmp/settlewatch-popup-noconfig.png', fullPage: true });
    // Every captured row is marked with its status by the content script (its own rows only).
    await eventually(
      () => page.locator('tr[data-settlewatch-status]').count(),
      n => n === lakala.pageSize,
    );
    await popup.close();
    await page.close();
  });

  test('captures a Stripe-like ARIA grid built from divs as rows load on scroll', async () => {
    const home = await openPopup(session, null);
    const before = await ledgerCount(home);
    await home.close();
    const page = await session.context.newPage();
    await page.goto(`${session.portals}/stripe/index.html`);
    const tabId = await tabIdOf(session, page);
    const popup = await openPopup(session, tabId);
    await eventually(
      () => numberAt(popup, 'captured-count'),
      n => n === 10,
    );
    await page.bringToFront();
    for (let i = 0; i < 10; i++) {
      await page.mouse.wheel(0, 4000);
      await page.waitForTimeout(300);
    }
    await eventually(
      () => numberAt(popup, 'captured-count'),
      n => n === stripe.rows.length,
    );
    expect(await ledgerCount(popup)).toBe(before + stripe.rows.length);
    // The list shows no id column: each payment's id comes from its row's link.
    const summary = await sendFromPage(popup, 'popup.tabSummary', { tabId });
    expect((summary.value as { rows: { id: string }[] }).rows.map(r => r.id).sort()).toEqual(stripe.rows.map(r => r.id).sort());
    await popup.close();
    await page.close();
  });
});

describe('capture this page (any other site)', () => {
  test('captures only the transaction table of a page with unrelated tables', async () => {
    const page = await session.context.newPage();
    await page.goto(`${session.portals}/mixed/index.html`);
    const tabId = await tabIdOf(session, page);
    const popup = await openPopup(session, tabId);
    const before = await ledgerCount(popup);
    await expect(popup.getByTestId('captured-count').count()).resolves.toBe(0);
    // Not a known portal: the merchant says whose rows these are (a page's merchant number does not).
    await popup.getByTestId('capture-acquirer').selectOption('lakala');
    await popup.getByRole('button', { name: /抓取本页交易|Capture this page/ }).click();
    await eventually(
      () => numberAt(popup, 'captured-count'),
      n => n === 3,
    );
    await page.waitForTimeout(800);
    expect(await numberAt(popup, 'captured-count')).toBe(3);
    expect(await ledgerCount(popup)).toBe(before + 3);
    const summary = await sendFromPage(popup, 'popup.tabSummary', { tabId });
    const ids = (summary.value as { rows: { id: string }[] }).rows.map(r => r.id).sort();
    expect(ids).toEqual(['700200000001', '700200000002', '700200000003']);
    expect(new Set((summary.value as { rows: { acquirer: string }[] }).rows.map(r => r.acquirer))).toEqual(new Set(['lakala']));
    await popup.close();
    await page.close();
  });

  test('turning capture off stops injecting on that portal', async () => {
    const popup = await openPopup(session, null);
    await popup.getByText(/自动抓取与通知|Portal capture/).click();
    await popup.getByTestId('portal-lakala').click();
    await eventually(
      () => popup.getByTestId('portal-lakala').getAttribute('aria-checked'),
      v => v === 'false',
    );
    const ids = await session.background.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map(s => s.id));
    expect(ids).toEqual(['portal-stripe']);
    await popup.close();
  });

  test('sends no request off the device', () => {
    expect(session.external).toEqual([]);
  });
});
