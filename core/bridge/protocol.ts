// The bridge between the PWA and the extension in one browser: what the PWA asks (the extension only
// answers: a web page cannot be called), checked for shape before anything runs. The PWA drives a sync in
// four transfers: it sends its inventory and gets back what it lacks; it fetches the extension's inventory
// and sends what the extension lacks. Each transfer is text cut in chunks, sent one message at a time and
// checked whole by its SHA-256, so a service worker stopped between two messages resumes where it was.

/** The envelope's tag: a message without it is not the bridge's. */
export const BRIDGE_TAG = 'settlewatch.bridge/1';

/** Characters per chunk: far below Chrome's 64 MiB message limit, small enough for a steady progress bar. */
export const CHUNK_CHARS = 256 * 1024;

/** The most chunks one transfer may have (8 GiB of text: a bound, not a size anyone reaches). */
export const MAX_CHUNKS = 32_768;

/** What an uploaded transfer holds: the PWA's inventory (answered with what the PWA lacks), or rows and records to merge. */
export type TransferPurpose = 'inventory' | 'replica';

/** A transfer the extension offers for download. */
export interface OutgoingTransfer {
  readonly transfer: string;
  readonly count: number;
  readonly chars: number;
  /** SHA-256 of the whole text, hex. */
  readonly digest: string;
}

/** What merging a transfer added, counted. */
export interface MergeCounts {
  readonly files: number;
  readonly rows: number;
  readonly records: number;
}

/** What an upload turned into once its last chunk arrived. */
export type TransferOutcome =
  { readonly purpose: 'inventory'; readonly reply: OutgoingTransfer } | { readonly purpose: 'replica'; readonly merged: MergeCounts };

/** Every request of the PWA, by kind, with its answer. */
export interface BridgeRequests {
  /** Whether this PWA (its token) is paired, or waits for the merchant to confirm. */
  hello: { req: { readonly token: string }; res: { readonly paired: boolean; readonly pending: boolean } };
  /** Asks to pair: the extension shows a code made from the token and its nonce, which the PWA shows too. */
  pair: { req: { readonly token: string }; res: { readonly nonce: string } };
  /** One chunk of an upload; the answer after the last chunk carries the outcome. */
  put: {
    req: {
      readonly token: string;
      readonly transfer: string;
      readonly purpose: TransferPurpose;
      readonly index: number;
      readonly count: number;
      readonly digest: string;
      readonly data: string;
    };
    res: { readonly received: number; readonly outcome: TransferOutcome | null };
  };
  /** Which chunks of an upload the extension holds (to resume), and its outcome if it ended. */
  status: {
    req: { readonly token: string; readonly transfer: string };
    res: { readonly have: readonly number[]; readonly outcome: TransferOutcome | null };
  };
  /** The extension's inventory, as a transfer to download. */
  inventory: { req: { readonly token: string }; res: OutgoingTransfer };
  /** One chunk of a download. */
  get: { req: { readonly token: string; readonly transfer: string; readonly index: number }; res: { readonly data: string } };
  /** The PWA has a download whole: the extension may forget it. */
  done: { req: { readonly token: string; readonly transfer: string }; res: Record<string, never> };
}

/** A request's kind. */
export type BridgeKind = keyof BridgeRequests;

/** A request as it travels. */
export type BridgeMessage = {
  [K in BridgeKind]: { readonly tag: typeof BRIDGE_TAG; readonly kind: K } & BridgeRequests[K]['req'];
}[BridgeKind];

/** An answer as it travels: the value, or why there is none. */
export type BridgeReply<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: BridgeError };

/** Why the extension did not do what was asked, as a code the screens word. */
export type BridgeError =
  | { readonly code: 'bad_origin'; readonly detail: string }
  | { readonly code: 'malformed'; readonly detail: string }
  | { readonly code: 'not_paired'; readonly detail: string }
  | { readonly code: 'unknown_transfer'; readonly detail: string }
  | { readonly code: 'damaged'; readonly detail: string }
  | { readonly code: 'failed'; readonly detail: string };

