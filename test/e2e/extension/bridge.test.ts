// The bridge in one browser: the extension (test build) and the PWA (served on the test origin the test build
// trusts) pair once, then exchange what each lacks. Also: a sender from another origin is refused, a service
// worker stopped mid-transfer resumes, and nothing leaves the machine.
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_FOREIGN_ORIGIN, E2E_PWA_ORIGIN, EXTENSION_ID } from '../../../core/bridge/config';
import { BRIDGE_TAG } from '../../../core/bridge/protocol';
import { serveStatic } from '../support/server';
import { buildPwa, PWA_DIR } from '../pwa/support';
import { badge, eventually, launchExtension, numberAt, openPopup, type ExtensionSession } from './support';
import { bankStatementCsv, LAKALA, lakalaConfig } from './ledger-files';

const SHOTS = '/tmp/shots-h5';
let session: ExtensionSession;
let servers: { close(): Promise<void> }[] = [];
let pwa: Page;
let popup: Page;
/** Open alerts on the extension's badge before the PWA's decision. */
let openBefore = 0;

beforeAll(async () => {
  buildPwa();
  session = await launchExtension();
  const port = (origin: string) => Number(new URL(origin).port);
  servers = [await serveStatic(PWA_DIR, port(E2E_PWA_ORIGIN)), await serveStatic(PWA_DIR, port(E2E_FOREIGN_ORIGIN))];
  mkdirSync(SHOTS, { recursive: true });
}, 300_000);
afterAll(async () => {
  await session?.close();
  for (const s of servers) await s.close();
});

/** The bridge section's state in the PWA's Settings. */
const bridgeStatus = (page: Page) => page.getByTestId('bridge').getAttribute('data-status');

/** Sends a bridge request from a page, as the PWA's transport does, and returns the reply. */
type Reply = { ok: boolean; value?: unknown; error?: { code: string; detail?: string } };
async function ask(page: Page, message: Record<string, unknown>): Promise<Reply> {
  return page.evaluate(
    ([id, m]) =>
      new Promise<Reply>(resolve => {
        type Runtime = { sendMessage(id: string, m: unknown, cb: (r: Reply) => void): void; lastError?: { message: string } };
        const runtime = (globalThis as unknown as { chrome: { runtime: Runtime } }).chrome.runtime;
        runtime.sendMessage(id, m, r =>
          resolve(runtime.lastError ? { ok: false, error: { code: 'lost', detail: runtime.lastError.message } } : r),
        );
      }),
    [EXTENSION_ID, message] as const,
  );
}

