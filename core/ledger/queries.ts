// Queries: pages of transactions and bank lines for the tables, over an index made once per reconciliation
// on top of the time order kept between them (kept-rows.ts); each row's status, expected credit date, bank
// lines and batch are read from the engine when a page or a filter needs them.
import type { AcquirerProfile, Config } from '../config/types';
import type { StoredBankLine, StoredTxn } from '../db/schema';
import { parseAmount } from '../model/money';
import type { BankLine } from '../model/types';
import { localParts, tradeDate } from '../model/zone';
import { batchKey } from '../reconcile/expect';
import { STATUSES, type Batch, type Link, type Reconciliation } from '../reconcile/types';
import { addToSums, KeptRows, type TxnSum } from './kept-rows';
import { orderByIntegers, ranks } from './packed-sort';
import { attempt, ok, type Result } from './result';
import { mark } from './marks';
import type { LedgerState } from './state';
import { span } from './txn-order';
import type { BankFilter, BankQuery, BankRow, BankSort, BankTotals, Page, TxnFilter, TxnQuery, TxnRow, TxnSort, TxnTotals } from './types';

/** The tables' view of one reconciliation: every transaction with its status and batch, every line with its link. */
export interface QueryIndex {
  /** How many transactions: positions 0 up to this, in the tables' order (time, then reference). */
  readonly count: number;
  /** The transaction at a position. */
  txn(i: number): StoredTxn;
  /** What the reconciliation says of the transaction at a position (null: none reconciled it). */
  facts(i: number): TxnFacts | null;
  /** The status of the transaction at a position as an index into STATUSES, else {@link NO_STATUS}; one pass over every row when first asked for. */
  statusAt(i: number): number;
  /** The totals of every transaction, per currency. */
  totals(): ReadonlyMap<string, TxnSum>;
  /** Every transaction by position (built when first asked for). */
  readonly txns: readonly StoredTxn[];
  /** The batch id of every transaction by position (built when first asked for). */
  readonly batchOf: readonly (string | null)[];
  /** The positions of each batch's transactions (built when first asked for). */
  readonly txnsOfBatch: ReadonlyMap<string, number[]>;
  readonly lines: StoredBankLine[];
  readonly lineAcquirer: (string | null)[];
  readonly linkOfLine: Map<string, Link>;
  readonly linkOfBatch: Map<string, Link>;
  readonly batchById: Map<string, Batch>;
  /** Filter results and sorted orders, by query. */
  readonly cache: Map<string, unknown>;
}

/** A transaction's line in the reconciliation, with its status as an index into STATUSES. */
export interface TxnFacts {
  readonly status: number;
  readonly expectedOn: string | null;
  readonly bankLineIds: readonly string[];
  readonly batchId: string | null;
}

/** The status index of a transaction no reconciliation read. */
export const NO_STATUS = 255;

/**
 * The id of a transaction's batch by the engine's own rule ({@link batchKey}): its payout id, else its
 * trade date (the profile's zone and cutoff) and expected credit date. Null when it cannot have one.
 */
export function batchIdOf(txn: StoredTxn, expectedOn: string | null, profile: AcquirerProfile | undefined): string | null {
  if (txn.payoutId) return batchKey(txn.acquirer, txn.payoutId, '', '');
  if (!profile || !expectedOn) return null;
  const local = localParts(txn.at, profile.timezone);
  return batchKey(txn.acquirer, null, tradeDate(local.date, local.time, profile.cutoff), expectedOn);
}

/** Whether a bank line's text names one of an acquirer's counterparties (counterparty, else description). */
export function lineAcquirer(line: BankLine, config: Config | null): string | null {
  if (!config) return null;
  const text = (line.counterparty.trim() ? line.counterparty : line.description).toLowerCase();
  for (const a of config.acquirers) if (a.bankCounterparties.some(n => text.includes(n.toLowerCase()))) return a.id;
  return null;
}

/** A test for the transaction search box: reference, card last digits, terminal or amount. */
export function txnMatcher(search: string): ((t: StoredTxn) => boolean) | null {
  const s = search.trim().toLowerCase();
  if (!s) return null;
  const amount = /^[-+]?[\d.,]+$/.test(s) ? parseAmount(s) : null;
  const minor = amount?.ok ? Math.abs(amount.minor) : null;
  return t =>
    t.id.toLowerCase().includes(s) ||
    (t.card !== null && t.card.toLowerCase().endsWith(s)) ||
    (t.terminal !== null && t.terminal.toLowerCase().includes(s)) ||
    (minor !== null && (Math.abs(t.grossMinor) === minor || Math.abs(t.netMinor) === minor));
}

