import type { Config } from '../../core/config/types';
import type { LedgerDb } from '../../core/db/db';
import { storeFile } from '../../core/db/repo';
import type { StoredFile, StoredTxn } from '../../core/db/schema';
import { parsePortalTable, type PortalTableResult } from '../../core/import/portal-table';
import { assignAcquirer } from '../../core/reconcile/assign';
import { contentHash } from '../../core/ledger/imports';
import type { CaptureOutcome, CapturedTable } from '../messages';
import { PORTALS } from '../portals';

/**
 * The acquirer profile captured rows belong to: the one whose merchant number the page prints
 * (as for files); else the profile named like the portal; else the one profile using the portal's
 * export format (Lakala and its cn-acquirer file); else the only profile. With none of those, the rows
 * are kept under the portal's own id and shown as not reconciled until the merchant sets it up.
 */
export function captureAcquirer(result: PortalTableResult, config: Config | null, portal: string): string {
  if (!config) return portal;
  if (result.merchantIds.length > 0 || result.acquirerTxns.some(t => t.merchantId)) {
    const byMerchant = assignAcquirer(result, config);
    if (byMerchant.ok) return byMerchant.acquirer;
  }
  if (config.acquirers.some(a => a.id === portal)) return portal;
  const family = PORTALS.find(p => p.id === portal)?.exportFormat;
  const byFormat = family ? config.acquirers.filter(a => a.format === family) : [];
  if (byFormat.length === 1) return byFormat[0]!.id;
  if (config.acquirers.length === 1) return config.acquirers[0]!.id;
  return portal;
}

/** References already in the ledger per acquirer, with the files they were read from (see {@link knownIds}). */
export type KnownIdsCache = Map<string, { readonly files: string; readonly ids: Set<string> }>;

/**
 * The references the ledger holds for an acquirer. Rows live in per-file chunks, so this reads the
 * chunks of that acquirer's files, once: the cache is reused while the set of files is the same.
 */
async function knownIds(db: LedgerDb, acquirer: string, cache: KnownIdsCache): Promise<{ ids: Set<string>; files: string[] }> {
  const files = (await db.files.where('role').equals('acquirer').toArray()).filter(f => f.acquirer === acquirer).map(f => f.hash).sort();
  const signature = files.join(',');
  const hit = cache.get(acquirer);
  if (hit && hit.files === signature) return { ids: hit.ids, files };
  const chunks = files.length > 0 ? await db.rowChunks.where('fileHash').anyOf(files).toArray() : [];
  const ids = new Set<string>();
  for (const chunk of chunks) for (const t of chunk.txns) if (t.acquirer === acquirer) ids.add(t.id);
  cache.set(acquirer, { files: signature, ids });
  return { ids, files };
}

/** What storing a capture did, and the ledger keys of every row read (new or already held). */
export interface StoredCapture {
  readonly keys: readonly (readonly [string, string])[];
  readonly outcome: Omit<CaptureOutcome, 'capturedHere'>;
}

/**
 * Stores rows captured from a portal page as acquirer transactions of a `portal-table` file, in one
 * transaction, leaving out rows the ledger already holds (same acquirer and reference): a row seen on
 * page 1 and again after a filter is stored once. Rows that cannot be read are counted, not stored.
 */
export async function storeCapture(db: LedgerDb, table: CapturedTable, currency: string, now: string, cache: KnownIdsCache = new Map()): Promise<StoredCapture> {
  const config = (await db.config.get('current'))?.config ?? null;
  let result = parsePortalTable({ portal: table.portal, headers: table.headers, rows: table.rows, currency, firstLine: table.firstLine });
  const acquirer = captureAcquirer(result, config, table.portal);
  const profileCurrency = config?.acquirers.find(a => a.id === acquirer)?.currency;
  if (profileCurrency && profileCurrency !== currency) {
    // Cells without a currency mark are in the profile's currency, not the portal's usual one.
    result = parsePortalTable({ portal: table.portal, headers: table.headers, rows: table.rows, currency: profileCurrency, firstLine: table.firstLine });
  }
  const errors = result.issues.filter(i => i.severity === 'error');
  const firstIssue = errors[0] ? `${errors[0].field}: ${errors[0].message}` : null;
  const keys = result.acquirerTxns.map(t => [acquirer, t.id] as const);
  // The file's identity is the rows it was read from (hashed here: IndexedDB commits a transaction that
  // awaits anything else, such as crypto.subtle).
  const identity = JSON.stringify(['portal-table', acquirer, keys.map(k => k[1]).sort()]);
  const hash = await contentHash(new TextEncoder().encode(identity));
  // Checked and stored in one transaction: two tabs capturing the same rows cannot both add them.
  return db.transaction('rw', db.files, db.rowChunks, async () => {
    const known = await knownIds(db, acquirer, cache);
    const fresh: StoredTxn[] = [];
    for (const t of result.acquirerTxns) if (!known.ids.has(t.id)) fresh.push({ ...t, acquirer, fileHash: '' });
    const outcome = { stored: 0, known: result.acquirerTxns.length - fresh.length, skipped: errors.length, firstIssue };
    if (fresh.length === 0) return { keys, outcome };

    const dates = fresh.map(t => t.at.slice(0, 10)).sort();
    const file: StoredFile = {
      hash, name: `${table.portal} ${table.page}`, size: identity.length, role: 'acquirer', format: result.format, acquirer,
      rows: fresh.length, from: dates[0] ?? null, to: dates[dates.length - 1] ?? null, periods: [],
      // Rows left out are kept with the file as warnings: the rest of the page was stored.
      warnings: result.issues.slice(0, 50).map(i => ({ ...i, severity: 'warning' as const })), importedAt: now,
    };
    const txns = fresh.map(t => ({ ...t, fileHash: hash }));
    const stored = await storeFile(db, file, { txns });
    if (stored !== 'stored') return { keys, outcome: { ...outcome, known: outcome.known + txns.length } };
    for (const t of txns) known.ids.add(t.id);
    cache.set(acquirer, { files: [...known.files, hash].sort().join(','), ids: known.ids });
    return { keys, outcome: { ...outcome, stored: txns.length } };
  });
}