/** Stops the extension's service worker, as Chrome does after 30 s idle (the next message starts it again). */
async function stopServiceWorker(page: Page): Promise<void> {
  const cdp = await session.context.newCDPSession(page);
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
  const worker = targetInfos.find(t => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${EXTENSION_ID}/`));
  if (!worker) throw new Error('no service worker of the extension is running');
  await cdp.send('Target.closeTarget', { targetId: worker.targetId });
  await cdp.detach();
}

test('the test build of the extension has the id the PWA addresses', () => {
  expect(session.extensionId).toBe(EXTENSION_ID);
});

test('the extension captures a portal table and holds a bank statement, with open alerts on its badge', async () => {
  popup = await openPopup(session, null);
  await popup.evaluate(() => chrome.storage.local.set({ 'settlewatch.test.today': '2026-03-10' }));
  await popup
    .getByTestId('popup-file')
    .setInputFiles({ name: 'settlewatch-config.json', mimeType: 'application/json', buffer: Buffer.from(lakalaConfig()) });
  await popup.getByText(/自动抓取与通知|Portal capture/).click();
  await popup.getByTestId('portal-lakala').click();
  await eventually(
    () => popup.getByTestId('portal-lakala').getAttribute('aria-checked'),
    v => v === 'true',
  );
  const portal = await session.context.newPage();
  await portal.goto(`${session.portals}/lakala/index.html`);
  const tabId = await session.background.evaluate(
    async (url: string) => (await chrome.tabs.query({})).find(t => t.url === url)?.id,
    portal.url(),
  );
  const tabPopup = await openPopup(session, tabId ?? null);
  await eventually(
    () => numberAt(tabPopup, 'captured-count'),
    n => n === LAKALA.pageSize,
  );
  for (let p = 2; p <= LAKALA.rows.length / LAKALA.pageSize; p++) {
    await portal.getByRole('button', { name: '下一页' }).click();
    await eventually(
      () => numberAt(tabPopup, 'captured-count'),
      n => n === LAKALA.pageSize * p,
    );
  }
  await tabPopup.close();
  // A statement with the 03-03 credit only: the batches due after it have not been paid by 03-10.
  await popup
    .getByTestId('popup-file')
    .setInputFiles({ name: '招商银行流水.csv', mimeType: 'text/csv', buffer: Buffer.from(bankStatementCsv(['2026-03-03'])) });
  openBefore = Number(
    (
      await eventually(
        () => badge(popup),
        b => Number(b.text) > 0,
        30_000,
      )
    ).text,
  );
  await portal.close();
});

test('the PWA pairs once: both sides show the same code, the merchant confirms in the extension', async () => {
  pwa = await session.context.newPage();
  await pwa.goto(`${E2E_PWA_ORIGIN}/`);
  await pwa.getByTestId('nav-settings').click();
  await eventually(
    () => bridgeStatus(pwa),
    s => s === 'unpaired',
  );
  // Nothing moves before pairing: the PWA's token is not known to the extension.
  const token = await pwa.evaluate(() => localStorage.getItem('settlewatch.bridge.token'));
  expect((await ask(pwa, { tag: BRIDGE_TAG, kind: 'inventory', token })).error?.code).toBe('not_paired');

  await pwa.getByTestId('bridge-pair').click();
  const code = (await pwa.getByTestId('bridge-code').textContent())?.trim();
  expect(code).toMatch(/^\d{3} \d{3}$/);
  await popup.reload();
  await expect(
    eventually(
      () => popup.getByTestId('bridge-request-code').textContent(),
      t => t?.trim() === code,
    ),
  ).resolves.toBeTruthy();

  // Pairing as the merchant sees it, in both languages and at both widths.
  for (const lang of ['zh', 'en'] as const) {
    await pwa.getByTestId('language').selectOption(lang);
    for (const width of [1280, 375]) {
      await pwa.setViewportSize({ width, height: width === 375 ? 812 : 900 });
      await pwa.getByTestId('bridge').scrollIntoViewIfNeeded();
      await pwa.screenshot({ path: `${SHOTS}/pwa-pairing-${lang}-${width}.png` });
    }
    await popup.evaluate(l => localStorage.setItem('settlewatch.locale', l), lang);
    await popup.reload();
    await popup.getByTestId('bridge-request-code').waitFor();
    await popup.screenshot({ path: `${SHOTS}/popup-pairing-${lang}.png`, fullPage: true });
  }
  await pwa.setViewportSize({ width: 1280, height: 900 });
  await popup.getByTestId('bridge-confirm').click();
  await popup.getByTestId('bridge-pairings').waitFor();
  await eventually(
    () => bridgeStatus(pwa),
    s => s === 'paired',
    30_000,
  );
});

test('the captured table appears in the PWA after pairing', async () => {
  const last = await eventually(
    () =>
      pwa
        .getByTestId('bridge-last')
        .textContent()
        .catch(() => null),
    t => t !== null,
    60_000,
  );
  expect(last).toMatch(/received rows [1-9]\d*|收到 [1-9]\d* 行数据/);
  for (const width of [1280, 375]) {
    await pwa.setViewportSize({ width, height: width === 375 ? 812 : 900 });
    await pwa.getByTestId('bridge').scrollIntoViewIfNeeded();
    await pwa.screenshot({ path: `${SHOTS}/pwa-paired-en-${width}.png` });
  }
  await pwa.setViewportSize({ width: 1280, height: 900 });
  await pwa.getByTestId('nav-transactions').click();
  await eventually(
    () => pwa.getByTestId('txn-total').textContent(),
    t => /\b15\b/.test(t ?? ''),
    30_000,
  );
  await pwa.getByTestId('txn-search').fill(LAKALA.rows[0]!.ref);
  await eventually(
    () => pwa.getByTestId('txn-total').textContent(),
    t => /\b1\b/.test(t ?? ''),
  );
});

test('the PWA exports the current view as CSV for Excel: the filtered rows, a BOM, headers in the chosen language', async () => {
  // The transactions screen still shows the search for one reference.
  const download = async (testid: string) => {
    const [file] = await Promise.all([pwa.waitForEvent('download'), pwa.getByTestId(testid).click()]);
    return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
  };
  await pwa.getByTestId('language').selectOption('en');
  const txns = await download('txn-export');
  expect(txns.name).toMatch(/^settlewatch-transactions-\d{4}-\d{2}-\d{2}\.csv$/);
  expect([...txns.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = txns.bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^Time,Acquirer,Reference,/);
  expect(lines[1]).toContain(LAKALA.rows[0]!.ref);
  await pwa.getByTestId('language').selectOption('zh');
  await pwa.getByTestId('nav-alerts').click();
  const alerts = await download('alerts-export');
  expect(alerts.bytes.toString('utf8').slice(1).split('\r\n')[0]).toMatch(/^提醒编号,严重程度,类型,/);
  const report = JSON.parse((await download('report-export')).bytes.toString('utf8')) as { schema: string; transactions: unknown[] };
  expect(report.schema).toBe('settlewatch.report/1');
  expect(report.transactions).toHaveLength(LAKALA.rows.length);
});

test('a decision made in the PWA reaches the extension and moves its badge', async () => {
  await pwa.getByTestId('nav-alerts').click();
  await pwa.locator('[data-testid=alert-item] button').first().click();
  await pwa.getByTestId('case-view').waitFor();
  await pwa.getByTestId('action-dismiss').click();
  await pwa.getByTestId('dismiss-reason').fill('the acquirer confirmed the payout by phone');
  await pwa.getByTestId('action-dismiss-confirm').click();
  // The app syncs by itself after the change; Settings says what went.
  await pwa.getByTestId('nav-settings').click();
  await eventually(
    () => pwa.getByTestId('bridge-last').textContent(),
    t => /sent rows \d+, records [1-9]|发出 \d+ 行数据、[1-9]/.test(t ?? ''),
    60_000,
  );
  // One alert fewer is open: the badge counts one less.
  const after = await eventually(
    () => badge(popup),
    b => b.text !== String(openBefore),
    30_000,
  );
  expect(Number(after.text)).toBe(openBefore - 1);
});

test('a sender from another origin is refused by the extension, and pages it does not list cannot reach it', async () => {
  const foreign = await session.context.newPage();
  await foreign.goto(`${E2E_FOREIGN_ORIGIN}/`);
  const token = await pwa.evaluate(() => localStorage.getItem('settlewatch.bridge.token'));
  // Even with the paired PWA's token, and the same app: the origin the browser stamps is not a trusted one.
  for (const kind of ['hello', 'pair', 'inventory'])
    expect((await ask(foreign, { tag: BRIDGE_TAG, kind, token })).error?.code).toBe('bad_origin');
  const other = await session.context.newPage();
  await other.goto(`${session.portals}/lakala/index.html`);
  expect(
    await other.evaluate(() => typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage),
  ).toBe('undefined');
  // A malformed request from the trusted origin is refused before it reaches anything.
  expect((await ask(pwa, { tag: BRIDGE_TAG, kind: 'get', token, transfer: '../x', index: 0 })).error?.code).toBe('malformed');
  await foreign.close();
  await other.close();
});

test('a transfer resumes after the service worker is stopped between two messages', async () => {
  const token = await pwa.evaluate(() => localStorage.getItem('settlewatch.bridge.token'));
  const inventory = JSON.stringify({ files: {}, records: {} });
  const digest = await pwa.evaluate(async text => {
    const d = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    return Array.from(new Uint8Array(d), b => b.toString(16).padStart(2, '0')).join('');
  }, inventory);
  const transfer = 'c'.repeat(32);
  const half = Math.floor(inventory.length / 2);
  const put = (index: number, data: string) =>
    ask(pwa, { tag: BRIDGE_TAG, kind: 'put', token, transfer, purpose: 'inventory', index, count: 2, digest, data });
  expect(await put(0, inventory.slice(0, half))).toMatchObject({ ok: true, value: { received: 1, outcome: null } });
  await stopServiceWorker(pwa);
  // A new worker: what arrived before is still there.
  expect(await ask(pwa, { tag: BRIDGE_TAG, kind: 'status', token, transfer })).toMatchObject({
    ok: true,
    value: { have: [0], outcome: null },
  });
  const whole = await put(1, inventory.slice(half));
  const reply = (whole.value as { outcome: { purpose: string; reply: { transfer: string; count: number } } }).outcome;
  expect(reply.purpose).toBe('inventory');
  await stopServiceWorker(pwa);
  // The answer survives too: an empty ledger lacks everything the extension holds.
  const chunk = await ask(pwa, { tag: BRIDGE_TAG, kind: 'get', token, transfer: reply.reply.transfer, index: 0 });
  expect(chunk.ok).toBe(true);
  expect(((chunk.value as { data: string }).data ?? '').length).toBeGreaterThan(100);
  // And a sync through the UI still works with the restarted worker.
  const before = Number(await pwa.getByTestId('bridge').getAttribute('data-syncs'));
  await pwa.getByTestId('bridge-sync').click();
  await eventually(
    () => pwa.getByTestId('bridge').getAttribute('data-syncs'),
    n => Number(n) > before,
    60_000,
  );
  expect(await pwa.getByTestId('bridge-failure').count()).toBe(0);
});

test('sends no request off the device', () => {
  expect(session.external).toEqual([]);
});
