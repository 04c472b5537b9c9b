import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { eventually, launchExtension, numberAt, openPopup, sendFromPage, tabIdOf, type ExtensionSession } from './support';

const OTHER = fileURLToPath(new URL('./fixtures/other-extension/', import.meta.url));
let session: ExtensionSession;

beforeAll(async () => {
  session = await launchExtension([OTHER]);
});
afterAll(async () => {
  await session?.close();
});

async function ledgerIds(page: import('playwright-core').Page, tabId: number): Promise<string[]> {
  const reply = await sendFromPage(page, 'popup.tabSummary', { tabId });
  if (!reply.ok) throw new Error(reply.error);
  return (reply.value as { rows: { id: string }[] }).rows.map(r => r.id);
}

test('a web page can neither reach the extension nor make its content script send what it posts', async () => {
  const page = await session.context.newPage();
  await page.goto(`${session.portals}/forged/index.html`);
  const tabId = await tabIdOf(session, page);
  const popup = await openPopup(session, tabId);
  await popup.getByTestId('capture-acquirer').selectOption('lakala');
  await popup.getByRole('button', { name: /抓取本页交易|Capture this page/ }).click();
  await eventually(
    () => numberAt(popup, 'captured-count'),
    n => n === 1,
  );

  // Not one of the PWA origins externally_connectable lists: the page has no runtime to call, even with the id.
  const direct = await page.evaluate(async (id: string) => {
    const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: (...a: unknown[]) => Promise<unknown> } } }).chrome?.runtime;
    if (typeof runtime?.sendMessage !== 'function') return 'no runtime';
    try {
      await runtime.sendMessage(id, { settlewatch: 1, name: 'popup.overview', body: {} });
      return 'answered';
    } catch (err) {
      return `refused: ${String(err)}`;
    }
  }, session.extensionId);
  expect(direct === 'no runtime' || direct.startsWith('refused')).toBe(true);

  // window.postMessage with our own envelope: the content script does not listen to the page.
  await page.evaluate(() => {
    const forged = {
      settlewatch: 1,
      name: 'capture.rows',
      body: {
        portal: 'lakala',
        page: 'https://merchant.lakala.com/',
        headers: ['Date', 'Reference', 'Amount'],
        rows: [['2026-03-05', 'FORGED-0001', '999.00']],
        firstLine: 1,
      },
    };
    window.postMessage(forged, '*');
    window.postMessage(JSON.stringify(forged), '*');
  });
  await page.waitForTimeout(1500);
  expect(await numberAt(popup, 'captured-count')).toBe(1);
  expect(await ledgerIds(popup, tabId)).toEqual(['REAL-0001']);
  const overview = await sendFromPage(popup, 'popup.overview', {});
  expect((overview.value as { transactionCount: number }).transactionCount).toBe(1);
  await popup.close();
  await page.close();
});

test('another extension is refused, whatever it claims in the message', async () => {
  let otherId = '';
  for (const w of session.context.serviceWorkers()) {
    const name = await w.evaluate(() => (chrome.runtime.getManifest() as unknown as { short_name?: string }).short_name).catch(() => null);
    if (name === 'Other') otherId = new URL(w.url()).host;
  }
  expect(otherId).not.toBe('');
  const probe = await session.context.newPage();
  await probe.goto(`chrome-extension://${otherId}/probe.html?target=${session.extensionId}`);
  const out = await eventually(
    () => probe.locator('#out').textContent(),
    t => !!t && t !== 'running',
  );
  const results = JSON.parse(out!) as { name: string; reply?: unknown; error?: string }[];
  expect(results).toHaveLength(3);
  for (const r of results) {
    // Either nothing listens for outside senders, or the guard refused: never a value.
    expect(r.error ?? (r.reply as { ok?: boolean } | null)?.ok).not.toBe(true);
    expect(r.reply === undefined || r.reply === null || (r.reply as { ok: boolean }).ok === false).toBe(true);
  }
  const popup = await openPopup(session, null);
  const overview = await sendFromPage(popup, 'popup.overview', {});
  expect((overview.value as { transactionCount: number }).transactionCount).toBe(1);
  await popup.close();
  await probe.close();
});

test('sends no request off the device', () => {
  expect(session.external).toEqual([]);
});
