import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { makeConfig, makeLine, makeProfile, makeTxn } from '../../test/support/factories';
import type { AcquirerTxn, BankLine } from '../model/types';
import { reconcile } from '../reconcile/engine';
import type { Decision } from '../reconcile/types';
import { followUpDue, openCase, advanceCase, withStatus, type CaseObservation } from './model';
import { caseIndex, TxnBatches } from './observe';
import { caseIdOf, sameSubject } from './subject';
import type { CaseRecord, TimelineEntry } from './types';

const PERIOD = { account: '31050161373600001234', from: '2026-03-01', to: '2026-03-13' };

function run(txns: AcquirerTxn[], lines: BankLine[], o: { lag?: number; decisions?: Decision[] } = {}) {
  const config = makeConfig([makeProfile({ settlementLagBusinessDays: o.lag ?? 1 })]);
  const recon = reconcile({
    config,
    acquirers: [{ acquirer: 'lakala', txns }],
    bankLines: lines,
    periods: [PERIOD],
    asOf: '2026-03-13',
    decisions: o.decisions ?? [],
  });
  const byId = new Map(lines.map(l => [l.id, l]));
  return { recon, ix: caseIndex(recon, id => byId.get(id)) };
}

/** Opens a case on the first alert of `kind` in a run. */
function open(r: ReturnType<typeof run>, kind: string, at = '2026-03-13T09:00:00.000Z') {
  const alert = r.recon.report.alerts.find(a => a.kind === kind)!;
  const subject = r.ix.subjectOfAlert(alert);
  return openCase(subject, alert, r.ix.observe(subject), at);
}

const events = (entries: readonly TimelineEntry[]) => entries.map(e => (e.source === 'engine' ? e.event.kind : e.action));

const sales = () => [
  makeTxn({ id: 'S1', grossMinor: 10000, feeMinor: 60 }),
  makeTxn({ id: 'S2', at: '2026-03-02T11:00:00+08:00', grossMinor: 20000, feeMinor: 120 }),
];
// 99.40 + 198.80 due 2026-03-03
const NET = 29820;

