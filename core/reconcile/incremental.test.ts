// The incremental engine against the pure function that defines the answer: on generated ledgers fed in
// random pieces (in or out of date order), with random decisions and dates in between, the kept
// reconciliation always equals a full reconcile() of everything given so far.
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { gapLedger, generateLedger, loadLedger } from '../../test/support/ledger';
import { addDays } from '../model/date';
import type { AcquirerTxn, BankLine, StatementPeriod } from '../model/types';
import { reconcile } from './engine';
import { IncrementalReconciler, SnapshotMismatch } from './incremental';
import { compileProfiles, contractedFee } from './profile';
import type { Alert, Decision, Reconciliation, ReconcileInput } from './types';

type Input = ReconcileInput & { config: ReconcileInput['config'] };

let ledgers: Input[] = [];

/**
 * The ledger with fee incidents that span days (and so the pieces it is cut into): the first acquirer prints,
 * on three consecutive days from `from`, credit-card fees at 0.78 % (an overcharge, `warning`) and debit-card
 * fees at 0.25 % (an undercharge, `info`) instead of its contract. The nets stay as printed.
 */
function withFeeIncidents(input: Input, from: string): Input {
  const [first, ...rest] = input.acquirers;
  const id = first!.acquirer;
  const wrong = compileProfiles({
    ...input.config,
    acquirers: input.config.acquirers.map(a =>
      a.id === id ? { ...a, fees: (a.fees ?? []).map(f => ({ ...f, rate: f.cardType === 'debit' ? '0.0025' : '0.0078' })) } : a,
    ),
  }).find(p => p.profile.id === id)!;
  const days = new Set([from, addDays(from, 1), addDays(from, 2)]);
  const txns = first!.txns.map(t => {
    if (t.kind !== 'sale' || !days.has(t.at.slice(0, 10)) || t.grossMinor <= 0) return t;
    const fee = contractedFee(wrong, t.grossMinor, t.cardType);
    return fee === null ? t : { ...t, feeMinor: fee };
  });
  return { ...input, acquirers: [{ ...first!, txns }, ...rest] };
}

/** A fee incident dismissed as the app records it: the sales it lists now (a sale joining later stays open). */
function dismissal(alert: Alert, at: string): Decision {
  return {
    kind: 'dismiss_alert',
    alertId: alert.id,
    reason: 'r',
    at,
    ...(alert.kind === 'fee_mismatch' ? { transactionIds: [...alert.transactionIds] } : {}),
  };
}

beforeAll(() => {
  const cn = generateLedger({ scenario: 'cn', seed: 11, days: 24, txPerDay: 30, faults: 'heavy' });
  const cnInput = loadLedger(cn);
  ledgers = [
    cnInput,
    // The export marks a sale its void row names as voided; a void read from another file than its sale (a
    // captured page, the next day's export) leaves the sale unmarked, to be voided by reference.
    { ...cnInput, acquirers: cnInput.acquirers.map(a => ({ ...a, txns: a.txns.map(t => (t.voided ? { ...t, voided: false } : t)) })) },
    loadLedger(generateLedger({ scenario: 'us', seed: 5, days: 24, txPerDay: 25, faults: 'heavy' })),
    loadLedger(generateLedger({ scenario: 'eu', seed: 8, days: 20, txPerDay: 20 })),
    loadLedger(gapLedger(cn, ['--hole', '2026-01-12..2026-01-14'])),
    withFeeIncidents(cnInput, '2026-01-15'),
  ];
}, 120_000);

