// Whom to contact about a case, and why, from the evidence: the advice is data (a code and typed
// parameters) and the facts to quote; core/messages words them in each language, so the app, the CLI and
// the evidence pack's letters say the same.
import type { AcquirerProfile, FeeRule } from '../config/types';
import type { AcquirerTxn, BankLine } from '../model/types';
import type { Alert, AlertParams, Batch } from '../reconcile/types';
import type { ObservedCredit } from './model';

/** Who the merchant turns to: the acquirer, the bank, or themselves first (their POS slips, their bank statement). */
export type Contact = 'acquirer' | 'bank' | 'self';

/** What a fee case says: the fees charged and those the contract gives over the sales affected. */
export interface FeeParams {
  readonly acquirerName: string;
  /** The contracted rate as a percentage (`0.60%`), null when the contract is a fixed fee only. */
  readonly contractedRate: string | null;
  /** The rate the fees printed amount to over the sales affected (`0.78%`). */
  readonly printedRate: string;
  readonly contractedMinor: number;
  readonly printedMinor: number;
  readonly sales: number;
  readonly currency: string;
}

/** The parameters of each piece of advice. Money in minor units of `currency`. */
export interface AdviceParamMap {
  /** A missing credit the acquirer says it paid (its export prints the settlement date or payout id): ask the bank first. */
  missing_paid: {
    readonly acquirerName: string;
    readonly payoutRef: string | null;
    readonly settledOn: string | null;
    readonly amountMinor: number;
    readonly currency: string;
    readonly account: string | null;
  };
  /** A missing credit with no sign it was paid: ask the acquirer first. */
  missing_unpaid: {
    readonly acquirerName: string;
    readonly tradeDate: string;
    readonly expectedOn: string;
    readonly amountMinor: number;
    readonly currency: string;
    readonly count: number;
  };
  /** A credit short of its batches: ask the acquirer for the shortfall. */
  short: {
    readonly acquirerName: string;
    readonly bookedOn: string;
    readonly shortfallMinor: number;
    readonly expectedMinor: number;
    readonly creditedMinor: number;
    readonly currency: string;
    readonly batches: number;
  };
  /** A credit that came late: nothing to recover; ask only if it keeps happening. */
  late: { readonly acquirerName: string; readonly expectedOn: string; readonly bookedOn: string };
  /** A card charged twice: check the POS slips, then refund or void the extra charge through the acquirer. */
  duplicate: {
    readonly acquirerName: string;
    readonly card: string | null;
    readonly terminal: string | null;
    readonly times: number;
    readonly grossMinor: number;
    readonly extraMinor: number;
    readonly currency: string;
  };
  /** Fees above the contract: ask the acquirer, with the contracted and printed rate and the sales affected. */
  fee: FeeParams;
  /** Fees below the contract: nothing to claim now; keep the sales in mind, the acquirer may recover the difference later. */
  fee_under: FeeParams;
  /** A credit no transaction explains: ask the acquirer what it pays for. */
  unknown: { readonly acquirerName: string; readonly bookedOn: string; readonly amountMinor: number; readonly currency: string };
  /** A statement left out: get it from the bank and import it. */
  coverage: { readonly account: string; readonly from: string; readonly to: string; readonly count: number };
}

/** The code of a piece of advice. */
export type AdviceCode = keyof AdviceParamMap;

/** What a fact to quote is. */
export type FactKey =
  | 'acquirer'
  | 'merchant_numbers'
  | 'terminals'
  | 'trade_date'
  | 'batch'
  | 'payout_ref'
  | 'settled_on'
  | 'expected_on'
  | 'references'
  | 'transactions'
  | 'gross'
  | 'fees'
  | 'net'
  | 'account'
  | 'credit_booked_on'
  | 'credit_amount'
  | 'bank_reference'
  | 'shortfall'
  | 'card'
  | 'charged_at'
  | 'charge_amount'
  | 'extra_charged'
  | 'contracted_rate'
  | 'printed_rate'
  | 'contracted_fees'
  | 'printed_fees'
  | 'fee_difference'
  | 'fee_below_contract'
  | 'counterparty'
  | 'bank_text'
  | 'period';

/** A fact's value, typed so each language formats it. */
export type FactValue =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'list'; readonly items: readonly string[]; readonly total: number }
  | { readonly type: 'money'; readonly minor: number; readonly currency: string }
  | { readonly type: 'date'; readonly date: string }
  | { readonly type: 'range'; readonly from: string; readonly to: string }
  | { readonly type: 'count'; readonly n: number };

