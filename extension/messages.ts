import type { AlertKind, Severity, TxnStatus } from '../core/reconcile/types';
import type { AlertFacts } from '../core/messages/index';
import type { CaseFollowUp, ExpectedCredit } from '../core/db/schema';
import type { CaptureCounts, CapturedTable, CaptureOwner } from '../core/ledger/types';
import type { MergeCounts } from '../core/bridge/protocol';

/** Where a message comes from, as the browser stamps it on the sender (never what the message says). */
export type SenderContext = 'content' | 'page' | 'background' | 'offscreen';

/** The contexts that answer messages (a content script only asks). */
export type Receiver = Exclude<SenderContext, 'content'>;

/** A request and its response, with who may send it and who answers it. */
export interface MessageDefinition<Req, Res, From extends SenderContext = SenderContext, To extends Receiver = Receiver> {
  /** Contexts allowed to send it; anything else is refused before a handler runs. */
  readonly from: readonly From[];
  /** The one context that answers it (others ignore it, so two listeners never race). */
  readonly to: To;
  /** Phantom fields carrying the types; never read at run time. */
  readonly request?: Req;
  readonly response?: Res;
}

/** Defines a message: `define<Request, Response>()(senders, receiver)`, keeping senders and receiver as literal types. */
function define<Req, Res>() {
  return <const From extends SenderContext, const To extends Receiver>(
    from: readonly From[],
    to: To,
  ): MessageDefinition<Req, Res, From, To> => ({ from, to });
}

/** A transaction table as a content script read it off the page (the ledger's own capture shape). */
export type { CapturedTable };

/** Limits on one capture message: a page shows tens or hundreds of rows, never more than this. */
export const CAPTURE_LIMITS = { rows: 5000, columns: 64, cellChars: 1000 } as const;

/**
 * Why a capture message from a content script is malformed, or null when it is a table of text.
 * Content scripts are the least trusted senders (a compromised page renderer can send anything as
 * them), so the shape and size of what they send is checked before it reaches the worker.
 */
export function captureProblem(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return 'not an object';
  const t = body as Record<string, unknown>;
  const texts = (v: unknown, max: number) =>
    Array.isArray(v) && v.length <= max && v.every(c => typeof c === 'string' && c.length <= CAPTURE_LIMITS.cellChars);
  if (!texts(t.headers, CAPTURE_LIMITS.columns)) return 'headers must be at most 64 short texts';
  if (!Array.isArray(t.rows) || t.rows.length > CAPTURE_LIMITS.rows) return `rows must be a list of at most ${CAPTURE_LIMITS.rows}`;
  if (!t.rows.every(r => texts(r, CAPTURE_LIMITS.columns))) return 'each row must be at most 64 short texts';
  if (typeof t.firstLine !== 'number' || !Number.isSafeInteger(t.firstLine) || t.firstLine < 1)
    return 'firstLine must be a positive integer';
  return null;
}

/** What storing captured rows did. */
export interface CaptureOutcome extends CaptureCounts {
  /** Rows captured on this page of this tab so far. */
  readonly capturedHere: number;
}

/** One captured row and its status, for the popup's short list. */
export interface CapturedRowStatus {
  readonly id: string;
  readonly acquirer: string;
  readonly at: string;
  readonly netMinor: number;
  readonly currency: string;
  readonly status: TxnStatus | 'unreconciled';
  readonly expectedOn: string | null;
}

/** What the popup shows for the tab it was opened on. */
export interface TabSummary {
  readonly portal: string | null;
  readonly page: string | null;
  readonly captured: number;
  readonly statusCounts: Readonly<Record<TxnStatus, number>>;
  /** Rows not yet reconciled (no config, or no acquirer profile for them). */
  readonly unreconciled: number;
  readonly rows: readonly CapturedRowStatus[];
  readonly asOf: string | null;
  readonly error: string | null;
  /** The last refusal, conflict or storage problem of a capture in this tab (why rows were not stored). */
  readonly notice: string | null;
}

/** What the popup shows anywhere else, and what the badge counts. */
/** A critical alert as a notification words it. */
export type CriticalAlert = AlertFacts & { readonly id: string; readonly kind: AlertKind };

