import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { STATUSES } from '../../../core/reconcile/types';
import { launchChromium, watchExternalRequests, type ChromiumSession } from '../support/browser';
import { serveStatic } from '../support/server';
import { buildPwa, importThroughPicker, PWA_DIR, REPO, statusCounts } from './support';

// Issue 14, setup from the files themselves, in both languages: a Lakala export is offered the Lakala preset
// and ChinaUMS is flagged for it; removing a file restores the counts from before it (undo brings them back);
// the demo is a ledger of its own that leaves the merchant's counts as they were; a PNG, an empty file and a
// broken config.json are told apart and offered no column mapping. Screenshots go to SHOTS_DIR.
const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots-h6';
const CN = join(REPO, 'test/fixtures/generated/cn');
const LAKALA = join(CN, 'lakala-20260105-20260116.csv');
const CHINAUMS = join(CN, 'chinaums-20260105-20260116.csv');
const BANK = join(CN, 'bank-ccb-20260105-20260116.csv');
const ACQUIRER_DE = join(REPO, 'test/fixtures/synthetic/mapped/acquirer-de.csv');
const AXE = readFileSync(join(REPO, 'node_modules/axe-core/axe.min.js'), 'utf8');
// The smallest valid PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

beforeAll(() => {
  buildPwa();
  mkdirSync(SHOTS, { recursive: true });
}, 300_000);

async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated, not added as a <script>: the app's CSP refuses inline scripts, as it should.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  })) as { id: string; impact: string | null; nodes: { target: string[] }[] }[];
  return violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
}

