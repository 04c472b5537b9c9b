// The bridge's transport, PWA side: requests to the extension by its id (chrome.runtime appears on a page
// only when an extension's externally_connectable lists the page's origin), each asked again when its answer
// is lost (a service worker stopped mid-message); uploads resumed from the chunks the extension holds;
// downloads checked whole against their digest. Text in, text out: the ledger work is the worker's.
import { EXTENSION_ID } from '../../../../core/bridge/config';
import {
  BRIDGE_TAG,
  chunksOf,
  type BridgeError,
  type BridgeRequests,
  type OutgoingTransfer,
  type TransferOutcome,
  type TransferPurpose,
} from '../../../../core/bridge/protocol';
import { randomHex, sha256Hex } from './crypto';

/** chrome.runtime as a web page sees it (only sendMessage to an extension by id). */
export interface PageRuntime {
  sendMessage(extensionId: string, message: unknown, callback: (reply: unknown) => void): void;
  readonly lastError?: { readonly message?: string };
}

/** A step of a sync under way: which way, and chunks done of all. */
export interface TransferProgress {
  readonly step: 'send' | 'receive';
  readonly done: number;
  readonly total: number;
}

/** Attempts per message: a service worker stopped mid-message loses that answer; it is asked again. */
const ATTEMPTS = 5;

/** The extension refused a request, with its reason. */
export class BridgeRefused extends Error {
  constructor(readonly error: BridgeError) {
    super(`${error.code}: ${error.detail}`);
  }
}

const wait = (ms: number) => new Promise(ok => setTimeout(ok, ms));

/** chrome.runtime of this page when an extension lets it message (not in the extension's own pages), else null. */
export function pageRuntime(): PageRuntime | null {
  if (globalThis.location?.protocol === 'chrome-extension:') return null;
  const runtime = (globalThis as { chrome?: { runtime?: Partial<PageRuntime> } }).chrome?.runtime;
  return typeof runtime?.sendMessage === 'function' ? (runtime as PageRuntime) : null;
}

/** Requests to the extension on behalf of one token. */
export class BridgeTransport {
  constructor(
    private readonly runtime: PageRuntime,
    private readonly token: string,
    private readonly onProgress: (p: TransferProgress) => void,
  ) {}

  /** One request; asked again when its answer is lost, thrown as {@link BridgeRefused} when refused. */
  async ask<K extends keyof BridgeRequests>(kind: K, body: Omit<BridgeRequests[K]['req'], 'token'>): Promise<BridgeRequests[K]['res']> {
    const runtime = this.runtime;
    const message = { tag: BRIDGE_TAG, kind, token: this.token, ...body };
    let last: unknown = null;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const reply = await new Promise<unknown>(resolve =>
        runtime.sendMessage(EXTENSION_ID, message, r =>
          resolve(runtime.lastError ? { lost: runtime.lastError.message ?? 'no answer' } : r),
        ),
      );
      if (typeof reply === 'object' && reply !== null && 'ok' in reply) {
        const r = reply as { ok: boolean; value?: unknown; error?: BridgeError };
        if (r.ok) return r.value as BridgeRequests[K]['res'];
        throw new BridgeRefused(r.error ?? { code: 'failed', detail: 'no error given' });
      }
      last = reply;
      await wait(200 * (attempt + 1));
    }
    throw new Error(`the extension did not answer ${kind}: ${JSON.stringify(last)}`);
  }

  /** Sends text in chunks; when an answer is lost, asks which chunks arrived and sends the rest. */
  async upload(purpose: TransferPurpose, text: string): Promise<TransferOutcome> {
    const chunks = chunksOf(text);
    const digest = await sha256Hex(text);
    const transfer = randomHex(16);
    const have = new Set<number>();
    for (let round = 0; round < ATTEMPTS; round++) {
      try {
        for (let index = 0; index < chunks.length; index++) {
          if (have.has(index)) continue;
          const r = await this.ask('put', { transfer, purpose, index, count: chunks.length, digest, data: chunks[index]! });
          have.add(index);
          this.onProgress({ step: 'send', done: have.size, total: chunks.length });
          if (r.outcome) return r.outcome;
        }
      } catch (err) {
        // A refusal is final; a failure inside the extension (its worker restarting) is tried again.
        if (err instanceof BridgeRefused && err.error.code !== 'failed') throw err;
      }
      const s = await this.ask('status', { transfer });
      if (s.outcome) return s.outcome;
      have.clear();
      for (const i of s.have) have.add(i);
      if (have.size === chunks.length) have.delete(chunks.length - 1); // whole but not acted on: the last chunk again
    }
    throw new Error('the extension did not take the transfer');
  }

  /** Fetches an offered transfer chunk by chunk, checks it whole, and lets the extension forget it. */
  async download(offer: OutgoingTransfer): Promise<string> {
    const parts: string[] = [];
    for (let index = 0; index < offer.count; index++) {
      parts.push((await this.ask('get', { transfer: offer.transfer, index })).data);
      this.onProgress({ step: 'receive', done: index + 1, total: offer.count });
    }
    const text = parts.join('');
    if ((await sha256Hex(text)) !== offer.digest) throw new Error('the transfer from the extension does not match its digest');
    await this.ask('done', { transfer: offer.transfer });
    return text;
  }
}
