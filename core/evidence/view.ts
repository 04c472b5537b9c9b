// The parts the summary and the letters share: the case's figures per alert kind, who and when, and the
// tables of its transactions and bank lines, in one language.
import { renderAlert } from '../messages/index';
import type { Lang } from '../messages/types';
import { table, type Cell } from './html';
import type { EvidenceInput, EvidenceTxn } from './types';
import type { EvidenceWords, LetterFacts } from './words/types';

/** Rows of a long table printed on paper; the CSV holds them all. */
export const PRINTED_ROWS = 200;

const uniq = (xs: readonly (string | null)[]): string[] => [...new Set(xs.filter((x): x is string => x !== null && x !== ''))].sort();

/** The merchant numbers of the case: printed in its transactions, else the profile's. */
export function merchantIds(input: EvidenceInput): string[] {
  const printed = uniq(input.transactions.map(t => t.merchantId));
  return printed.length ? printed : [...(input.profile?.merchantIds ?? [])];
}

/** The case's bank accounts: those of its own lines, else those bank-lines.csv shows. */
export function accounts(input: EvidenceInput): string[] {
  const own = uniq(input.bankLines.filter(l => l.inCase).map(l => l.account));
  return own.length ? own : input.bankWindow.accounts.filter(a => a !== '');
}

/** The alert's own transactions (the ones it lists), or all of the case's when it lists none. */
export function alertTxns(input: EvidenceInput): readonly EvidenceTxn[] {
  const own = input.transactions.filter(t => t.inAlert);
  return own.length ? own : input.transactions;
}

/** The sentence of the alert in `lang`, ending as a sentence ends there. */
export function alertSentence(input: EvidenceInput, lang: Lang): string {
  return renderAlert(input.alert, lang);
}

/** The name of an acquirer profile, by its id. */
export function nameOf(input: EvidenceInput, id: string): string {
  return input.acquirerNames[id] || id;
}

/** The name of the acquirer of the case (of each, for a statement gap that spans acquirers). */
export function acquirerName(input: EvidenceInput, w: EvidenceWords): string {
  if (input.alert.acquirer) return nameOf(input, input.alert.acquirer);
  const ids = [...new Set(input.transactions.map(t => t.acquirer))].sort();
  return ids.map(id => nameOf(input, id)).join(w.comma) || '—';
}

/** The figures that say how much, per alert kind, each with its label. */
export function figures(input: EvidenceInput, w: EvidenceWords): [string, string][] {
  const { alert } = input;
  const f = w.formats;
  const m = (minor: number) => f.money(minor, alert.currency);
  const p = alert.params;
  const credited = input.bankLines.filter(l => l.paysBatchIds.length).reduce((s, l) => s + l.amountMinor, 0);
  switch (p.kind) {
    case 'missing_credit':
      return [
        [w.label.expected, m(alert.amountMinor)],
        [w.label.credited, m(0)],
        [w.label.difference, m(-alert.amountMinor)],
        [w.label.tradeDate, f.date(p.tradeDate)],
        [w.label.expectedOn, f.date(p.expectedOn)],
        [w.label.count, f.count(p.count)],
      ];
    case 'late_credit':
      return [
        [w.label.expected, m(alert.amountMinor)],
        [w.label.credited, m(credited)],
        [w.label.expectedOn, f.date(p.expectedOn)],
        [w.label.bookedOn, f.date(p.bookedOn)],
      ];
    case 'short_credit':
      return [
        [w.label.expected, m(p.expectedMinor)],
        [w.label.credited, m(p.creditedMinor)],
        [w.label.difference, m(-alert.amountMinor)],
        [w.label.bookedOn, f.date(p.bookedOn)],
      ];
    case 'duplicate_charge':
      return [
        [w.label.gross, m(p.grossMinor)],
        [w.label.times, f.count(p.times)],
        [w.label.beyondFirst, m(alert.amountMinor)],
      ];
    case 'fee_mismatch':
      return [
        [w.label.sale, m(p.grossMinor)],
        [w.label.printedFee, m(p.printedMinor)],
        [w.label.contractedFee, m(p.contractedMinor)],
        [w.label.difference, m(alert.amountMinor)],
        ...(input.profile?.fees?.length
          ? [[w.label.contractedRate, input.profile.fees.map(r => w.feeRule(r, f, alert.currency)).join(w.semicolon)] as [string, string]]
          : []),
      ];
    case 'unknown_credit':
      return [
        [w.label.credited, m(alert.amountMinor)],
        [w.label.bookedOn, f.date(p.bookedOn)],
      ];
    case 'coverage_gap':
      return [
        [w.label.uncovered, `${f.date(p.from)} – ${f.date(p.to)}`],
        [w.label.waiting, `${f.count(p.count)} · ${m(alert.amountMinor)}`],
      ];
  }
}