describe('a case over the reconciliation', () => {
  test('opens on a missing credit with a raised entry, keyed on its batch', () => {
    const { record, entries } = open(run(sales(), []), 'missing_credit');
    expect(record.id).toBe('credit:lakala|2026-03-02');
    expect(record.status).toBe('open');
    expect(record.seen).toMatchObject({ kind: 'missing_credit', amountMinor: NET, credits: [], settled: false });
    expect(entries.map(e => (e.source === 'engine' ? e.event : null))).toEqual([
      { kind: 'raised', alertKind: 'missing_credit', amountMinor: NET, currency: 'CNY' },
    ]);
  });

  test('resolves itself when a later import brings the credit, saying which credit, when and how much', () => {
    const opened = open(run(sales(), []), 'missing_credit');
    const credit = makeLine({ id: 'BK-PAID', amountMinor: NET, bookedOn: '2026-03-03' });
    const later = run(sales(), [credit]);
    const subject = opened.record.subject;
    const { record, entries } = advanceCase(opened.record, later.ix.observe(subject), '2026-03-14T09:00:00.000Z');
    expect(record.status).toBe('resolved_credited');
    expect(record.statusBy).toBe('engine');
    expect(entries.map(e => (e.source === 'engine' ? e.event : null))).toEqual([
      { kind: 'credit_arrived', bankLineId: 'BK-PAID', bookedOn: '2026-03-03', amountMinor: NET, currency: 'CNY' },
      { kind: 'cleared', alertKind: 'missing_credit' },
      { kind: 'status', status: 'resolved_credited' },
    ]);
    expect(entries.map(e => e.id)).toEqual(['credit:lakala|2026-03-02#e1', 'credit:lakala|2026-03-02#e2', 'credit:lakala|2026-03-02#e3']);
  });

  test('a case opened on a late or short credit names the credit at once; a late one is resolved from the start', () => {
    const late = open(run(sales(), [makeLine({ id: 'LATE', amountMinor: NET, bookedOn: '2026-03-09' })]), 'late_credit');
    expect(events(late.entries)).toEqual(['raised', 'credit_arrived', 'status']);
    expect(late.record).toMatchObject({ status: 'resolved_credited', statusBy: 'engine', heldStatus: 'open' });
    const short = open(run(sales(), [makeLine({ id: 'SHORT', amountMinor: NET - 500 })]), 'short_credit');
    expect(events(short.entries)).toEqual(['raised', 'credit_arrived']);
    expect(short.record.status).toBe('open');
  });

  test('a credit that comes late still resolves the case (a late credit owes nothing)', () => {
    const opened = open(run(sales(), []), 'missing_credit');
    const later = run(sales(), [makeLine({ id: 'LATE', amountMinor: NET, bookedOn: '2026-03-09' })]);
    const { record } = advanceCase(opened.record, later.ix.observe(opened.record.subject), 'x');
    expect(later.recon.report.alerts.map(a => a.kind)).toEqual(['late_credit']);
    expect(record.status).toBe('resolved_credited');
  });

  test('a short credit changes the amount and the kind, and leaves the case open', () => {
    const opened = open(run(sales(), []), 'missing_credit');
    const later = run(sales(), [makeLine({ id: 'SHORT', amountMinor: NET - 500, bookedOn: '2026-03-03' })]);
    const { record, entries } = advanceCase(opened.record, later.ix.observe(opened.record.subject), 'x');
    expect(record.status).toBe('open');
    expect(events(entries)).toEqual(['credit_arrived', 'changed']);
    expect(entries[1]!.source === 'engine' && entries[1]!.event).toEqual({
      kind: 'changed',
      fromKind: 'missing_credit',
      toKind: 'short_credit',
      fromMinor: NET,
      toMinor: 500,
      currency: 'CNY',
    });
  });

  test('an unlinked credit reopens a case the engine resolved, and the status the engine set goes back to open', () => {
    const credit = makeLine({ id: 'BK-PAID', amountMinor: NET, bookedOn: '2026-03-03' });
    const opened = open(run(sales(), []), 'missing_credit');
    const paid = advanceCase(opened.record, run(sales(), [credit]).ix.observe(opened.record.subject), 'a').record;
    const unlinked = run(sales(), [credit], { decisions: [{ kind: 'unlink', bankLineId: 'BK-PAID', at: 'z' }] });
    const { record, entries } = advanceCase(paid, unlinked.ix.observe(paid.subject), 'b');
    expect(events(entries)).toEqual(['credit_removed', 'reopened', 'status']);
    expect(record.status).toBe('open');
  });

  test('a credit undone gives back the status the merchant had set before the engine resolved the case', () => {
    const credit = makeLine({ id: 'BK-PAID', amountMinor: NET, bookedOn: '2026-03-03' });
    const opened = open(run(sales(), []), 'missing_credit');
    const asked = withStatus(opened.record, 'asked_bank', 'a');
    const paid = advanceCase(asked, run(sales(), [credit]).ix.observe(asked.subject), 'b').record;
    expect(paid).toMatchObject({ status: 'resolved_credited', statusBy: 'engine', heldStatus: 'asked_bank' });
    const unlinked = run(sales(), [credit], { decisions: [{ kind: 'unlink', bankLineId: 'BK-PAID', at: 'z' }] });
    expect(advanceCase(paid, unlinked.ix.observe(paid.subject), 'c').record).toMatchObject({
      status: 'asked_bank',
      statusBy: 'merchant',
      heldStatus: null,
    });
  });

  test('a status the merchant set stays when the alert goes away without a credit, and the timeline says it went', () => {
    const dup = [makeTxn({ id: 'D1' }), makeTxn({ id: 'D2', at: '2026-03-02T10:03:00+08:00' })];
    const opened = open(run(dup, []), 'duplicate_charge');
    const asked = withStatus(opened.record, 'asked_acquirer', 'a');
    const voided = run([dup[0]!, { ...dup[1]!, voided: true }], []);
    const { record, entries } = advanceCase(asked, voided.ix.observe(asked.subject), 'b');
    expect(record.status).toBe('asked_acquirer');
    expect(events(entries)).toEqual(['cleared']);
    // Untouched, the same case is closed as not a problem.
    expect(advanceCase(opened.record, voided.ix.observe(asked.subject), 'b').record.status).toBe('not_a_problem');
  });

  test('survives a re-import and a changed settlement lag: the same subject, the same case id, nothing new on the timeline', () => {
    const first = open(run(sales(), []), 'missing_credit');
    const again = run(sales(), []);
    expect(advanceCase(first.record, again.ix.observe(first.record.subject), 'b').entries).toEqual([]);
    // With T+2 the batch id (and the alert id) change; the case is still the same one.
    const lag2 = run(sales(), [], { lag: 2 });
    const alert = lag2.recon.report.alerts.find(a => a.kind === 'missing_credit')!;
    expect(alert.id).not.toBe(first.record.openedFrom);
    const subject = lag2.ix.subjectOfAlert(alert);
    expect(caseIdOf(subject)).toBe(first.record.id);
    expect(sameSubject(subject, first.record.subject)).toBe(true);
    expect(lag2.ix.observe(first.record.subject).alert?.id).toBe(alert.id);
  });

  test('a short credit over two batches is the same case as the missing credit of either batch', () => {
    const two = [...sales(), makeTxn({ id: 'S3', at: '2026-03-03T10:00:00+08:00', grossMinor: 10000, feeMinor: 60 })];
    const missing = open(run(two, []), 'missing_credit');
    const batchIds = ['lakala|2026-03-02|2026-03-03', 'lakala|2026-03-03|2026-03-04'];
    const short = run(two, [makeLine({ id: 'BOTH', amountMinor: NET + 9940 - 100, bookedOn: '2026-03-04' })], {
      decisions: [{ kind: 'manual_link', bankLineId: 'BOTH', batchIds, at: 'z' }],
    });
    const alert = short.recon.report.alerts.find(a => a.kind === 'short_credit');
    expect(alert).toBeDefined();
    expect(sameSubject(short.ix.subjectOfAlert(alert!), missing.record.subject)).toBe(true);
  });

  test('a follow-up is due from its date on, and never on a closed case', () => {
    const base = { status: 'open', followUpOn: '2026-03-20' } as const;
    expect(followUpDue(base, '2026-03-19')).toBe(false);
    expect(followUpDue(base, '2026-03-20')).toBe(true);
    expect(followUpDue({ ...base, status: 'resolved_credited' }, '2026-03-21')).toBe(false);
    expect(followUpDue({ ...base, followUpOn: null }, '2026-03-21')).toBe(false);
  });
});

