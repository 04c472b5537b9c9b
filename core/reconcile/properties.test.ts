// Invariants of matching (STYLE.md habit 7), on random ledgers: a bank line is used at most once,
// money is conserved, and the result does not depend on the order rows arrive in.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { makeConfig, makeLine, makeProfile, makeTxn } from '../../test/support/factories';
import { addDays } from '../model/date';
import type { AcquirerTxn, BankLine } from '../model/types';
import { reconcile } from './engine';

const DAY0 = '2026-03-02';

/** A random month of sales for two acquirers, and a statement that pays, merges, shorts, delays or skips batches. */
const ledger = fc.record({
  days: fc.array(
    fc.record({
      sales: fc.array(
        fc.record({
          gross: fc.integer({ min: 100, max: 500000 }),
          hour: fc.integer({ min: 9, max: 22 }),
          acq: fc.constantFrom('lakala', 'chinaums'),
        }),
        { minLength: 1, maxLength: 6 },
      ),
      fate: fc.constantFrom('ok', 'ok', 'ok', 'late', 'missing', 'short', 'merge'),
    }),
    { minLength: 3, maxLength: 20 },
  ),
  decoys: fc.array(fc.record({ day: fc.integer({ min: 0, max: 25 }), amount: fc.integer({ min: 100, max: 900000 }) }), { maxLength: 5 }),
});

type Ledger = typeof ledger extends fc.Arbitrary<infer T> ? T : never;

function build(l: Ledger): { txns: Record<string, AcquirerTxn[]>; lines: BankLine[] } {
  const txns: Record<string, AcquirerTxn[]> = { lakala: [], chinaums: [] };
  const lines: BankLine[] = [];
  let n = 0;
  let carried = { lakala: 0, chinaums: 0 };
  l.days.forEach((d, k) => {
    const date = addDays(DAY0, k);
    const nets = { lakala: 0, chinaums: 0 };
    for (const s of d.sales) {
      const fee = Math.round(s.gross * 0.006);
      txns[s.acq]!.push(
        makeTxn({
          id: `T${++n}`,
          at: `${date}T${String(s.hour).padStart(2, '0')}:00:00+08:00`,
          grossMinor: s.gross,
          feeMinor: fee,
          netMinor: s.gross - fee,
          merchantId: s.acq === 'lakala' ? '822290058120001' : '898310058120002',
          terminal: `T${n}`,
        }),
      );
      nets[s.acq] += s.gross - fee;
    }
    for (const acq of ['lakala', 'chinaums'] as const) {
      const net = nets[acq] + carried[acq];
      carried[acq] = 0;
      if (net <= 0) continue;
      const cp = acq === 'lakala' ? '拉卡拉支付股份有限公司' : '银联商务股份有限公司';
      const booked = addDays(date, d.fate === 'late' ? 4 : 1);
      if (d.fate === 'missing') continue;
      if (d.fate === 'merge') {
        carried[acq] = net;
        continue;
      }
      lines.push(
        makeLine({
          id: `L${++n}`,
          counterparty: cp,
          bookedOn: booked,
          amountMinor: d.fate === 'short' ? net - Math.max(1, Math.floor(net * 0.02)) : net,
        }),
      );
    }
  });
  for (const d of l.decoys)
    lines.push(makeLine({ id: `D${++n}`, counterparty: '财付通支付科技有限公司', bookedOn: addDays(DAY0, d.day), amountMinor: d.amount }));
  lines.push(makeLine({ id: 'END', counterparty: '房东', amountMinor: -1, bookedOn: addDays(DAY0, l.days.length + 6) }));
  return { txns, lines };
}

const config = makeConfig([
  makeProfile({ calendar: 'CN' }),
  makeProfile({
    id: 'chinaums',
    name: '银联商务',
    merchantIds: ['898310058120002'],
    bankCounterparties: ['银联商务股份有限公司'],
    calendar: 'CN',
  }),
]);

function run(txns: Record<string, AcquirerTxn[]>, lines: BankLine[]) {
  return reconcile({
    config,
    acquirers: Object.entries(txns).map(([acquirer, t]) => ({ acquirer, txns: t })),
    bankLines: lines,
    periods: [],
  });
}

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('matching invariants', () => {
  test('no bank line and no batch is linked twice', () => {
    fc.assert(
      fc.property(ledger, l => {
        const { txns, lines } = build(l);
        const r = run(txns, lines);
        const used = r.links.map(x => x.bankLineId);
        expect(new Set(used).size).toBe(used.length);
        const batches = r.links.flatMap(x => x.batchIds);
        expect(new Set(batches).size).toBe(batches.length);
      }),
      { numRuns: 100 },
    );
  });

  test('money is conserved: linked credits equal linked batch nets less the shortfalls', () => {
    fc.assert(
      fc.property(ledger, l => {
        const { txns, lines } = build(l);
        const r = run(txns, lines);
        const net = new Map(r.batches.map(b => [b.id, b.netMinor]));
        const amount = new Map(lines.map(x => [x.id, x.amountMinor]));
        const credits = r.links.reduce((s, x) => s + amount.get(x.bankLineId)!, 0);
        const nets = r.links.reduce((s, x) => s + x.batchIds.reduce((t, id) => t + net.get(id)!, 0), 0);
        const shortfalls = r.report.alerts.filter(a => a.kind === 'short_credit').reduce((s, a) => s + a.amountMinor, 0);
        expect(credits).toBe(nets - shortfalls);
        for (const x of r.links) expect(x.reason.amountDeltaMinor).toBeLessThanOrEqual(0);
      }),
      { numRuns: 100 },
    );
  });

  test('the result does not depend on the order of transactions or bank lines', () => {
    fc.assert(
      fc.property(ledger, fc.integer(), (l, seed) => {
        const { txns, lines } = build(l);
        const a = run(txns, lines);
        const shuffled = Object.fromEntries(
          Object.entries(txns)
            .reverse()
            .map(([k, v]) => [k, shuffle(v, seed)]),
        );
        const b = run(shuffled, shuffle(lines, seed + 1));
        const byId = (r: ReturnType<typeof run>) =>
          Object.fromEntries(r.report.transactions.map(t => [t.id, [t.status, t.expectedOn, t.bankLineIds]]));
        expect(byId(b)).toEqual(byId(a));
        expect(b.report.alerts.map(x => x.id)).toEqual(a.report.alerts.map(x => x.id));
        expect([...b.links].sort((x, y) => (x.bankLineId < y.bankLineId ? -1 : 1))).toEqual(
          [...a.links].sort((x, y) => (x.bankLineId < y.bankLineId ? -1 : 1)),
        );
      }),
      { numRuns: 100 },
    );
  });

  test('every transaction is reported exactly once', () => {
    fc.assert(
      fc.property(ledger, l => {
        const { txns, lines } = build(l);
        const r = run(txns, lines);
        const ids = Object.values(txns)
          .flat()
          .map(t => t.id)
          .sort();
        expect(r.report.transactions.map(t => t.id).sort()).toEqual(ids);
      }),
      { numRuns: 50 },
    );
  });
});
