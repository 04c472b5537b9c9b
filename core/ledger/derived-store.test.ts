import 'fake-indexeddb/auto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { splitLastDay } from '../../test/support/split-day.mjs';
import { openLedgerDb } from '../db/db';
import { dropLedgerImage } from '../db/image';
import type { LedgerSummary } from '../db/schema';
import { decisionHandlers } from './decisions';
import { fileHandlers } from './files';
import { importHandlers } from './imports';
import { batchIdOf, queryHandlers } from './queries';
import { unwrap } from './result';
import { settingsHandlers } from './settings';
import { LedgerState } from './state';
import type { ImportSource } from './types';

const GEN = fileURLToPath(new URL('../../test/tools/gen-ledger.mjs', import.meta.url));
const clock = { today: () => '2026-11-26', now: () => new Date().toISOString() };
let n = 0;

function sources(paths: readonly string[]): ImportSource[] {
  return paths.map(p => ({ name: p.split('/').pop()!, data: new Uint8Array(readFileSync(p)) }));
}

/** What a screen sees of a summary (the revision and the time it was computed aside). */
function shown(s: LedgerSummary) {
  const { revision: _revision, computedAt: _computedAt, ...rest } = s;
  return rest;
}

/** The summary a worker started afresh on the same database computes (every row read, a full reconcile). */
async function fromScratch(name: string): Promise<LedgerSummary> {
  await dropLedgerImage(openLedgerDb(name));
  const fresh = new LedgerState(openLedgerDb(name), clock);
  await fresh.init();
  expect(fresh.derived.last).toBe('full');
  return fresh.recompute();
}

describe('the derived state kept between recomputations', () => {
  let split: { base: string[]; day: string[] };
  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'settlewatch-derived-'));
    const run = spawnSync(process.execPath, [GEN, '--scenario', 'cn', '--seed', '9', '--days', '20', '--tx-per-day', '40', '--out', dir], {
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(run.stderr);
    const out = join(dir, 'split');
    mkdirSync(out);
    split = splitLastDay(dir, JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')), out);
  });

  test('one more day, a decision, an undo and an as-of date extend what is kept, and say what a full run says', async () => {
    const name = `derived-${++n}-${Date.now()}`;
    const store = new LedgerState(openLedgerDb(name), clock);
    const imports = importHandlers(store);
    const decisions = decisionHandlers(store);
    const settings = settingsHandlers(store);
    unwrap(await imports.importFiles(sources(split.base)));
    expect(store.derived.last).toBe('full');
    const before = store.summary!.transactionCount;

    const day = unwrap(await imports.importFiles(sources(split.day)));
    expect(day.every(f => f.status === 'stored')).toBe(true);
    expect(store.derived.last).toBe('appended');
    expect(store.summary!.transactionCount).toBeGreaterThan(before);
    expect(shown(store.summary!)).toEqual(shown(await fromScratch(name)));

    const alert = store.summary!.alerts[0]!;
    const { id } = unwrap(await decisions.decide({ kind: 'dismiss_alert', alertId: alert.id, reason: 'checked' }));
    expect(store.derived.last).toBe('appended');
    expect(store.summary!.alerts.find(a => a.id === alert.id)?.dismissed).toEqual({ reason: 'checked' });
    expect(shown(store.summary!)).toEqual(shown(await fromScratch(name)));

    const link = store.recon!.links[0]!;
    unwrap(await decisions.decide({ kind: 'unlink', bankLineId: link.bankLineId }));
    unwrap(await decisions.undo(id));
    expect(shown(store.summary!)).toEqual(shown(await fromScratch(name)));

    unwrap(await settings.setAsOf('2026-01-15'));
    expect(store.derived.last).toBe('appended');
    expect(store.summary!.asOf).toBe('2026-01-15');
    const fresh = new LedgerState(openLedgerDb(name), clock);
    fresh.requestedAsOf = '2026-01-15';
    await fresh.init();
    expect(shown(store.summary!)).toEqual(shown(await fresh.recompute()));
  });

  test("the transactions table reads each row's status, dates, lines and batch from the kept reconciliation by index", async () => {
    const store = new LedgerState(openLedgerDb(`derived-${++n}-${Date.now()}`), clock);
    unwrap(await importHandlers(store).importFiles(sources(split.base)));
    unwrap(await importHandlers(store).importFiles(sources(split.day)));
    expect(store.derived.last).toBe('appended');
    const page = unwrap(await queryHandlers(store).queryTxns({ offset: 0, limit: 1_000_000 }));
    const report = new Map(store.recon!.report.transactions.map(r => [`${r.acquirer}|${r.id}`, r]));
    expect(page.total).toBe(report.size);
    const profiles = new Map(store.config!.acquirers.map(a => [a.id, a]));
    for (const row of page.rows) {
      const r = report.get(`${row.acquirer}|${row.id}`)!;
      expect([row.status, row.expectedOn, row.bankLineIds]).toEqual([r.status, r.expectedOn, r.bankLineIds]);
      // The batch the engine put it in is the one its own rule names.
      const t = store.txns.find(x => x.acquirer === row.acquirer && x.id === row.id)!;
      expect(row.batchId).toBe(r.status === 'voided' ? null : batchIdOf(t, r.expectedOn, profiles.get(t.acquirer)));
    }
  });

  test('removing a file and undoing it read every row again (the rows that count change anywhere in the list)', async () => {
    const name = `derived-${++n}-${Date.now()}`;
    const store = new LedgerState(openLedgerDb(name), clock);
    const imports = importHandlers(store);
    const files = fileHandlers(store);
    unwrap(await imports.importFiles(sources(split.base)));
    const base = shown(store.summary!);
    const day = unwrap(await imports.importFiles(sources(split.day)));
    expect(store.derived.last).toBe('appended');
    const withDay = shown(store.summary!);
    // The day's acquirer exports and statement, each taken out: the ledger is the base ledger again.
    for (const f of day) {
      unwrap(await files.removeFile(f.hash));
      expect(store.derived.last).toBe('full');
      expect(shown(store.summary!)).toEqual(shown(await fromScratch(name)));
    }
    expect({ ...shown(store.summary!), followUps: base.followUps }).toEqual(base);
    // The first of them put back: its rows come back where they were read, not after the others.
    unwrap(await files.restoreFile(day[0]!.hash));
    expect(store.derived.last).toBe('full');
    expect(shown(store.summary!)).toEqual(shown(await fromScratch(name)));
    for (const f of day.slice(1)) unwrap(await files.restoreFile(f.hash));
    expect(store.derived.last).toBe('full');
    expect(shown(store.summary!)).toEqual(withDay);
    // The evidence pack's rows are the reconciliation's: the config's profiles in turn, each profile's rows in order.
    const rows = store.reconRows.flatMap(r => r.txns);
    expect(rows.map(t => t.id)).toEqual(Array.from({ length: store.recon!.transactionCount }, (_, i) => store.recon!.transactionIdAt(i)));
  });

  test('a new config reads every row again', async () => {
    const store = new LedgerState(openLedgerDb(`derived-${++n}-${Date.now()}`), clock);
    unwrap(await importHandlers(store).importFiles(sources(split.base)));
    const config = JSON.parse(JSON.stringify(store.config)) as { graceBusinessDays: number };
    config.graceBusinessDays = 5;
    unwrap(await settingsHandlers(store).saveConfig(config));
    expect(store.derived.last).toBe('full');
  });
});
