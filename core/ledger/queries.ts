// Queries: pages of transactions and bank lines for the tables, over an index built once per
// reconciliation, with each transaction's status, expected credit date, bank lines and batch.
import type { AcquirerProfile, Config } from '../config/types';
import type { StoredBankLine, StoredTxn } from '../db/schema';
import { parseAmount } from '../model/money';
import type { BankLine } from '../model/types';
import { localParts, tradeDate } from '../model/zone';
import { batchKey } from '../reconcile/expect';
import { STATUSES, type Batch, type Link, type Reconciliation } from '../reconcile/types';
import { attempt, ok, type Result } from './result';
import type { LedgerState } from './state';
import type { BankFilter, BankQuery, BankRow, Page, TxnFilter, TxnQuery, TxnRow } from './types';

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
  readonly cache: Map<string, Int32Array>;
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
  const profiles = new Map(store.config?.acquirers.map(a => [a.id, a]) ?? []);
  const txns = [...store.txns].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const reportOf = new Map<string, Reconciliation['report']['transactions'][number]>();
  for (const r of recon?.report.transactions ?? []) reportOf.set(`${r.acquirer}\u0000${r.id}`, r);
  const status = new Uint8Array(txns.length).fill(NO_STATUS);
  const expectedOn: (string | null)[] = new Array<string | null>(txns.length);
  const bankLineIds: (readonly string[])[] = new Array<readonly string[]>(txns.length);
  const batchOf: (string | null)[] = new Array<string | null>(txns.length);
  const batchById = new Map((recon?.batches ?? []).map(b => [b.id, b]));
  const txnsOfBatch = new Map<string, number[]>();
  for (let i = 0; i < txns.length; i++) {
    const t = txns[i]!;
    const r = reportOf.get(`${t.acquirer}\u0000${t.id}`);
    if (r) status[i] = STATUSES.indexOf(r.status);
    expectedOn[i] = r?.expectedOn ?? null;
    bankLineIds[i] = r?.bankLineIds ?? [];
    const id = r && r.status !== 'voided' ? batchIdOf(t, r.expectedOn, profiles.get(t.acquirer)) : null;
    const batch = id !== null && batchById.has(id) ? id : null;
    batchOf[i] = batch;
    if (batch !== null) {
      const list = txnsOfBatch.get(batch);
      if (list) list.push(i);
      else txnsOfBatch.set(batch, [i]);
    }
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

/** The index positions of the transactions matching the filters, oldest first (cached per filter). */
export function txnHits(ix: QueryIndex, q: TxnFilter): Int32Array {
  const search = (q.search ?? '').trim().toLowerCase();
  const statusIdx = q.status ? STATUSES.indexOf(q.status) : -1;
  const key = `t\u0000${search}\u0000${statusIdx}\u0000${q.acquirer ?? ''}`;
  let hits = ix.cache.get(key);
  if (!hits) {
    const match = txnMatcher(search);
    const found: number[] = [];
    for (let i = 0; i < ix.txns.length; i++) {
      if (statusIdx >= 0 && ix.status[i] !== statusIdx) continue;
      const t = ix.txns[i]!;
      if (q.acquirer && t.acquirer !== q.acquirer) continue;
      if (match && !match(t)) continue;
      found.push(i);
    }
    hits = Int32Array.from(found);
    if (ix.cache.size > 20) ix.cache.clear();
    ix.cache.set(key, hits);
  }
  return hits;
}

/** A page of transactions matching the filters, oldest first. */
async function queryTxns(store: LedgerState, q: TxnQuery): Promise<Page<TxnRow>> {
  await store.init();
  const ix = queryIndex(store);
  const hits = txnHits(ix, q);
  const rows: TxnRow[] = [];
  const end = Math.min(hits.length, q.offset + q.limit);
  for (let k = Math.max(0, q.offset); k < end; k++) rows.push(txnRow(ix, hits[k]!));
  return { total: hits.length, offset: q.offset, rows, revision: store.revision };
}

/** The index positions of the bank lines matching the filters, oldest first (cached per filter). */
export function bankHits(ix: QueryIndex, q: BankFilter): Int32Array {
  const search = (q.search ?? '').trim().toLowerCase();
  const linked = q.linked ?? 'all';
  const key = `b\u0000${search}\u0000${linked}`;
  let hits = ix.cache.get(key);
  if (!hits) {
    const amount = search ? parseAmount(search) : null;
    const minor = amount?.ok ? Math.abs(amount.minor) : null;
    const found: number[] = [];
    for (let i = 0; i < ix.lines.length; i++) {
      const l = ix.lines[i]!;
      const isLinked = ix.linkOfLine.has(l.id);
      if ((linked === 'linked' && !isLinked) || (linked === 'unlinked' && isLinked)) continue;
      const named =
        l.id.toLowerCase().includes(search) ||
        l.counterparty.toLowerCase().includes(search) ||
        l.description.toLowerCase().includes(search) ||
        (minor !== null && Math.abs(l.amountMinor) === minor);
      if (search && !named) continue;
      found.push(i);
    }
    hits = Int32Array.from(found);
    ix.cache.set(key, hits);
  }
  return hits;
}

/** A page of bank lines matching the filters, oldest first. */
async function queryBankLines(store: LedgerState, q: BankQuery): Promise<Page<BankRow>> {
  await store.init();
  const ix = queryIndex(store);
  const hits = bankHits(ix, q);
  const rows: BankRow[] = [];
  const end = Math.min(hits.length, q.offset + q.limit);
  for (let k = Math.max(0, q.offset); k < end; k++) {
    const i = hits[k]!;
    rows.push(bankRow(ix, ix.lines[i]!, ix.lineAcquirer[i] ?? null));
  }
  return { total: hits.length, offset: q.offset, rows, revision: store.revision };
}

/** The query handlers. */
export function queryHandlers(store: LedgerState) {
  return {
    queryTxns: (q: TxnQuery): Promise<Result<Page<TxnRow>>> => attempt(async () => ok(await queryTxns(store, q))),
    queryBankLines: (q: BankQuery): Promise<Result<Page<BankRow>>> => attempt(async () => ok(await queryBankLines(store, q))),
  };
}
