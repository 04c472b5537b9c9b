// One ledger on two devices through the encrypted replica file (issue 13), in the built app: a replica
// exported from one fresh profile and imported into another shows the same status counts, alerts and
// decisions; a wrong passphrase changes nothing; importing the same replica twice changes nothing; and no
// request leaves the device. The two profiles are two Chromium sessions with their own IndexedDB.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, watchExternalRequests, type ChromiumSession } from '../support/browser';
import { serveStatic } from '../support/server';
import { alertCounts, buildPwa, generateLedger, importThroughPicker, PWA_DIR, statusCounts, type Ledger } from './support';

beforeAll(() => buildPwa(), 300_000);

const PASSPHRASE = 'tea kettle 北京 harbour';

/** The alerts page as a merchant compares it: each alert's id, and whether it was dismissed. */
async function alertsShown(page: Page): Promise<string[]> {
  await page.getByTestId('nav-alerts').click();
  const toggle = page.getByText('Show dismissed');
  if (!(await toggle.isChecked())) await toggle.click();
  const items = page.getByTestId('alert-item');
  const all: string[] = [];
  for (const item of await items.all()) {
    const dismissed = await item.evaluate(el => el.classList.contains('dismissed'));
    all.push(`${await item.getAttribute('data-alert-id')}${dismissed ? ' dismissed' : ''}`);
  }
  return all.sort();
}

async function openSettings(page: Page): Promise<void> {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('replica-panel').waitFor();
}

