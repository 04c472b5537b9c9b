import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { makeConfig, makeLine, makeProfile, makeTxn } from '../../test/support/factories';
import { openCase, withStatus } from '../cases/model';
import { caseIndex } from '../cases/observe';
import type { TimelineEntry, VoucherRecord } from '../cases/types';
import type { AcquirerTxn, BankLine } from '../model/types';
import { reconcile } from '../reconcile/engine';
import { assembleEvidence, buildEvidencePack, type KeptCase } from './index';

const ACCOUNT = '31050161373600001234';
const PERIOD = { account: ACCOUNT, from: '2026-03-01', to: '2026-03-13' };
const config = makeConfig([makeProfile()]);

/** A ledger with one missing credit: two sales of 2026-03-02 (one on a full card number), and the account's other lines. */
function ledger() {
  const txns: AcquirerTxn[] = [
    makeTxn({ id: '000123456789', card: '6222021234567893161' }),
    makeTxn({ id: '000123456790', at: '2026-03-02T11:00:00+08:00', grossMinor: 20000, feeMinor: 120 }),
  ];
  const lines: BankLine[] = [
    makeLine({
      id: 'RENT',
      counterparty: '房东',
      description: '=HYPERLINK("http://x","房租")',
      amountMinor: -500000,
      bookedOn: '2026-03-04',
    }),
    makeLine({ id: 'SHOP', counterparty: '<b>商店</b> & "Co"', description: '+退款', amountMinor: 1234, bookedOn: '2026-03-05' }),
    makeLine({ id: 'OLD', counterparty: '房东', amountMinor: -100, bookedOn: '2026-02-01' }),
  ];
  const recon = reconcile({ config, acquirers: [{ acquirer: 'lakala', txns }], bankLines: lines, periods: [PERIOD], asOf: '2026-03-13' });
  return { txns, lines, recon };
}

function pack(kept: KeptCase | null, vouchers: VoucherRecord[] = [], lang: 'zh' | 'en' | 'both' = 'en') {
  const { txns, lines, recon } = ledger();
  const alert = recon.report.alerts.find(a => a.kind === 'missing_credit')!;
  const input = assembleEvidence({
    recon,
    config,
    acquirers: [{ acquirer: 'lakala', txns }],
    bankLines: lines,
    alert,
    files: [
      {
        name: 'lakala.csv',
        sha256: 'a'.repeat(64),
        role: 'acquirer',
        format: 'cn-acquirer',
        periods: [],
        from: '2026-03-02',
        to: '2026-03-02',
      },
      { name: 'ccb.csv', sha256: 'b'.repeat(64), role: 'bank', format: 'cn-bank-csv', periods: [PERIOD] },
      { name: 'other-account.csv', sha256: 'c'.repeat(64), role: 'bank', format: 'cn-bank-csv', periods: [{ ...PERIOD, account: '999' }] },
    ],
    filesOf: (ts, ls) => [...(ts.length ? ['a'.repeat(64)] : []), ...(ls.length ? ['b'.repeat(64)] : [])],
    madeOn: '2026-03-14',
    kept,
    vouchers,
  });
  const built = buildEvidencePack(input, lang);
  const zip = unzipSync(built.bytes);
  const text = (name: string) => strFromU8(zip[name]!);
  return { input, zip, text, alert, recon, name: built.name };
}

/** The case kept on the missing credit: asked the acquirer, a checklist mark, a follow-up date, a note set aside. */
function kept(): KeptCase {
  const { recon, lines } = ledger();
  const byId = new Map(lines.map(l => [l.id, l]));
  const ix = caseIndex(recon, id => byId.get(id));
  const alert = recon.report.alerts.find(a => a.kind === 'missing_credit')!;
  const subject = ix.subjectOfAlert(alert);
  const opened = openCase(subject, alert, ix.observe(subject), '2026-03-13T09:00:00.000Z');
  const record = {
    ...withStatus(opened.record, 'asked_acquirer', '2026-03-13T10:00:00.000Z'),
    followUpOn: '2026-03-20',
    checklist: { contact_acquirer: { done: true, on: '2026-03-13', note: '客服工单 A-77', updatedAt: '2026-03-13T10:00:00.000Z' } },
  };
  const note = (id: string, removedAt: string | null, text: string): TimelineEntry => ({
    id,
    caseId: record.id,
    at: '2026-03-13T10:00:00.000Z',
    updatedAt: '2026-03-13T10:00:00.000Z',
    source: 'merchant',
    action: 'called',
    whom: 'acquirer',
    on: '2026-03-13',
    note: text,
    removedAt,
  });
  return {
    record,
    entries: [...opened.entries, note('m1', null, '拉卡拉客服说三个工作日内到账'), note('m2', '2026-03-13T11:00:00.000Z', 'set aside')],
  };
}

const voucher = (name: string, removedAt: string | null = null): VoucherRecord => ({
  id: name,
  caseId: 'credit:lakala|2026-03-02',
  name,
  type: 'image/jpeg',
  size: 3,
  bytes: new Uint8Array([1, 2, 3]),
  addedAt: '2026-03-13T12:00:00.000Z',
  removedAt,
  updatedAt: '2026-03-13T12:00:00.000Z',
});