/** A stored bank line without the file it came from. */
export function strip(line: StoredBankLine | undefined): BankLine | null {
  if (!line) return null;
  const { fileHash: _fileHash, ...plain } = line;
  return plain;
}

/** The rows the tables list: those the latest reconciliation read, else every row held. */
function tableRows(store: LedgerState): readonly StoredTxn[] {
  return store.recon ? store.derived.rows : store.txns;
}

/**
 * The tables' index over one reconciliation. The time order is kept between recomputations (kept-rows.ts);
 * what the reconciliation says of a row is read from the engine when a page or a filter asks for it, once per
 * batch: a transaction's status, expected date and bank lines are its batch's (a voided one is in none).
 */
class TableIndex implements QueryIndex {
  readonly count: number;
  readonly lines: StoredBankLine[];
  readonly lineAcquirer: (string | null)[];
  readonly linkOfLine = new Map<string, Link>();
  readonly linkOfBatch = new Map<string, Link>();
  readonly batchById: Map<string, Batch>;
  readonly cache = new Map<string, unknown>();
  private readonly rows: readonly StoredTxn[];
  private readonly kept: KeptRows;
  private readonly order: Int32Array;
  private readonly recon: Reconciliation | null;
  private readonly reconIndex: ((row: number) => number) | null;
  /** Facts by batch index + 1 (0: voided), filled as asked for. */
  private readonly factsOfBatch: (TxnFacts | undefined)[];
  private all: { txns?: StoredTxn[]; batchOf?: (string | null)[]; txnsOfBatch?: Map<string, number[]>; statuses?: Uint8Array } = {};

  constructor(store: LedgerState) {
    this.rows = tableRows(store);
    const kept = (this.kept = store.keptRows = KeptRows.of(store.keptRows, this.rows));
    this.order = kept.order();
    this.count = this.order.length;
    this.recon = store.recon;
    this.reconIndex = this.recon && store.config ? kept.reconIndexer(store.config) : null;
    this.factsOfBatch = new Array<TxnFacts | undefined>((this.recon?.batches.length ?? 0) + 1);
    this.batchById = new Map((this.recon?.batches ?? []).map(b => [b.id, b]));
    for (const l of this.recon?.links ?? []) {
      this.linkOfLine.set(l.bankLineId, l);
      for (const b of l.batchIds) this.linkOfBatch.set(b, l);
    }
    this.lines = [...store.bankLines].sort((a, b) => (a.bookedOn < b.bookedOn ? -1 : a.bookedOn > b.bookedOn ? 1 : a.id < b.id ? -1 : 1));
    this.lineAcquirer = this.lines.map(l => lineAcquirer(l, store.config));
  }

  txn(i: number): StoredTxn {
    return this.rows[this.order[i]!]!;
  }

  totals(): ReadonlyMap<string, TxnSum> {
    return this.kept.totals();
  }

  facts(i: number): TxnFacts | null {
    const g = this.reconIndex ? this.reconIndex(this.order[i]!) : -1;
    if (g < 0 || !this.recon) return null;
    const slot = this.recon.batchIndexOf(g) + 1;
    let facts = this.factsOfBatch[slot];
    if (!facts) {
      const r = this.recon.transactionAt(g);
      facts = {
        status: STATUSES.indexOf(r.status),
        expectedOn: r.expectedOn,
        bankLineIds: r.bankLineIds,
        batchId: slot > 0 ? this.recon.batches[slot - 1]!.id : null,
      };
      this.factsOfBatch[slot] = facts;
    }
    return facts;
  }

  statusAt(i: number): number {
    if (!this.all.statuses) {
      const statuses = new Uint8Array(this.count);
      for (let k = 0; k < statuses.length; k++) statuses[k] = this.facts(k)?.status ?? NO_STATUS;
      this.all.statuses = statuses;
    }
    return this.all.statuses[i]!;
  }

  get txns(): readonly StoredTxn[] {
    return (this.all.txns ??= Array.from(this.order, k => this.rows[k]!));
  }

  get batchOf(): readonly (string | null)[] {
    return (this.all.batchOf ??= Array.from({ length: this.count }, (_, i) => this.facts(i)?.batchId ?? null));
  }