describe('advancing a case (properties)', () => {
  const credit = fc.record({
    bankLineId: fc.constantFrom('L1', 'L2', 'L3'),
    bookedOn: fc.constantFrom('2026-03-03', '2026-03-04'),
    amountMinor: fc.integer({ min: 1, max: 100_000 }),
    currency: fc.constant('CNY'),
  });
  const observation: fc.Arbitrary<CaseObservation> = fc.record({
    alert: fc.option(
      fc.record({
        id: fc.constantFrom('missing_credit:a', 'short_credit:L1', 'late_credit:a'),
        kind: fc.constantFrom('missing_credit' as const, 'short_credit' as const, 'late_credit' as const),
        amountMinor: fc.integer({ min: 1, max: 100_000 }),
        currency: fc.constant('CNY'),
      }),
    ),
    credits: fc.uniqueArray(credit, { selector: c => c.bankLineId, maxLength: 3 }),
    settled: fc.boolean(),
  });
  const start = (): CaseRecord =>
    openCase(
      { family: 'credit', keys: ['lakala|2026-03-02'] },
      { id: 'missing_credit:a', kind: 'missing_credit', amountMinor: 100, currency: 'CNY', acquirer: 'lakala' },
      { alert: { id: 'missing_credit:a', kind: 'missing_credit', amountMinor: 100, currency: 'CNY' }, credits: [], settled: false },
      't0',
    ).record;

  test('seeing the same facts twice writes nothing the second time, and entry ids never repeat', () => {
    fc.assert(
      fc.property(fc.array(observation, { minLength: 1, maxLength: 8 }), seq => {
        let record = start();
        const ids = new Set<string>([`${record.id}#e0`]);
        for (const obs of seq) {
          const next = advanceCase(record, obs, 't');
          for (const e of next.entries) {
            expect(ids.has(e.id)).toBe(false);
            ids.add(e.id);
          }
          record = next.record;
          expect(advanceCase(record, obs, 't2')).toEqual({ record, entries: [] });
        }
        expect(record.engineEntries).toBe(ids.size);
      }),
    );
  });

  test('a credit case whose batches are paid in full is resolved_credited, whatever came before', () => {
    fc.assert(
      fc.property(fc.array(observation, { maxLength: 5 }), credit, (seq, c) => {
        let record = start();
        for (const obs of seq) record = advanceCase(record, obs, 't').record;
        const paid = advanceCase(record, { alert: null, credits: [c], settled: true }, 't').record;
        expect(paid.status).toBe('resolved_credited');
      }),
    );
  });
});

