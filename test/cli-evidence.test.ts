// `settlewatch evidence` end to end: the bundled CLI on generated ledgers, a pack for every alert of the report.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, test } from 'vitest';
import { EVIDENCE_WORDS } from '../core/evidence/index';
import { gapLedger, generateLedger } from './e2e/pwa/support';

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin/settlewatch.mjs');

function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A ledger from the vendored generator (optionally given a statement gap), and the arguments that reconcile it. */
function generate(scenario: 'cn' | 'us' | 'eu', hole?: string): { dir: string; args: string[] } {
  const whole = generateLedger(scenario, 11, 12, 14);
  const dir = hole ? gapLedger(whole, ['--hole', hole]).dir : whole.dir;
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { reconcileArgs: string[] };
  return { dir, args: manifest.reconcileArgs.filter(a => a !== 'reconcile' && a !== '--json') };
}

/** A file's text with its byte-order mark kept (TextDecoder drops it by default). */
const withBom = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

interface ReportAlert {
  id: string;
  kind: string;
  transactionIds: string[];
  bankLineIds: string[];
  amountMinor: number;
}

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT });
});

const SCENARIOS = [
  ['cn', '2026-01-12..2026-01-13'],
  ['us', undefined],
  ['eu', undefined],
] as const;

describe('settlewatch evidence', () => {
  for (const [scenario, hole] of SCENARIOS) {
    test(`writes a valid pack for every alert of the ${scenario} report`, () => {
      const { dir, args } = generate(scenario, hole);
      const report = cli(['reconcile', ...args, '--json'], dir);
      expect(report.code, report.err).toBe(0);
      const alerts = (JSON.parse(report.out) as { alerts: ReportAlert[] }).alerts;
      expect(alerts.length).toBeGreaterThan(3);
      const out = mkdtempSync(join(tmpdir(), 'settlewatch-packs-'));
      const w = EVIDENCE_WORDS.en;
      alerts.forEach((alert, k) => {
        const file = join(out, `${k}.zip`);
        const r = cli(['evidence', ...args, '--alert', alert.id, '--out', file], dir);
        expect(r.code, `${alert.id}: ${r.err}`).toBe(0);
        expect(r.out).toBe('');
        const zip = unzipSync(new Uint8Array(readFileSync(file)));
        for (const name of [
          'summary.html',
          'letter-acquirer.html',
          'letter-bank.html',
          'letter-regulator.html',
          'case.json',
          'sources.csv',
        ])
          expect(zip[name], `${alert.id}: ${name}`).toBeDefined();
        const json = JSON.parse(strFromU8(zip['case.json']!)) as {
          alert: ReportAlert;
          transactions: { id: string; inAlert: boolean }[];
          bankLines: { id: string; inCase: boolean }[];
          sources: { sha256: string }[];
        };
        expect(json.alert.id).toBe(alert.id);
        expect(json.alert.amountMinor).toBe(alert.amountMinor);
        expect(
          json.transactions
            .filter(t => t.inAlert)
            .map(t => t.id)
            .sort(),
          alert.id,
        ).toEqual([...alert.transactionIds].sort());
        for (const id of alert.bankLineIds)
          expect(
            json.bankLines.some(l => l.id === id && l.inCase),
            `${alert.id}: ${id}`,
          ).toBe(true);
        for (const s of json.sources) expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
        const txnCsv = withBom(zip['transactions.csv']!);
        expect(txnCsv.startsWith(`\ufeff${w.csv.transactions[0]}`)).toBe(true);
        expect(txnCsv.trimEnd().split('\r\n')).toHaveLength(json.transactions.length + 1);
      });
      const kinds = new Set(alerts.map(a => a.kind));
      if (hole) expect(kinds.has('coverage_gap')).toBe(true);
    }, 240_000);
  }

  test('writes the pack in Chinese with --lang zh', () => {
    const { dir, args } = generate('cn');
    const alerts = (JSON.parse(cli(['reconcile', ...args, '--json'], dir).out) as { alerts: ReportAlert[] }).alerts;
    const file = join(mkdtempSync(join(tmpdir(), 'settlewatch-packs-')), 'zh.zip');
    const r = cli(['evidence', ...args, '--alert', alerts[0]!.id, '--out', file, '--lang', 'zh'], dir);
    expect(r.code, r.err).toBe(0);
    const zip = unzipSync(new Uint8Array(readFileSync(file)));
    expect(withBom(zip['transactions.csv']!).startsWith(`\ufeff${EVIDENCE_WORDS.zh.csv.transactions[0]}`)).toBe(true);
    expect(strFromU8(zip['summary.html']!)).toContain('<html lang="zh-CN">');
  });

  test('refuses an alert id the report does not have, listing the ids there are, with a non-zero exit', () => {
    const { dir, args } = generate('us');
    const alerts = (JSON.parse(cli(['reconcile', ...args, '--json'], dir).out) as { alerts: ReportAlert[] }).alerts;
    const file = join(mkdtempSync(join(tmpdir(), 'settlewatch-packs-')), 'none.zip');
    const r = cli(['evidence', ...args, '--alert', 'missing_credit:nobody', '--out', file], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('no alert "missing_credit:nobody" in the report of these files');
    for (const a of alerts.slice(0, 20)) expect(r.err).toContain(a.id);
    expect(() => readFileSync(file)).toThrow();
    const noAlert = cli(['evidence', ...args, '--out', file], dir);
    expect(noAlert.code).not.toBe(0);
    expect(noAlert.err).toContain('evidence needs --alert ALERT_ID');
    const badOut = cli(['evidence', ...args, '--alert', alerts[0]!.id, '--out', join(file, 'no-such-dir', 'x.zip')], dir);
    expect(badOut.code).toBe(1);
    expect(badOut.err).toContain('cannot write the pack (ENOENT)');
    const noOut = cli(['evidence', ...args, '--alert', alerts[0]!.id], dir);
    expect(noOut.code).not.toBe(0);
    expect(noOut.err).toContain('evidence needs --out FILE.zip');
  });

  test('alert ids are stable: the same files, named in another order, give the same ids', () => {
    const { dir, args } = generate('cn', '2026-01-12..2026-01-13');
    const ids = (a: string[]) =>
      (JSON.parse(cli(['reconcile', ...a, '--json'], dir).out) as { alerts: ReportAlert[] }).alerts.map(x => x.id);
    const first = ids(args);
    expect(ids(args)).toEqual(first);
    const at = args.indexOf('--acquirer');
    const bank = args.indexOf('--bank');
    const reordered = [...args.slice(0, at + 1), ...args.slice(at + 1, bank).reverse(), ...args.slice(bank)];
    expect(reordered).not.toEqual(args);
    expect(ids(reordered)).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
  });
});
