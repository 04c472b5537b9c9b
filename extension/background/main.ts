// The MV3 service worker. It only routes messages, keeps the badge and schedules alarms: parsing and
// matching run in the worker the offscreen document hosts (a service worker cannot start a Worker).
// Trust tiers, as uBlock's background does it: every message's allowed senders are fixed in
// messages.ts and checked from the browser-stamped sender before anything runs; what a content
// script may ask is answered only about its own tab; what needs the worker waits for the offscreen
// document; badge.get and popup.portals answer without it.
import { STATUSES, type TxnStatus } from '../../core/reconcile/types';
import { captureProblem, handleMessages, request, type BadgeState, type Handlers, type CapturedRowStatus, type MessageName, type RequestOf, type ResponseOf, type TabSummary } from '../messages';
import { hostOrigins, portalForUrl, PORTALS, scriptId, type Portal } from '../portals';
import { badgeFor, newCritical } from './badge';
import { effectiveToday, TODAY_OVERRIDE_KEY, untilNextDay } from './clock';

const OFFSCREEN_PATH = 'offscreen.html';
const CONTENT_SCRIPT = 'content.js';
const HOURLY = 'settlewatch.hourly';
const MIDNIGHT = 'settlewatch.midnight';
/** Opt-in for notifications of new critical alerts (set by the popup). */
const NOTIFY_KEY = 'settlewatch.notify';
const NOTIFIED_KEY = 'settlewatch.notified';
const BADGE_KEY = 'badge';

/** What a tab has captured: its top page and the ledger keys of the rows seen there. */
interface TabCapture {
  readonly portal: string;
  readonly page: string;
  readonly keys: readonly (readonly [string, string])[];
}

// ───────────────────────────── offscreen document ─────────────────────────────

let creating: Promise<void> | null = null;

async function ensureOffscreen(): Promise<void> {
  const url = chrome.runtime.getURL(OFFSCREEN_PATH);
  const open = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
  if (open.length > 0) return;
  creating ??= chrome.offscreen.createDocument({
    url: OFFSCREEN_PATH, reasons: ['WORKERS'],
    justification: 'Runs the Settlewatch worker that stores captured rows and matches them against bank statements.',
  }).finally(() => { creating = null; });
  await creating;
}

/** Asks the offscreen document, starting it when needed (it may still be loading its script). */
async function toOffscreen<N extends MessageName>(name: N, body: RequestOf<N>): Promise<ResponseOf<N>> {
  await ensureOffscreen();
  let last: unknown = null;
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      return await request(name, body);
    } catch (err) {
      last = err;
      if (!/Receiving end does not exist|no answer/i.test(String(err))) throw err;
      await new Promise(ok => setTimeout(ok, 100));
    }
  }
  throw last instanceof Error ? last : new Error(String(last));
}

// ───────────────────────────── clock and badge ─────────────────────────────

async function today(): Promise<string> {
  const stored = await chrome.storage.local.get(TODAY_OVERRIDE_KEY);
  return effectiveToday(stored[TODAY_OVERRIDE_KEY]);
}

let queue: Promise<unknown> = Promise.resolve();

/** Recomputes the badge; runs one at a time, in order, so the last one sees the latest data. */
function refreshBadge(): Promise<BadgeState> {
  const run = queue.then(computeBadge, computeBadge);
  queue = run.catch(() => undefined);
  return run;
}

async function computeBadge(): Promise<BadgeState> {
  const date = await today();
  const overview = await toOffscreen('offscreen.overview', { today: date });
  const { text, color } = badgeFor(overview.openBySeverity);
  await chrome.action.setBadgeText({ text });
  await chrome.action.setBadgeBackgroundColor({ color });
  await chrome.action.setBadgeTextColor({ color: '#ffffff' });
  const count = overview.openBySeverity.warning + overview.openBySeverity.critical;
  await chrome.action.setTitle({ title: count > 0 ? `Settlewatch — ${count} open alert${count === 1 ? '' : 's'} / ${count} 条待处理提醒` : 'Settlewatch' });
  const state: BadgeState = { text, color, today: date };
  await chrome.storage.session.set({ [BADGE_KEY]: state });
  await notifyCritical(overview.criticalAlertIds, overview.openBySeverity.critical);
  return state;
}

