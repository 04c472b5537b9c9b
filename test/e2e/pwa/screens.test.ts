import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { STATUSES } from '../../../core/reconcile/types';
import { launchChromium, watchExternalRequests, type ChromiumSession } from '../support/browser';
import { serveStatic } from '../support/server';
import { buildPwa, overflow, PWA_DIR, seriousViolations, statusCounts } from './support';

// Every screen in both languages, wide and at 375 px: screenshots for people to look at
// (SHOTS_DIR, default /tmp/settlewatch-shots), and checks a machine can make on each.
const SHOTS = process.env.SHOTS_DIR ?? '/tmp/settlewatch-shots';
const SCREENS = ['overview', 'import', 'alerts', 'transactions', 'bank', 'charts', 'settings'] as const;

beforeAll(() => {
  buildPwa();
  mkdirSync(SHOTS, { recursive: true });
}, 300_000);

describe.each([
  ['en', 'en-US'],
  ['zh', 'zh-CN'],
] as const)('the screens in %s', (lang, locale) => {
  let session: ChromiumSession;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let page: Page;
  let external: string[];
  const pageErrors: string[] = [];
  const demo = JSON.parse(readFileSync(join(PWA_DIR, 'demo/manifest.json'), 'utf8')) as { stats: { byStatus: Record<string, number> } };

  beforeAll(async () => {
    server = await serveStatic(PWA_DIR, 0);
    session = await launchChromium({ locale });
    external = watchExternalRequests(session.context);
    page = await session.context.newPage();
    page.on('pageerror', e => pageErrors.push(e.message));
    await page.goto(`${server.url}/`);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  test('follows the browser language', async () => {
    expect(await page.getByTestId('language').inputValue()).toBe(lang);
    expect(await page.getAttribute('html', 'lang')).toMatch(lang === 'zh' ? /^zh/ : /^en/);
  });

  test('is installable: manifest, icons and a service worker that answers offline', async () => {
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    const cdp = await session.context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    expect(installabilityErrors.map(e => e.errorId)).toEqual([]);
    const manifest = (await (await fetch(`${server.url}/manifest.webmanifest`)).json()) as { icons: { sizes: string; purpose?: string }[] };
    expect(manifest.icons.map(i => `${i.sizes} ${i.purpose ?? 'any'}`).sort()).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
  });

  test('loads the bundled demo ledger through the worker and shows its true counts', async () => {
    await page.getByTestId('nav-import').click();
    await page.getByTestId('load-demo').click();
    await expect.poll(async () => page.getByTestId('import-state').getAttribute('data-state'), { timeout: 120_000 }).toBe('done');
    const expected = Object.fromEntries(STATUSES.map(s => [s, demo.stats.byStatus[s] ?? 0]));
    expect(await statusCounts(page)).toEqual(expected);
  });

  for (const width of [1280, 375]) {
    test(`every screen at ${width} px has no serious accessibility violation and no sideways page scroll`, async () => {
      await page.setViewportSize({ width, height: 900 });
      const problems: string[] = [];
      for (const screen of SCREENS) {
        await page.getByTestId(`nav-${screen}`).click();
        await page.waitForTimeout(screen === 'transactions' || screen === 'bank' ? 400 : 150);
        await page.screenshot({ path: join(SHOTS, `${lang}-${width}-${screen}.png`), fullPage: true });
        const extra = await overflow(page);
        if (extra > 1) problems.push(`${screen}: page scrolls sideways by ${extra}px`);
        for (const v of await seriousViolations(page)) problems.push(`${screen}: ${v}`);
      }
      await page.getByTestId('nav-alerts').click();
      await page.locator('[data-testid=alert-item] button').first().click();
      await page.getByTestId('case-view').waitFor();
      await page.waitForTimeout(200);
      await page.screenshot({ path: join(SHOTS, `${lang}-${width}-case.png`), fullPage: true });
      if ((await overflow(page)) > 1) problems.push(`case: page scrolls sideways`);
      for (const v of await seriousViolations(page)) problems.push(`case: ${v}`);
      await page.getByTestId('case-back').click();
      expect(problems).toEqual([]);
    });
  }

  test('settings refuses a config with a bad field, naming its path, and keeps the current one', async () => {
    const config = JSON.parse(readFileSync(join(PWA_DIR, 'demo/config.json'), 'utf8'));
    config.acquirers[0].cutoff = '25:99';
    const file = join(mkdtempSync(join(tmpdir(), 'settlewatch-config-')), 'bad.config.json');
    writeFileSync(file, JSON.stringify(config));
    const before = await statusCounts(page);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('config-import').setInputFiles(file);
    await expect.poll(() => page.getByTestId('config-issues').textContent()).toContain('acquirers[0].cutoff');
    expect(await statusCounts(page)).toEqual(before);
  });

  test('sends no request beyond 127.0.0.1 and throws no error', () => {
    expect(external).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