/** The parts of a reconciliation that a screen or the report can see, as one string. */
function seen(r: Reconciliation): string {
  return JSON.stringify({
    report: { ...r.report, transactions: r.report.transactions },
    batches: r.batches,
    links: r.links,
    bankCoverage: r.bankCoverage,
    uncovered: r.uncovered,
    transactionCount: r.transactionCount,
    statusCounts: r.statusCounts,
    byAcquirer: [...r.transactionCountByAcquirer].sort(),
    lines: Array.from({ length: r.transactionCount }, (_, i) => [r.transactionIdAt(i), r.batchIndexOf(i)]),
  });
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: …${a.slice(Math.max(0, i - 200), i + 200)}\n  vs …${b.slice(Math.max(0, i - 200), i + 200)}`;
}

/** A step after an import: a decision about what the engine shows now, or a move of the as-of date or today. */
const step = fc.record({
  kind: fc.constantFrom('none', 'dismiss', 'dismissFee', 'unlink', 'manual', 'confirm', 'undo', 'asOf', 'today'),
  pick: fc.nat(),
  days: fc.integer({ min: -15, max: 20 }),
});

const scenario = fc.record({
  ledger: fc.nat(),
  pieces: fc.integer({ min: 1, max: 5 }),
  cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 12, maxLength: 12 }),
  order: fc.constantFrom('in', 'reversed', 'shuffled'),
  periodsWith: fc.nat(),
  steps: fc.array(step, { minLength: 5, maxLength: 5 }),
  shuffleSeed: fc.nat(),
  /** Cut each export just before one of its void rows, so the void arrives after the sale it voids. */
  cutAtVoid: fc.boolean(),
  /** After each import and after each step: whether the engine is snapshotted, cloned as IndexedDB would, and restored. */
  reopen: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
});

/** Splits a list into `n` consecutive pieces at the given fractions. */
function piecesOf<T>(list: readonly T[], n: number, cuts: readonly number[]): T[][] {
  const at = cuts
    .slice(0, n - 1)
    .map(c => Math.floor(c * list.length))
    .sort((a, b) => a - b);
  const out: T[][] = [];
  let from = 0;
  for (const to of [...at, list.length]) {
    out.push(list.slice(from, to));
    from = to;
  }
  return out;
}

describe('incremental reconciliation', () => {
  test('always equals a full reconcile() of what was given, whatever the pieces, decisions, dates and reopenings', () => {
    let reopens = 0;
    fc.assert(
      fc.property(scenario, s => {
        const whole = ledgers[s.ledger % ledgers.length]!;
        const n = s.pieces;
        const cutsOf = (txns: readonly AcquirerTxn[]) => {
          const v = txns.findIndex((t, i) => t.kind === 'void' && i > 0);
          return s.cutAtVoid && v > 0 && n > 1 ? [(v + 0.5) / txns.length, ...s.cuts.slice(1)] : s.cuts;
        };
        const acq = whole.acquirers.map(a => ({ acquirer: a.acquirer, pieces: piecesOf(a.txns, n, cutsOf(a.txns)) }));
        const bank = piecesOf(whole.bankLines, n, s.cuts.slice(6));
        let order = Array.from({ length: n }, (_, k) => k);
        if (s.order === 'reversed') order.reverse();
        if (s.order === 'shuffled')
          order = order
            .map((k, i) => ({ k, r: (s.shuffleSeed * (i + 7)) % 13 }))
            .sort((x, y) => x.r - y.r)
            .map(x => x.k);
        const periodsAt = s.periodsWith % n;

        const held = {
          txns: new Map<string, AcquirerTxn[]>(whole.acquirers.map(a => [a.acquirer, []])),
          lines: [] as BankLine[],
          periods: [] as StatementPeriod[],
        };
        let decisions: Decision[] = [];
        let asOf: string | null = null;
        let today: string | null = null;
        let clock = 0;
        const at = () => `2026-06-01T00:00:${String(clock++).padStart(2, '0')}Z`;
        const full = (): Reconciliation =>
          reconcile({
            config: whole.config,
            acquirers: [...held.txns].map(([acquirer, txns]) => ({ acquirer, txns })),
            bankLines: held.lines,
            periods: held.periods,
            decisions,
            asOf,
            today,
          });
        /** Everything held now, in copies (the engine must not rely on the caller's arrays). */
        const heldNow = (): Input => ({
          config: whole.config,
          acquirers: [...held.txns].map(([acquirer, txns]) => ({ acquirer, txns: [...txns] })),
          bankLines: [...held.lines],
          periods: [...held.periods],
          decisions,
          asOf,
          today,
        });
        let engine: IncrementalReconciler | null = null;
        let reopened = 0;
        /** The engine as a reopened ledger gets it back: from its snapshot through structuredClone, with the rows held. */
        const reopen = (e: IncrementalReconciler, now: boolean): IncrementalReconciler => {
          if (!now) return e;
          reopened++;
          return IncrementalReconciler.restore({ ...heldNow(), config: structuredClone(whole.config) }, structuredClone(e.snapshot()));
        };

        for (const [k, piece] of order.entries()) {
          const rows = acq.map(a => ({ acquirer: a.acquirer, txns: a.pieces[piece]! }));
          for (const r of rows) held.txns.get(r.acquirer)!.push(...r.txns);
          held.lines.push(...bank[piece]!);
          const periods = piece === periodsAt ? whole.periods : [];
          held.periods.push(...periods);
          if (!engine) engine = new IncrementalReconciler(heldNow());
          else engine.update({ acquirers: rows, bankLines: bank[piece]!, periods });
          engine = reopen(engine, s.reopen[2 * k]!);
          const a = seen(engine.current),
            b = seen(full());
          if (a !== b) throw new Error(`after import ${k}: ${firstDifference(a, b)}`);

          // A step on what the engine shows now.
          const st = s.steps[k]!;
          const now = engine.current;
          const alerts = now.report.alerts;
          const credits = held.lines.filter(l => l.amountMinor > 0);
          switch (st.kind) {
            case 'dismiss':
              if (alerts.length) decisions = [...decisions, dismissal(alerts[st.pick % alerts.length]!, at())];
              break;
            case 'dismissFee': {
              // A fee incident as the app dismisses it, or one of its sales as dismissed when fee alerts were per sale.
              const fees = alerts.filter(a => a.kind === 'fee_mismatch');
              const a = fees[st.pick % Math.max(1, fees.length)];
              if (!a) break;
              const sale = a.transactionIds[(st.pick >> 1) % a.transactionIds.length]!;
              decisions = [
                ...decisions,
                st.pick % 2 ? dismissal(a, at()) : { kind: 'dismiss_alert', alertId: `fee_mismatch:${sale}`, reason: 'per sale', at: at() },
              ];
              break;
            }
            case 'unlink':
              if (now.links.length)
                decisions = [...decisions, { kind: 'unlink', bankLineId: now.links[st.pick % now.links.length]!.bankLineId, at: at() }];
              break;
            case 'confirm':
              if (now.links.length) {
                const l = now.links[st.pick % now.links.length]!;
                decisions = [...decisions, { kind: 'confirm_link', bankLineId: l.bankLineId, batchIds: l.batchIds, at: at() }];
              }
              break;
            case 'manual':
              if (credits.length && now.batches.length) {
                const line = credits[st.pick % credits.length]!;
                const b = now.batches[(st.pick >> 3) % now.batches.length]!;
                decisions = [...decisions, { kind: 'manual_link', bankLineId: line.id, batchIds: [b.id], at: at() }];
              }
              break;
            case 'undo':
              if (decisions.length) decisions = decisions.filter((_, i) => i !== st.pick % decisions.length);
              break;
            case 'asOf':
              asOf = st.days > 15 ? null : addDays('2026-01-20', st.days);
              break;
            case 'today':
              today = st.days > 15 ? null : addDays('2026-01-25', st.days);
              break;
            case 'none':
              break;
          }
          const after = seen(engine.update({ decisions, asOf, today })),
            expected = seen(full());
          if (after !== expected) throw new Error(`after step ${st.kind} ${k}: ${firstDifference(after, expected)}`);
          engine = reopen(engine, s.reopen[2 * k + 1]!);
        }
        const last = seen(engine!.current),
          expected = seen(full());
        if (last !== expected) throw new Error(`at the end: ${firstDifference(last, expected)}`);
        reopens += reopened;
      }),
      { numRuns: 80 },
    );
    // The runs reopened the engine from its snapshot many times over.
    expect(reopens).toBeGreaterThan(80);
  }, 300_000);

  test.each([false, true])(
    "a void arriving after the sale it voids takes the sale out of its batch, and the answer stays a full run's (reopened before: %s)",
    reopened => {
      const whole = ledgers[1]!;
      const lakala = whole.acquirers[0]!;
      const cut = lakala.txns.findIndex((t, i) => i > 0 && t.kind === 'void' && lakala.txns.slice(0, i).some(s => s.id === t.originalId));
      expect(cut).toBeGreaterThan(0);
      const input = { ...whole, acquirers: [{ acquirer: lakala.acquirer, txns: lakala.txns.slice(0, cut) }] };
      let engine = new IncrementalReconciler(input);
      if (reopened) engine = IncrementalReconciler.restore(input, structuredClone(engine.snapshot()));
      engine.update({ acquirers: [{ acquirer: lakala.acquirer, txns: lakala.txns.slice(cut) }] });
      expect(engine.unbatched).toBe(1);
      expect(seen(engine.current)).toBe(seen(reconcile({ ...whole, acquirers: [lakala] })));
    },
  );

  test('a void of the first sale of a batch moves the batch after those begun before its next sale, and of its only sale removes it', () => {
    const whole = ledgers[0]!;
    const lakala = whole.acquirers[0]!;
    const row = (id: string, at: string, extra: Partial<AcquirerTxn> = {}): AcquirerTxn => ({
      id,
      kind: 'sale',
      at,
      grossMinor: 10_000,
      feeMinor: 60,
      netMinor: 9_940,
      currency: 'CNY',
      merchantId: null,
      terminal: id,
      card: '6222****0001',
      cardType: 'debit',
      payoutId: null,
      settlementDate: null,
      voided: false,
      originalId: null,
      line: 1,
      ...extra,
    });
    const day = (d: number, time: string) => `2026-01-${String(d).padStart(2, '0')}T${time}`;
    const held = [
      row('a', day(5, '10:00:00')), // begins the batch of the 5th
      row('b', day(6, '10:00:00')), // begins the batch of the 6th
      row('c', day(5, '11:00:00')), // the 5th's second sale
      row('d', day(7, '10:00:00')), // the 7th's only sale
      row('p1', day(8, '10:00:00'), { payoutId: 'po_1' }), // a payout batch: its trade date is its earliest sale's
      row('p2', day(8, '11:00:00'), { payoutId: 'po_1', currency: 'USD' }),
      row('p3', day(7, '09:00:00'), { payoutId: 'po_1', currency: 'USD' }),
      row('p4', day(9, '09:00:00'), { payoutId: 'po_1', currency: 'USD' }),
      // The acquirer's own payout row: what the bank receives, whatever its sales.
      row('pay', day(9, '09:30:00'), { kind: 'payout', payoutId: 'po_1', grossMinor: 0, feeMinor: 0, netMinor: -20_000 }),
      row('e', day(8, '12:00:00')),
    ];
    const voids = ['a', 'd', 'p1'].map((id, k) =>
      row(`v${id}`, day(10, `0${k}:00:00`), { kind: 'void', originalId: id, grossMinor: 0, feeMinor: 0, netMinor: 0 }),
    );
    for (const reopened of [false, true]) {
      const input = { ...whole, acquirers: [{ acquirer: lakala.acquirer, txns: held }] };
      let engine = new IncrementalReconciler(input);
      const before = engine.current.batches.map(b => b.id);
      if (reopened) engine = IncrementalReconciler.restore(input, structuredClone(engine.snapshot()));
      const after = engine.update({ acquirers: [{ acquirer: lakala.acquirer, txns: voids }] });
      expect(engine.unbatched).toBe(3);
      const full = reconcile({ ...whole, acquirers: [{ acquirer: lakala.acquirer, txns: [...held, ...voids] }] });
      expect(seen(after)).toBe(seen(full));
      // The 5th now begins at its second sale, after the 6th began; the 7th is gone; po_1 keeps the earliest trade
      // date and the latest expected date of the sales left, in their currency.
      expect(before).toHaveLength(5);
      expect(after.batches.map(b => b.id)).toEqual([before[1], before[0], before[3], before[4]]);
      expect(after.batches.find(b => b.payoutId === 'po_1')).toMatchObject({
        tradeDate: '2026-01-07',
        expectedOn: '2026-01-12',
        currency: 'USD',
        netMinor: 20_000,
        transactionCount: 4,
      });
    }
  });

  test('a snapshot restored with other rows, counts or config than it was taken on throws SnapshotMismatch', () => {
    const whole = ledgers[0]!;
    const engine = new IncrementalReconciler(whole);
    const snap = structuredClone(engine.snapshot());
    // The same rows, given in pieces per profile, fit.
    const halves = whole.acquirers.flatMap(a => {
      const mid = a.txns.length >> 1;
      return [
        { acquirer: a.acquirer, txns: a.txns.slice(0, mid) },
        { acquirer: a.acquirer, txns: a.txns.slice(mid) },
      ];
    });
    expect(seen(IncrementalReconciler.restore({ ...whole, acquirers: halves }, snap).current)).toBe(seen(reconcile(whole)));

    const [first, ...rest] = whole.acquirers;
    const mismatch = (input: Input, s = snap) => expect(() => IncrementalReconciler.restore(input, s)).toThrow(SnapshotMismatch);
    mismatch({ ...whole, acquirers: [{ ...first!, txns: first!.txns.slice(1) }, ...rest] });
    mismatch({ ...whole, acquirers: rest });
    mismatch({ ...whole, acquirers: [...whole.acquirers, { acquirer: first!.acquirer, txns: first!.txns.slice(0, 1) }] });
    // Other ids, same count: rows in another order, or the last row replaced.
    mismatch({ ...whole, acquirers: [{ ...first!, txns: [...first!.txns].reverse() }, ...rest] });
    mismatch({ ...whole, acquirers: [{ ...first!, txns: [...first!.txns.slice(0, -1), { ...first!.txns[0]!, id: 'other' }] }, ...rest] });
    // Another config: a lag changed, or a key less.
    const config = whole.config;
    mismatch({
      ...whole,
      config: { ...config, acquirers: config.acquirers.map(a => ({ ...a, settlementLagBusinessDays: a.settlementLagBusinessDays + 1 })) },
    });
    mismatch({ ...whole, config: { ...config, duplicateWindowMinutes: config.duplicateWindowMinutes + 1 } });
    // Another format, or a snapshot torn in storage.
    mismatch(whole, { ...snap, format: snap.format + 1 });
    mismatch(whole, { ...snap, segments: snap.segments.map(s => ({ ...s, batchOf: s.batchOf.subarray(1) })) });
    mismatch(whole, { ...snap, segments: snap.segments.map(s => ({ ...s, localSec: Array.from(s.localSec) as unknown as Float64Array })) });
    mismatch(whole, { ...snap, segments: snap.segments.map(({ voidedRefs: _, ...s }) => s as typeof s & { voidedRefs: string[] }) });
    mismatch(whole, {} as typeof snap);
    // The same config with its keys in another order fits.
    const reordered = Object.fromEntries(Object.entries(config).reverse()) as typeof config;
    expect(seen(IncrementalReconciler.restore({ ...whole, config: reordered }, snap).current)).toBe(seen(reconcile(whole)));
  });

  test('a fee incident cut by an import grows with the new sales; a dismissal made before covers the sales it listed, the rest is open', () => {
    const whole = ledgers[5]!;
    const incidents = reconcile(whole).report.alerts.filter(a => a.kind === 'fee_mismatch' && a.params.kind === 'fee_mismatch');
    const days = (a: Alert) => (a.params.kind === 'fee_mismatch' ? [a.params.from, a.params.to] : []);
    // The ledger carries incidents over several days, overcharges (warning) apart from undercharges (info).
    const over = incidents.find(a => a.severity === 'warning' && days(a)[0]! <= '2026-01-15' && days(a)[1]! >= '2026-01-17')!;
    expect(over).toBeDefined();
    expect(incidents.some(a => a.severity === 'info' && days(a)[0] !== days(a)[1])).toBe(true);

    // Cut every export after the incident's first day: the first import holds part of it.
    const cut = (txns: readonly AcquirerTxn[]) => txns.findIndex(t => t.at.slice(0, 10) > '2026-01-15');
    const first = whole.acquirers.map(a => ({ acquirer: a.acquirer, txns: a.txns.slice(0, cut(a.txns)) }));
    const rest = whole.acquirers.map(a => ({ acquirer: a.acquirer, txns: a.txns.slice(cut(a.txns)) }));
    const engine = new IncrementalReconciler({ ...whole, acquirers: first });
    const early = engine.current.report.alerts.find(a => a.id === over.id)!;
    expect(early.transactionIds.length).toBeLessThan(over.transactionIds.length);
    const decisions = [dismissal(early, '2026-06-01T00:00:00Z')];
    engine.update({ decisions });
    expect(engine.current.report.alerts.find(a => a.id === over.id)?.dismissed).toEqual({ reason: 'r' });

    engine.update({ acquirers: rest });
    const after = engine.current.report.alerts.filter(a => a.kind === 'fee_mismatch' && over.transactionIds.includes(a.transactionIds[0]!));
    expect(after.map(a => [a.transactionIds.length, !!a.dismissed])).toEqual([
      [early.transactionIds.length, true],
      [over.transactionIds.length - early.transactionIds.length, false],
    ]);
    expect(seen(engine.current)).toBe(seen(reconcile({ ...whole, decisions })));
  });

  test('a day appended to a ledger reuses its batches instead of reading it again', () => {
    const whole = ledgers[0]!;
    const lakala = whole.acquirers[0]!;
    const cut = lakala.txns.findIndex(t => t.at.slice(0, 10) === lakala.txns[lakala.txns.length - 1]!.at.slice(0, 10));
    const engine = new IncrementalReconciler({ ...whole, acquirers: [{ acquirer: lakala.acquirer, txns: lakala.txns.slice(0, cut) }] });
    expect(engine.current.transactionCount).toBe(cut);
    engine.update({ acquirers: [{ acquirer: lakala.acquirer, txns: lakala.txns.slice(cut) }] });
    expect(engine.current.transactionCount).toBe(lakala.txns.length);
    expect(seen(engine.current)).toBe(seen(reconcile({ ...whole, acquirers: [lakala] })));
  });
});