describe('a pack from the case the merchant keeps', () => {
  test("prints the case's status, follow-up date, the merchant's own steps and what they did, and leaves out what they set aside", () => {
    const { text } = pack(kept());
    const summary = text('summary.html');
    expect(summary).toContain('Asked the acquirer');
    expect(summary).toContain('2026-03-20');
    expect(summary).toContain('客服工单 A-77');
    expect(summary).toContain('拉卡拉客服说三个工作日内到账');
    expect(summary).not.toContain('set aside');
    const timeline = text('timeline.csv');
    expect(timeline).toContain('2026-03-13,Merchant,Called,Acquirer,拉卡拉客服说三个工作日内到账');
    expect(timeline).toContain('Alert raised');
    // The complaint says what was tried from the record, not a sentence claiming it.
    const complaint = text('letter-regulator.html');
    expect(complaint).toContain('拉卡拉客服说三个工作日内到账');
    expect(complaint).not.toContain('When and how I asked them');
  });

  test('without a record it says what the data shows and leaves lines to write what was asked', () => {
    const { text, input } = pack(null);
    expect(input.status).toBe('open');
    expect(input.checklist.filter(s => s.done).map(s => s.step)).toEqual(['check_account', 'check_records']);
    expect(text('letter-regulator.html')).toContain('When and how I asked them');
    expect(text('letter-regulator.html')).toContain('<p class="fill"></p>');
  });

  test('holds the vouchers under vouchers/ with safe, distinct names, and not the ones removed', () => {
    const { zip, text } = pack(null, [
      voucher('../slip.jpg'),
      voucher('slip.jpg'),
      voucher('a:b\u0001.pdf'),
      voucher('gone.jpg', '2026-03-13T13:00:00.000Z'),
    ]);
    const names = Object.keys(zip)
      .filter(n => n.startsWith('vouchers/') && !n.endsWith('/'))
      .sort();
    expect(names).toEqual(['vouchers/_slip.jpg', 'vouchers/a_b_.pdf', 'vouchers/slip.jpg']);
    expect([...zip['vouchers/slip.jpg']!]).toEqual([1, 2, 3]);
    const json = JSON.parse(text('case.json')) as { vouchers: { file: string; name: string }[] };
    expect(json.vouchers.map(v => v.file).sort()).toEqual(names);
    expect(text('summary.html')).toContain('vouchers/a_b_.pdf');
  });
});

describe('what a pack never holds', () => {
  test('a full card number: every file shows it masked', () => {
    const { zip } = pack(kept(), [], 'both');
    for (const [name, bytes] of Object.entries(zip)) {
      if (name.endsWith('/')) continue;
      const body = strFromU8(bytes);
      expect(body, name).not.toContain('6222021234567893161');
    }
    expect(strFromU8(zip['en/transactions.csv']!)).toContain('622202*********3161');
  });

  test('markup from a file: names and texts are escaped in the pages, and formulas guarded in the CSVs', () => {
    const { text } = pack(null);
    const summary = text('summary.html');
    expect(summary).not.toContain('<b>商店</b>');
    expect(summary).toContain('&lt;b&gt;商店&lt;/b&gt; &amp; &quot;Co&quot;');
    const lines = text('bank-lines.csv');
    expect(lines).toContain(`"'=HYPERLINK(""http://x"",""房租"")"`);
    expect(lines).toContain(`'+退款`);
    expect(lines).toContain(',-5000.00,');
  });
});

describe('the rows and files of a missing credit', () => {
  test("the account's lines a week around the due date, the export and the statement the case rests on, not another account's", () => {
    const { input, text } = pack(null);
    expect(input.bankWindow).toEqual({ from: '2026-02-24', to: '2026-03-10', accounts: [ACCOUNT] });
    expect(input.bankLines.map(l => l.id)).toEqual(['RENT', 'SHOP']);
    expect(input.sources.map(s => s.name)).toEqual(['lakala.csv', 'ccb.csv']);
    expect(text('sources.csv')).toContain(`lakala.csv,${'a'.repeat(64)},acquirer,cn-acquirer,2026-03-02,2026-03-02`);
    expect(input.transactions.map(t => [t.id, t.inAlert, t.status])).toEqual([
      ['000123456789', true, 'missing'],
      ['000123456790', true, 'missing'],
    ]);
  });

  test('asks the acquirer first when nothing says it paid, and the PBoC (12363) is the regulator of a payment institution', () => {
    const { input, text } = pack(null, [], 'zh');
    expect(input.advice.first).toBe('acquirer');
    expect(text('letter-regulator.html')).toContain('12363');
    expect(text('letter-regulator.html')).toContain('被投诉人');
    expect(text('letter-acquirer.html')).toContain('822290058120001');
    expect(text('letter-acquirer.html')).toContain('¥298.20');
  });

  test('is the same bytes for the same case and day', () => {
    const a = pack(kept(), [voucher('slip.jpg')], 'both');
    const b = pack(kept(), [voucher('slip.jpg')], 'both');
    expect(a.name).toBe(b.name);
    expect(Object.keys(a.zip)).toEqual(Object.keys(b.zip));
    for (const k of Object.keys(a.zip)) expect(Buffer.from(a.zip[k]!).equals(Buffer.from(b.zip[k]!)), k).toBe(true);
  });
});
