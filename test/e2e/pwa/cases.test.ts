import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ALERT_KINDS } from '../../../core/reconcile/types';
import { launchChromium, watchExternalRequests, type ChromiumSession } from '../support/browser';
import { serveStatic } from '../support/server';
import { buildPwa, gapLedger, generateLedger, importThroughPicker, overflow, PWA_DIR, seriousViolations } from './support';

// Cases in the built PWA: what the merchant notes survives a reload and a re-import, the case view follows
// its batches through a manual link and its undo, and a later statement that brings the credit resolves
// the case by itself. Then the case view of every alert kind, in both languages, wide and narrow: looked
// at (screenshots in SHOTS_DIR) and checked with axe.
const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots-h1';

beforeAll(() => {
  buildPwa();
  mkdirSync(SHOTS, { recursive: true });
}, 300_000);

/**
 * A generated US ledger whose statement has one Stripe payout's credit cut out (OFX shows no hole for a
 * line taken out), the full statement, and the payout whose credit was cut.
 */
function cutLedger() {
  const ledger = generateLedger('us', 5, 15, 30);
  const bank = ledger.files.find(f => f.endsWith('.ofx'))!;
  const exportFile = ledger.files.find(f => f.endsWith('.csv'))!;
  const ofx = readFileSync(bank, 'utf8');
  const cut = [...ofx.matchAll(/<STMTTRN>[\s\S]*?<\/STMTTRN>\s*/g)]
    .map(m => m[0])
    .find(b => {
      const day = /<DTPOSTED>(\d{8})/.exec(b)?.[1] ?? '';
      return b.includes('<NAME>STRIPE TRANSFER') && day >= '20260107' && day <= '20260112';
    })!;
  const creditMinor = Math.round(Number(/<TRNAMT>([\d.]+)/.exec(cut)![1]) * 100);
  // Stripe prints the payout on every row: the payout whose nets add up to the credit is the one cut.
  const nets = new Map<string, number>();
  const [header, ...rows] = readFileSync(exportFile, 'utf8').trim().split('\n');
  const col = (name: string) => header!.split(',').indexOf(name);
  for (const row of rows) {
    const cells = row.split(',');
    const payout = cells[col('automatic_payout_id')]!;
    nets.set(payout, (nets.get(payout) ?? 0) + Math.round(Number(cells[col('net')]) * 100));
  }
  const payout = [...nets].find(([, net]) => net === creditMinor)![0];
  const dir = mkdtempSync(join(tmpdir(), 'settlewatch-cut-'));
  const cutStatement = join(dir, basename(bank));
  writeFileSync(cutStatement, ofx.replace(cut, ''));
  const fullStatement = join(dir, `full-${basename(bank)}`);
  writeFileSync(fullStatement, ofx);
  const files = ledger.files.map(f => (f === bank ? cutStatement : f));
  return { files, fullStatement, payout, transactions: ledger.manifest.stats.transactions };
}

describe('a case in the ledger app', () => {
  let session: ChromiumSession;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let page: Page;
  let external: string[];
  const errors: string[] = [];
  const ledger = cutLedger();
  const alertId = `missing_credit:stripe|${ledger.payout}`;

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
    await server?.close();
  });

  async function openCaseFromList(): Promise<void> {
    await page.getByTestId('nav-cases').click();
    await page.getByTestId('cases-show-closed').check();
    await page.locator(`[data-testid=case-item][data-case-id="credit:stripe|${ledger.payout}"] button`).click();
    await page.getByTestId('case-work').waitFor();
  }

  test('an alert opens its case: whom to contact (the bank, since Stripe printed the payout), status, follow-up and a note', async () => {
    await importThroughPicker(page, ledger.files);
    await page.getByTestId('nav-alerts').click();
    await page.locator(`[data-testid=alert-item][data-alert-id="${alertId}"] button`).click();
    await page.getByTestId('case-work').waitFor();
    expect(await page.getByTestId('case-advice').getAttribute('data-advice')).toBe('missing_paid');
    expect(await page.getByTestId('case-facts').textContent()).toContain(ledger.payout);

    await page.getByTestId('case-status').selectOption('asked_bank');
    await expect.poll(() => page.getByTestId('case-status').inputValue()).toBe('asked_bank');
    await page.getByTestId('case-follow-up').fill('2026-01-20');
    await page.getByTestId('case-follow-up').dispatchEvent('change');
    await page.getByTestId('case-due').waitFor();
    await page.getByTestId('timeline-action').selectOption('called');
    await page.getByTestId('timeline-whom').selectOption('bank');
    await page.getByTestId('timeline-note').fill('Branch says nothing came in; ticket 4471');
    await page.getByTestId('timeline-add').click();
    await expect.poll(() => page.locator('[data-testid=timeline-entry][data-source=merchant]').count()).toBe(1);
    expect(await page.locator('[data-testid=case-step][data-step=contact_bank]').getAttribute('data-done')).toBe('true');
    expect(await page.getByTestId('cases-due-pill').textContent()).toBe('1');
  });

  test('follows its batches through a manual link and its undo', async () => {
    await page.getByTestId('action-manual').click();
    await page.getByTestId('candidate-line').first().check();
    await page.getByTestId('action-link-selected').click();
    await expect.poll(() => page.getByTestId('case-link').count()).toBe(1);
    await page.getByTestId('case-work').waitFor();
    await page.getByTestId('undo').click();
    await expect.poll(() => page.getByTestId('case-link').count()).toBe(0);
    await expect.poll(() => page.getByTestId('case-message').textContent()).toContain('has not been credited');
    const events = await page
      .locator('[data-testid=timeline-entry][data-source=engine]')
      .evaluateAll(els => els.map(e => e.getAttribute('data-event')));
    expect(events).toContain('reopened');
  });

  test('keeps status, timeline and follow-up through a reload and a re-import of the same files', async () => {
    await page.reload();
    await page.getByTestId('nav-cases').waitFor();
    await openCaseFromList();
    expect(await page.getByTestId('case-status').inputValue()).toBe('asked_bank');
    expect(await page.getByTestId('case-follow-up').inputValue()).toBe('2026-01-20');
    expect(await page.getByTestId('case-timeline').textContent()).toContain('ticket 4471');

    await importThroughPicker(page, ledger.files);
    await openCaseFromList();
    expect(await page.getByTestId('case-status').inputValue()).toBe('asked_bank');
    expect(await page.getByTestId('case-timeline').textContent()).toContain('ticket 4471');
  });

  test('resolves itself when a later statement brings the credit, and says which credit', async () => {
    await importThroughPicker(page, [ledger.fullStatement]);
    await openCaseFromList();
    expect(await page.getByTestId('case-status').inputValue()).toBe('resolved_credited');
    expect(await page.getByTestId('case-resolved').textContent()).toMatch(/Credit arrived: .* booked Jan \d+, 2026/);
    expect(await page.getByTestId('case-timeline').textContent()).toContain('ticket 4471');
    expect(await page.getByTestId('cases-due-pill').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
  });
});

