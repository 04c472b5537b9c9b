// Replica files on the command line (issue 13): `settlewatch replica export` writes files and decisions as one
// encrypted replica; `settlewatch reconcile --replica` gives the same report as the files, with the decisions
// applied; the app opens what the command line wrote; the passphrase never comes from an argument.
import 'fake-indexeddb/auto';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { openLedgerDb } from '../core/db/db';
import { createLedgerHandlers, unwrap } from '../core/ledger/index';
import { STATUSES } from '../core/reconcile/types';
import { generateLedger, type GeneratedLedger } from './support/ledger';

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin/settlewatch.mjs');

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    input: '',
    env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('settlewatch replica export and reconcile --replica', () => {
  let ledger: GeneratedLedger;
  let files: string[];
  let fromFiles: string;
  let made: ReturnType<typeof cli>;

  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT });
    ledger = generateLedger({ scenario: 'cn', seed: 11, days: 20, txPerDay: 30 });
    files = ledger.manifest.reconcileArgs.slice(1, -1); // --config … --acquirer … --bank … (without --json)
    writeFileSync(join(ledger.dir, 'pass.txt'), 'river stone 7\n');
    writeFileSync(join(ledger.dir, 'wrong.txt'), 'river stone\n');
    const r = cli(['reconcile', ...files, '--json'], ledger.dir);
    expect(r.code).toBe(0);
    fromFiles = r.out;
    made = cli(['replica', 'export', ...files, '--out', 'plain.age', '--passphrase-file', 'pass.txt'], ledger.dir);
  }, 120_000);

  test('reconciling the replica gives the report the files give, byte for byte', () => {
    expect(made.err).toMatch(/wrote plain\.age: 4 files, \d+ transactions, \d+ bank lines, 0 decisions/);
    expect(made.code).toBe(0);
    expect(readFileSync(join(ledger.dir, 'plain.age')).subarray(0, 22).toString('latin1')).toBe('age-encryption.org/v1\n');
    const r = cli(['reconcile', '--replica', 'plain.age', '--passphrase-file', 'pass.txt', '--json'], ledger.dir);
    expect(r.code).toBe(0);
    expect(r.out).toBe(fromFiles);
  }, 60_000);

  test('carries decisions: an alert dismissed in the decisions file is dismissed in the report', async () => {
    const report = JSON.parse(fromFiles) as { asOf: string; alerts: { id: string; kind: string; dismissed?: unknown }[] };
    const alert = report.alerts.find(a => a.kind !== 'coverage_gap')!;
    writeFileSync(
      join(ledger.dir, 'decisions.json'),
      JSON.stringify([{ kind: 'dismiss_alert', alertId: alert.id, reason: 'settled in cash', at: '2026-01-30T09:00:00Z' }]),
    );
    const made = cli(
      ['replica', 'export', ...files, '--decisions', 'decisions.json', '--out', 'd.age', '--passphrase-file', 'pass.txt'],
      ledger.dir,
    );
    expect(made.code).toBe(0);
    const r = cli(['reconcile', '--replica', 'd.age', '--passphrase-file', 'pass.txt', '--json'], ledger.dir);
    const withDecision = JSON.parse(r.out) as typeof report;
    expect(withDecision.alerts.find(a => a.id === alert.id)!.dismissed).toEqual({ reason: 'settled in cash' });
    expect(withDecision.alerts.filter(a => a.id !== alert.id)).toEqual(report.alerts.filter(a => a.id !== alert.id));

    // The app opens what the command line wrote: the same counts, the decision among its records.
    const app = createLedgerHandlers(openLedgerDb(`cli-replica-${Date.now()}`), {
      today: () => report.asOf,
      now: () => new Date().toISOString(),
    });
    const opened = unwrap(await app.openReplica(new Uint8Array(readFileSync(join(ledger.dir, 'd.age'))), 'river stone 7'));
    expect(opened.preview.records.decisions!.new).toBe(1);
    const merged = unwrap(await app.confirmReplica())!;
    const counts = Object.fromEntries(STATUSES.map(s => [s, 0]));
    for (const t of JSON.parse(fromFiles).transactions as { status: string }[]) counts[t.status]!++;
    expect(merged.summary.statusCounts).toEqual(counts);
    expect(merged.summary.alerts.find(a => a.id === alert.id)?.dismissed?.reason).toBe('settled in cash');
  }, 90_000);

  test('refuses a wrong passphrase, a passphrase given as an argument, and a missing one off a terminal', () => {
    const wrong = cli(['reconcile', '--replica', 'plain.age', '--passphrase-file', 'wrong.txt'], ledger.dir);
    expect([wrong.code, wrong.out]).toEqual([1, '']);
    expect(wrong.err).toContain('plain.age: the passphrase does not open this replica file');
    const zh = spawnSync(process.execPath, [BIN, 'reconcile', '--replica', 'plain.age', '--passphrase-file', 'wrong.txt', '--lang', 'zh'], {
      cwd: ledger.dir,
      encoding: 'utf8',
    });
    expect(zh.stderr).toContain('口令无法打开这个账本副本文件');
    const argument = cli(['reconcile', '--replica', 'plain.age', '--passphrase', 'river stone 7'], ledger.dir);
    expect(argument.code).toBe(1);
    expect(argument.err).toContain('--passphrase is not taken on the command line');
    const none = cli(['reconcile', '--replica', 'plain.age'], ledger.dir);
    expect(none.code).toBe(1);
    expect(none.err).toContain('no passphrase: give --passphrase-file FILE, or run this on a terminal');
  }, 60_000);

  test('names the entry and field of a bad decisions file, and writes nothing', () => {
    writeFileSync(
      join(ledger.dir, 'bad-decisions.json'),
      JSON.stringify([
        { kind: 'unlink', bankLineId: 'B1', at: '2026-01-30T09:00:00Z' },
        { kind: 'manual_link', bankLineId: 'B2', batchIds: 'x', at: '2026-01-30T09:00:00Z' },
      ]),
    );
    const r = cli(
      ['replica', 'export', ...files, '--decisions', 'bad-decisions.json', '--out', 'bad.age', '--passphrase-file', 'pass.txt'],
      ledger.dir,
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('bad-decisions.json: [1].batchIds: must be a list of batch ids');
    expect(existsSync(join(ledger.dir, 'bad.age'))).toBe(false);
  });

  test.skipIf(!existsSync('/usr/bin/script'))(
    'asks for the passphrase on the terminal, echoing nothing',
    () => {
      const run = spawnSync(
        'bash',
        [
          '-c',
          `(sleep 1; printf 'river stone 7\\n') | script -qec "'${process.execPath}' '${BIN}' reconcile --replica plain.age" /dev/null`,
        ],
        { cwd: ledger.dir, encoding: 'utf8', timeout: 60_000, env: { ...process.env, LANG: 'en_US.UTF-8' } },
      );
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('Passphrase: ');
      expect(run.stdout).toContain('Transactions by status');
      expect(run.stdout).not.toContain('river stone 7');
    },
    60_000,
  );
});