export interface Overview {
  readonly today: string;
  readonly asOf: string | null;
  readonly bankCoverage: string | null;
  readonly transactionCount: number;
  readonly bankLineCount: number;
  /** How many alerts are open (core/reconcile/open-alerts.ts): the badge's number, the sum of `openAlertCounts`. */
  readonly openAlertCount: number;
  readonly openAlertCounts: Readonly<Record<AlertKind, number>>;
  /** Money in open alerts per kind and currency (what is missing, short, charged twice…). */
  readonly openAlertTotals: readonly AlertTotal[];
  readonly openBySeverity: Readonly<Record<Severity, number>>;
  readonly criticalAlertIds: readonly string[];
  /** The open critical alerts' facts (kind, parameters, amount), for notifications worded in the reader's language. */
  readonly criticalAlerts: readonly CriticalAlert[];
  readonly nextCredits: readonly ExpectedCredit[];
  /** Profile id → the name the merchant gave it (拉卡拉), for lists. */
  readonly acquirerNames: Readonly<Record<string, string>>;
  readonly error: string | null;
  /** Set when the bank data is older than the config allows: the badge cannot vouch for anything after it. */
  readonly bankStale: {
    readonly businessDaysOld: number;
    readonly lastCovered: string;
    readonly importFrom: string;
    readonly importTo: string;
  } | null;
  /** Cases whose follow-up date has come (at `today`), soonest first. */
  readonly followUpsDue: readonly CaseFollowUp[];
  /** Days per acquirer still to export, and the last day its portal keeps them (only those whose retention is known). */
  readonly exportReminders: readonly {
    readonly name: string;
    readonly from: string;
    readonly to: string;
    readonly by: string;
    readonly queryDays: number | null;
    readonly keptFrom: string | null;
  }[];
}

/** The open alerts of one kind in one currency: how many, and the money they are about. */
export interface AlertTotal {
  readonly kind: AlertKind;
  readonly currency: string;
  readonly count: number;
  readonly amountMinor: number;
}

/** A known portal and whether the merchant has turned capture on for it. */
export interface PortalState {
  readonly id: string;
  readonly name: string;
  readonly enabled: boolean;
}

/** The badge as set, for tests and the popup. */
export interface BadgeState {
  readonly text: string;
  readonly color: string;
  readonly today: string;
}

/** The bridge as the popup shows it: PWAs asking to pair (with the code they show) and PWAs paired. */
export interface BridgeState {
  readonly pending: readonly { readonly origin: string; readonly code: string; readonly at: string }[];
  readonly pairings: readonly { readonly origin: string; readonly pairedAt: string }[];
}

