// Queries: pages of transactions and bank lines for the tables, over an index built once per
// reconciliation, with each transaction's status, expected credit date, bank lines and batch.
import type { AcquirerProfile, Config } from '../config/types';
import type { StoredBankLine, StoredTxn } from '../db/schema';
import { parseAmount } from '../model/money';
import type { BankLine } from '../model/types';
import { localParts, tradeDate } from '../model/zone';
import { batchKey } from '../reconcile/expect';
import { STATUSES, type Batch, type Link } from '../reconcile/types';
import { attempt, ok, type Result } from './result';
import type { LedgerState } from './state';
import type { BankFilter, BankQuery, BankRow, BankSort, BankTotals, Page, TxnFilter, TxnQuery, TxnRow, TxnSort, TxnTotals } from './types';

/** The tables' view of one reconciliation: every transaction with its status and batch, every line with its link. */
export interface QueryIndex {
  readonly txns: StoredTxn[];
  readonly status: Uint8Array;
  readonly expectedOn: (string | null)[];
  readonly bankLineIds: (readonly string[])[];
  readonly batchOf: (string | null)[];
  readonly lines: StoredBankLine[];
  readonly lineAcquirer: (string | null)[];
  readonly linkOfLine: Map<string, Link>;
  readonly linkOfBatch: Map<string, Link>;
  readonly batchById: Map<string, Batch>;
  readonly txnsOfBatch: Map<string, number[]>;
  /** Filter results and sorted orders, by query. */
  readonly cache: Map<string, unknown>;
}

const NO_STATUS = 255;

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

/** The index over the store's latest reconciliation, built on first use after each recompute. */
export function queryIndex(store: LedgerState): QueryIndex {
  if (store.index) return store.index;
  const recon = store.recon;
  // The rows the reconciliation read, each with its index in it: status, expected date, bank lines and batch
  // come from the engine by index (no per-row key, no second reading of the batch rule).
  const rows = recon ? store.derived.rows : store.txns;
  const reconIndex = recon ? store.derived.reconIndexes() : null;
  const order = Array.from(rows.keys()).sort((x, y) => {
    const a = rows[x]!,
      b = rows[y]!;
    return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  const txns = order.map(k => rows[k]!);
  const status = new Uint8Array(txns.length).fill(NO_STATUS);
  const expectedOn: (string | null)[] = new Array<string | null>(txns.length).fill(null);
  const bankLineIds: (readonly string[])[] = new Array<readonly string[]>(txns.length).fill([]);
  const batchOf: (string | null)[] = new Array<string | null>(txns.length).fill(null);
  const batchById = new Map((recon?.batches ?? []).map(b => [b.id, b]));
  const txnsOfBatch = new Map<string, number[]>();
  for (let i = 0; i < txns.length; i++) {
    const g = reconIndex?.[order[i]!] ?? -1;
    if (g < 0 || !recon) continue;
    const r = recon.transactionAt(g);
    status[i] = STATUSES.indexOf(r.status);
    expectedOn[i] = r.expectedOn;
    bankLineIds[i] = r.bankLineIds;
    const bi = recon.batchIndexOf(g);
    if (bi < 0) continue;
    const batch = recon.batches[bi]!.id;
    batchOf[i] = batch;
    const list = txnsOfBatch.get(batch);
    if (list) list.push(i);
    else txnsOfBatch.set(batch, [i]);
  }
  const lines = [...store.bankLines].sort((a, b) => (a.bookedOn < b.bookedOn ? -1 : a.bookedOn > b.bookedOn ? 1 : a.id < b.id ? -1 : 1));
  const linkOfLine = new Map<string, Link>();
  const linkOfBatch = new Map<string, Link>();
  for (const l of recon?.links ?? []) {
    linkOfLine.set(l.bankLineId, l);
    for (const b of l.batchIds) linkOfBatch.set(b, l);
  }
  store.index = {
    txns,
    status,
    expectedOn,
    bankLineIds,
    batchOf,
    lines,
    lineAcquirer: lines.map(l => lineAcquirer(l, store.config)),
    linkOfLine,
    linkOfBatch,
    batchById,
    txnsOfBatch,
    cache: new Map(),
  };
  return store.index;
}

/** One transaction as the tables show it. */
export function txnRow(ix: QueryIndex, i: number): TxnRow {
  const t = ix.txns[i]!;
  const s = ix.status[i]!;
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
    status: s === NO_STATUS ? null : STATUSES[s]!,
    expectedOn: ix.expectedOn[i] ?? null,
    bankLineIds: ix.bankLineIds[i] ?? [],
    batchId: ix.batchOf[i] ?? null,
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
  // Keys read once, by position: the comparator runs n·log n times and must not look anything up.
  const keys = Array.from(hits, key);
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
      return i => ix.txns[i]!.id;
    case 'status':
      return i => ix.status[i]!;
    case 'net':
      return i => ix.txns[i]!.netMinor;
    case 'gross':
      return i => ix.txns[i]!.grossMinor;
    case 'fee':
      return i => ix.txns[i]!.feeMinor;
    case 'kind':
      return i => ix.txns[i]!.kind;
    case 'terminal':
      return i => ix.txns[i]!.terminal ?? '';
    case 'card':
      return i => ix.txns[i]!.card ?? '';
    case 'expectedOn':
      return i => ix.expectedOn[i] ?? '';
  }
}

/** The transactions matching the filters with their totals, and their positions in the order asked (both cached per filter). */
function txnView(ix: QueryIndex, q: TxnFilter): { found: Found<TxnTotals>; order: Int32Array } {
  const search = (q.search ?? '').trim().toLowerCase();
  const statusIdx = q.status ? STATUSES.indexOf(q.status) : -1;
  const from = q.from || '';
  const to = q.to || '';
  const key = `t\u0000${search}\u0000${statusIdx}\u0000${q.acquirer ?? ''}\u0000${from}\u0000${to}`;
  const found = remember(ix.cache, key, (): Found<TxnTotals> => {
    const match = txnMatcher(search);
    const hits: number[] = [];
    const sums = new Map<string, { currency: string; rows: number; grossMinor: number; feeMinor: number; netMinor: number }>();
    for (let i = 0; i < ix.txns.length; i++) {
      if (statusIdx >= 0 && ix.status[i] !== statusIdx) continue;
      const t = ix.txns[i]!;
      if (q.acquirer && t.acquirer !== q.acquirer) continue;
      // `at` is the local date and time as printed: its first ten characters are the day.
      if ((from && t.at.slice(0, 10) < from) || (to && t.at.slice(0, 10) > to)) continue;
      if (match && !match(t)) continue;
      hits.push(i);
      let sum = sums.get(t.currency);
      if (!sum) sums.set(t.currency, (sum = { currency: t.currency, rows: 0, grossMinor: 0, feeMinor: 0, netMinor: 0 }));
      sum.rows++;
      sum.grossMinor += t.grossMinor;
      sum.feeMinor += t.feeMinor;
      sum.netMinor += t.netMinor;
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
  await store.init();
  const ix = queryIndex(store);
  const { found, order } = txnView(ix, q);
  return page(found, order, q, i => txnRow(ix, i), store.revision);
}

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