describe('the encrypted replica file between two fresh profiles', () => {
  let ledger: Ledger;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let a: ChromiumSession;
  let b: ChromiumSession;
  const external: string[][] = [];
  let pageA: Page;
  let pageB: Page;
  let replicaPath: string;
  let expected: { status: Awaited<ReturnType<typeof statusCounts>>; alerts: Awaited<ReturnType<typeof alertCounts>>; shown: string[] };

  beforeAll(async () => {
    ledger = generateLedger('cn', 43, 12, 30);
    server = await serveStatic(PWA_DIR, 0);
    a = await launchChromium({ locale: 'en-US' });
    b = await launchChromium({ locale: 'en-US' });
    external.push(watchExternalRequests(a.context), watchExternalRequests(b.context));
    pageA = await a.context.newPage();
    pageB = await b.context.newPage();
    for (const page of [pageA, pageB]) {
      await page.goto(`${server.url}/`);
      await page.getByTestId('status-count-settled').waitFor();
    }
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await server?.close().catch(() => {});
  });

  test('device A imports the ledger, dismisses an alert and exports an encrypted replica', async () => {
    await importThroughPicker(pageA, ledger.files);
    expect(await statusCounts(pageA)).toEqual(ledger.byStatus);
    const before = await alertCounts(pageA);
    await pageA.getByTestId('nav-alerts').click();
    await pageA.getByTestId('filter-kind').selectOption('fee_mismatch');
    await pageA.locator('[data-testid=alert-item][data-kind=fee_mismatch] button').first().click();
    await pageA.getByTestId('action-dismiss').click();
    await pageA.getByTestId('dismiss-reason').fill('refunded by the acquirer');
    await pageA.getByTestId('action-dismiss-confirm').click();
    await expect.poll(async () => (await alertCounts(pageA)).fee_mismatch).toBe(before.fee_mismatch - 1);
    await pageA.getByTestId('nav-alerts').click();
    await pageA.getByTestId('filter-kind').selectOption('');
    expected = { status: await statusCounts(pageA), alerts: await alertCounts(pageA), shown: await alertsShown(pageA) };
    expect(expected.shown.filter(s => s.endsWith(' dismissed'))).toHaveLength(1);

    await openSettings(pageA);
    await pageA.getByTestId('replica-passphrase').fill(PASSPHRASE);
    const download = pageA.waitForEvent('download', { timeout: 120_000 });
    await pageA.getByTestId('replica-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^settlewatch-\d{4}-\d{2}-\d{2}\.age$/);
    replicaPath = join(mkdtempSync(join(tmpdir(), 'settlewatch-replica-')), file.suggestedFilename());
    await file.saveAs(replicaPath);
    await pageA.getByTestId('replica-exported').waitFor();
  }, 240_000);

  test('device B refuses the file with a wrong passphrase, changing nothing, then opens it with the right one and previews what is new', async () => {
    await openSettings(pageB);
    await pageB.getByTestId('replica-passphrase').fill('tea kettle');
    await pageB.getByTestId('replica-import').setInputFiles(replicaPath);
    const error = pageB.getByTestId('replica-error');
    await error.waitFor({ timeout: 60_000 });
    expect(await error.getAttribute('data-reason')).toBe('replica_wrong_passphrase');
    expect(await error.textContent()).toContain('The passphrase does not open this file');

    await pageB.getByTestId('replica-passphrase').fill(PASSPHRASE);
    await pageB.getByTestId('replica-retry').click();
    const preview = pageB.getByTestId('replica-preview');
    await preview.waitFor({ timeout: 60_000 });
    const cells = async (row: string) => (await pageB.getByTestId(`replica-row-${row}`).locator('td').allTextContents()).map(s => s.trim());
    expect(await cells('txns')).toEqual([ledger.manifest.stats.transactions.toLocaleString('en-US'), '0']);
    expect(await cells('decisions')).toEqual(['1', '0']);
    // Neither the refusal nor the preview stored anything.
    expect(Object.values(await statusCounts(pageB)).every(n => n === 0)).toBe(true);
  }, 120_000);

  test('device B merges the replica and shows what A shows', async () => {
    await openSettings(pageB);
    await pageB.getByTestId('replica-passphrase').fill(PASSPHRASE);
    await pageB.getByTestId('replica-import').setInputFiles(replicaPath);
    await pageB.getByTestId('replica-preview').waitFor({ timeout: 60_000 });
    await pageB.getByTestId('replica-import-confirm').click();
    await pageB.getByTestId('replica-done').waitFor({ timeout: 60_000 });
    await expect.poll(async () => statusCounts(pageB), { timeout: 30_000 }).toEqual(expected.status);
    expect(await alertCounts(pageB)).toEqual(expected.alerts);
    expect(await alertsShown(pageB)).toEqual(expected.shown);
    // The dismissed alert's case carries A's decision, with its reason, and it can be undone here.
    await pageB.locator('[data-testid=alert-item].dismissed button').first().click();
    await pageB.getByTestId('case-view').waitFor();
    // The view is there while its case loads ("Loading…"): what it says is read once it has loaded.
    await expect.poll(() => pageB.getByTestId('case-view').textContent(), { timeout: 30_000 }).toContain('refunded by the acquirer');
    expect(await pageB.getByTestId('decision-undo').count()).toBe(1);
  }, 240_000);

  test('importing the same replica again finds nothing new and changes nothing', async () => {
    await openSettings(pageB);
    await pageB.getByTestId('replica-passphrase').fill(PASSPHRASE);
    await pageB.getByTestId('replica-import').setInputFiles(replicaPath);
    await pageB.getByTestId('replica-preview').waitFor({ timeout: 60_000 });
    const txns = (await pageB.getByTestId('replica-row-txns').locator('td').allTextContents()).map(s => s.trim());
    expect(txns).toEqual(['0', ledger.manifest.stats.transactions.toLocaleString('en-US')]);
    expect(await pageB.getByTestId('replica-preview').textContent()).toContain('Nothing new');
    await pageB.getByTestId('replica-import-confirm').click();
    await pageB.getByTestId('replica-done').waitFor({ timeout: 60_000 });
    expect(await statusCounts(pageB)).toEqual(expected.status);
    expect(await alertsShown(pageB)).toEqual(expected.shown);
  }, 180_000);

  test('sends no request beyond 127.0.0.1', () => {
    expect(external.flat()).toEqual([]);
  });
});
