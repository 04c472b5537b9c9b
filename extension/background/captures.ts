// Captures: rows a content script read off a portal page go to the worker (the same import as a file),
// the answer sets the badge in the same round trip, and each tab remembers the rows it captured.
// Content scripts are the least trusted senders: what they send is checked, and they hear only about
// their own tab.
import { STATUSES, type TxnStatus } from '../../core/reconcile/types';
import { captureProblem, type CapturedRowStatus, type Handlers, type TabSummary } from '../messages';
import { portalForUrl } from '../portals';
import { getSession, removeSession, SESSION, setSession, type TabCapture } from '../storage';
import { showBadge } from './badge';
import { currentToday } from './clock';
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

/** Tier 1, content scripts: their captures and the statuses of their own tab's rows. */
export const fromContentScripts: Handlers<'background', 'content'> = {
  async 'capture.rows'(table, sender) {
    const problem = captureProblem(table);
    if (problem) throw new Error(`malformed capture: ${problem}`);
    const tabId = sender.tab!.id!;
    // The portal and page come from the browser-stamped URL: a page cannot pass itself off as another portal.
    const url = sender.url!;
    const portal = portalForUrl(url);
    const page = pageOf(url);
    const stored = await toOffscreen('offscreen.storeCapture', {
      // Only the checked fields travel on; anything else the sender added is dropped.
      table: { headers: table.headers, rows: table.rows, firstLine: table.firstLine, portal: portal?.id ?? new URL(url).hostname, page },
      currency: portal?.currency ?? defaultCurrency(),
      today: await currentToday(),
    });
    const top = (sender.frameId ?? 0) === 0;
    const previous = await tabCapture(tabId);
    const keep = previous && (!top || previous.page === page) ? previous.keys : [];
    const seen = new Set(keep.map(k => `${k[0]}\u0000${k[1]}`));
    const keys = [...keep];
    for (const k of stored.keys) {
      if (seen.has(`${k[0]}\u0000${k[1]}`)) continue;
      seen.add(`${k[0]}\u0000${k[1]}`);
      keys.push(k);
    }
    const capture: TabCapture = { portal: portal?.id ?? new URL(url).hostname, page: top || !previous ? page : previous.page, keys };
    await setSession(SESSION.tab(tabId), capture);
    // The overview came back with the rows: the badge (and an open popup) update without asking again.
    await showBadge(stored.overview);
    return { ...stored.outcome, capturedHere: keys.length };
  },

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
  };
}

/** Forgets a tab's captures when it closes. */
export function forgetClosedTabs(): void {
  chrome.tabs.onRemoved.addListener(tabId => void removeSession(SESSION.tab(tabId)));
}