  get txnsOfBatch(): ReadonlyMap<string, number[]> {
    if (!this.all.txnsOfBatch) {
      const map = new Map<string, number[]>();
      for (let i = 0; i < this.count; i++) {
        const batch = this.facts(i)?.batchId;
        if (!batch) continue;
        const list = map.get(batch);
        if (list) list.push(i);
        else map.set(batch, [i]);
      }
      this.all.txnsOfBatch = map;
    }
    return this.all.txnsOfBatch;
  }
}

/** The index over the store's latest reconciliation, made on first use after each recompute (the time order is kept). */
export function queryIndex(store: LedgerState): QueryIndex {
  return (store.index ??= new TableIndex(store));
}

/** The tables' time order of the rows held now (indexes into the rows the latest reconciliation read), or null when none was built. */
export function keptOrder(store: LedgerState): Int32Array | null {
  const rows = tableRows(store);
  const kept = store.keptRows;
  if (!kept || KeptRows.of(kept, rows) !== kept) return null;
  return kept.builtOrder();
}

/** The tables' time order of the rows held now, sorted first when none is kept (for the ledger image, written when idle). */
export function tableOrder(store: LedgerState): Int32Array {
  const kept = KeptRows.of(store.keptRows, tableRows(store));
  store.keptRows = kept;
  return kept.order();
}

/**
 * Takes a time order read back from storage for the rows held now; it is dropped (the tables sort when first
 * opened) unless it orders exactly these rows.
 */
export function adoptOrder(store: LedgerState, order: Int32Array): void {
  const kept = KeptRows.of(store.keptRows, tableRows(store));
  store.keptRows = kept;
  kept.adopt(order);
}

/** One transaction as the tables show it. */
export function txnRow(ix: QueryIndex, i: number): TxnRow {
  const t = ix.txn(i);
  const f = ix.facts(i);
  return {
    acquirer: t.acquirer,
    id: t.id,
    kind: t.kind,
    at: t.at,
    grossMinor: t.grossMinor,
    feeMinor: t.feeMinor,
    netMinor: t.netMinor,
    currency: t.currency,
    terminal: t.terminal,
    card: t.card,
    status: f ? STATUSES[f.status]! : null,
    expectedOn: f?.expectedOn ?? null,
    bankLineIds: f?.bankLineIds ?? [],
    batchId: f?.batchId ?? null,
    line: t.line,
  };
}

/** One bank line as the tables show it. */
export function bankRow(ix: QueryIndex, line: StoredBankLine, acquirer: string | null): BankRow {
  const link = ix.linkOfLine.get(line.id);
  const { fileHash: _fileHash, ...plain } = line;
  return { ...plain, acquirer, linkedBatchIds: link?.batchIds ?? [], linkPass: link?.reason.pass ?? null };
}

/** The hits of one filter and their totals; sorted orders of the same hits are cached beside them. */
interface Found<S> {
  readonly hits: Int32Array;
  readonly totals: readonly S[];
}

function remember<V>(cache: Map<string, unknown>, key: string, make: () => V): V {
  let v = cache.get(key) as V | undefined;
  if (v === undefined) {
    v = make();
    if (cache.size > 40) cache.clear();
    cache.set(key, v);
  }
  return v;
}

/**
 * Sorts row indexes by a key, a copy. Ties (and rows without the key) keep the index order, which is the
 * table's date order, in both directions, so a sort never shuffles rows that compare equal.
 */
export function sortHits<K extends number | string>(hits: Int32Array, key: (i: number) => K, desc: boolean): Int32Array {
  // Keys read once, by position: the sort must not look anything up.
  const keys = Array.from(hits, key);
  // Integer keys (money, statuses), or strings by their ranks, sort natively with their positions packed in.
  const numbers = keys.every(k => typeof k === 'number')
    ? (keys as number[])
    : keys.every(k => typeof k === 'string')
      ? ranks(keys as string[])
      : null;
  const packed = numbers && orderByIntegers(numbers, desc);
  if (packed) return packed.map(k => hits[k]!);
  const dir = desc ? -1 : 1;
  const pos = new Int32Array(hits.length);
  for (let k = 0; k < pos.length; k++) pos[k] = k;
  pos.sort((a, b) => {
    const x = keys[a]!;
    const y = keys[b]!;
    // Hits are in index order, so comparing positions keeps that order for ties.
    return x < y ? -dir : x > y ? dir : a - b;
  });
  return pos.map(k => hits[k]!);
}

