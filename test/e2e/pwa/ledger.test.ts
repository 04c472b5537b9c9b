import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, watchExternalRequests, type ChromiumSession } from '../support/browser';
import { serveStatic } from '../support/server';
import { alertCounts, buildPwa, generateLedger, importThroughPicker, PWA_DIR, statusCounts, waitForLedger, type Ledger } from './support';

// The real built app (npm run build:pwa), served on 127.0.0.1 and driven in Debian's Chromium.
beforeAll(() => buildPwa(), 300_000);

async function openApp(session: ChromiumSession, url: string): Promise<Page> {
  const page = await session.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', e => errors.push(e.message));
  await page.goto(url);
  await page.getByTestId('status-count-settled').waitFor();
  (page as Page & { errors?: string[] }).errors = errors;
  return page;
}

describe.each([
  ['cn', 11],
  ['us', 12],
  ['eu', 13],
] as const)('the %s ledger', (scenario, seed) => {
  let ledger: Ledger;
  let session: ChromiumSession;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let external: string[];
  let page: Page;

  beforeAll(async () => {
    ledger = generateLedger(scenario, seed, 20, 40);
    server = await serveStatic(PWA_DIR, 0);
    session = await launchChromium({ locale: scenario === 'cn' ? 'zh-CN' : 'en-US' });
    external = watchExternalRequests(session.context);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close().catch(() => {});
  });

  test('shows every status count the truth has after importing through the file picker', async () => {
    page = await openApp(session, `${server.url}/`);
    await importThroughPicker(page, ledger.files);
    const results = page.getByTestId('file-result');
    await expect.poll(() => results.count()).toBe(ledger.files.length);
    for (const r of await results.all()) expect(await r.getAttribute('data-status')).toBe('stored');
    expect(await statusCounts(page)).toEqual(ledger.byStatus);
  });

  test('finds the same data after a reload', async () => {
    await page.reload();
    await waitForLedger(page, ledger.manifest.stats.transactions);
    expect(await statusCounts(page)).toEqual(ledger.byStatus);
  });

  test('opens offline from the service worker with its data, and a re-import changes nothing', async () => {
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // The first visit is not controlled by the service worker; a reload is.
    await page.reload();
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    await server.close();
    await page.reload();
    await waitForLedger(page, ledger.manifest.stats.transactions);
    expect(await statusCounts(page)).toEqual(ledger.byStatus);

    await importThroughPicker(page, ledger.files);
    const results = page.getByTestId('file-result');
    await expect.poll(() => results.count()).toBe(ledger.files.length);
    for (const r of await results.all()) expect(await r.getAttribute('data-status')).toBe('duplicate');
    expect(await statusCounts(page)).toEqual(ledger.byStatus);
  });

  test('reviews an earlier date with the as-of picker and comes back to the latest', async () => {
    const period = (ledger.manifest as unknown as { period: { from: string } }).period.from;
    const early = new Date(Date.parse(`${period}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('nav-overview').click();
    await page.getByTestId('as-of').fill(early);
    await expect.poll(async () => (await statusCounts(page)).settled).toBeLessThan(ledger.byStatus.settled);
    const past = await statusCounts(page);
    expect(Object.values(past).reduce((a, b) => a + b, 0)).toBe(ledger.manifest.stats.transactions);
    await page.getByTestId('as-of-reset').click();
    await expect.poll(() => statusCounts(page)).toEqual(ledger.byStatus);
  });

  test('sends no request beyond 127.0.0.1', () => {
    expect(external).toEqual([]);
  });
});

describe('a corrupt bank statement', () => {
  test('is refused with its line named and nothing of it is stored', async () => {
    const ledger = generateLedger('cn', 21, 10, 20);
    const bankPath = ledger.files.find(f => /bank-/.test(f))!;
    // The CCB statement is GBK; amounts are ASCII, so the bytes can be edited as latin1 text.
    const lines = readFileSync(bankPath, 'latin1').split('\n');
    // Amounts are printed quoted with thousands separators ("1,674.70"): the first one becomes "12,3x.00".
    const at = lines.findIndex((l, i) => i > 3 && /,"[\d,]+\.\d{2}",/.test(l));
    expect(at).toBeGreaterThan(0);
    lines[at] = lines[at]!.replace(/,"[\d,]+\.\d{2}",/, ',"12,3x.00",');
    const corrupt = join(ledger.dir, 'corrupt-bank.csv');
    writeFileSync(corrupt, lines.join('\n'), 'latin1');

    const server = await serveStatic(PWA_DIR, 0);
    const session = await launchChromium({ locale: 'en-US' });
    const external = watchExternalRequests(session.context);
    try {
      const page = await openApp(session, `${server.url}/`);
      await importThroughPicker(page, [...ledger.files.filter(f => f !== bankPath), corrupt]);
      const refused = page.locator('[data-testid=file-result][data-name="corrupt-bank.csv"]');
      expect(await refused.getAttribute('data-status')).toBe('refused');
      expect(await refused.getByTestId('file-issues').textContent()).toContain(`line ${at + 1}`);
      await page.getByTestId('nav-bank').click();
      await expect.poll(async () => page.getByTestId('bank-total').textContent()).toMatch(/^0 rows$/);
      await page.getByTestId('nav-import').click();
      expect(await page.getByTestId('files-table').locator('tbody tr').count()).toBe(ledger.files.length - 1);
      expect(external).toEqual([]);
    } finally {
      await session.close();
      await server.close();
    }
  });
});

describe('decisions', () => {
  let ledger: Ledger;
  let session: ChromiumSession;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let page: Page;

  beforeAll(async () => {
    ledger = generateLedger('cn', 31, 20, 40);
    server = await serveStatic(PWA_DIR, 0);
    session = await launchChromium({ locale: 'en-US' });
    page = await openApp(session, `${server.url}/`);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  async function openFirstAlert(kind: string): Promise<void> {
    await page.getByTestId('nav-alerts').click();
    await page.getByTestId('filter-kind').selectOption(kind);
    await page.locator(`[data-testid=alert-item][data-kind=${kind}] button`).first().click();
    await page.getByTestId('case-view').waitFor();
  }

  test('dismissing an alert closes it, survives a reload and can be undone', async () => {
    await importThroughPicker(page, ledger.files);
    const before = await alertCounts(page);
    expect(before.fee_mismatch).toBeGreaterThan(0);
    await openFirstAlert('fee_mismatch');
    await page.getByTestId('action-dismiss').click();
    await page.getByTestId('dismiss-reason').fill('agreed with the acquirer by phone');
    await page.getByTestId('action-dismiss-confirm').click();
    await expect.poll(async () => (await alertCounts(page)).fee_mismatch).toBe(before.fee_mismatch - 1);

    await page.reload();
    await waitForLedger(page, ledger.manifest.stats.transactions);
    expect((await alertCounts(page)).fee_mismatch).toBe(before.fee_mismatch - 1);

    await openFirstAlertDismissed();
    await page.getByTestId('decision-undo').first().click();
    await expect.poll(async () => (await alertCounts(page)).fee_mismatch).toBe(before.fee_mismatch);
  });

  async function openFirstAlertDismissed(): Promise<void> {
    await page.getByTestId('nav-alerts').click();
    await page.getByTestId('filter-kind').selectOption('fee_mismatch');
    await page.getByText('Show dismissed').click();
    await page.locator('[data-testid=alert-item].dismissed button').first().click();
    await page.getByTestId('case-view').waitFor();
  }

  test('unlinking a late credit makes its transactions unpaid; linking it back by hand restores them; both survive a reload', async () => {
    const before = await statusCounts(page);
    expect(before.settled_late).toBeGreaterThan(0);
    await openFirstAlert('late_credit');
    const lineId = await page.getByTestId('case-link').first().getAttribute('data-bank-line');
    expect(lineId).toBeTruthy();
    await page.getByTestId('action-unlink').first().click();
    // The case stays on the batches the credit paid, now with nothing linked.
    await expect.poll(() => page.getByTestId('case-link').count()).toBe(0);
    const batchIds = await page.getByTestId('case-batch').evaluateAll(rows => rows.map(r => r.getAttribute('data-batch-id')!));
    expect(batchIds.length).toBeGreaterThan(0);

    const unlinked = await statusCounts(page);
    const moved = before.settled_late - unlinked.settled_late;
    expect(moved).toBeGreaterThan(0);
    expect(unlinked.overdue + unlinked.missing).toBe(before.overdue + before.missing + moved);
    expect(unlinked.settled).toBe(before.settled);

    await page.reload();
    await waitForLedger(page, ledger.manifest.stats.transactions);
    expect(await statusCounts(page)).toEqual(unlinked);

    // The credit no transaction explains any more is an unknown credit: link it to its batches by hand.
    await page.getByTestId('nav-alerts').click();
    await page.locator(`[data-testid=alert-item][data-bank-lines~="${lineId}"] button`).first().click();
    await page.getByTestId('case-view').waitFor();
    await page.getByTestId('action-manual').click();
    for (const id of batchIds) await page.locator(`[data-testid=candidate-batch][value="${id}"]`).check();
    await page.getByTestId('action-link-selected').click();
    await expect.poll(async () => (await statusCounts(page)).settled_late).toBe(before.settled_late);
    expect(await statusCounts(page)).toEqual(before);

    await page.reload();
    await waitForLedger(page, ledger.manifest.stats.transactions);
    expect(await statusCounts(page)).toEqual(before);
  });
});
