// Captures: rows a content script read off a portal page go to the worker (the same import as a file),
// the answer sets the badge in the same round trip, and each tab remembers the rows it captured.
// Content scripts are the least trusted senders: what they send is checked, and they hear only about
// their own tab.
import { STATUSES, type TxnStatus } from '../../core/reconcile/types';
import type { CaptureCounts } from '../../core/ledger/types';
import {
  captureProblem,
  type CapturedRowStatus,
  type CapturedTable,
  type CaptureOutcome,
  type Handlers,
  type TabSummary,
} from '../messages';
import { getSession, removeSession, SESSION, setSession, type TabCapture } from '../storage';
import { attributeCapture } from './attribution';
import { showBadge } from './badge';
import { currentToday } from './clock';
import { admitRows } from './limits';
import { toOffscreen } from './offscreen';

function pageOf(url: string): string {
  const u = new URL(url);
  return u.origin + u.pathname;
}

function defaultCurrency(): string {
  return chrome.i18n.getUILanguage().toLowerCase().startsWith('zh') ? 'CNY' : 'USD';
}

async function tabCapture(tabId: number): Promise<TabCapture | null> {
  return (await getSession(SESSION.tab(tabId))) ?? null;
}

async function statusesFor(
  keys: readonly (readonly [string, string])[],
): Promise<{ rows: readonly CapturedRowStatus[]; asOf: string | null; error: string | null }> {
  if (keys.length === 0) return { rows: [], asOf: null, error: null };
  return toOffscreen('offscreen.statuses', { today: await currentToday(), keys });
}

/** Runs captures one at a time: the volume counters are read and written without a race. */
let queue: Promise<unknown> = Promise.resolve();
function serially<T>(run: () => Promise<T>): Promise<T> {
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}

const noticeListeners = new Set<() => void>();

/** Calls back when a capture was refused or failed (nothing stored, so no new badge tells an open popup). */
export function onCaptureNotice(listener: () => void): void {
  noticeListeners.add(listener);
}

/** Remembers the latest refusal, conflict or storage problem of a tab's captures, for its popup (best effort). */
async function noteForTab(tabId: number, page: string, notice: string): Promise<void> {
  const previous = await tabCapture(tabId);
  await setSession(SESSION.tab(tabId), {
    portal: previous?.portal ?? new URL(page).hostname,
    page: previous?.page ?? page,
    keys: previous?.keys ?? [],
    notice,
  });
  for (const listener of noticeListeners) listener();
}

/** Counts `rows` more rows of a tab and a site against the volume limits; throws the refusal past one. */
async function countRows(tabId: number, site: string, rows: number): Promise<void> {
  const [tab, day] = await Promise.all([getSession(SESSION.tabRate(tabId)), getSession(SESSION.siteRate(site))]);
  const admitted = admitRows(rows, tab, day, site, Date.now(), await currentToday());
  if (!admitted.ok) throw new Error(admitted.message);
  await chrome.storage.session.set({ [SESSION.tabRate(tabId)]: admitted.tab, [SESSION.siteRate(site)]: admitted.site });
}

/** What a stored capture's reply says went wrong, if anything (conflicts with exports, a failed write). */
function noticeOf(outcome: CaptureCounts): string | null {
  const parts: string[] = [];
  if (outcome.storageError) parts.push(outcome.storageError);
  if (outcome.conflicts > 0)
    parts.push(`${outcome.conflicts} captured rows differ from an imported export, which is kept (${outcome.firstConflict})`);
  return parts.length > 0 ? parts.join('; ') : null;
}