async function notifyCritical(criticalIds: readonly string[], critical: number): Promise<void> {
  const stored = await chrome.storage.local.get([NOTIFY_KEY, NOTIFIED_KEY]);
  if (stored[NOTIFY_KEY] !== true) return;
  if (!(await chrome.permissions.contains({ permissions: ['notifications'] }))) return;
  const notified = Array.isArray(stored[NOTIFIED_KEY]) ? (stored[NOTIFIED_KEY] as string[]) : null;
  // Turning notifications on does not replay alerts the merchant already sees on the badge.
  const fresh = notified === null ? [] : newCritical(criticalIds, notified);
  for (const id of fresh.slice(0, 3)) {
    await chrome.notifications.create(`settlewatch-${id}`, {
      type: 'basic', iconUrl: 'icons/icon-128.png', priority: 2,
      title: 'Settlewatch: 结算款未到账 / settlement missing',
      message: critical === 1 ? '1 笔结算款逾期未到账。 One settlement credit is missing.' : `${critical} 条严重提醒。 ${critical} critical alerts are open.`,
    });
  }
  await chrome.storage.local.set({ [NOTIFIED_KEY]: [...new Set([...(notified ?? []), ...criticalIds])].slice(-1000) });
}

async function scheduleAlarms(): Promise<void> {
  // Hourly, and just after midnight: a batch becomes overdue when its date passes, with no new data.
  if (!(await chrome.alarms.get(HOURLY))) await chrome.alarms.create(HOURLY, { periodInMinutes: 60 });
  await chrome.alarms.create(MIDNIGHT, { when: Date.now() + untilNextDay() });
}

// ───────────────────────────── tabs and captures ─────────────────────────────

const tabKey = (tabId: number) => `tab:${tabId}`;

async function tabCapture(tabId: number): Promise<TabCapture | null> {
  const stored = await chrome.storage.session.get(tabKey(tabId));
  return (stored[tabKey(tabId)] as TabCapture | undefined) ?? null;
}

function pageOf(url: string): string {
  const u = new URL(url);
  return u.origin + u.pathname;
}

function defaultCurrency(): string {
  return chrome.i18n.getUILanguage().toLowerCase().startsWith('zh') ? 'CNY' : 'USD';
}

async function statusesFor(keys: readonly (readonly [string, string])[]): Promise<{ rows: readonly CapturedRowStatus[]; asOf: string | null; error: string | null }> {
  if (keys.length === 0) return { rows: [], asOf: null, error: null };
  return toOffscreen('offscreen.statuses', { today: await today(), keys });
}

async function registerPortal(portal: Portal): Promise<void> {
  const id = scriptId(portal);
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length > 0) await chrome.scripting.unregisterContentScripts({ ids: [id] });
  await chrome.scripting.registerContentScripts([{
    id, matches: [...portal.matches], js: [CONTENT_SCRIPT], allFrames: true, runAt: 'document_idle', persistAcrossSessions: true,
  }]);
}

async function portalStates(): Promise<{ id: string; name: string; enabled: boolean }[]> {
  const registered = new Set((await chrome.scripting.getRegisteredContentScripts()).map(s => s.id));
  const lang = chrome.i18n.getUILanguage().toLowerCase().startsWith('zh') ? 'zh' : 'en';
  return Promise.all(PORTALS.map(async p => ({
    id: p.id, name: p.name[lang],
    enabled: registered.has(scriptId(p)) && await chrome.permissions.contains({ origins: hostOrigins(p) }),
  })));
}

