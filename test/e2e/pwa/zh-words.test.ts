// No English sentence reaches the Chinese app: every screen with the demo ledger, and the case view of every
// alert kind (a generated ledger with a hole in its bank statements adds the coverage gap the demo lacks),
// and the results of importing broken files. Text the app marks as another language (lang="en": a reader's
// own words quoted whole) is left out; everything else a person sees or hears (aria-label, title,
// placeholder) is read. An English sentence is a run of 3+ Latin words (test/support/english.ts).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ALERT_KINDS } from '../../../core/reconcile/types';
import { gbk } from '../../support/gbk.mjs';
import { launchChromium, type ChromiumSession } from '../support/browser';
import { englishOnPage } from '../support/english';
import { serveStatic } from '../support/server';
import { buildPwa, gapLedger, generateLedger, importThroughPicker, PWA_DIR, REPO } from './support';

const SCREENS = ['overview', 'import', 'alerts', 'transactions', 'bank', 'charts', 'settings'] as const;

beforeAll(() => buildPwa(), 300_000);

async function openSession(): Promise<{
  session: ChromiumSession;
  server: Awaited<ReturnType<typeof serveStatic>>;
  page: Page;
  errors: string[];
}> {
  const server = await serveStatic(PWA_DIR, 0);
  const session = await launchChromium({ locale: 'zh-CN' });
  const page = await session.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', e => errors.push(e.message));
  await page.goto(`${server.url}/`);
  expect(await page.getByTestId('language').inputValue()).toBe('zh');
  return { session, server, page, errors };
}

/** Opens the first alert of `kind` (the list filtered to it), reads the case view, and goes back. */
async function caseOf(page: Page, kind: string): Promise<{ found: boolean; english: string[]; message: string }> {
  await page.getByTestId('nav-alerts').click();
  await page.getByTestId('filter-kind').selectOption(kind);
  const item = page.locator(`[data-testid=alert-item][data-kind=${kind}]`).first();
  if ((await item.count()) === 0) {
    await page.getByTestId('filter-kind').selectOption('');
    return { found: false, english: [], message: '' };
  }
  const english = await englishOnPage(page, `alerts (${kind})`);
  await item.locator('button').click();
  await page.getByTestId('case-view').waitFor();
  const message = (await page.getByTestId('case-message').textContent()) ?? '';
  english.push(...(await englishOnPage(page, `case of ${kind}`)));
  await page.getByTestId('case-back').click();
  await page.getByTestId('filter-kind').selectOption('');
  return { found: true, english, message };
}

