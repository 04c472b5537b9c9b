import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { ALERT_KINDS, STATUSES, type AlertKind, type TxnStatus } from '../../../core/reconcile/types';
import { launchChromium, type ChromiumSession } from '../support/browser';
import { serveStatic } from '../support/server';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const PWA_DIR = join(REPO, 'dist/pwa');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'demo') continue;
    const path = join(dir, name);
    const st = statSync(path);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(path) : st.mtimeMs);
  }
  return newest;
}

const AXE = readFileSync(join(REPO, 'node_modules/axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** What axe finds serious or critical on the page as it is (or inside `selector`), one line each. */
export async function seriousViolations(page: Page, selector?: string): Promise<string[]> {
  // Evaluated, not added as a <script>: the app's CSP refuses inline scripts, as it should.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const violations = (await page.evaluate(async sel => {
    const axe = (window as unknown as { axe: { run(ctx: Element | Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(sel ? document.querySelector(sel)! : document, { resultTypes: ['violations'] })).violations;
  }, selector)) as AxeViolation[];
  return violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(
      v =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map(n => n.target.join(' '))
          .join(', ')}`,
    );
}

/** How far the page scrolls sideways (0 when it does not). */
export async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Runs `npm run build:pwa` unless dist/pwa is newer than every source it is built from. */
export function buildPwa(): void {
  const index = join(PWA_DIR, 'index.html');
  const sources = Math.max(statSync(join(REPO, 'vite.config.ts')).mtimeMs, ...['pwa', 'core'].map(d => newestMtime(join(REPO, d))));
  if (existsSync(index) && statSync(index).mtimeMs > sources) return;
  const run = spawnSync(process.execPath, [join(REPO, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: REPO, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`PWA build failed:\n${run.stdout}\n${run.stderr}`);
}

/** A generated ledger: the files to import, and the generator's own counts. */
export interface Ledger {
  readonly dir: string;
  /** Config, acquirer exports and bank statements (not the truth or the manifest). */
  readonly files: string[];
  readonly byStatus: Record<TxnStatus, number>;
  readonly alerts: Record<AlertKind, number>;
  readonly manifest: { files: { path: string; role: string }[]; stats: { transactions: number; bankLines: number } };
}

/** Generates a ledger with the vendored generator into a fresh temporary folder. */
export function generateLedger(scenario: 'cn' | 'us' | 'eu', seed: number, days: number, txPerDay: number): Ledger {
  const dir = mkdtempSync(join(tmpdir(), `settlewatch-${scenario}-`));
  const run = spawnSync(
    process.execPath,
    [
      join(REPO, 'test/tools/gen-ledger.mjs'),
      '--scenario',
      scenario,
      '--seed',
      String(seed),
      '--days',
      String(days),
      '--tx-per-day',
      String(txPerDay),
      '--out',
      dir,
    ],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(run.stderr);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const files = manifest.files
    .filter((f: { role: string }) => ['config', 'acquirer', 'bank'].includes(f.role))
    .map((f: { path: string }) => join(dir, f.path));
  const byStatus = Object.fromEntries(STATUSES.map(s => [s, manifest.stats.byStatus[s] ?? 0])) as Record<TxnStatus, number>;
  const alerts = Object.fromEntries(ALERT_KINDS.map(k => [k, manifest.stats.alerts[k] ?? 0])) as Record<AlertKind, number>;
  return { dir, files, byStatus, alerts, manifest };
}

/**
 * A generated ledger given holes in its bank data by the vendored gap-ledger.mjs (`--drop-month YYYY-MM`,
 * `--hole FROM..TO`, …): the files to import and the truth the contract's coverage rule gives.
 */
export function gapLedger<T = unknown>(ledger: Ledger, args: readonly string[]): { dir: string; files: string[]; truth: T } {
  const dir = mkdtempSync(join(tmpdir(), 'settlewatch-gap-'));
  const run = spawnSync(process.execPath, [join(REPO, 'test/tools/gap-ledger.mjs'), '--in', ledger.dir, '--out', dir, ...args], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: { path: string; role: string }[] };
  const files = manifest.files.filter(f => ['config', 'acquirer', 'bank'].includes(f.role)).map(f => join(dir, f.path));
  return { dir, files, truth: JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as T };
}

/** Imports files through the file picker and waits until the worker has stored and reconciled them. */
export async function importThroughPicker(page: Page, files: string[]): Promise<void> {
  await page.getByTestId('nav-import').click();
  const state = page.getByTestId('import-state');
  const before = Number(await state.getAttribute('data-done'));
  await page.getByTestId('import-input').setInputFiles(files);
  await expect.poll(async () => Number(await state.getAttribute('data-done')), { timeout: 120_000 }).toBeGreaterThan(before);
}

/** The built app served on 127.0.0.1 and open in a fresh Chromium, with the page errors it throws. */
export interface OpenApp {
  readonly session: ChromiumSession;
  readonly url: string;
  readonly page: Page;
  readonly errors: string[];
  close(): Promise<void>;
}

/** Serves dist/pwa, opens it in Chromium in a language (`zh-CN`, `en-US`) and waits for the overview. */
export async function openApp(locale: string, viewport?: { width: number; height: number }): Promise<OpenApp> {
  const server = await serveStatic(PWA_DIR, 0);
  const session = await launchChromium({ locale, viewport });
  const page = await session.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', e => errors.push(e.message));
  await page.goto(`${server.url}/`);
  await page.getByTestId('status-count-settled').waitFor();
  return {
    session,
    url: server.url,
    page,
    errors,
    async close() {
      await session.close();
      await server.close().catch(() => {});
    },
  };
}

/** A count as the app prints it (`count()`: `5,179` in both languages), as a number; anything else fails. */
export function countText(text: string | null, what: string): number {
  const plain = (text ?? '').trim().replace(/,/g, '');
  expect(plain, `${what} is an integer`).toMatch(/^\d+$/);
  return Number(plain);
}

/** The status counts the overview shows. */
export async function statusCounts(page: Page): Promise<Record<TxnStatus, number>> {
  await page.getByTestId('nav-overview').click();
  const out = {} as Record<TxnStatus, number>;
  for (const s of STATUSES) {
    out[s] = countText(await page.getByTestId(`status-count-${s}`).textContent(), `status-count-${s}`);
  }
  return out;
}

/** The open alert counts the overview shows. */
export async function alertCounts(page: Page): Promise<Record<AlertKind, number>> {
  await page.getByTestId('nav-overview').click();
  const out = {} as Record<AlertKind, number>;
  for (const k of ALERT_KINDS) {
    out[k] = countText(await page.getByTestId(`alert-count-${k}`).textContent(), `alert-count-${k}`);
  }
  return out;
}

/** Waits until the ledger has a summary (the worker finished loading after a reload). */
export async function waitForLedger(page: Page, transactions: number): Promise<void> {
  await expect
    .poll(
      async () => {
        let sum = 0;
        for (const s of STATUSES) sum += Number(((await page.getByTestId(`status-count-${s}`).textContent()) ?? '0').replace(/,/g, ''));
        return sum;
      },
      { timeout: 60_000 },
    )
    .toBe(transactions);
}
