import { codedIssue, amountIssue, dateIssue, type CodedIssue } from '../../messages/index';
import { minorDigits, parseAmount } from '../../model/money';
import { dayNumber, parseLocalDateTime } from '../../model/date';
import { formatOffset } from '../../model/zone';
import type { AcquirerTxn, Format, ParseContext, ParseIssue, ParseResult, TxnKind } from '../../model/types';
import { flat, ownCopy, normalizeHeader, readTable, type ColumnMap, type TableSpec } from '../table';

type Field =
  | 'id'
  | 'createdUtc'
  | 'created'
  | 'currency'
  | 'gross'
  | 'fee'
  | 'net'
  | 'category'
  | 'chargeId'
  | 'sourceId'
  | 'payoutId'
  | 'payoutAt'
  | 'payoutAtUtc'
  | 'funding'
  | 'terminal'
  | 'fingerprint'
  | 'last4'
  | 'description';

// Stripe's payout reconciliation report (itemized): the merchant picks the columns and their
// order (reporting.reportRuns `columns`), so everything is found by name.
const SPEC: TableSpec<Field> = {
  fields: {
    id: ['balance_transaction_id'],
    createdUtc: ['created_utc'],
    created: ['created'],
    currency: ['currency'],
    gross: ['gross', 'amount'],
    fee: ['fee'],
    net: ['net'],
    category: ['reporting_category'],
    chargeId: ['charge_id'],
    sourceId: ['source_id'],
    payoutId: ['automatic_payout_id', 'payout_id'],
    payoutAt: ['automatic_payout_effective_at', 'payout_expected_arrival_date', 'payout_arrival_date'],
    payoutAtUtc: ['automatic_payout_effective_at_utc'],
    funding: ['card_funding', 'payment_method_details.card.funding'],
    terminal: ['payment_metadata[terminal_id]', 'payment_metadata[terminal]', 'payment_metadata[reader_id]'],
    fingerprint: ['payment_metadata[card_fingerprint]', 'card_fingerprint'],
    last4: ['payment_metadata[card_last4]', 'card_last4'],
    description: ['description'],
  },
  required: ['id', 'currency', 'gross', 'category'],
};

const FIELDS = Object.keys(SPEC.fields) as Field[];
const FIELD_NO = Object.fromEntries(FIELDS.map((f, i) => [f, i])) as Record<Field, number>;

// reporting_category → kind (docs.stripe.com/reports/reporting-categories).
const KINDS: Readonly<Record<string, TxnKind>> = {
  charge: 'sale',
  payment: 'sale',
  refund: 'refund',
  partial_capture_reversal: 'refund',
  refund_failure: 'adjustment',
  dispute: 'chargeback',
  dispute_reversal: 'adjustment',
  fee: 'fee',
  stripe_fee: 'fee',
  network_cost: 'fee',
  tax: 'fee',
  payout: 'payout',
  payout_reversal: 'payout',
  other_adjustment: 'adjustment',
  risk_reserved_funds: 'adjustment',
  risk_released_funds: 'adjustment',
  connect_reserved_funds: 'adjustment',
  transfer: 'adjustment',
  topup: 'adjustment',
  charge_failure: 'adjustment',
  payment_failure: 'adjustment',
  payment_reversal: 'refund',
};

const offsets = new Map<number, string>();
const minutesOf = (date: string, time: string) => dayNumber(date) * 1440 + Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

function offsetBetween(local: { date: string; time: string | null }, utc: { date: string; time: string | null }): string | null {
  if (!local.time || !utc.time || local.time.slice(6) !== utc.time.slice(6)) return null;
  const minutes = minutesOf(local.date, local.time) - minutesOf(utc.date, utc.time);
  const known = offsets.get(minutes);
  if (known !== undefined) return known;
  if (!Number.isInteger(minutes) || Math.abs(minutes) > 14 * 60) return null;
  const o = formatOffset(minutes);
  const text = o === 'Z' ? '+00:00' : o;
  offsets.set(minutes, text);
  return text;
}

