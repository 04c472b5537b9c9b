import 'fake-indexeddb/auto';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, test } from 'vitest';
import { openLedgerDb } from '../db/db';
import { EVIDENCE_WORDS } from '../evidence/index';
import { readTable } from '../import/table';
import { EN_FORMATS } from '../messages/en';
import { ZH_FORMATS } from '../messages/zh';
import { parseAmount } from '../model/money';
import { addDays } from '../model/date';
import type { Alert, AlertKind } from '../reconcile/types';
import { createLedgerHandlers, unwrap, type ImportSource } from './index';
import type { Lang } from '../messages/types';
import { englishRuns } from '../../test/support/english';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOOLS = join(ROOT, 'test/tools');
const FIXTURES = join(ROOT, 'test/fixtures/generated');

/** The config, exports and statements a generated ledger's manifest names, with their bytes. */
function ledgerFiles(dir: string): ImportSource[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: { path: string; role: string }[] };
  return manifest.files
    .filter(f => ['config', 'acquirer', 'bank'].includes(f.role))
    .map(f => ({ name: f.path, data: new Uint8Array(readFileSync(join(dir, f.path))) }));
}

function run(script: string, args: string[]): void {
  const r = spawnSync(process.execPath, [join(TOOLS, script), ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
}

/** A generated cn ledger with two days cut out of its statement: every alert kind, a coverage_gap included. */
function gapLedger(from: string, args: string[] = []): string {
  const out = mkdtempSync(join(tmpdir(), 'settlewatch-evidence-'));
  run('gap-ledger.mjs', ['--in', from, '--out', out, ...args]);
  return out;
}

let n = 0;
async function openLedger(files: ImportSource[]) {
  const h = createLedgerHandlers(openLedgerDb(`evidence-test-${++n}`), { today: () => '2026-02-20', now: () => '2026-02-20T09:00:00Z' });
  unwrap(await h.importFiles(files));
  const summary = unwrap(await h.init());
  // The alerts with the transactions each names (the summary lists them without), as the worker has them.
  const alerts = await Promise.all(summary.alerts.map(async a => unwrap(await h.alertDetail(a.id))!.alert!));
  return { h, summary, alerts };
}

/** A CSV of the pack read back with the project's own table reader (the Excel guards removed as it removes them). */
function readCsv(bytes: Uint8Array, header: readonly string[]): Record<string, string>[] {
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const fields = Object.fromEntries(header.map((h, i) => [`c${i}`, [h]]));
  const rows: Record<string, string>[] = [];
  const info = readTable(bytes, { fields, required: Object.keys(fields) }, row => {
    expect(row.cells).toHaveLength(header.length);
    rows.push(Object.fromEntries(header.map((h, i) => [h, row.cells[i]!])));
  });
  expect(info.issues).toEqual([]);
  expect(info.header).toEqual(header);
  return rows;
}

const minor = (text: string): number => {
  const r = parseAmount(text);
  if (!r.ok) throw new Error(`not an amount: ${text}`);
  return r.minor;
};
const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

interface Opened {
  readonly name: string;
  readonly files: ImportSource[];
  readonly h: ReturnType<typeof createLedgerHandlers>;
  readonly alerts: readonly Alert[];
}

const ledgers: Opened[] = [];

beforeAll(async () => {
  const sources: [string, string][] = [
    ['cn with a statement gap', gapLedger(join(FIXTURES, 'cn'), ['--hole', '2026-01-12..2026-01-13'])],
    ['us', join(FIXTURES, 'us')],
    ['eu', join(FIXTURES, 'eu')],
  ];
  for (const [name, dir] of sources) {
    const files = ledgerFiles(dir);
    const { h, alerts } = await openLedger(files);
    ledgers.push({ name, files, h, alerts });
  }
}, 120_000);

const KINDS: AlertKind[] = [
  'missing_credit',
  'late_credit',
  'short_credit',
  'duplicate_charge',
  'fee_mismatch',
  'unknown_credit',
  'coverage_gap',
];

describe('the evidence pack of each alert kind', () => {
  test('the ledgers raise every kind', () => {
    const kinds = new Set(ledgers.flatMap(l => l.alerts.map(a => a.kind)));
    expect([...kinds].sort()).toEqual([...KINDS].sort());
  });

  for (const kind of KINDS) {
    test(`${kind}: the pack holds exactly the case's transactions and bank lines, its sums agree with the report, its letters name merchant, references and amount`, async () => {
      let checked = 0;
      for (const ledger of ledgers) {
        for (const alert of ledger.alerts.filter(a => a.kind === kind)) {
          await checkPack(ledger, alert, 'en');
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(0);
    });
  }

  test('a pack in Chinese has Chinese columns, words and money, and sums the same', async () => {
    const ledger = ledgers[0]!;
    for (const kind of KINDS)
      await checkPack(
        ledger,
        ledger.alerts.find(a => a.kind === kind)!,
        'zh',
      );
  });
});

/** Unzips the pack of `alert` in `lang` and checks it against the ledger's case and the report. */
async function checkPack(ledger: Opened, alert: Alert, lang: Lang): Promise<void> {
  const w = EVIDENCE_WORDS[lang];
  const where = `${ledger.name} ${alert.id} (${lang})`;
  const pack = unwrap(await ledger.h.evidencePack(alert.id, lang));
  expect(pack, where).not.toBeNull();
  expect(pack!.name).toMatch(new RegExp(`^settlewatch-evidence-${alert.kind}-[\\w-]+-\\d{4}-\\d{2}-\\d{2}-[0-9a-f]{8}\\.zip$`));
  const zip = unzipSync(pack!.bytes);
  expect(Object.keys(zip).sort(), where).toEqual(
    [
      'bank-lines.csv',
      'case.json',
      'letter-acquirer.html',
      'letter-bank.html',
      'letter-regulator.html',
      'sources.csv',
      'summary.html',
      'timeline.csv',
      'transactions.csv',
    ].sort(),
  );
  const detail = unwrap(await ledger.h.alertDetail(alert.id))!;
  const txns = readCsv(zip['transactions.csv']!, w.csv.transactions);
  const [ref, , acquirerCol, merchantCol, , cardCol, , grossCol, feeCol, netCol] = w.csv.transactions;
  const listedCol = w.csv.transactions[17]!;

  // Exactly the case's transactions: as many as the case view counts, the ones it shows among them, the alert's marked.
  expect(txns.length, where).toBe(detail.txnTotal);
  expect(txns.length, where).toBe(detail.batches.length ? sum(detail.batches.map(b => b.transactionCount)) : alert.transactionIds.length);
  const keys = new Set(txns.map(t => `${t[acquirerCol!]}\u0000${t[ref!]}`));
  expect(keys.size).toBe(txns.length);
  for (const t of detail.txns) expect(keys.has(`${t.acquirer}\u0000${t.id}`), `${where}: ${t.id}`).toBe(true);
  const listed = txns.filter(t => t[listedCol] === w.yes);
  expect(listed.map(t => t[ref!]).sort(), where).toEqual([...alert.transactionIds].sort());
  for (const t of txns) expect(t[cardCol!] ?? '', where).not.toMatch(/\d{12,}/);

  // Exactly the case's bank lines: its own, and every line of its accounts within a week of its dates.
  const lines = readCsv(zip['bank-lines.csv']!, w.csv.bankLines);
  const [lineId, accountCol, bookedCol, , amountCol] = w.csv.bankLines;
  const inCaseCol = w.csv.bankLines[10]!;
  const all = unwrap(await ledger.h.queryBankLines({ offset: 0, limit: 1_000_000 })).rows;
  const own = new Set([...alert.bankLineIds, ...detail.links.map(l => l.link.bankLineId)]);
  const ownLines = all.filter(l => own.has(l.id));
  const dates = [
    ...detail.batches.map(b => b.expectedOn),
    ...ownLines.map(l => l.bookedOn),
    ...[alert.from, alert.to].filter(d => d !== undefined),
  ].sort();
  const from = addDays(dates[0]!, -7),
    to = addDays(dates[dates.length - 1]!, 7);
  const accounts =
    alert.kind === 'coverage_gap' && alert.account
      ? [alert.account]
      : ownLines.length
        ? ownLines.map(l => l.account)
        : all.map(l => l.account);
  const expected = all.filter(l => own.has(l.id) || (accounts.includes(l.account) && l.bookedOn >= from && l.bookedOn <= to));
  expect(lines.map(l => `${l[accountCol!]} ${l[lineId!]}`).sort(), where).toEqual(expected.map(l => `${l.account} ${l.id}`).sort());
  expect(
    lines
      .filter(l => l[inCaseCol] === w.yes)
      .map(l => l[lineId!])
      .sort(),
    where,
  ).toEqual([...own].sort());
  for (const l of lines)
    expect(minor(l[amountCol!]!), where).toBe(expected.find(e => e.id === l[lineId!] && e.account === l[accountCol!])!.amountMinor);
  expect(
    lines.map(l => l[bookedCol!]),
    where,
  ).toEqual([...lines.map(l => l[bookedCol!]!)].sort());

  // The sums agree with the report.
  const net = (rows: typeof txns) => sum(rows.map(t => minor(t[netCol!]!)));
  const p = alert.params;
  const ownCredit = sum(lines.filter(l => alert.bankLineIds.includes(l[lineId!]!)).map(l => minor(l[amountCol!]!)));
  switch (p.kind) {
    case 'missing_credit':
    case 'late_credit':
    case 'coverage_gap':
      expect(net(listed), where).toBe(alert.amountMinor);
      break;
    case 'short_credit':
      expect(net(listed) - ownCredit, where).toBe(alert.amountMinor);
      expect(ownCredit).toBe(p.creditedMinor);
      break;
    case 'duplicate_charge':
      expect(sum(listed.map(t => minor(t[grossCol!]!))) - minor(listed[0]![grossCol!]!), where).toBe(alert.amountMinor);
      break;
    case 'fee_mismatch': {
      // One sale, or an incident of several: the fees printed on the alert's sales, less the contract's.
      expect(listed.length, where).toBe(p.count);
      const printed = sum(listed.map(t => minor(t[feeCol!]!)));
      expect(printed, where).toBe(p.printedMinor);
      expect(sum(listed.map(t => minor(t[grossCol!]!))), where).toBe(p.grossMinor);
      expect(printed - p.contractedMinor, where).toBe(alert.amountMinor);
      break;
    }
    case 'unknown_credit':
      expect(ownCredit, where).toBe(alert.amountMinor);
      expect(listed, where).toEqual([]);
      break;
  }
  const json = JSON.parse(strFromU8(zip['case.json']!)) as { alert: Alert; transactions: { netMinor: number; inAlert: boolean }[] };
  expect(json.alert.id).toBe(alert.id);
  expect(json.transactions).toHaveLength(txns.length);

  // The letters name the merchant number, the references and the amount.
  const f = lang === 'zh' ? ZH_FORMATS : EN_FORMATS;
  const amount = f.money(alert.amountMinor, alert.currency);
  const merchantIds = [...new Set(listed.map(t => t[merchantCol!]!).filter(Boolean))];
  const letters = ['letter-acquirer.html', 'letter-bank.html', 'letter-regulator.html'].map(name => strFromU8(zip[name]!));
  for (const html of [letters[0]!, letters[2]!]) {
    expect(html, where).toContain(amount.replace(/&/g, '&amp;'));
    for (const id of merchantIds) expect(html, where).toContain(id);
    for (const id of alert.transactionIds.slice(0, 50)) expect(html, where).toContain(id);
    for (const id of alert.bankLineIds) expect(html, where).toContain(id);
  }
  for (const html of [...letters, strFromU8(zip['summary.html']!)]) {
    expect(html).toContain(`<html lang="${w.htmlLang}">`);
    expect(html).toContain('@page { size: A4;');
  }
  expect(letters[2], where).toMatch(lang === 'zh' ? /12363|12378|监管/ : /12363|12378|authority/);
  if (lang === 'zh') {
    // No English sentence on a Chinese page (the style sheet and the page's markup aside).
    for (const html of [...letters, strFromU8(zip['summary.html']!)]) {
      const text = html
        .replace(/<style>[\s\S]*?<\/style>/, '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/&\w+;/g, ' ');
      expect(englishRuns(text), where).toEqual([]);
    }
  }

  // The files the case rests on, by the SHA-256 of their bytes.
  const sources = readCsv(zip['sources.csv']!, w.csv.sources);
  const hashOf = (name: string) =>
    createHash('sha256')
      .update(ledger.files.find(x => x.name === name)!.data as Uint8Array)
      .digest('hex');
  for (const s of sources) expect(s[w.csv.sources[1]!], where).toBe(hashOf(s[w.csv.sources[0]!]!));
  const roles = new Set(sources.map(s => s[w.csv.sources[2]!]));
  if (txns.length) expect(roles.has('acquirer'), where).toBe(true);
  if (lines.length) expect(roles.has('bank'), where).toBe(true);
}

describe('the pack of a case', () => {
  test('in both languages holds zh/ and en/ side by side, and case.json once', async () => {
    const ledger = ledgers[0]!;
    const alert = ledger.alerts.find(a => a.kind === 'missing_credit')!;
    const zip = unzipSync(unwrap(await ledger.h.evidencePack(alert.id, 'both'))!.bytes);
    const names = Object.keys(zip)
      .filter(n => !n.endsWith('/'))
      .sort();
    expect(names.filter(n => !n.includes('/'))).toEqual(['case.json']);
    for (const l of ['zh', 'en'] as const) {
      expect(names.filter(n => n.startsWith(`${l}/`)).length).toBe(8);
      expect(strFromU8(zip[`${l}/summary.html`]!)).toContain(EVIDENCE_WORDS[l].summaryTitle);
      expect(readCsv(zip[`${l}/transactions.csv`]!, EVIDENCE_WORDS[l].csv.transactions).length).toBe(alert.transactionIds.length);
    }
    const json = JSON.parse(strFromU8(zip['case.json']!)) as { alert: { messages: Record<string, string> } };
    expect(Object.keys(json.alert.messages).sort()).toEqual(['en', 'zh']);
  });

  test('is the same bytes when made twice on the same day', async () => {
    const ledger = ledgers[1]!;
    const id = ledger.alerts[0]!.id;
    const a = unwrap(await ledger.h.evidencePack(id, 'en'))!;
    const b = unwrap(await ledger.h.evidencePack(id, 'en'))!;
    expect(a.name).toBe(b.name);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  });

  test('carries the case the merchant keeps: its status, what they noted, its checklist marks and its vouchers', async () => {
    const { h, summary } = await openLedger(ledgers[0]!.files);
    const alert = summary.alerts.find(a => a.kind === 'missing_credit')!;
    const { caseId } = unwrap(await h.openCaseFor(alert.id));
    unwrap(await h.addCaseEntry(caseId, { action: 'called', whom: 'acquirer', on: '2026-01-19', note: '客服：三个工作日内到账' }));
    unwrap(await h.setCaseStatus(caseId, 'asked_acquirer'));
    unwrap(await h.setFollowUp(caseId, '2026-01-23'));
    const slip = new Uint8Array([0x25, 0x50, 0x44, 0x46]);
    unwrap(await h.attachVoucher(caseId, { name: 'POS签购单.pdf', type: 'application/pdf', data: slip }));
    const zip = unzipSync(unwrap(await h.evidencePack(alert.id, 'zh'))!.bytes);
    expect([...zip['vouchers/POS签购单.pdf']!]).toEqual([...slip]);
    const w = EVIDENCE_WORDS.zh;
    const timeline = readCsv(zip['timeline.csv']!, w.csv.timeline);
    expect(timeline.some(e => e[w.csv.timeline[4]!] === '客服：三个工作日内到账' && e[w.csv.timeline[1]!] === w.eventBy.merchant)).toBe(
      true,
    );
    const summaryHtml = strFromU8(zip['summary.html']!);
    expect(summaryHtml).toContain('2026年1月23日');
    expect(summaryHtml).toContain('vouchers/POS签购单.pdf');
    const json = JSON.parse(strFromU8(zip['case.json']!)) as { status: string; checklist: { step: string; done: boolean }[] };
    expect(json.status).toBe('asked_acquirer');
    expect(json.checklist.find(s => s.step === 'contact_acquirer')?.done).toBe(true);
    expect(json.checklist.find(s => s.step === 'keep_vouchers')?.done).toBe(true);
    expect(strFromU8(zip['letter-regulator.html']!)).toContain('客服：三个工作日内到账');
  });

  test('is null for an alert the ledger does not have', async () => {
    expect(unwrap(await ledgers[0]!.h.evidencePack('missing_credit:nobody|2026-01-01|2026-01-02', 'en'))).toBeNull();
  });

  test('holds every transaction of a case the case view cuts at 300', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'settlewatch-evidence-big-'));
    run('gen-ledger.mjs', ['--scenario', 'cn', '--seed', '5', '--days', '12', '--tx-per-day', '60', '--out', dir]);
    const { h, alerts } = await openLedger(ledgerFiles(gapLedger(dir, ['--hole', '2026-01-08..2026-01-13'])));
    const gap = alerts.find(a => a.kind === 'coverage_gap')!;
    expect(gap.transactionIds.length).toBeGreaterThan(300);
    const detail = unwrap(await h.alertDetail(gap.id))!;
    expect(detail.txns.length).toBe(300);
    const zip = unzipSync(unwrap(await h.evidencePack(gap.id, 'en'))!.bytes);
    const txns = readCsv(zip['transactions.csv']!, EVIDENCE_WORDS.en.csv.transactions);
    expect(txns.length).toBe(detail.txnTotal);
    expect(sum(txns.filter(t => t[EVIDENCE_WORDS.en.csv.transactions[17]!] === 'yes').map(t => minor(t['Net']!)))).toBe(gap.amountMinor);
    expect(strFromU8(zip['summary.html']!)).toContain(EVIDENCE_WORDS.en.tableCut(200, txns.length, 'transactions.csv'));
  }, 120_000);
});