/** Tier 1, content scripts (the least trusted): what they send is checked, and they hear only about their own tab. */
const fromContentScripts: Handlers<'background', 'content'> = {
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
      today: await today(),
    });
    const top = (sender.frameId ?? 0) === 0;
    const previous = await tabCapture(tabId);
    const keep = previous && (!top || previous.page === page) ? previous.keys : [];
    const seen = new Set(keep.map(k => `${k[0]}\u0000${k[1]}`));
    const keys = [...keep];
    for (const k of stored.keys) if (!seen.has(`${k[0]}\u0000${k[1]}`)) { seen.add(`${k[0]}\u0000${k[1]}`); keys.push(k); }
    const capture: TabCapture = { portal: portal?.id ?? new URL(url).hostname, page: top || !previous ? page : previous.page, keys };
    await chrome.storage.session.set({ [tabKey(tabId)]: capture });
    // New rows reach the badge through the offscreen document's watch on the ledger (ledger.changed).
    return { ...stored.outcome, capturedHere: keys.length };
  },

  async 'capture.statuses'(_request, sender) {
    // Only this tab's rows: a content script never learns about other pages or the rest of the ledger.
    const capture = await tabCapture(sender.tab!.id!);
    const { rows } = await statusesFor(capture?.keys ?? []);
    return { statuses: Object.fromEntries(rows.map(r => [r.id, r.status])) };
  },
};

/**
 * Tier 2, the extension's own pages (popup, ledger page; the offscreen document for ledger.changed).
 * badge.get and popup.portals answer without the worker; the others start it when it is not running.
 */
const fromExtensionPages: Handlers<'background', 'page'> = {
  async 'popup.tabSummary'({ tabId, url }) {
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
    const summary: TabSummary = {
      portal: capture?.portal ?? null, page: capture?.page ?? null, captured: capture?.keys.length ?? 0,
      statusCounts: counts, unreconciled, rows, asOf, error,
    };
    return summary;
  },

  async 'popup.overview'() {
    return toOffscreen('offscreen.overview', { today: await today() });
  },

  async 'popup.captureTab'({ tabId }) {
    try {
      await chrome.scripting.executeScript({ target: { tabId, allFrames: true }, files: [CONTENT_SCRIPT] });
    } catch {
      // A frame from another origin is outside the activeTab grant: capture the page itself.
      await chrome.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT] });
    }
    return { injected: true };
  },

  'popup.portals': () => portalStates(),

  async 'popup.setPortal'({ portal: id, enabled }) {
    const portal = PORTALS.find(p => p.id === id);
    if (!portal) throw new Error(`no portal ${id}`);
    if (enabled) {
      // The popup asked the merchant (chrome.permissions.request needs their click); we only act on a real grant.
      if (!(await chrome.permissions.contains({ origins: hostOrigins(portal) }))) throw new Error('host permission not granted');
      await registerPortal(portal);
    } else {
      const id = scriptId(portal);
      if ((await chrome.scripting.getRegisteredContentScripts({ ids: [id] })).length > 0) await chrome.scripting.unregisterContentScripts({ ids: [id] });
      await chrome.permissions.remove({ origins: hostOrigins(portal) }).catch(() => false);
    }
    return portalStates();
  },

  'ledger.changed': () => refreshBadge(),

  async 'badge.get'() {
    const stored = (await chrome.storage.session.get(BADGE_KEY))[BADGE_KEY] as BadgeState | undefined;
    return stored ?? refreshBadge();
  },
};

handleMessages('background', { ...fromContentScripts, ...fromExtensionPages });

chrome.runtime.onInstalled.addListener(() => { void scheduleAlarms().then(refreshBadge); });
chrome.runtime.onStartup.addListener(() => { void scheduleAlarms().then(refreshBadge); });
chrome.alarms.onAlarm.addListener(alarm => {
  if (alarm.name === MIDNIGHT) void scheduleAlarms();
  if (alarm.name === HOURLY || alarm.name === MIDNIGHT) void refreshBadge();
});
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && TODAY_OVERRIDE_KEY in changes) void refreshBadge();
});
chrome.tabs.onRemoved.addListener(tabId => { void chrome.storage.session.remove(tabKey(tabId)); });
chrome.permissions.onRemoved.addListener(removed => {
  // The merchant took a portal's host back (chrome://extensions): stop injecting there.
  for (const portal of PORTALS) {
    if (hostOrigins(portal).some(o => removed.origins?.includes(o))) {
      void chrome.scripting.unregisterContentScripts({ ids: [scriptId(portal)] }).catch(() => undefined);
    }
  }
});
