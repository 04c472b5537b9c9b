import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, watchExternalRequests, type ChromiumSession } from '../support/browser';
import { serveStatic } from '../support/server';
import { buildPwa, PWA_DIR, REPO } from './support';

// A CSV no built-in format reads (the headerless Danish statement): mapped once in the panel, then
// a file with the same layout goes in by itself, also after a reload. Screenshots go to SHOTS_DIR.
const SHOTS = process.env.SHOTS_DIR ?? '/tmp/settlewatch-shots';
const DANISH = join(REPO, 'test/fixtures/real/western-bank-csv/bank.csv');
const AXE = readFileSync(join(REPO, 'node_modules/axe-core/axe.min.js'), 'utf8');

beforeAll(() => {
  buildPwa();
  mkdirSync(SHOTS, { recursive: true });
}, 300_000);

async function importFile(page: Page, path: string): Promise<void> {
  await page.getByTestId('nav-import').click();
  const state = page.getByTestId('import-state');
  const before = Number(await state.getAttribute('data-done'));
  await page.getByTestId('import-input').setInputFiles([path]);
  await expect.poll(async () => Number(await state.getAttribute('data-done')), { timeout: 60_000 }).toBeGreaterThan(before);
}

async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated, not added as a <script>: the app's CSP refuses inline scripts, as it should.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(ctx: Element, opts: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    return (await axe.run(document.querySelector('[data-testid=mapping-panel]')!, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(
      v =>
        `${v.id}: ${v.nodes
          .slice(0, 3)
          .map(n => n.target.join(' '))
          .join(', ')}`,
    );
}

describe('a CSV mapped by the merchant', () => {
  let session: ChromiumSession;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let page: Page;
  let external: string[];
  const errors: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'settlewatch-mapped-'));
  const second = join(dir, 'bank-september.csv');
  writeFileSync(
    second,
    '\ufeff05/09/2023;Nets payout 2023-09-04;;12.500,00;323.952,23;\r\n05/09/2023;Card fee September;;-49,00;323.903,23;\r\n',
  );

  beforeAll(async () => {
    server = await serveStatic(PWA_DIR, 0);
    session = await launchChromium({ locale: 'en-US' });
    external = watchExternalRequests(session.context);
    page = await session.context.newPage();
    page.on('pageerror', e => errors.push(e.message));
    await page.goto(`${server.url}/`);
    await page.getByTestId('nav-import').waitFor();
  });
  afterAll(async () => {
    await session?.close();
    await server?.close().catch(() => {});
  });

  test('asks for a mapping, and the panel shows the guess and the rows', async () => {
    await importFile(page, DANISH);
    const result = page.getByTestId('file-result');
    expect(await result.getAttribute('data-status')).toBe('refused');
    await page.getByTestId('mapping-open').click();
    const panel = page.getByTestId('mapping-panel');
    await panel.waitFor();
    expect(await page.getByTestId('mapping-field-date').inputValue()).toBe('0');
    expect(await page.getByTestId('mapping-field-amount').inputValue()).toBe('3');
    expect(await page.getByTestId('mapping-date-order').inputValue()).toBe('dmy');
    expect(await page.getByTestId('mapping-raw').locator('tbody tr').count()).toBe(6);
    // An acquirer export has other fields; back to a bank statement, the bank guess returns.
    await page.getByTestId('mapping-role-acquirer').check();
    await page.getByTestId('mapping-field-gross').waitFor();
    expect(await page.getByTestId('mapping-field-amount').count()).toBe(0);
    await page.getByTestId('mapping-role-bank').check();
    expect(await page.getByTestId('mapping-field-amount').inputValue()).toBe('3');
    // No currency yet: the issue is named, and saving says what is missing.
    await expect.poll(() => page.getByTestId('mapping-currency-note').textContent()).toMatch(/currency/);
    await page.getByTestId('mapping-save').click();
    expect(await page.getByTestId('mapping-missing').textContent()).toMatch(/currency/i);
    // A wrong decimal mark makes rows unreadable: named by line, and saving is held back.
    await page.getByTestId('mapping-decimal').selectOption('.');
    await expect.poll(() => page.getByTestId('mapping-issues').textContent()).toMatch(/line \d+/);
    expect(await page.getByTestId('mapping-missing').textContent()).toMatch(/cannot be read/);
    await page.getByTestId('mapping-decimal').selectOption(',');
    await expect.poll(() => page.getByTestId('mapping-issues').count()).toBe(0);
  });

  test('looks right in English and Chinese, wide and at 375 px', async () => {
    const problems: string[] = [];
    // The "works offline now" toast would cover part of the panel in the pictures.
    const toast = page.locator('.toast button.link');
    if (await toast.count()) await toast.first().click();
    for (const lang of ['en', 'zh'] as const) {
      await page.getByTestId('language').selectOption(lang);
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 900 });
        await page.waitForTimeout(200);
        await page.getByTestId('mapping-panel').screenshot({ path: join(SHOTS, `${lang}-${width}-mapping.png`) });
        const extra = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (extra > 1) problems.push(`${lang} ${width}: page scrolls sideways by ${extra}px`);
        for (const v of await seriousViolations(page)) problems.push(`${lang} ${width}: ${v}`);
      }
    }
    await page.getByTestId('language').selectOption('en');
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(problems).toEqual([]);
  });

  test('saves the mapping with DKK and imports the 6 bank lines', async () => {
    await page.getByTestId('mapping-currency').fill('dkk');
    await expect.poll(() => page.getByTestId('mapping-parsed').locator('tbody tr').count()).toBe(6);
    await page.getByTestId('mapping-name').fill('Danske Bank');
    await page.getByTestId('mapping-save').click();
    await expect.poll(() => page.getByTestId('file-result').getAttribute('data-status')).toBe('stored');
    expect(await page.getByTestId('mapping-panel').count()).toBe(0);
    await page.getByTestId('nav-bank').click();
    await expect.poll(() => page.getByTestId('bank-total').textContent()).toMatch(/^\D*6\D*$/);
    expect(await page.getByTestId('bank-table').textContent()).toMatch(/DKK|kr/);
  });

  test('after a reload, a file with the same layout goes in without the panel', async () => {
    await page.reload();
    await page.getByTestId('nav-import').waitFor();
    await importFile(page, second);
    const result = page.getByTestId('file-result');
    expect(await result.getAttribute('data-status')).toBe('stored');
    expect(await page.getByTestId('file-format').textContent()).toMatch(/mapped/);
    expect(await page.getByTestId('mapping-open').count()).toBe(0);
    await page.getByTestId('nav-bank').click();
    await expect.poll(() => page.getByTestId('bank-total').textContent()).toMatch(/^\D*8\D*$/);
  });

  test('lists the mapping in Settings and deletes it', async () => {
    await page.getByTestId('nav-settings').click();
    const list = page.getByTestId('mappings-list');
    expect(await list.textContent()).toContain('Danske Bank');
    await page.getByRole('button', { name: 'Delete the column mapping “Danske Bank”' }).click();
    await page.getByTestId('mappings-none').waitFor();
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
  });
});
