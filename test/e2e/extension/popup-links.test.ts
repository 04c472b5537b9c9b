import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generateLedger, importThroughPicker, seriousViolations } from '../pwa/support';
import { launchExtension, openPopup, type ExtensionSession } from './support';

// Places (issue 14): the popup's alert kinds, next credits and captured rows open the extension's
// ledger page on that place (a URL fragment), and a reload of that page stays there.
const SHOTS = process.env.SHOTS_DIR ?? '/tmp/settlewatch-shots';
let session: ExtensionSession;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  session = await launchExtension();
}, 300_000);
afterAll(async () => {
  await session?.close();
});

/** Clicks something in the popup that opens the ledger, and returns the tab it opened. */
async function follow(popup: Page, testId: string): Promise<Page> {
  const opened = session.context.waitForEvent('page');
  await popup.getByTestId(testId).first().click();
  const page = await opened;
  await page.waitForLoadState();
  return page;
}

test('a ledger imported on the ledger page', async () => {
  const ledger = await session.context.newPage();
  await ledger.goto(`chrome-extension://${session.extensionId}/ledger.html`);
  await ledger.getByTestId('status-count-settled').waitFor();
  await importThroughPicker(ledger, generateLedger('cn', 41, 20, 10).files);
  await ledger.close();
});

test('an alert kind in the popup opens the ledger on that kind’s alerts, and a reload stays there', async () => {
  const popup = await openPopup(session, null);
  const kind = popup.getByTestId('popup-alerts-fee_mismatch');
  await kind.waitFor({ timeout: 30_000 });
  expect(await seriousViolations(popup)).toEqual([]);
  for (const lang of ['zh', 'en']) {
    if ((await popup.evaluate(() => document.documentElement.lang)).startsWith(lang) === false)
      await popup.getByRole('button', { name: lang === 'en' ? 'English' : '中文' }).click();
    await popup.screenshot({ path: join(SHOTS, `${lang}-360-popup.png`), fullPage: true });
  }
  const ledger = await follow(popup, 'popup-alerts-fee_mismatch');
  expect(new URL(ledger.url()).hash).toBe('#/alerts?kind=fee_mismatch');
  await ledger.getByTestId('alert-list').waitFor({ timeout: 30_000 });
  expect(await ledger.getByTestId('filter-kind').inputValue()).toBe('fee_mismatch');
  const kinds = await ledger.getByTestId('alert-item').evaluateAll(items => items.map(i => i.getAttribute('data-kind')));
  expect(new Set(kinds)).toEqual(new Set(['fee_mismatch']));
  await ledger.reload();
  await ledger.getByTestId('alert-list').waitFor({ timeout: 30_000 });
  expect(await ledger.getByTestId('filter-kind').inputValue()).toBe('fee_mismatch');
  await ledger.close();
});

test('a next expected credit in the popup opens its batch as a case', async () => {
  const popup = await openPopup(session, null);
  await popup.getByTestId('next-credit').first().waitFor({ timeout: 30_000 });
  const opened = session.context.waitForEvent('page');
  await popup.getByTestId('next-credit').first().getByRole('button').click();
  const ledger = await opened;
  await ledger.getByTestId('case-view').waitFor({ timeout: 30_000 });
  expect(new URL(ledger.url()).hash).toMatch(/^#\/alerts\/batch\//);
  await ledger.getByTestId('case-batch').first().waitFor({ timeout: 30_000 });
  await ledger.close();
});
