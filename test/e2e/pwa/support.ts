import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { ALERT_KINDS, STATUSES, type AlertKind, type TxnStatus } from '../../../core/reconcile/types';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const PWA_DIR = join(REPO, 'dist/pwa');
const AXE = join(REPO, 'node_modules/axe-core/axe.min.js');

/** What axe finds serious or critical inside `selector`, one line per rule with the first places it fails. */
export async function seriousViolations(page: Page, selector: string): Promise<string[]> {
  // Evaluated, not added as a <script>: the app's CSP refuses inline scripts, as it should.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(AXE, 'utf8'));
  const violations = await page.evaluate(async sel => {
    type Violation = { id: string; impact: string | null; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run(ctx: Element, opts: object): Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document.querySelector(sel)!, { resultTypes: ['violations'] })).violations;
  }, selector);
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

/** The status counts the overview shows. */
export async function statusCounts(page: Page): Promise<Record<TxnStatus, number>> {
  await page.getByTestId('nav-overview').click();
  const out = {} as Record<TxnStatus, number>;
  for (const s of STATUSES) {
    const text = (await page.getByTestId(`status-count-${s}`).textContent())?.trim() ?? '';
    expect(text, `status-count-${s} is a plain integer`).toMatch(/^\d+$/);
    out[s] = Number(text);
  }
  return out;
}

/** The open alert counts the overview shows. */
export async function alertCounts(page: Page): Promise<Record<AlertKind, number>> {
  await page.getByTestId('nav-overview').click();
  const out = {} as Record<AlertKind, number>;
  for (const k of ALERT_KINDS) {
    const text = (await page.getByTestId(`alert-count-${k}`).textContent())?.trim() ?? '';
    expect(text, `alert-count-${k} is a plain integer`).toMatch(/^\d+$/);
    out[k] = Number(text);
  }
  return out;
}

/** Waits until the ledger has a summary (the worker finished loading after a reload). */
export async function waitForLedger(page: Page, transactions: number): Promise<void> {
  await expect
    .poll(
      async () => {
        let sum = 0;
        for (const s of STATUSES) sum += Number((await page.getByTestId(`status-count-${s}`).textContent()) ?? 0);
        return sum;
      },
      { timeout: 60_000 },
    )
    .toBe(transactions);
}