const TOKEN = /^[0-9a-f]{64}$/;
const TRANSFER = /^[0-9a-f]{32}$/;
const DIGEST = /^[0-9a-f]{64}$/;

const isIndex = (v: unknown, below: number): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v < below;

/**
 * Why a message from a web page is not a well-formed bridge request, or null when it is. A page is the least
 * trusted sender there is: every field is checked for type and size before a handler sees it.
 */
export function bridgeProblem(message: unknown): string | null {
  if (typeof message !== 'object' || message === null) return 'not an object';
  const m = message as Record<string, unknown>;
  if (m.tag !== BRIDGE_TAG) return 'not a bridge message';
  if (typeof m.token !== 'string' || !TOKEN.test(m.token)) return 'token must be 64 hex digits';
  switch (m.kind) {
    case 'hello':
    case 'pair':
    case 'inventory':
      return null;
    case 'status':
    case 'done':
      return typeof m.transfer === 'string' && TRANSFER.test(m.transfer) ? null : 'transfer must be 32 hex digits';
    case 'get':
      if (typeof m.transfer !== 'string' || !TRANSFER.test(m.transfer)) return 'transfer must be 32 hex digits';
      return isIndex(m.index, MAX_CHUNKS) ? null : 'index must be a chunk number';
    case 'put':
      if (typeof m.transfer !== 'string' || !TRANSFER.test(m.transfer)) return 'transfer must be 32 hex digits';
      if (m.purpose !== 'inventory' && m.purpose !== 'replica') return 'purpose must be inventory or replica';
      if (!isIndex(m.count, MAX_CHUNKS + 1) || m.count < 1) return `count must be 1..${MAX_CHUNKS}`;
      if (!isIndex(m.index, m.count)) return 'index must be below count';
      if (typeof m.digest !== 'string' || !DIGEST.test(m.digest)) return 'digest must be 64 hex digits';
      if (typeof m.data !== 'string' || m.data.length > CHUNK_CHARS) return `data must be text of at most ${CHUNK_CHARS} characters`;
      return null;
    default:
      return `unknown kind ${typeof m.kind === 'string' ? m.kind.slice(0, 40) : typeof m.kind}`;
  }
}

/**
 * The PWA origin a message came from, from what the browser stamped on it (`sender.origin`, else the
 * origin of `sender.url`), or null unless it is one of `trusted` and a web page (not another extension).
 */
export function trustedOrigin(
  sender: { readonly id?: string; readonly origin?: string; readonly url?: string },
  trusted: readonly string[],
): string | null {
  if (sender.id !== undefined) return null; // another extension (or our own contexts): never a PWA
  // A page's URL starts with its origin: scheme://host[:port] up to the first slash after the authority.
  const origin = sender.origin ?? /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(sender.url ?? '')?.[0];
  return origin !== undefined && trusted.includes(origin) ? origin : null;
}

/** Text cut in chunks of at most CHUNK_CHARS characters (one empty chunk for empty text). */
export function chunksOf(text: string, size = CHUNK_CHARS): string[] {
  if (text.length === 0) return [''];
  const out: string[] = [];
  for (let at = 0; at < text.length; at += size) out.push(text.slice(at, at + size));
  return out;
}

/** What the pairing code is made of: the page's origin, its token and the extension's nonce. */
export const pairingInput = (origin: string, token: string, nonce: string): string => `settlewatch pairing\n${origin}\n${token}\n${nonce}`;

/** The six-digit code both sides show, from the SHA-256 of {@link pairingInput} (`123 456`). */
export function pairingCode(digest: Uint8Array): string {
  const n = (((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0) % 1_000_000;
  const s = String(n).padStart(6, '0');
  return `${s.slice(0, 3)} ${s.slice(3)}`;
}