/** One fact to quote to the acquirer or the bank. */
export interface CaseFact {
  readonly key: FactKey;
  readonly value: FactValue;
}

/** The advice for a case: whom first, whom next, why (code and params), and the facts to quote. */
export type ContactAdvice = {
  [C in AdviceCode]: {
    readonly code: C;
    readonly params: AdviceParamMap[C];
    readonly first: Contact;
    readonly then: Contact | null;
    readonly facts: readonly CaseFact[];
  };
}[AdviceCode];

/** A transaction as the advice reads it. */
export type EvidenceTxn = Pick<
  AcquirerTxn,
  | 'id'
  | 'at'
  | 'grossMinor'
  | 'feeMinor'
  | 'netMinor'
  | 'currency'
  | 'merchantId'
  | 'terminal'
  | 'card'
  | 'cardType'
  | 'payoutId'
  | 'settlementDate'
>;

/** Everything the advice rests on. */
export interface CaseEvidence {
  readonly alert: Alert;
  readonly profile: AcquirerProfile | null;
  /** The batches the case is about, expected date first. */
  readonly batches: readonly Batch[];
  /** The alert's transactions (or the batches', when the alert lists none). */
  readonly txns: readonly EvidenceTxn[];
  /** The alert's bank lines (a short or unknown credit). */
  readonly bankLines: readonly BankLine[];
  readonly credits: readonly ObservedCredit[];
  /** The account the acquirer pays into (the statements' account, when there is one). */
  readonly account: string | null;
}

/** How many references a fact lists before "and N more". */
const REFS = 20;

const distinct = (values: Iterable<string | null | undefined>): string[] =>
  [...new Set([...values].filter((v): v is string => !!v))].sort();
const list = (items: readonly string[]): FactValue => ({ type: 'list', items: items.slice(0, REFS), total: items.length });
const money = (minor: number, currency: string): FactValue => ({ type: 'money', minor, currency });
const text = (t: string): FactValue => ({ type: 'text', text: t });
const date = (d: string): FactValue => ({ type: 'date', date: d });

/** A decimal rate (`0.0060`) as a percentage (`0.60%`), exactly: the digits move, nothing is computed in floating point. */
export function ratePercent(rate: string): string {
  const m = /^(\d*)(?:\.(\d*))?$/.exec(rate.trim());
  if (!m) return rate;
  const frac = (m[2] ?? '').padEnd(2, '0');
  const whole = String(Number((m[1] || '0') + frac.slice(0, 2)));
  const rest = frac.slice(2).replace(/0+$/, '');
  return `${whole}.${rest.padEnd(2, '0')}%`;
}