/** Opens the first case of each kind there is, checks it and takes its screenshots at 1280 and 375 px. */
async function walkKinds(page: Page, lang: string): Promise<{ seen: string[]; problems: string[] }> {
  const problems: string[] = [];
  const seen: string[] = [];
  for (const kind of ALERT_KINDS) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByTestId('nav-alerts').click();
    const item = page.locator(`[data-testid=alert-item][data-kind=${kind}] button`).first();
    if (!(await item.count())) continue;
    seen.push(kind);
    await item.click();
    await page.getByTestId('case-work').waitFor();
    await page.getByTestId('case-figures').waitFor();
    // The figures of a duplicate charge or a fee never include a credit's "difference".
    if (kind === 'duplicate_charge' || kind === 'fee_mismatch') expect(await page.getByTestId('case-owed').count()).toBe(0);
    if (kind === 'fee_mismatch') expect(await page.getByTestId('case-rates').textContent()).toMatch(/%.*%/);
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(150);
      await page.screenshot({ path: join(SHOTS, `${lang}-${width}-case-${kind}.png`), fullPage: true });
      const extra = await overflow(page);
      if (extra > 1) problems.push(`${kind} at ${width}: page scrolls sideways by ${extra}px`);
      for (const v of await seriousViolations(page)) problems.push(`${kind} at ${width}: ${v}`);
    }
    await page.getByTestId('case-back').click();
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  return { seen, problems };
}

describe.each([
  ['en', 'en-US'],
  ['zh', 'zh-CN'],
] as const)('the case view of every alert kind in %s', (lang, locale) => {
  let session: ChromiumSession;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await serveStatic(PWA_DIR, 0);
    session = await launchChromium({ locale });
    page = await session.context.newPage();
    page.on('pageerror', e => errors.push(e.message));
    await page.goto(`${server.url}/`);
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  test('says whom to contact, with figures that say what they are; nothing serious for axe, no sideways scroll', async () => {
    await page.getByTestId('nav-import').click();
    await page.getByTestId('load-demo').click();
    await expect.poll(() => page.getByTestId('import-state').getAttribute('data-state'), { timeout: 120_000 }).toBe('done');
    const { seen, problems } = await walkKinds(page, lang);
    await page.getByTestId('nav-cases').click();
    await page.getByTestId('case-list').waitFor();
    await page.screenshot({ path: join(SHOTS, `${lang}-1280-cases.png`), fullPage: true });
    // A late credit owes nothing: its case is resolved from the start, listed with the closed ones.
    expect(await page.locator('[data-testid=case-item][data-status=resolved_credited]').count()).toBe(0);
    await page.getByTestId('cases-show-closed').check();
    expect(await page.getByTestId('case-item').count()).toBe(seen.length);
    expect(await page.locator('[data-testid=case-item][data-status=resolved_credited]').count()).toBe(seen.includes('late_credit') ? 1 : 0);
    expect(seen.length).toBeGreaterThanOrEqual(6);
    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('a statement left out: the case asks for the statement of those days', async () => {
    // A fresh profile: this ledger is not the demo's.
    await session.close();
    session = await launchChromium({ locale });
    page = await session.context.newPage();
    page.on('pageerror', e => errors.push(e.message));
    await page.goto(`${server.url}/`);
    const gapped = gapLedger(generateLedger('cn', 61, 70, 10), ['--drop-month', '2026-02']);
    await importThroughPicker(page, gapped.files);
    const { seen, problems } = await walkKinds(page, lang);
    expect(seen).toContain('coverage_gap');
    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
  });
});