/** Every message between Settlewatch's contexts: name → request, response, senders and receiver. */
export const MESSAGES = {
  /** Content script: rows it found (first sight, a new page, or rows added by scrolling). */
  'capture.rows': define<CapturedTable, CaptureOutcome>()(['content'], 'background'),
  /** Content script: statuses of the rows captured in its own tab (and only those). */
  'capture.statuses': define<Record<string, never>, { readonly statuses: Readonly<Record<string, TxnStatus | 'unreconciled'>> }>()(
    ['content'],
    'background',
  ),

  /** Popup: what was captured in a tab and how it stands. */
  'popup.tabSummary': define<{ readonly tabId: number; readonly url?: string | null }, TabSummary>()(['page'], 'background'),
  /** Popup: open alerts and next credits across the ledger. */
  'popup.overview': define<Record<string, never>, Overview>()(['page'], 'background'),
  /**
   * Popup "Capture this page": inject the capture script into a tab (activeTab grant). On a site that is
   * no known portal, `acquirer` is the merchant's pick of whom the rows belong to (a profile or portal id).
   */
  'popup.captureTab': define<{ readonly tabId: number; readonly acquirer?: string | null }, { readonly injected: boolean }>()(
    ['page'],
    'background',
  ),
  /** Popup: known portals and which are on. */
  'popup.portals': define<Record<string, never>, readonly PortalState[]>()(['page'], 'background'),
  /** Popup, after the merchant granted (or revoked) a portal's host: register or drop its content script. */
  'popup.setPortal': define<{ readonly portal: string; readonly enabled: boolean }, readonly PortalState[]>()(['page'], 'background'),
  /** An extension page changed the ledger (import, decision): recompute the badge. */
  'ledger.changed': define<Record<string, never>, BadgeState>()(['page', 'offscreen'], 'background'),
  /** Read the badge as the background last set it. */
  'badge.get': define<Record<string, never>, BadgeState>()(['page'], 'background'),

  /** Background → offscreen: store captured rows through the worker (the same import as a file) and answer with the overview at `today` after them. */
  'offscreen.storeCapture': define<
    { readonly table: CapturedTable; readonly owner: CaptureOwner; readonly currency: string; readonly today: string },
    { readonly keys: readonly (readonly [string, string])[]; readonly outcome: CaptureCounts; readonly overview: Overview }
  >()(['background'], 'offscreen'),
  /** Background → offscreen: reconcile at `today` and summarize. */
  'offscreen.overview': define<{ readonly today: string }, Overview>()(['background'], 'offscreen'),
  /** Background → offscreen: statuses of some stored transactions at `today`. */
  'offscreen.statuses': define<
    { readonly today: string; readonly keys: readonly (readonly [string, string])[] },
    { readonly rows: readonly CapturedRowStatus[]; readonly asOf: string | null; readonly error: string | null }
  >()(['background'], 'offscreen'),

  /** Popup: PWAs asking to pair and PWAs paired (the bridge, background/bridge.ts). */
  'bridge.state': define<Record<string, never>, BridgeState>()(['page'], 'background'),
  /** Popup: the merchant saw the same code in the PWA and confirms pairing with that origin. */
  'bridge.confirm': define<{ readonly origin: string; readonly code: string }, BridgeState>()(['page'], 'background'),
  /** Popup: the merchant refuses a pairing request. */
  'bridge.refuse': define<{ readonly origin: string }, BridgeState>()(['page'], 'background'),
  /** Popup: the merchant unpairs a PWA. */
  'bridge.forget': define<{ readonly origin: string }, BridgeState>()(['page'], 'background'),
  /** Background → offscreen: the ledger's inventory (JSON text), for a PWA to compare with. */
  'offscreen.bridgeInventory': define<{ readonly today: string }, { readonly text: string }>()(['background'], 'offscreen'),
  /** Background → offscreen: what a PWA with this inventory (JSON text) lacks, as replica JSON text. */
  'offscreen.bridgeLacking': define<{ readonly today: string; readonly inventory: string }, { readonly text: string }>()(
    ['background'],
    'offscreen',
  ),
  /** Background → offscreen: merge what a PWA sent (replica JSON text) into the ledger. */
  'offscreen.bridgeMerge': define<{ readonly today: string; readonly replica: string }, MergeCounts>()(['background'], 'offscreen'),
} as const;

/** The port an open popup listens on: the background says when what it shows may have changed. */
export const POPUP_PORT = 'settlewatch.popup';

/** What the background posts on a popup's port. */
export interface PopupNotice {
  readonly changed: true;
}

/** Message names. */
export type MessageName = keyof typeof MESSAGES;
/** The request type of a message. */
export type RequestOf<N extends MessageName> = (typeof MESSAGES)[N] extends MessageDefinition<infer Req, unknown> ? Req : never;
/** The response type of a message. */
export type ResponseOf<N extends MessageName> = (typeof MESSAGES)[N] extends MessageDefinition<unknown, infer Res> ? Res : never;

/** A response on the wire: the handler's value, or why there is none (refused, failed). */
export type Reply<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** The envelope a message travels in. */
export interface Envelope {
  readonly settlewatch: 1;
  readonly name: string;
  readonly body: unknown;
}

/** The extension pages that may send `page` messages, by path. */
export const EXTENSION_PAGES: readonly string[] = ['/popup.html', '/ledger.html'];
/** The background service worker's script path. */
export const BACKGROUND_PATH = '/background.js';
/** The offscreen document's path. */
export const OFFSCREEN_PATH = '/offscreen.html';

/**
 * Which context sent a message, from what the browser stamped on it: `sender.id` must be this
 * extension; an extension URL says which page; a tab with a web URL is a content script.
 * Null for anything else (another extension, a web page, a frame we do not know).
 */
