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

/** A PWA the merchant paired with: its origin and the SHA-256 of the token it presents (never the token). */
export interface Pairing {
  readonly origin: string;
  readonly tokenHash: string;
  readonly pairedAt: string;
}

/** A PWA asking to pair, waiting for the merchant to compare the code and confirm in the popup. */
export interface PairRequest {
  readonly origin: string;
  readonly tokenHash: string;
  readonly code: string;
  readonly at: string;
}

/** An upload from a PWA being received: its chunks are stored one key each, so a restarted service worker resumes. */
export interface Upload {
  readonly origin: string;
  readonly purpose: 'inventory' | 'replica';
  readonly count: number;
  readonly digest: string;
  /** Which chunks are stored, one character per chunk (`1` held, `0` not): read and written with each chunk. */
  readonly have: string;
  /** Set once the upload was whole and acted on: asked again, the answer is the same (nothing runs twice). */
  readonly outcome: import('../core/bridge/protocol').TransferOutcome | null;
  readonly startedAt: string;
}

/** A transfer the extension offers a PWA for download (its chunks stored one key each). */
export interface Download {
  readonly origin: string;
  readonly count: number;
  readonly chars: number;
  readonly digest: string;
  readonly createdAt: string;
}

/** A transfer in the sweep's list. */
export interface TransferEntry {
  readonly id: string;
  readonly at: string;
  readonly count: number;
}

/** chrome.storage.local keys of the bridge (in storage.ts's sense: every key and its shape in one place). */
interface BridgeLocalShape {
  'bridge.pairings': readonly Pairing[];
  /** Every transfer kept, with when it began and how many chunk keys it may hold, so old ones are swept. */
  'bridge.transfers': readonly TransferEntry[];
  [upload: `bridge.in:${string}`]: Upload;
  [download: `bridge.out:${string}`]: Download;
  [chunk: `bridge.chunk:${string}`]: string;
}

/** chrome.storage.session keys of the bridge: pairing requests end with the browser session. */
interface BridgeSessionShape {
  'bridge.pending': readonly PairRequest[];
}

export type BridgeLocalKey = keyof BridgeLocalShape;

/** The bridge's keys. */
export const BRIDGE = {
  pairings: 'bridge.pairings',
  transfers: 'bridge.transfers',
  pending: 'bridge.pending',
  upload: (id: string): `bridge.in:${string}` => `bridge.in:${id}`,
  download: (id: string): `bridge.out:${string}` => `bridge.out:${id}`,
  chunk: (id: string, index: number): `bridge.chunk:${string}` => `bridge.chunk:${id}:${index}`,
} as const;

const isPairing = (v: unknown): v is Pairing => isRecord(v) && isString(v.origin) && isString(v.tokenHash) && isString(v.pairedAt);
const isPairRequest = (v: unknown): v is PairRequest =>
  isRecord(v) && isString(v.origin) && isString(v.tokenHash) && isString(v.code) && isString(v.at);
const isUpload = (v: unknown): v is Upload =>
  isRecord(v) &&
  isString(v.origin) &&
  (v.purpose === 'inventory' || v.purpose === 'replica') &&
  isCount(v.count) &&
  isString(v.digest) &&
  isString(v.have) &&
  v.have.length === v.count &&
  (v.outcome === null || isRecord(v.outcome)) &&
  isString(v.startedAt);
const isDownload = (v: unknown): v is Download =>
  isRecord(v) && isString(v.origin) && isCount(v.count) && isCount(v.chars) && isString(v.digest) && isString(v.createdAt);

const BRIDGE_CHECKS: readonly [prefix: string, check: (v: unknown) => boolean][] = [
  ['bridge.pairings', v => Array.isArray(v) && v.every(isPairing)],
  ['bridge.transfers', v => Array.isArray(v) && v.every(t => isRecord(t) && isString(t.id) && isString(t.at) && isCount(t.count))],
  ['bridge.in:', isUpload],
  ['bridge.out:', isDownload],
  ['bridge.chunk:', isString],
];

/** A bridge value in chrome.storage.local, or undefined when it is not set or not of its shape. */
export async function getBridgeLocal<K extends BridgeLocalKey>(key: K): Promise<BridgeLocalShape[K] | undefined> {
  const value = (await chrome.storage.local.get(key))[key];
  const check = BRIDGE_CHECKS.find(([prefix]) => key.startsWith(prefix))?.[1];
  return check?.(value) ? (value as BridgeLocalShape[K]) : undefined;
}

/** A bridge key with its value, for {@link setBridgeLocal}. */
export type BridgeEntry = readonly [key: string, value: unknown] & { readonly __bridgeEntry: true };

/** A key and its value, checked against the key's shape. */
export const entry = <K extends BridgeLocalKey>(key: K, value: BridgeLocalShape[K]): BridgeEntry => [key, value] as unknown as BridgeEntry;

/** Writes several bridge values at once (a chunk and the upload's record of it in one write). */
export function setBridgeLocal(...entries: readonly BridgeEntry[]): Promise<void> {
  return chrome.storage.local.set(Object.fromEntries(entries));
}

export function removeBridgeLocal(keys: readonly BridgeLocalKey[]): Promise<void> {
  return chrome.storage.local.remove([...keys]);
}

/** The pairing requests waiting for the merchant. */
export async function getPending(): Promise<readonly PairRequest[]> {
  const value = (await chrome.storage.session.get(BRIDGE.pending))[BRIDGE.pending];
  return Array.isArray(value) && value.every(isPairRequest) ? value : [];
}

export function setPending(requests: BridgeSessionShape['bridge.pending']): Promise<void> {
  return chrome.storage.session.set({ [BRIDGE.pending]: requests });
}