async function storeRows(table: CapturedTable, sender: chrome.runtime.MessageSender): Promise<CaptureOutcome> {
  const problem = captureProblem(table);
  if (problem) throw new Error(`malformed capture: ${problem}`);
  const tabId = sender.tab!.id!;
  // Whom the rows belong to, the portal and the page come from the browser-stamped sender: a page cannot
  // pass itself off as another portal, and what it prints (a merchant number) attributes nothing.
  const url = sender.url!;
  const page = pageOf(url);
  const attributed = attributeCapture({ url, origin: sender.origin }, await getSession(SESSION.pick(tabId)));
  try {
    if (!attributed.ok) throw new Error(attributed.message);
    await countRows(tabId, attributed.site, table.rows.length);
  } catch (err) {
    await noteForTab(tabId, page, err instanceof Error ? err.message : String(err)).catch(() => undefined);
    throw err;
  }
  const label = attributed.owner.by === 'portal' ? attributed.owner.portal : new URL(url).hostname;
  const stored = await toOffscreen('offscreen.storeCapture', {
    // Only the checked fields travel on; anything else the sender added is dropped.
    table: { headers: table.headers, rows: table.rows, firstLine: table.firstLine, portal: label, page },
    owner: attributed.owner,
    currency: attributed.currency ?? defaultCurrency(),
    today: await currentToday(),
  }).catch(async (err: unknown) => {
    await noteForTab(tabId, page, err instanceof Error ? err.message : String(err)).catch(() => undefined);
    throw err;
  });
  const top = (sender.frameId ?? 0) === 0;
  const previous = await tabCapture(tabId);
  const keep = previous && (!top || previous.page === page) ? previous.keys : [];
  const seen = new Set(keep.map(k => `${k[0]}\u0000${k[1]}`));
  const keys = [...keep];
  // Only rows the ledger holds for this capture's acquirer are this tab's: none when the write failed.
  if (stored.outcome.notStored === 0) {
    for (const k of stored.keys) {
      if (seen.has(`${k[0]}\u0000${k[1]}`)) continue;
      seen.add(`${k[0]}\u0000${k[1]}`);
      keys.push(k);
    }
  }
  let outcome: CaptureCounts = stored.outcome;
  const capture: TabCapture = { portal: label, page: top || !previous ? page : previous.page, keys, notice: noticeOf(outcome) };
  try {
    await setSession(SESSION.tab(tabId), capture);
  } catch (err) {
    // The rows are in the ledger whatever happens here: say so, and what was not kept.
    const why = `this tab's list of captured rows could not be saved (${err instanceof Error ? err.message : String(err)})`;
    outcome = { ...outcome, storageError: outcome.storageError ? `${outcome.storageError}; ${why}` : why };
  }
  // The overview came back with the rows: the badge (and an open popup) update without asking again.
  await showBadge(stored.overview).catch(() => undefined);
  return { ...outcome, capturedHere: keys.length };
}

/** Tier 1, content scripts: their captures and the statuses of their own tab's rows. */
export const fromContentScripts: Handlers<'background', 'content'> = {
  'capture.rows': (table, sender) => serially(() => storeRows(table, sender)),

  async 'capture.statuses'(_request, sender) {
    // Only this tab's rows: a content script never learns about other pages or the rest of the ledger.
    const capture = await tabCapture(sender.tab!.id!);
    const { rows } = await statusesFor(capture?.keys ?? []);
    return { statuses: Object.fromEntries(rows.map(r => [r.id, r.status])) };
  },
};

/** What the popup shows for the tab it was opened on. */
export async function tabSummary(tabId: number, url: string | null | undefined): Promise<TabSummary> {
  // The tab may have left the site it captured on (the popup knows its URL under activeTab): then
  // nothing was captured "here".
  const stored = await tabCapture(tabId);
  const capture = stored && url && /^https?:/.test(url) && new URL(url).origin !== new URL(stored.page).origin ? null : stored;
  const counts = Object.fromEntries(STATUSES.map(s => [s, 0])) as Record<TxnStatus, number>;
  const { rows, asOf, error } = await statusesFor(capture?.keys ?? []);
  let unreconciled = 0;
  for (const r of rows) {
    if (r.status === 'unreconciled') unreconciled++;
    else counts[r.status]++;
  }
  return {
    portal: capture?.portal ?? null,
    page: capture?.page ?? null,
    captured: capture?.keys.length ?? 0,
    statusCounts: counts,
    unreconciled,
    rows,
    asOf,
    error,
    notice: capture?.notice ?? null,
  };
}

/** Forgets a tab's captures, pick and counts when it closes. */
export function forgetClosedTabs(): void {
  chrome.tabs.onRemoved.addListener(tabId => {
    for (const key of [SESSION.tab(tabId), SESSION.pick(tabId), SESSION.tabRate(tabId)]) void removeSession(key);
  });
}
