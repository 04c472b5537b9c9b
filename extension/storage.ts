// Every chrome.storage key the extension uses, with the shape of its value, in one place: the background
// and the popup read and write through these functions, and what comes back is checked, not cast.
import type { SiteWindow, TabWindow } from './background/limits';
import type { BadgeState } from './messages';

/** What a tab has captured: its top page and the ledger keys of the rows seen there. */
export interface TabCapture {
  readonly portal: string;
  readonly page: string;
  readonly keys: readonly (readonly [string, string])[];
  /** The last refusal, conflict or storage problem of a capture in this tab, for the popup; null when none. */
  readonly notice?: string | null;
}

/** The acquirer the merchant picked in the popup for "Capture this page" on a site that is no known portal, for that site only. */
export interface CapturePick {
  readonly acquirer: string;
  /** The origin the tab showed when the merchant picked (rows from any other origin are not covered). */
  readonly origin: string;
}

/** chrome.storage.local: kept across browser restarts. */
interface LocalShape {
  /** Opt-in for notifications of new critical alerts (set by the popup). */
  'settlewatch.notify': boolean;
  /** Critical alerts already notified (the latest thousand). */
  'settlewatch.notified': readonly string[];
  /** Case follow-ups already notified, as `caseId@date` (the latest thousand): each date once. */
  'settlewatch.notifiedFollowUps': readonly string[];
  /** The language the merchant picked in the popup or the ledger page: the badge title and notifications speak it too. */
  'settlewatch.lang': 'zh' | 'en';
  /**
   * Test-only clock override: a `YYYY-MM-DD` date the extension reconciles at instead of today, so the
   * end-to-end tests move time forward without waiting for it. Only extension pages can write
   * chrome.storage.local (a content script cannot); the shipped extension never writes it.
   */
  'settlewatch.test.today': string;
}

/** chrome.storage.session: gone when the browser closes. */
interface SessionShape {
  /** The badge as the background last set it. */
  badge: BadgeState;
  /** What one tab captured. */
  [tab: `tab:${number}`]: TabCapture;
  /** The merchant's pick of an acquirer for one tab. */
  [pick: `pick:${number}`]: CapturePick;
  /** Rows one tab sent in the current minute. */
  [rate: `rate:tab:${number}`]: TabWindow;
  /** Rows one site sent today. */
  [rate: `rate:site:${string}`]: SiteWindow;
}

export type LocalKey = keyof LocalShape;
export type SessionKey = keyof SessionShape;

/** The local keys by role. */
export const LOCAL = {
  notify: 'settlewatch.notify',
  notified: 'settlewatch.notified',
  notifiedFollowUps: 'settlewatch.notifiedFollowUps',
  lang: 'settlewatch.lang',
  todayOverride: 'settlewatch.test.today',
} as const satisfies Record<string, LocalKey>;

/** The session key of the badge, and of a tab's captures. */
export const SESSION = {
  badge: 'badge',
  tab: (tabId: number): `tab:${number}` => `tab:${tabId}`,
  pick: (tabId: number): `pick:${number}` => `pick:${tabId}`,
  tabRate: (tabId: number): `rate:tab:${number}` => `rate:tab:${tabId}`,
  siteRate: (host: string): `rate:site:${string}` => `rate:site:${host}`,
} as const;

const isString = (v: unknown): v is string => typeof v === 'string';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isKey = (v: unknown): v is readonly [string, string] => Array.isArray(v) && v.length === 2 && v.every(isString);

/** The checks a stored value passes before it is used (another version of the extension may have written it). */
const LOCAL_CHECKS: { readonly [K in LocalKey]: (v: unknown) => v is LocalShape[K] } = {
  'settlewatch.notify': (v): v is boolean => typeof v === 'boolean',
  'settlewatch.notified': (v): v is readonly string[] => Array.isArray(v) && v.every(isString),
  'settlewatch.notifiedFollowUps': (v): v is readonly string[] => Array.isArray(v) && v.every(isString),
  'settlewatch.lang': (v): v is 'zh' | 'en' => v === 'zh' || v === 'en',
  'settlewatch.test.today': isString,
};

function isBadge(v: unknown): v is BadgeState {
  return isRecord(v) && isString(v.text) && isString(v.color) && isString(v.today);
}

function isTabCapture(v: unknown): v is TabCapture {
  return (
    isRecord(v) &&
    isString(v.portal) &&
    isString(v.page) &&
    Array.isArray(v.keys) &&
    v.keys.every(isKey) &&
    (v.notice === undefined || v.notice === null || isString(v.notice))
  );
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** The check of each kind of session key, by the key's prefix. */
const SESSION_CHECKS: readonly [prefix: string, check: (v: unknown) => boolean][] = [
  ['rate:tab:', v => isRecord(v) && isCount(v.start) && isCount(v.rows)],
  ['rate:site:', v => isRecord(v) && isString(v.day) && isCount(v.rows)],
  ['pick:', v => isRecord(v) && isString(v.acquirer) && isString(v.origin)],
  ['tab:', isTabCapture],
  [SESSION.badge, isBadge],
];

function checkSession<K extends SessionKey>(key: K, value: unknown): SessionShape[K] | undefined {
  const check = SESSION_CHECKS.find(([prefix]) => key.startsWith(prefix))?.[1];
  return check?.(value) ? (value as SessionShape[K]) : undefined;
}

/** A local value, or undefined when it is not set or not of its shape. */
export async function getLocal<K extends LocalKey>(key: K): Promise<LocalShape[K] | undefined> {
  const value = (await chrome.storage.local.get(key))[key];
  return LOCAL_CHECKS[key](value) ? value : undefined;
}

export function setLocal<K extends LocalKey>(key: K, value: LocalShape[K]): Promise<void> {
  return chrome.storage.local.set({ [key]: value });
}

export function removeLocal(key: LocalKey): Promise<void> {
  return chrome.storage.local.remove(key);
}

/** A session value, or undefined when it is not set or not of its shape. */
export async function getSession<K extends SessionKey>(key: K): Promise<SessionShape[K] | undefined> {
  return checkSession(key, (await chrome.storage.session.get(key))[key]);
}

export function setSession<K extends SessionKey>(key: K, value: SessionShape[K]): Promise<void> {
  return chrome.storage.session.set({ [key]: value });
}

export function removeSession(key: SessionKey): Promise<void> {
  return chrome.storage.session.remove(key);
}

/** Watches one local key (any context's writes): calls back with its new value, checked. */
export function onLocalChanged<K extends LocalKey>(key: K, callback: (value: LocalShape[K] | undefined) => void): void {
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !(key in changes)) return;
    const value = changes[key]?.newValue;
    callback(LOCAL_CHECKS[key](value) ? value : undefined);
  });
}
