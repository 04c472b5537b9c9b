// The rules that keep rows captured on a web page from poisoning the ledger (issue 16, part 4): whom
// the rows belong to is decided by where the browser says the page is (or by the merchant's pick), never
// by what the page prints; and a row from an imported export always wins over a captured one.
import type { Config } from '../config/types';
import type { StoredTxn } from '../db/schema';
import { txnChanges } from '../import/identity';
import { PORTAL_TABLE_FORMAT, type PortalTableResult } from '../import/portal-table';
import type { AcquirerTxn, ParseIssue } from '../model/types';
import { assignAcquirer } from '../reconcile/assign';
import { CONFLICT } from './conflicts';
import type { LedgerState } from './state';
import type { CaptureOwner } from './types';

/** The acquirer profile captured rows go to, or why they are refused. */
export type CaptureAssignment = { readonly ok: true; readonly acquirer: string } | { readonly ok: false; readonly message: string };

/**
 * The acquirer profile captured rows belong to. Picked by the merchant: that profile, which must exist.
 * On a known portal: only that portal's profiles are candidates (id `lakala` or `lakala-…` on Lakala's
 * portal, or those using the portal's export format when no other portal shares it: the owner says so
 * by giving one); a merchant number printed on the page may choose among them, never reach a profile of
 * another acquirer. With no candidate (or no config yet), the rows are kept under the portal's own id
 * and shown as not reconciled until the merchant sets the acquirer up.
 */
export function captureAcquirer(result: PortalTableResult, config: Config | null, owner: CaptureOwner): CaptureAssignment {
  if (owner.by === 'pick') {
    if (config?.acquirers.some(a => a.id === owner.acquirer)) return { ok: true, acquirer: owner.acquirer };
    const names = config?.acquirers.map(a => a.id).join(', ') || '(none)';
    return { ok: false, message: `no acquirer profile "${owner.acquirer}" to capture this page for (profiles: ${names})` };
  }
  const { portal, exportFormat } = owner;
  if (!config) return { ok: true, acquirer: portal };
  const candidates = config.acquirers.filter(
    a => a.id === portal || a.id.startsWith(`${portal}-`) || (exportFormat !== null && a.format === exportFormat),
  );
  if (candidates.length === 0) return { ok: true, acquirer: portal };
  if (candidates.length === 1) return { ok: true, acquirer: candidates[0]!.id };
  const printed = result.merchantIds.length > 0 || result.acquirerTxns.some(t => t.merchantId);
  if (printed) {
    const byMerchant = assignAcquirer(result, { ...config, acquirers: candidates });
    if (byMerchant.ok) return byMerchant;
  }
  return { ok: true, acquirer: candidates.find(a => a.id === portal)?.id ?? portal };
}

/** Hashes of the files that hold captured rows (the rest are imported exports). */
export function captureFiles(store: LedgerState): Set<string> {
  return new Set(store.files.filter(f => f.format === PORTAL_TABLE_FORMAT).map(f => f.hash));
}

/** The rows the ledger holds for some ids of one acquirer, by id (the last row of an id held twice; found through its held ids). */
export function heldRows(store: LedgerState, acquirer: string, ids: Iterable<string>): Map<string, StoredTxn> {
  const out = new Map<string, StoredTxn>();
  for (const id of ids) {
    const k = store.heldIds.rowOf(acquirer, id);
    if (k >= 0) out.set(id, store.txns[k]!);
  }
  return out;
}

function shown(t: AcquirerTxn, field: keyof AcquirerTxn): string {
  const v = t[field];
  if (typeof v === 'number' && field.endsWith('Minor')) return `${(v / 100).toFixed(2)} ${t.currency}`;
  return v === null || v === undefined ? '(blank)' : String(v);
}

/**
 * The warning recorded when a captured row and an export's row of the same (acquirer, reference) read
 * differently, on the captured row's line: the export's reading is the one kept, whichever came first.
 */
export function conflictIssue(captured: AcquirerTxn, exported: AcquirerTxn, exportFile: string, changed: readonly string[]): ParseIssue {
  const fields = changed as readonly (keyof AcquirerTxn)[];
  const page = fields.map(f => `${f} ${shown(captured, f)}`).join(', ');
  const file = fields.map(f => `${f} ${shown(exported, f)}`).join(', ');
  return {
    line: captured.line,
    field: changed[0]!,
    severity: 'warning',
    message: `${CONFLICT}transaction ${captured.id} was captured with ${page}, but ${exportFile} line ${exported.line} has ${file}; the export's reading is kept`,
  };
}

/** Whether two local date-times are the same moment as far as both say: a page prints no zone where the export may. */
function sameTime(a: string, b: string): boolean {
  const local = (t: string) => t.slice(0, 19);
  const zoned = (t: string) => t.length > 19;
  return a === b || (local(a) === local(b) && !(zoned(a) && zoned(b)));
}

/**
 * The fields in which a captured row contradicts an export's row of the same reference: only what the
 * page shows counts (a portal list prints fewer columns than the export; a blank there is no conflict,
 * nor is a time the page prints without the zone the export names).
 */
export function captureChanges(captured: AcquirerTxn, exported: AcquirerTxn): string[] {
  return txnChanges(captured, exported).filter(f => {
    const v = captured[f as keyof AcquirerTxn];
    if (f === 'at') return !sameTime(captured.at, exported.at);
    return v !== null && v !== undefined;
  });
}