/** Screenshots the page at 1280 and 375 px, and checks it for serious axe findings and sideways scroll. */
async function look(page: Page, name: string, problems: string[]): Promise<void> {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
    const extra = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (extra > 1) problems.push(`${name} at ${width}px: the page scrolls sideways by ${extra}px`);
    for (const v of await seriousViolations(page)) problems.push(`${name} at ${width}px: ${v}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const result = (page: Page, name: string) => page.locator(`[data-testid=file-result][data-name="${name}"]`);

describe.each([
  ['en', 'en-US'],
  ['zh', 'zh-CN'],
] as const)('setting up from the files in %s', (lang, locale) => {
  let session: ChromiumSession;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let page: Page;
  let external: string[];
  const pageErrors: string[] = [];
  const problems: string[] = [];
  const demo = JSON.parse(readFileSync(join(PWA_DIR, 'demo/manifest.json'), 'utf8')) as { stats: { byStatus: Record<string, number> } };

  beforeAll(async () => {
    server = await serveStatic(PWA_DIR, 0);
    session = await launchChromium({ locale });
    external = watchExternalRequests(session.context);
    page = await session.context.newPage();
    page.on('pageerror', e => pageErrors.push(e.message));
    page.on('dialog', d => void d.accept());
    await page.goto(`${server.url}/`);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  test('offers a Lakala export the Lakala preset, from its title line and merchant number, with the lag its dates show', async () => {
    await importThroughPicker(page, [LAKALA]);
    const card = result(page, 'lakala-20260105-20260116.csv');
    await expect.poll(() => card.getAttribute('data-status')).toBe('refused');
    expect(await card.getByTestId('preset-fit-lakala').getAttribute('data-verdict')).toBe('suggested');
    expect(await card.getByTestId('preset-fit-lakala').textContent()).toContain('拉卡拉');
    expect(await card.getByTestId('preset-fit-lakala').getByTestId('preset-lag').textContent()).toMatch(
      lang === 'zh' ? /第 1 个工作日/ : /Settles 1 business day/,
    );
    await look(page, `${lang}-import-presets`, problems);
  });

  test('flags ChinaUMS for the Lakala export, and a first click on it changes nothing', async () => {
    const card = result(page, 'lakala-20260105-20260116.csv');
    const chinaums = card.getByTestId('preset-fit-chinaums');
    expect(await chinaums.getAttribute('data-verdict')).toBe('contradicted');
    expect(await chinaums.getByTestId('preset-flag').isVisible()).toBe(true);
    expect(await chinaums.textContent()).toContain('822290058120001');
    await chinaums.getByTestId('preset-chinaums').click();
    await chinaums.getByTestId('preset-anyway-chinaums').waitFor();
    expect(await chinaums.getByRole('alert').isVisible()).toBe(true);
    expect(await card.getAttribute('data-status')).toBe('refused');
    await look(page, `${lang}-import-preset-flagged`, problems);
    await page.getByTestId('nav-settings').click();
    expect(await page.getByTestId('nav-settings').getAttribute('aria-current')).toBe('page');
    await page.getByTestId('nav-import').click();
  });

  test('stores the export under the Lakala preset once chosen', async () => {
    // The outcomes are kept across screens: the card is there again, with its picker.
    const state = page.getByTestId('import-state');
    const before = Number(await state.getAttribute('data-done'));
    await result(page, 'lakala-20260105-20260116.csv').getByTestId('preset-lakala').click();
    await expect.poll(async () => Number(await state.getAttribute('data-done')), { timeout: 60_000 }).toBeGreaterThan(before);
    expect(await result(page, 'lakala-20260105-20260116.csv').getAttribute('data-status')).toBe('stored');
    await importThroughPicker(page, [CHINAUMS]);
    const card = result(page, 'chinaums-20260105-20260116.csv');
    expect(await card.getByTestId('preset-fit-chinaums').getAttribute('data-verdict')).toBe('suggested');
    expect(await card.getByTestId('preset-fit-lakala').getAttribute('data-verdict')).toBe('contradicted');
    const done = Number(await state.getAttribute('data-done'));
    await card.getByTestId('preset-chinaums').click();
    await expect.poll(async () => Number(await state.getAttribute('data-done')), { timeout: 60_000 }).toBeGreaterThan(done);
    expect(await result(page, 'chinaums-20260105-20260116.csv').getAttribute('data-status')).toBe('stored');
  });

  let withBank: Record<string, number>;
  test('removing the bank statement restores the counts from before it, and undo brings them back', async () => {
    const before = await statusCounts(page);
    await importThroughPicker(page, [BANK]);
    withBank = await statusCounts(page);
    expect(withBank).not.toEqual(before);
    await page.getByTestId('nav-import').click();
    await page.locator('[data-testid=remove-file][data-name="bank-ccb-20260105-20260116.csv"]').click();
    await page.getByTestId('file-undo-toast').waitFor();
    await look(page, `${lang}-import-file-removed`, problems);
    await expect.poll(() => statusCounts(page), { timeout: 30_000 }).toEqual(before);
    await page.getByTestId('file-undo').click();
    await expect.poll(() => statusCounts(page), { timeout: 30_000 }).toEqual(withBank);
    await page.getByTestId('nav-import').click();
    expect(await page.locator('[data-testid=remove-file][data-name="bank-ccb-20260105-20260116.csv"]').count()).toBe(1);
  });

  test('the demo is a ledger of its own: entered with a banner, left, and the real counts are unchanged', async () => {
    await page.getByTestId('nav-import').click();
    await page.getByTestId('load-demo').click();
    await page.getByTestId('demo-banner').waitFor();
    const expected = Object.fromEntries(STATUSES.map(s => [s, demo.stats.byStatus[s] ?? 0]));
    await expect.poll(() => statusCounts(page), { timeout: 120_000 }).toEqual(expected);
    await look(page, `${lang}-demo-overview`, problems);
    // A reload stays in the demo, and says so.
    await page.reload();
    await page.getByTestId('demo-banner').waitFor();
    await expect.poll(() => statusCounts(page), { timeout: 60_000 }).toEqual(expected);
    // The demo's ledger is never offered to the extension: Settings has its replica panel but no bridge.
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('replica-panel').waitFor();
    expect(await page.getByTestId('bridge').count()).toBe(0);
    await page.getByTestId('leave-demo').click();
    await expect.poll(() => page.getByTestId('demo-banner').count()).toBe(0);
    await page.getByTestId('bridge').waitFor();
    await expect.poll(() => statusCounts(page), { timeout: 60_000 }).toEqual(withBank);
    const dbs = await page.evaluate(async () => (await indexedDB.databases()).map(d => d.name));
    expect(dbs).not.toContain('settlewatch-demo');
  });

  test('a PNG, an empty file and a broken config.json each get words for what they are, and no "Map columns"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'settlewatch-bad-'));
    writeFileSync(join(dir, 'statement.png'), PNG);
    writeFileSync(join(dir, 'empty.csv'), '');
    writeFileSync(join(dir, 'config.json'), '{\n  "schema": "settlewatch.config/1",\n  "acquirers": [\n    { "id": "lakala", }\n  ]\n}\n');
    await importThroughPicker(
      page,
      ['statement.png', 'empty.csv', 'config.json'].map(f => join(dir, f)),
    );
    const png = result(page, 'statement.png');
    expect(await png.getByTestId('file-kind').getAttribute('data-kind')).toBe('binary');
    expect(await png.getByTestId('file-kind').textContent()).toMatch(lang === 'zh' ? /PNG 图片/ : /a PNG image/);
    expect(await result(page, 'empty.csv').getByTestId('file-kind').textContent()).toMatch(lang === 'zh' ? /空的/ : /empty/);
    const config = await result(page, 'config.json').getByTestId('file-kind').textContent();
    expect(config).toMatch(lang === 'zh' ? /第 4 行/ : /line 4/);
    expect(await page.getByTestId('mapping-open').count()).toBe(0);
    await look(page, `${lang}-import-bad-files`, problems);
  });

  test('the mapping form opens on the role the content suggests, and previews every row', async () => {
    await importThroughPicker(page, [ACQUIRER_DE]);
    await page.getByTestId('mapping-open').click();
    const guess = page.getByTestId('mapping-role-guess');
    expect(await guess.getAttribute('data-role')).toBe('acquirer');
    expect(await page.getByTestId('mapping-role-acquirer').isChecked()).toBe(true);
    await look(page, `${lang}-mapping-role`, problems);
  });

  test('every changed screen has no serious accessibility finding and no sideways scroll; no request leaves, no error', () => {
    expect(problems).toEqual([]);
    expect(external).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
