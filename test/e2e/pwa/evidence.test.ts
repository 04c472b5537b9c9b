// The evidence pack from the built app: open a case, pick the language, press evidence-export, and read
// the ZIP the browser saved (made in the worker, handed over as a Blob URL, no request leaving the page).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EVIDENCE_WORDS } from '../../../core/evidence/index';
import { ALERT_KINDS } from '../../../core/reconcile/types';
import { launchChromium, watchExternalRequests, type ChromiumSession } from '../support/browser';
import { serveStatic } from '../support/server';
import { buildPwa, generateLedger, importThroughPicker, PWA_DIR, seriousViolations, type Ledger } from './support';

const SHOTS = process.env.SHOTS_DIR ?? '/tmp/settlewatch-shots';

beforeAll(() => {
  buildPwa();
  mkdirSync(SHOTS, { recursive: true });
}, 300_000);

describe('the evidence pack in the app', () => {
  let ledger: Ledger;
  let session: ChromiumSession;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let external: string[];
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ledger = generateLedger('cn', 31, 12, 20);
    server = await serveStatic(PWA_DIR, 0);
    session = await launchChromium({ locale: 'zh-CN' });
    external = watchExternalRequests(session.context);
    page = await session.context.newPage();
    page.on('pageerror', e => errors.push(e.message));
    await page.goto(`${server.url}/`);
    await page.getByTestId('status-count-settled').waitFor();
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  async function openFirst(kind: string): Promise<string> {
    await page.getByTestId('nav-alerts').click();
    await page.getByTestId('filter-kind').selectOption(kind);
    const item = page.locator(`[data-testid=alert-item][data-kind=${kind}]`).first();
    const id = (await item.getAttribute('data-alert-id'))!;
    await item.locator('button').click();
    await page.getByTestId('case-view').waitFor();
    return id;
  }

  async function download(lang: 'zh' | 'en' | 'both'): Promise<{ name: string; zip: Record<string, Uint8Array> }> {
    await page.getByTestId('evidence-lang').selectOption(lang);
    const [saved] = await Promise.all([page.waitForEvent('download'), page.getByTestId('evidence-export').click()]);
    const path = await saved.path();
    return { name: saved.suggestedFilename(), zip: unzipSync(new Uint8Array(readFileSync(path))) };
  }

  test('a missing credit downloads its pack in Chinese, English or both, with the case’s transactions', async () => {
    await importThroughPicker(page, ledger.files);
    const id = await openFirst('missing_credit');
    const { name, zip } = await download('both');
    expect(name).toMatch(/^settlewatch-evidence-missing_credit-[\w-]+\.zip$/);
    const json = JSON.parse(strFromU8(zip['case.json']!)) as {
      alert: { id: string; transactionIds: string[]; amountMinor: number };
      transactions: { id: string; inAlert: boolean; netMinor: number }[];
    };
    expect(json.alert.id).toBe(id);
    const listed = json.transactions.filter(t => t.inAlert);
    expect(listed.map(t => t.id).sort()).toEqual([...json.alert.transactionIds].sort());
    expect(listed.reduce((s, t) => s + t.netMinor, 0)).toBe(json.alert.amountMinor);
    for (const lang of ['zh', 'en'] as const) {
      const w = EVIDENCE_WORDS[lang];
      expect(strFromU8(zip[`${lang}/summary.html`]!)).toContain(w.summaryTitle);
      const csv = zip[`${lang}/transactions.csv`]!;
      expect([...csv.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(strFromU8(csv).trimEnd().split('\r\n')).toHaveLength(json.transactions.length + 1);
      for (const letter of ['letter-acquirer.html', 'letter-bank.html', 'letter-regulator.html'])
        expect(zip[`${lang}/${letter}`]).toBeDefined();
    }
    await expect.poll(() => page.getByTestId('evidence-status').textContent()).toContain(name);

    const en = await download('en');
    expect(Object.keys(en.zip)).toContain('summary.html');
    expect(strFromU8(en.zip['summary.html']!)).toContain('<html lang="en">');
  });

  test('every alert kind the ledger raises gives a pack, and nothing leaves the device', async () => {
    let made = 0;
    for (const kind of ALERT_KINDS) {
      await page.getByTestId('nav-alerts').click();
      await page.getByTestId('filter-kind').selectOption(kind);
      if (!(await page.locator(`[data-testid=alert-item][data-kind=${kind}]`).count())) continue;
      await openFirst(kind);
      const { name, zip } = await download('zh');
      expect(name).toContain(kind);
      expect(strFromU8(zip['summary.html']!)).toContain('<html lang="zh-CN">');
      made++;
    }
    expect(made).toBeGreaterThanOrEqual(5);
    expect(external).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('the case view with its evidence section, in zh and en, wide and narrow: nothing serious for axe, no sideways scroll (screenshots)', async () => {
    for (const lang of ['zh', 'en'] as const) {
      await page.getByTestId('language').selectOption(lang);
      await openFirst('short_credit');
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 900 });
        await page.locator('.evidence').scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SHOTS, `evidence-case-${lang}-${width}.png`), fullPage: false });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        expect(await seriousViolations(page, '.evidence')).toEqual([]);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });
});