/** The words a letter's sentences are filled with. */
export function letterFacts(input: EvidenceInput, w: EvidenceWords, lang: Lang): LetterFacts {
  return {
    acquirerName: acquirerName(input, w),
    merchantIds: merchantIds(input).join(', ') || w.blank,
    accounts: accounts(input).join(', ') || w.blank,
    amount: w.formats.money(input.alert.amountMinor, input.alert.currency),
    count: alertTxns(input).length,
    alertSentence: alertSentence(input, lang),
  };
}

/** A table of transactions (the alert's shaded), at most `limit` rows. */
export function txnTable(txns: readonly EvidenceTxn[], w: EvidenceWords, limit = PRINTED_ROWS): string {
  const f = w.formats;
  const h = w.csv.transactions;
  const num = (text: string): Cell => ({ text, cls: 'num' });
  const header: Cell[] = [h[0]!, h[1]!, h[4]!, h[5]!, num(h[7]!), num(h[8]!), num(h[9]!), h[11]!, h[12]!];
  const rows = txns.slice(0, limit).map(t => ({
    hit: t.inAlert,
    cells: [
      { text: t.id, cls: 'id' },
      { text: t.at.slice(0, 19).replace('T', ' '), cls: 'nowrap' },
      t.terminal ?? '',
      { text: t.card ?? '', cls: 'id' },
      num(f.money(t.grossMinor, t.currency)),
      num(f.money(t.feeMinor, t.currency)),
      num(f.money(t.netMinor, t.currency)),
      { text: t.expectedOn ? f.date(t.expectedOn) : '', cls: 'nowrap' },
      { text: w.statuses[t.status], cls: 'nowrap' },
    ] as Cell[],
  }));
  return table(header, rows);
}

/** The case's batches: each one's payout (or acquirer), trade and due dates, count, net and the credit that paid it. */
export function batchTable(input: EvidenceInput, w: EvidenceWords): string {
  const f = w.formats;
  const num = (text: string): Cell => ({ text, cls: 'num' });
  const lineOf = new Map(input.bankLines.map(l => [l.id, l]));
  return table(
    [w.label.batch, w.label.tradeDate, w.label.expectedOn, num(w.label.count), num(w.csv.transactions[9]!), w.label.link],
    input.batches.map(b => {
      const line = b.bankLineId ? lineOf.get(b.bankLineId) : undefined;
      return {
        cells: [
          b.payoutId ? { text: b.payoutId, cls: 'id' } : nameOf(input, b.acquirer),
          { text: f.date(b.tradeDate), cls: 'nowrap' },
          { text: f.date(b.expectedOn), cls: 'nowrap' },
          num(f.count(b.transactionCount)),
          num(f.money(b.netMinor, b.currency)),
          line
            ? `${f.date(line.bookedOn)} · ${f.money(line.amountMinor, line.currency)} · ${line.id}`
            : (b.bankLineId ?? w.label.notLinked),
        ] as Cell[],
      };
    }),
  );
}

/** A table of bank lines (the case's own shaded), at most `limit` rows. */
export function lineTable(input: EvidenceInput, w: EvidenceWords, limit = PRINTED_ROWS): string {
  const f = w.formats;
  const h = w.csv.bankLines;
  const num = (text: string): Cell => ({ text, cls: 'num' });
  const rows = input.bankLines.slice(0, limit).map(l => ({
    hit: l.inCase,
    cells: [
      { text: f.date(l.bookedOn), cls: 'nowrap' },
      { text: l.id, cls: 'id' },
      num(f.money(l.amountMinor, l.currency)),
      num(l.balanceMinor === null ? '' : f.money(l.balanceMinor, l.currency)),
      [l.counterparty, l.description].filter(Boolean).join(' · '),
    ] as Cell[],
  }));
  return table([h[2]!, h[0]!, num(h[4]!), num(h[6]!), `${h[7]!} · ${h[8]!}`], rows);
}
