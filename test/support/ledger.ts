// Generated ledgers for tests: the vendored generator writes files with a known truth; the same
// import path as the CLI reads them (detect → parse → assign → reconcile).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { validateConfig } from '../../core/config/validate';
import type { Config } from '../../core/config/types';
import { parseFile } from '../../core/import/detect';
import type { AcquirerTxn, BankLine, StatementPeriod } from '../../core/model/types';
import { assignAcquirer } from '../../core/reconcile/assign';
import type { AcquirerRows, ReconcileInput } from '../../core/reconcile/types';
import type { Truth } from './score';

const GENERATOR = resolve(__dirname, '../tools/gen-ledger.mjs');
const GAPPER = resolve(__dirname, '../tools/gap-ledger.mjs');

/** Options of gen-ledger.mjs. */
export interface LedgerOptions {
  scenario: 'cn' | 'us' | 'eu';
  seed: number;
  days: number;
  txPerDay: number;
  faults?: 'default' | 'none' | 'heavy';
  start?: string;
}

/** A generated ledger on disk, with its manifest. */
export interface GeneratedLedger {
  readonly dir: string;
  readonly manifest: {
    files: { path: string; role: string; format: string; rows?: number; acquirer?: string }[];
    stats: { transactions: number; byStatus: Record<string, number>; bankLines: number; alerts: Record<string, number> };
    reconcileArgs: string[];
    asOf: string;
  };
  readonly truth: Truth;
}

/** Runs the vendored generator into a fresh temporary folder. */
export function generateLedger(o: LedgerOptions): GeneratedLedger {
  const dir = mkdtempSync(join(tmpdir(), `settlewatch-${o.scenario}-`));
  execFileSync(
    process.execPath,
    [
      GENERATOR,
      '--scenario',
      o.scenario,
      '--seed',
      String(o.seed),
      '--days',
      String(o.days),
      '--tx-per-day',
      String(o.txPerDay),
      '--faults',
      o.faults ?? 'default',
      '--start',
      o.start ?? '2026-01-05',
      '--out',
      dir,
    ],
    { stdio: 'pipe' },
  );
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'));
  return { dir, manifest, truth };
}

/**
 * A generated ledger whose bank statement is split into monthly files with holes, by the vendored
 * gap-ledger.mjs (`--drop-month YYYY-MM`, `--drop-head-days N`, `--hole FROM..TO`); its truth follows the
 * contract's coverage rule.
 */
export function gapLedger(ledger: GeneratedLedger, args: readonly string[]): GeneratedLedger {
  const dir = mkdtempSync(join(tmpdir(), 'settlewatch-gap-'));
  execFileSync(process.execPath, [GAPPER, '--in', ledger.dir, '--out', dir, ...args], { stdio: 'pipe' });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'));
  return { dir, manifest, truth };
}

/** Reads a generated ledger's files the way the CLI does, ready for reconcile(). */
export function loadLedger(ledger: GeneratedLedger): ReconcileInput & { config: Config } {
  const checked = validateConfig(JSON.parse(readFileSync(join(ledger.dir, 'config.json'), 'utf8')));
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  const config = checked.config;
  const byProfile = new Map<string, AcquirerTxn[]>();
  const bankLines: BankLine[] = [];
  const periods: StatementPeriod[] = [];
  for (const f of ledger.manifest.files) {
    if (f.role !== 'acquirer' && f.role !== 'bank') continue;
    const result = parseFile(new Uint8Array(readFileSync(join(ledger.dir, f.path))), { fileName: f.path });
    const errors = result.issues.filter(i => i.severity === 'error');
    if (errors.length) throw new Error(`${f.path}: ${JSON.stringify(errors.slice(0, 3))}`);
    if (f.role === 'bank') {
      bankLines.push(...result.bankLines);
      periods.push(...result.periods);
      continue;
    }
    const assigned = assignAcquirer(result, config);
    if (!assigned.ok) throw new Error(`${f.path}: ${assigned.message}`);
    const list = byProfile.get(assigned.acquirer) ?? [];
    list.push(...result.acquirerTxns);
    byProfile.set(assigned.acquirer, list);
  }
  const acquirers: AcquirerRows[] = [...byProfile].map(([acquirer, txns]) => ({ acquirer, txns }));
  return { config, acquirers, bankLines, periods };
}