export function senderContext(sender: chrome.runtime.MessageSender, extensionId: string): SenderContext | null {
  if (!sender.id || sender.id !== extensionId || !sender.url) return null;
  const origin = `chrome-extension://${extensionId}`;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return null;
  }
  // Compared as text: `URL.origin` of a chrome-extension: URL is "null" outside Chrome.
  if (sender.url.startsWith(origin + '/')) {
    if (url.pathname === BACKGROUND_PATH && !sender.tab) return 'background';
    if (url.pathname === OFFSCREEN_PATH && !sender.tab) return 'offscreen';
    if (EXTENSION_PAGES.includes(url.pathname)) return 'page';
    return null;
  }
  // A content script: the browser reports the page's URL and the tab it runs in.
  if ((url.protocol === 'https:' || url.protocol === 'http:') && typeof sender.tab?.id === 'number' && sender.tab.id >= 0) return 'content';
  return null;
}

/** Whether a message may be handled here: known name, answered by this context, from an allowed sender. */
export function admit(
  message: unknown,
  sender: chrome.runtime.MessageSender,
  extensionId: string,
  here: Receiver,
): { readonly name: MessageName; readonly body: unknown; readonly from: SenderContext } | { readonly refused: string } | null {
  if (!isEnvelope(message)) return null;
  if (!Object.hasOwn(MESSAGES, message.name)) return { refused: `unknown message ${message.name}` };
  const name = message.name as MessageName;
  const definition: MessageDefinition<unknown, unknown> = MESSAGES[name];
  if (definition.to !== here) return null; // someone else's message: stay silent so its receiver answers
  const from = senderContext(sender, extensionId);
  if (!from || !definition.from.includes(from)) return { refused: `${name} is not accepted from ${from ?? 'an unknown sender'}` };
  return { name, body: message.body, from };
}

function isEnvelope(message: unknown): message is Envelope {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as Envelope).settlewatch === 1 &&
    typeof (message as Envelope).name === 'string'
  );
}

type Definition<N extends MessageName> = (typeof MESSAGES)[N];

/**
 * Handlers for the messages one context answers; each gets the request and the browser-stamped
 * sender. `From` narrows them to one trust tier: `Handlers<'background', 'content'>` holds exactly
 * the messages a content script may send there. Every handler is required: a message without one is a
 * type error where the table is written.
 */
export type Handlers<To extends Receiver, From extends SenderContext = SenderContext> = {
  [
    N in MessageName as Definition<N>['to'] extends To
      ? [Extract<Definition<N>['from'][number], From>] extends [never]
        ? never
        : N
      : never
  ]: (request: RequestOf<N>, sender: chrome.runtime.MessageSender) => Promise<ResponseOf<N>> | ResponseOf<N>;
};

/** Answers this context's messages with `handlers`; refuses senders the definitions do not allow. */
export function handleMessages<To extends Receiver>(here: To, handlers: Handlers<To>): void {
  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const admitted = admit(message, sender, chrome.runtime.id, here);
    if (admitted === null) return undefined;
    if ('refused' in admitted) {
      sendResponse({ ok: false, error: `refused: ${admitted.refused}` } satisfies Reply<never>);
      return undefined;
    }
    const handler = (handlers as Record<string, ((req: unknown, s: chrome.runtime.MessageSender) => unknown) | undefined>)[admitted.name];
    if (!handler) {
      sendResponse({ ok: false, error: `no handler for ${admitted.name}` } satisfies Reply<never>);
      return undefined;
    }
    Promise.resolve()
      .then(() => handler(admitted.body, sender))
      .then(
        value => sendResponse({ ok: true, value } satisfies Reply<unknown>),
        (err: unknown) => sendResponse({ ok: false, error: errorText(err) } satisfies Reply<never>),
      );
    return true;
  });
}

/** Sends a message and returns its reply; a missing receiver or a refusal is an `ok: false` reply, not a throw. */
export async function sendMessage<N extends MessageName>(name: N, request: RequestOf<N>): Promise<Reply<ResponseOf<N>>> {
  try {
    const reply = await chrome.runtime.sendMessage({ settlewatch: 1, name, body: request } satisfies Envelope);
    if (typeof reply === 'object' && reply !== null && 'ok' in reply) return reply as Reply<ResponseOf<N>>;
    return { ok: false, error: `no answer to ${name}` };
  } catch (err) {
    return { ok: false, error: errorText(err) };
  }
}

/** Like {@link sendMessage}, but throws the error text: for callers that cannot go on without the answer. */
export async function request<N extends MessageName>(name: N, body: RequestOf<N>): Promise<ResponseOf<N>> {
  const reply = await sendMessage(name, body);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