/** Reads Stripe's itemized payout reconciliation report. */
function parse(bytes: Uint8Array, ctx: ParseContext): ParseResult {
  const issues: ParseIssue[] = [];
  const txns: AcquirerTxn[] = [];
  let cols: { map: ColumnMap<Field>; index: number[] } | null = null;
  // Ids are substrings of a decoded chunk of the file; a copy lets the chunk go once it is read.
  const copy = (s: string): string | null => (s === '' ? null : ownCopy(s));
  const interned = new Map<string, string>();
  const intern = (s: string): string | null => {
    if (s === '') return null;
    let v = interned.get(s);
    if (v === undefined) {
      v = copy(s)!;
      if (interned.size < 100_000) interned.set(v, v);
    }
    return v;
  };
  const info = readTable(
    bytes,
    SPEC,
    (row, c: ColumnMap<Field>, header) => {
      const cells = row.cells;
      // Column indexes are fixed for the file: look them up in the map once, not per cell read.
      if (cols === null || cols.map !== c) cols = { map: c, index: FIELDS.map(f => c[f]) };
      const index = cols.index;
      const cell = (f: Field) => {
        const k = index[FIELD_NO[f]]!;
        return k >= 0 ? cells[k]! : '';
      };
      const bad = (f: Field, coded: CodedIssue) => {
        const field = c[f] >= 0 ? (header[c[f]] ?? f) : f;
        issues.push(codedIssue(row.line, field, 'error', coded));
      };
      const id = cell('id');
      if (!id) {
        bad('id', { code: 'empty_cell', params: { what: 'value' } });
        return;
      }
      const currency = cell('currency').toUpperCase();
      if (!/^[A-Z]{3}$/.test(currency)) {
        bad('currency', { code: 'not_currency_code', params: { text: cell('currency'), threeLetter: false } });
        return;
      }
      const digits = minorDigits(currency);
      const category = cell('category').toLowerCase();
      const kind = KINDS[category];
      if (!kind) {
        bad('category', { code: 'unknown_kind', params: { text: cell('category'), known: null } });
        return;
      }
      const gross = parseAmount(cell('gross'), { digits, decimal: '.' });
      if (!gross.ok) {
        bad('gross', amountIssue(gross, 'amount'));
        return;
      }
      const fee = cell('fee') === '' ? { ok: true as const, minor: 0 } : parseAmount(cell('fee'), { digits, decimal: '.' });
      if (!fee.ok) {
        bad('fee', amountIssue(fee, 'fee'));
        return;
      }
      const net =
        cell('net') === '' ? { ok: true as const, minor: gross.minor - fee.minor } : parseAmount(cell('net'), { digits, decimal: '.' });
      if (!net.ok) {
        bad('net', amountIssue(net, 'net'));
        return;
      }

      // `created` is local time in the report's time zone and `created_utc` the same instant in UTC:
      // their difference is the zone offset. With only one of them, say what is known.
      const local = cell('created') ? parseLocalDateTime(cell('created')) : null;
      const utc = cell('createdUtc') ? parseLocalDateTime(cell('createdUtc')) : null;
      if (cell('created') && !local) {
        bad('created', dateIssue(cell('created'), true));
        return;
      }
      if (cell('createdUtc') && !utc) {
        bad('createdUtc', dateIssue(cell('createdUtc'), true));
        return;
      }
      let at: string;
      if (local) {
        const offset = utc ? offsetBetween(local, utc) : null;
        at = `${local.date}T${local.time ?? '00:00:00'}${offset ?? ''}`;
      } else if (utc) at = `${utc.date}T${utc.time ?? '00:00:00'}Z`;
      else {
        bad('created', { code: 'none_printed', params: { fields: ['created', 'created_utc'] } });
        return;
      }

      const payoutText = cell('payoutAt') || cell('payoutAtUtc');
      const payoutDate = payoutText ? (parseLocalDateTime(payoutText)?.date ?? null) : null;
      if (payoutText && !payoutDate) {
        bad(cell('payoutAt') ? 'payoutAt' : 'payoutAtUtc', dateIssue(payoutText));
        return;
      }
      const funding = cell('funding').toLowerCase();
      const chargeId = copy(cell('chargeId'));
      txns.push({
        id: copy(id)!,
        kind,
        at: flat(at),
        grossMinor: gross.minor,
        feeMinor: fee.minor,
        netMinor: net.minor,
        currency,
        merchantId: null,
        terminal: intern(cell('terminal')),
        card: copy(cell('fingerprint')) ?? (cell('last4') ? `*${cell('last4')}` : null),
        cardType: funding === 'debit' || funding === 'prepaid' ? 'debit' : funding === 'credit' ? 'credit' : null,
        payoutId: intern(cell('payoutId')),
        settlementDate: payoutDate,
        voided: false,
        // Refunds and disputes quote the charge, not the original balance transaction.
        originalId: kind === 'sale' ? null : chargeId,
        reference: kind === 'sale' ? (chargeId ?? copy(cell('sourceId'))) : null,
        line: row.line,
      });
    },
    { onProgress: ctx.onProgress, chunkBytes: ctx.chunkBytes, delimiter: ',' },
  );
  if (!info.columns)
    issues.push(
      codedIssue(1, '(header)', 'error', {
        code: 'no_header',
        params: { columns: ['balance_transaction_id', 'currency', 'gross', 'reporting_category'] },
      }),
    );
  issues.push(...info.issues);
  return {
    format: 'stripe-itemized',
    role: 'acquirer',
    acquirerTxns: txns,
    bankLines: [],
    issues,
    merchantIds: [],
    acquirerName: 'Stripe',
    periods: [],
  };
}

const NEEDED = ['balance_transaction_id', 'reporting_category'];

/** `stripe-itemized`: Stripe's payout reconciliation report, itemized, any column selection and order. */
export const stripeItemized: Format = {
  name: 'stripe-itemized',
  role: 'acquirer',
  sniff(head) {
    const first = head.split(/\r?\n/, 5).map(l => l.split(',').map(normalizeHeader));
    return first.some(cells => NEEDED.every(n => cells.includes(n))) ? 0.95 : 0;
  },
  parse,
};