describe('the case index', () => {
  test("finds an alert's batches from its transactions, also for transactions no alert of the reconciliation names", () => {
    const two = [...sales(), makeTxn({ id: 'S3', at: '2026-03-03T10:00:00+08:00', grossMinor: 10000, feeMinor: 60 })];
    // S3's batch is paid: no alert names S3.
    const { recon, ix } = run(two, [makeLine({ id: 'BK-S3', amountMinor: 9940, bookedOn: '2026-03-04' })]);
    expect(recon.report.alerts.some(a => a.transactionIds.includes('S3'))).toBe(false);
    const missing = recon.report.alerts.filter(a => a.kind === 'missing_credit');
    expect(missing.length).toBe(1);
    // Every batch holding a transaction of these ids, found by reading every transaction.
    const byScan = (ids: readonly string[]) => {
      const found = new Set<string>();
      for (let i = 0; i < recon.transactionCount; i++) {
        const bi = recon.batchIndexOf(i);
        if (bi >= 0 && ids.includes(recon.transactionIdAt(i))) found.add(recon.batches[bi]!.id);
      }
      return [...found].sort();
    };
    expect(ix.batchesOf(missing[0]!).map(b => b.id)).toEqual(byScan(missing[0]!.transactionIds));
    const made = { ...missing[0]!, id: 'made-up', transactionIds: ['S3', 'S1'], bankLineIds: [] };
    expect(byScan(['S1', 'S3']).length).toBe(2);
    expect(ix.batchesOf(made).map(b => b.id)).toEqual(byScan(['S1', 'S3']));
    expect(ix.batchesOf({ ...made, transactionIds: ['NOT-HELD'] })).toEqual([]);
  });

  test('a membership kept from a reconciliation of the same rows serves the next one without reading the transactions', () => {
    const two = [...sales(), makeTxn({ id: 'S3', at: '2026-03-03T10:00:00+08:00', grossMinor: 10000, feeMinor: 60 })];
    const first = run(two, []);
    const kept = new TxnBatches();
    const before = caseIndex(first.recon, () => undefined, kept);
    const alert = first.recon.report.alerts.find(a => a.kind === 'missing_credit')!;
    const subject = before.subjectOfAlert(alert);
    // A decision changes the alerts, not which batch holds a transaction.
    const dismissed: Decision = { kind: 'dismiss_alert', alertId: alert.id, reason: 'checked', at: '2026-03-13T10:00:00Z' };
    const after = run(two, [], { decisions: [dismissed] });
    let reads = 0;
    const counted = {
      ...after.recon,
      transactionIdAt: (i: number) => {
        reads++;
        return after.recon.transactionIdAt(i);
      },
    };
    const reused = caseIndex(counted, () => undefined, kept);
    expect(reused.observe(subject)).toEqual(after.ix.observe(subject));
    expect(reused.alertsOn(subject).map(a => a.id)).toEqual(after.ix.alertsOn(subject).map(a => a.id));
    for (const a of after.recon.report.alerts) expect(reused.batchesOf(a)).toEqual(after.ix.batchesOf(a));
    expect(reads).toBe(0);
  });
});
