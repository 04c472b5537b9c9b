// No English sentence reaches the Chinese popup: with a ledger of every alert kind imported in the ledger page,
// the popup on its own and on a portal tab (capture not yet on), its settings opened, says everything in Chinese;
// the badge's number is the popup's count of open alerts, and its title speaks Chinese too.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ALERT_KINDS } from '../../../core/reconcile/types';
import { englishRuns } from '../../support/english';
import { englishOnPage } from '../support/english';
import { generateLedger } from '../pwa/support';
import { badge, eventually, launchExtension, openPopup, tabIdOf, type ExtensionSession } from './support';

let session: ExtensionSession;
beforeAll(async () => {
  session = await launchExtension();
}, 300_000);
afterAll(async () => {
  await session?.close();
});

/** The open alerts the popup lists, summed over kinds. */
async function popupOpenAlerts(popup: Page): Promise<number> {
  let sum = 0;
  for (const kind of ALERT_KINDS) {
    const at = popup.getByTestId(`alert-count-${kind}`);
    if ((await at.count()) > 0) sum += Number((await at.textContent())?.trim());
  }
  return sum;
}

test('the popup, alone and on a portal tab, has no English sentence; the badge counts what it lists', async () => {
  const ledger = await session.context.newPage();
  await ledger.goto(`chrome-extension://${session.extensionId}/ledger.html`);
  await ledger.getByTestId('nav-import').click();
  const done = Number(await ledger.getByTestId('import-state').getAttribute('data-done'));
  await ledger.getByTestId('import-input').setInputFiles(generateLedger('cn', 11, 30, 40).files);
  await eventually(
    () => ledger.getByTestId('import-state').getAttribute('data-done'),
    v => Number(v) > done,
    120_000,
  );
  expect(await ledger.getByTestId('language').inputValue()).toBe('zh');

  const popup = await openPopup(session, null);
  // The popup and the badge follow the ledger as it is reconciled: once both settle they say the same number.
  const { open } = await eventually(
    async () => ({ open: await popupOpenAlerts(popup), badge: (await badge(popup)).text.replace('?', '') }),
    v => v.open > 0 && v.badge === String(v.open),
    60_000,
  );
  const found = await englishOnPage(popup, 'popup');
  await popup.locator('details summary').click();
  found.push(...(await englishOnPage(popup, 'popup settings')));
  const title = await popup.evaluate(() => chrome.action.getTitle({}));
  expect(title).toMatch(new RegExp(`${open} 条待处理提醒`));
  found.push(...englishRuns(title).map(run => `badge title: "${run}"`));
  await popup.close();

  const portal = await session.context.newPage();
  await portal.goto(`${session.portals}/lakala/index.html`);
  const onPortal = await openPopup(session, await tabIdOf(session, portal));
  await onPortal.getByRole('button', { name: /打开账本/ }).waitFor();
  await onPortal.waitForTimeout(500);
  found.push(...(await englishOnPage(onPortal, 'popup on a portal')));
  expect(found).toEqual([]);
  await onPortal.close();
  await portal.close();
  await ledger.close();
}, 300_000);