function page<T, S>(found: Found<S>, order: Int32Array, q: { offset: number; limit: number }, row: (i: number) => T, revision: number) {
  const rows: T[] = [];
  const end = Math.min(order.length, q.offset + q.limit);
  for (let k = Math.max(0, q.offset); k < end; k++) rows.push(row(order[k]!));
  return { total: order.length, offset: q.offset, rows, revision, totals: found.totals };
}

const byRows = <S extends { rows: number; currency: string }>(a: S, b: S) => b.rows - a.rows || a.currency.localeCompare(b.currency);

/** The transactions' sort keys: money as integers, codes and dates as strings that order as they read. */
function txnKey(ix: QueryIndex, by: TxnSort): (i: number) => number | string {
  switch (by) {
    case 'at':
      return i => i;
    case 'id':
      return i => ix.txn(i).id;
    case 'status':
      return i => ix.statusAt(i);
    case 'net':
      return i => ix.txn(i).netMinor;
    case 'gross':
      return i => ix.txn(i).grossMinor;
    case 'fee':
      return i => ix.txn(i).feeMinor;
    case 'kind':
      return i => ix.txn(i).kind;
    case 'terminal':
      return i => ix.txn(i).terminal ?? '';
    case 'card':
      return i => ix.txn(i).card ?? '';
    case 'expectedOn':
      return i => ix.facts(i)?.expectedOn ?? '';
  }
}