/** What `feeMinor` is of `grossMinor` as a percentage with two decimals (`0.78%`), rounded half up on integers. */
export function printedRate(feeMinor: number, grossMinor: number): string {
  if (grossMinor <= 0) return '—';
  const hundredths = Math.floor((feeMinor * 20_000 + grossMinor) / (2 * grossMinor));
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}%`;
}

/** The contract's rule for a card type (its own, else the `any` rule), as the engine picks it. */
function feeRule(profile: AcquirerProfile | null, cardType: 'debit' | 'credit' | null): FeeRule | null {
  const fees = profile?.fees ?? [];
  return (cardType ? fees.find(f => f.cardType === cardType) : undefined) ?? fees.find(f => f.cardType === 'any') ?? null;
}

/** The facts every acquirer question starts with: who, which merchant number and terminals, which references. */
function acquirerFacts(ev: CaseEvidence, name: string): CaseFact[] {
  const merchants = distinct(ev.txns.map(t => t.merchantId));
  const ids = merchants.length ? merchants : [...(ev.profile?.merchantIds ?? [])];
  const facts: CaseFact[] = [{ key: 'acquirer', value: text(name) }];
  if (ids.length) facts.push({ key: 'merchant_numbers', value: list(ids) });
  const terminals = distinct(ev.txns.map(t => t.terminal));
  if (terminals.length) facts.push({ key: 'terminals', value: list(terminals) });
  return facts;
}

function batchFacts(ev: CaseEvidence): CaseFact[] {
  const facts: CaseFact[] = [];
  const trade = distinct(ev.batches.map(b => b.tradeDate));
  if (trade.length) facts.push({ key: 'trade_date', value: trade.length === 1 ? date(trade[0]!) : list(trade) });
  const payouts = distinct(ev.batches.map(b => b.payoutId));
  if (payouts.length) facts.push({ key: 'batch', value: list(payouts) });
  return facts;
}

function txnFacts(ev: CaseEvidence, currency: string): CaseFact[] {
  const sum = (f: (t: EvidenceTxn) => number) => ev.txns.reduce((s, t) => s + f(t), 0);
  return [
    { key: 'references', value: list(ev.txns.map(t => t.id)) },
    { key: 'transactions', value: { type: 'count', n: ev.txns.length } },
    {
      key: 'gross',
      value: money(
        sum(t => t.grossMinor),
        currency,
      ),
    },
    {
      key: 'fees',
      value: money(
        sum(t => t.feeMinor),
        currency,
      ),
    },
  ];
}

function acquirerName(alert: Alert, profile: AcquirerProfile | null): string {
  const p: AlertParams = alert.params;
  return 'acquirerName' in p ? p.acquirerName : (profile?.name ?? alert.acquirer);
}

/** Whom to contact about a case first, and why, with the facts to quote. */
export function adviceFor(ev: CaseEvidence): ContactAdvice {
  const { alert } = ev;
  const p = alert.params;
  const name = acquirerName(alert, ev.profile);
  const currency = alert.currency;
  const account: CaseFact[] = ev.account ? [{ key: 'account', value: text(ev.account) }] : [];
  switch (p.kind) {
    case 'missing_credit': {
      const payoutRef = distinct([...ev.batches.map(b => b.payoutId), ...ev.txns.map(t => t.payoutId)])[0] ?? null;
      const settledOn = distinct(ev.txns.map(t => t.settlementDate)).pop() ?? null;
      const facts = [
        ...acquirerFacts(ev, name),
        ...batchFacts(ev),
        ...txnFacts(ev, currency),
        { key: 'net', value: money(alert.amountMinor, currency) } as CaseFact,
        { key: 'expected_on', value: date(p.expectedOn) } as CaseFact,
      ];
      if (payoutRef !== null || settledOn !== null) {
        if (payoutRef) facts.unshift({ key: 'payout_ref', value: text(payoutRef) });
        if (settledOn) facts.splice(payoutRef ? 1 : 0, 0, { key: 'settled_on', value: date(settledOn) });
        return {
          code: 'missing_paid',
          first: 'bank',
          then: 'acquirer',
          params: { acquirerName: name, payoutRef, settledOn, amountMinor: alert.amountMinor, currency, account: ev.account },
          facts: [...facts, ...account],
        };
      }
      return {
        code: 'missing_unpaid',
        first: 'acquirer',
        then: 'bank',
        params: {
          acquirerName: name,
          tradeDate: p.tradeDate,
          expectedOn: p.expectedOn,
          amountMinor: alert.amountMinor,
          currency,
          count: p.count,
        },
        facts: [...facts, ...account],
      };
    }
    case 'short_credit': {
      const line = ev.bankLines[0];
      return {
        code: 'short',
        first: 'acquirer',
        then: 'bank',
        params: {
          acquirerName: name,
          bookedOn: p.bookedOn,
          shortfallMinor: alert.amountMinor,
          expectedMinor: p.expectedMinor,
          creditedMinor: p.creditedMinor,
          currency,
          batches: ev.batches.length,
        },
        facts: [
          ...acquirerFacts(ev, name),
          ...batchFacts(ev),
          { key: 'net', value: money(p.expectedMinor, currency) },
          { key: 'credit_amount', value: money(p.creditedMinor, currency) },
          { key: 'shortfall', value: money(alert.amountMinor, currency) },
          { key: 'credit_booked_on', value: date(p.bookedOn) },
          ...(line ? [{ key: 'bank_reference', value: text(line.id) } as CaseFact] : []),
          ...account,
          ...txnFacts(ev, currency),
        ],
      };
    }
    case 'late_credit':
      return {
        code: 'late',
        first: 'self',
        then: 'acquirer',
        params: { acquirerName: name, expectedOn: p.expectedOn, bookedOn: p.bookedOn },
        facts: [
          ...acquirerFacts(ev, name),
          ...batchFacts(ev),
          { key: 'net', value: money(alert.amountMinor, currency) },
          { key: 'expected_on', value: date(p.expectedOn) },
          { key: 'credit_booked_on', value: date(p.bookedOn) },
        ],
      };
    case 'duplicate_charge': {
      const charges = ev.txns.filter(t => alert.transactionIds.includes(t.id));
      return {
        code: 'duplicate',
        first: 'self',
        then: 'acquirer',
        params: {
          acquirerName: name,
          card: p.card,
          terminal: p.terminal,
          times: p.times,
          grossMinor: p.grossMinor,
          extraMinor: alert.amountMinor,
          currency,
        },
        facts: [
          ...acquirerFacts(ev, name),
          ...(p.card ? [{ key: 'card', value: text(p.card) } as CaseFact] : []),
          { key: 'references', value: list(charges.map(t => t.id)) },
          { key: 'charged_at', value: list(charges.map(t => t.at.slice(0, 19).replace('T', ' '))) },
          { key: 'charge_amount', value: money(p.grossMinor, currency) },
          { key: 'extra_charged', value: money(alert.amountMinor, currency) },
        ],
      };
    }
    case 'fee_mismatch': {
      const sales = ev.txns.filter(t => alert.transactionIds.includes(t.id));
      const gross = sales.length ? sales.reduce((s, t) => s + t.grossMinor, 0) : p.grossMinor;
      const printed = sales.length ? sales.reduce((s, t) => s + t.feeMinor, 0) : p.printedMinor;
      // The alert's amount is what was charged above the contract over the sales it lists.
      const contracted = printed - alert.amountMinor;
      const rule = feeRule(ev.profile, sales[0]?.cardType ?? null);
      const contractedRate = rule ? ratePercent(rule.rate) : null;
      const params = {
        acquirerName: name,
        contractedRate,
        printedRate: printedRate(printed, gross),
        contractedMinor: contracted,
        printedMinor: printed,
        sales: alert.transactionIds.length,
        currency,
      };
      const over = printed >= contracted;
      const facts: CaseFact[] = [
        ...acquirerFacts(ev, name),
        ...(contractedRate ? [{ key: 'contracted_rate', value: text(contractedRate) } as CaseFact] : []),
        { key: 'printed_rate', value: text(params.printedRate) },
        { key: 'gross', value: money(gross, currency) },
        { key: 'contracted_fees', value: money(contracted, currency) },
        { key: 'printed_fees', value: money(printed, currency) },
        { key: over ? 'fee_difference' : 'fee_below_contract', value: money(Math.abs(printed - contracted), currency) },
        { key: 'references', value: list(alert.transactionIds) },
      ];
      // Charged less than the contract: nothing to claim, but not a windfall either (acquirers correct it later).
      return over
        ? { code: 'fee', first: 'acquirer', then: null, params, facts }
        : { code: 'fee_under', first: 'self', then: 'acquirer', params, facts };
    }
    case 'unknown_credit': {
      const line = ev.bankLines[0];
      return {
        code: 'unknown',
        first: 'acquirer',
        then: 'bank',
        params: { acquirerName: name, bookedOn: p.bookedOn, amountMinor: alert.amountMinor, currency },
        facts: [
          { key: 'credit_booked_on', value: date(p.bookedOn) },
          { key: 'credit_amount', value: money(alert.amountMinor, currency) },
          ...(line ? [{ key: 'bank_reference', value: text(line.id) } as CaseFact] : []),
          ...(line?.counterparty ? [{ key: 'counterparty', value: text(line.counterparty) } as CaseFact] : []),
          ...(line?.description ? [{ key: 'bank_text', value: text(line.description) } as CaseFact] : []),
          ...(line?.account ? [{ key: 'account', value: text(line.account) } as CaseFact] : account),
          ...acquirerFacts(ev, name),
        ],
      };
    }
    case 'coverage_gap':
      return {
        code: 'coverage',
        first: 'bank',
        then: null,
        params: { account: p.account, from: p.from, to: p.to, count: p.count },
        facts: [
          ...(p.account ? [{ key: 'account', value: text(p.account) } as CaseFact] : []),
          { key: 'period', value: { type: 'range', from: p.from, to: p.to } },
          { key: 'transactions', value: { type: 'count', n: p.count } },
          { key: 'net', value: money(alert.amountMinor, currency) },
        ],
      };
  }
}