describe('the demo ledger in Chinese', () => {
  let s: Awaited<ReturnType<typeof openSession>>;
  beforeAll(async () => {
    s = await openSession();
  });
  afterAll(async () => {
    await s?.session.close();
    await s?.server.close();
  });

  test('every screen has no English sentence, before and after the demo is loaded', async () => {
    const { page } = s;
    const found: string[] = [];
    for (const screen of SCREENS) {
      await page.getByTestId(`nav-${screen}`).click();
      await page.waitForTimeout(150);
      found.push(...(await englishOnPage(page, `${screen} (empty)`)));
    }
    await page.getByTestId('nav-import').click();
    await page.getByTestId('load-demo').click();
    await expect.poll(async () => page.getByTestId('import-state').getAttribute('data-state'), { timeout: 120_000 }).toBe('done');
    for (const screen of SCREENS) {
      await page.getByTestId(`nav-${screen}`).click();
      await page.waitForTimeout(screen === 'transactions' || screen === 'bank' ? 400 : 150);
      found.push(...(await englishOnPage(page, screen)));
    }
    expect(found).toEqual([]);
  });

  test('every alert kind of the demo, in the list and in its case view, is said in Chinese', async () => {
    const demo = JSON.parse(readFileSync(join(PWA_DIR, 'demo/manifest.json'), 'utf8')) as { stats: { alerts: Record<string, number> } };
    const found: string[] = [];
    const kinds = ALERT_KINDS.filter(k => (demo.stats.alerts[k] ?? 0) > 0);
    expect(kinds.length).toBeGreaterThanOrEqual(6);
    for (const kind of kinds) {
      const c = await caseOf(s.page, kind);
      expect(c.found, kind).toBe(true);
      expect(c.message, kind).toMatch(/[\u4e00-\u9fff]/);
      found.push(...c.english);
    }
    expect(found).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});

describe('a ledger with every alert kind, and broken files, in Chinese', () => {
  let s: Awaited<ReturnType<typeof openSession>>;
  let files: string[];
  let broken: string[];
  beforeAll(async () => {
    // A cn ledger whose bank statement misses a week: the coverage gap the demo does not have.
    files = gapLedger(generateLedger('cn', 11, 30, 60), ['--hole', '2026-01-15..2026-01-20']).files;
    // Broken files a merchant meets: one no format reads, a bank statement with a bad date and a repeated row.
    const dir = mkdtempSync(join(tmpdir(), 'settlewatch-broken-'));
    writeFileSync(join(dir, 'notes.txt'), 'these are not card payments\n');
    const statement = new TextDecoder('gbk')
      .decode(readFileSync(join(REPO, 'test/fixtures/generated/cn/bank-ccb-20260105-20260116.csv')))
      .split('\r\n');
    const row = statement.findIndex(l => /^\d{8},/.test(l));
    const badDate = [...statement];
    badDate[row] = badDate[row]!.replace(/^\d{8}/, '20261345');
    writeFileSync(join(dir, 'bad-date.csv'), gbk(badDate.join('\r\n')));
    const twice = [...statement];
    twice.splice(row + 1, 0, twice[row]!);
    writeFileSync(join(dir, 'twice.csv'), gbk(twice.join('\r\n')));
    broken = [join(dir, 'notes.txt'), join(dir, 'bad-date.csv'), join(dir, 'twice.csv')];
    s = await openSession();
  }, 300_000);
  afterAll(async () => {
    await s?.session.close();
    await s?.server.close();
  });

  test('the case view of every alert kind, coverage gap included, is said in Chinese', async () => {
    await importThroughPicker(s.page, files);
    const found: string[] = [];
    for (const kind of ALERT_KINDS) {
      const c = await caseOf(s.page, kind);
      expect(c.found, `an alert of kind ${kind}`).toBe(true);
      expect(c.message, kind).toMatch(/[\u4e00-\u9fff]/);
      found.push(...c.english);
    }
    expect(found).toEqual([]);
  });

  test('fee mismatches are listed per incident, with both rates, in Chinese', async () => {
    const { page } = s;
    await page.getByTestId('nav-alerts').click();
    await page.getByTestId('filter-kind').selectOption('fee_mismatch');
    const items = await page.locator('[data-testid=alert-item][data-kind=fee_mismatch]').allInnerTexts();
    await page.getByTestId('filter-kind').selectOption('');
    expect(items.length).toBeGreaterThan(0);
    // At least one incident of several sales: "N 笔消费按 0.78% 收取手续费，合同费率为 0.60%".
    expect(items.join('\n')).toMatch(/\d+ 笔消费按 \d+\.\d+% 收取手续费，合同费率为 \d+\.\d+%/);
  });

  test('the results of importing broken files name the problems in Chinese', async () => {
    await importThroughPicker(s.page, broken);
    const issues = await s.page.getByTestId('file-issues').allTextContents();
    // A file of prose is said for what it is (issue 14), not as a format no reader recognised.
    const notes = s.page.locator('[data-testid=file-result][data-name="notes.txt"] [data-testid=file-kind]');
    expect(await notes.textContent()).toContain('没有表格的文本');
    expect(issues.join('\n')).toContain('“20261345” 不是日期');
    const found = await englishOnPage(s.page, 'import results');
    for (const screen of SCREENS) {
      await s.page.getByTestId(`nav-${screen}`).click();
      await s.page.waitForTimeout(screen === 'transactions' || screen === 'bank' ? 400 : 150);
      found.push(...(await englishOnPage(s.page, screen)));
    }
    expect(found).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