/** The first position from `lo` whose transaction's day (the first ten characters of `at`) is not before `day` (`after`: is after it). */
function dayBound(ix: QueryIndex, day: string, after: boolean): number {
  let lo = 0;
  let hi = ix.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const d = ix.txn(mid).at.slice(0, 10);
    if (after ? d <= day : d < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The transactions matching the filters with their totals, and their positions in the order asked (both cached per filter). */
function txnView(ix: QueryIndex, q: TxnFilter): { found: Found<TxnTotals>; order: Int32Array } {
  const search = (q.search ?? '').trim().toLowerCase();
  const statusIdx = q.status ? STATUSES.indexOf(q.status) : -1;
  const from = q.from || '';
  const to = q.to || '';
  const key = `t\u0000${search}\u0000${statusIdx}\u0000${q.acquirer ?? ''}\u0000${from}\u0000${to}`;
  const found = remember(ix.cache, key, (): Found<TxnTotals> => {
    // No filter: every position, with the totals kept for every row.
    if (!search && statusIdx < 0 && !q.acquirer && !from && !to)
      return { hits: span(0, ix.count), totals: [...ix.totals().values()].map(s => ({ ...s })).sort(byRows) };
    const match = txnMatcher(search);
    const hits: number[] = [];
    const sums = new Map<string, TxnSum>();
    // Positions run in time order, so a date range is one run of them (`at` starts with the local day).
    const first = from ? dayBound(ix, from, false) : 0;
    const end = to ? dayBound(ix, to, true) : ix.count;
    for (let i = first; i < end; i++) {
      if (statusIdx >= 0 && ix.statusAt(i) !== statusIdx) continue;
      const t = ix.txn(i);
      if (q.acquirer && t.acquirer !== q.acquirer) continue;
      if (match && !match(t)) continue;
      hits.push(i);
      addToSums(sums, t);
    }
    return { hits: Int32Array.from(hits), totals: [...sums.values()].sort(byRows) };
  });
  const sort = q.sort && (q.sort.by !== 'at' || q.sort.desc) ? q.sort : null;
  const order = sort
    ? remember(ix.cache, `${key}\u0000${sort.by}\u0000${sort.desc}`, () => sortHits(found.hits, txnKey(ix, sort.by), sort.desc))
    : found.hits;
  return { found, order };
}

/** The index positions of the transactions matching the filters, in the order asked (what the table shows, and exports). */
export function txnHits(ix: QueryIndex, q: TxnFilter): Int32Array {
  return txnView(ix, q).order;
}

/** A page of transactions matching the filters, in the order asked (oldest first by default), with their totals. */
async function queryTxns(store: LedgerState, q: TxnQuery): Promise<Page<TxnRow, TxnTotals>> {
  // The first page a worker gives is timed in steps (performance marks the browser bench reads: a reopen's first row).
  const first = !paged.has(store);
  paged.add(store);
  if (first) mark('table-asked');
  await store.init();
  // A table asked for while the ledger opened waits for it with the other calls; those that are answered at once
  // (the app's own "ready") go out before this one builds its index, not after.
  if (!store.index) await new Promise(resolve => setTimeout(resolve, 0));
  const ix = queryIndex(store);
  if (first) mark('table-index');
  const { found, order } = txnView(ix, q);
  const out = page(found, order, q, i => txnRow(ix, i), store.revision);
  if (first) mark('table-page');
  return out;
}

/** The stores that gave a transactions page already. */
const paged = new WeakSet<LedgerState>();

/** The bank lines' sort keys. */
function bankKey(ix: QueryIndex, by: BankSort): (i: number) => number | string {
  switch (by) {
    case 'bookedOn':
      return i => i;
    case 'amount':
      return i => ix.lines[i]!.amountMinor;
    case 'counterparty':
      return i => ix.lines[i]!.counterparty.toLowerCase();
    case 'description':
      return i => ix.lines[i]!.description.toLowerCase();
    case 'id':
      return i => ix.lines[i]!.id;
    case 'link':
      // Linked lines by their acquirer, then lines that name an acquirer but are not linked, then the rest.
      return i => `${ix.linkOfLine.has(ix.lines[i]!.id) ? 0 : ix.lineAcquirer[i] ? 1 : 2}${ix.lineAcquirer[i] ?? ''}`;
  }
}

/** The bank lines matching the filters with their totals, and their positions in the order asked (both cached per filter). */
function bankView(ix: QueryIndex, q: BankFilter): { found: Found<BankTotals>; order: Int32Array } {
  const search = (q.search ?? '').trim().toLowerCase();
  const linked = q.linked ?? 'all';
  const from = q.from || '';
  const to = q.to || '';
  const key = `b\u0000${search}\u0000${linked}\u0000${from}\u0000${to}`;
  const found = remember(ix.cache, key, (): Found<BankTotals> => {
    const amount = search ? parseAmount(search) : null;
    const minor = amount?.ok ? Math.abs(amount.minor) : null;
    const hits: number[] = [];
    const sums = new Map<string, { currency: string; rows: number; creditMinor: number; debitMinor: number }>();
    for (let i = 0; i < ix.lines.length; i++) {
      const l = ix.lines[i]!;
      const isLinked = ix.linkOfLine.has(l.id);
      if ((linked === 'linked' && !isLinked) || ((linked === 'unlinked' || linked === 'unlinked_credits') && isLinked)) continue;
      if (linked === 'unlinked_credits' && l.amountMinor <= 0) continue;
      if ((from && l.bookedOn < from) || (to && l.bookedOn > to)) continue;
      const named =
        l.id.toLowerCase().includes(search) ||
        l.counterparty.toLowerCase().includes(search) ||
        l.description.toLowerCase().includes(search) ||
        (minor !== null && Math.abs(l.amountMinor) === minor);
      if (search && !named) continue;
      hits.push(i);
      let sum = sums.get(l.currency);
      if (!sum) sums.set(l.currency, (sum = { currency: l.currency, rows: 0, creditMinor: 0, debitMinor: 0 }));
      sum.rows++;
      if (l.amountMinor > 0) sum.creditMinor += l.amountMinor;
      else sum.debitMinor += l.amountMinor;
    }
    return { hits: Int32Array.from(hits), totals: [...sums.values()].sort(byRows) };
  });
  const sort = q.sort && (q.sort.by !== 'bookedOn' || q.sort.desc) ? q.sort : null;
  const order = sort
    ? remember(ix.cache, `${key}\u0000${sort.by}\u0000${sort.desc}`, () => sortHits(found.hits, bankKey(ix, sort.by), sort.desc))
    : found.hits;
  return { found, order };
}

/** The index positions of the bank lines matching the filters, in the order asked (what the table shows, and exports). */
export function bankHits(ix: QueryIndex, q: BankFilter): Int32Array {
  return bankView(ix, q).order;
}

/** A page of bank lines matching the filters, in the order asked (oldest first by default), with their totals. */
async function queryBankLines(store: LedgerState, q: BankQuery): Promise<Page<BankRow, BankTotals>> {
  await store.init();
  const ix = queryIndex(store);
  const { found, order } = bankView(ix, q);
  return page(found, order, q, i => bankRow(ix, ix.lines[i]!, ix.lineAcquirer[i] ?? null), store.revision);
}

/** The query handlers. */
export function queryHandlers(store: LedgerState) {
  return {
    queryTxns: (q: TxnQuery): Promise<Result<Page<TxnRow, TxnTotals>>> => attempt(async () => ok(await queryTxns(store, q))),
    queryBankLines: (q: BankQuery): Promise<Result<Page<BankRow, BankTotals>>> => attempt(async () => ok(await queryBankLines(store, q))),
  };
}
