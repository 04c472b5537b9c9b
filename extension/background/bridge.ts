// The bridge's extension side: it answers the PWA's requests (core/bridge/protocol.ts) arriving through
// `externally_connectable`, trusting only the origins of core/bridge/config.ts as the browser stamps them
// on the sender, and only a PWA the merchant paired in the popup. Transfers are kept in chrome.storage.local
// one chunk per key, so a service worker stopped between two messages picks up where it was; the ledger work
// (inventory, what the PWA lacks, merging) runs in the offscreen document's worker.
import { pwaOrigins } from '../../core/bridge/config';
import {
  bridgeProblem,
  chunksOf,
  trustedOrigin,
  type BridgeError,
  type BridgeMessage,
  type BridgeReply,
  type BridgeRequests,
  type OutgoingTransfer,
  type TransferOutcome,
} from '../../core/bridge/protocol';
import { codeFor, randomHex, sha256Hex } from '../../pwa/src/lib/bridge/crypto';
import type { BridgeState } from '../messages';
import { BRIDGE, entry, getBridgeLocal, getPending, removeBridgeLocal, setBridgeLocal, setPending, type Upload } from '../storage';
import { refreshBadge } from './badge';
import { currentToday } from './clock';
import { toOffscreen } from './offscreen';

declare const __SETTLEWATCH_E2E__: boolean;
const E2E = typeof __SETTLEWATCH_E2E__ !== 'undefined' && __SETTLEWATCH_E2E__;

/** The PWA origins this build trusts (the test origin only in the test build). */
const TRUSTED = pwaOrigins(E2E);

/** At most this many pairing requests wait at once (a page asking again and again replaces its own). */
const MAX_PENDING = 4;

/** Transfers older than this are dropped (a PWA closed mid-transfer never comes back for them). */
const KEEP_TRANSFERS_MS = 24 * 60 * 60 * 1000;

/**
 * Notes a new transfer in the sweep's list and drops the transfers older than a day, chunks and records: an
 * abandoned upload or an offer never fetched would otherwise stay in chrome.storage.local for good.
 */
async function track(id: string, count: number): Promise<void> {
  const now = Date.now();
  const all = (await getBridgeLocal(BRIDGE.transfers)) ?? [];
  const old = all.filter(t => now - Date.parse(t.at) > KEEP_TRANSFERS_MS);
  const kept = all.filter(t => !old.includes(t) && t.id !== id);
  await setBridgeLocal(entry(BRIDGE.transfers, [...kept, { id, at: new Date(now).toISOString(), count }]));
  if (old.length)
    await removeBridgeLocal(
      old.flatMap(t => [BRIDGE.upload(t.id), BRIDGE.download(t.id), ...Array.from({ length: t.count }, (_, i) => BRIDGE.chunk(t.id, i))]),
    );
}

class BridgeFailure extends Error {
  constructor(readonly error: BridgeError) {
    super(error.detail);
  }
}

const refuse = (code: BridgeError['code'], detail: string): never => {
  throw new BridgeFailure({ code, detail } as BridgeError);
};

type Answer<K extends keyof BridgeRequests> = Promise<BridgeRequests[K]['res']>;

/** The pairings and requests as the popup shows them. */
export async function bridgeState(): Promise<BridgeState> {
  const pairings = (await getBridgeLocal(BRIDGE.pairings)) ?? [];
  const pending = await getPending();
  return {
    pending: pending.map(({ origin, code, at }) => ({ origin, code, at })),
    pairings: pairings.map(({ origin, pairedAt }) => ({ origin, pairedAt })),
  };
}

/** The merchant confirmed a request in the popup: the PWA of that origin (and that token) is paired from now on. */
export async function confirmPairing(origin: string, code: string): Promise<BridgeState> {
  const pending = await getPending();
  const request = pending.find(p => p.origin === origin && p.code === code);
  if (!request) throw new Error(`no pairing request from ${origin} with code ${code}`);
  const pairings = ((await getBridgeLocal(BRIDGE.pairings)) ?? []).filter(p => p.origin !== origin);
  await setBridgeLocal(entry(BRIDGE.pairings, [...pairings, { origin, tokenHash: request.tokenHash, pairedAt: new Date().toISOString() }]));
  await setPending(pending.filter(p => p.origin !== origin));
  return bridgeState();
}

/** The merchant refused a request. */
export async function refusePairing(origin: string): Promise<BridgeState> {
  await setPending((await getPending()).filter(p => p.origin !== origin));
  return bridgeState();
}

/** The merchant unpaired a PWA: its token is no longer accepted. */
export async function forgetPairing(origin: string): Promise<BridgeState> {
  const pairings = (await getBridgeLocal(BRIDGE.pairings)) ?? [];
  await setBridgeLocal(
    entry(
      BRIDGE.pairings,
      pairings.filter(p => p.origin !== origin),
    ),
  );
  return bridgeState();
}

async function isPaired(origin: string, tokenHash: string): Promise<boolean> {
  return ((await getBridgeLocal(BRIDGE.pairings)) ?? []).some(p => p.origin === origin && p.tokenHash === tokenHash);
}

async function hello(origin: string, token: string): Answer<'hello'> {
  const tokenHash = await sha256Hex(token);
  const pending = (await getPending()).some(p => p.origin === origin && p.tokenHash === tokenHash);
  return { paired: await isPaired(origin, tokenHash), pending };
}

async function pair(origin: string, token: string): Answer<'pair'> {
  const tokenHash = await sha256Hex(token);
  const nonce = randomHex(16);
  const code = await codeFor(origin, token, nonce);
  // One request per origin: asking again replaces the last one (and its code).
  const others = (await getPending()).filter(p => p.origin !== origin).slice(-(MAX_PENDING - 1));
  await setPending([...others, { origin, tokenHash, code, at: new Date().toISOString() }]);
  return { nonce };
}

/** Stores text as a download for `origin`, one chunk per key. */
async function offer(origin: string, text: string): Promise<OutgoingTransfer> {
  const transfer = randomHex(16);
  const chunks = chunksOf(text);
  const digest = await sha256Hex(text);
  await track(transfer, chunks.length);
  await setBridgeLocal(
    ...chunks.map((c, i) => entry(BRIDGE.chunk(transfer, i), c)),
    entry(BRIDGE.download(transfer), { origin, count: chunks.length, chars: text.length, digest, createdAt: new Date().toISOString() }),
  );
  return { transfer, count: chunks.length, chars: text.length, digest };
}

/** The text of an upload whose chunks are all stored, checked against its digest. */
async function assemble(transfer: string, upload: Upload): Promise<string> {
  const keys = Array.from({ length: upload.count }, (_, i) => BRIDGE.chunk(transfer, i));
  const stored = await chrome.storage.local.get(keys);
  const parts = keys.map(k => stored[k]);
  if (!parts.every(p => typeof p === 'string')) return refuse('damaged', 'a chunk of the transfer is missing');
  const text = (parts as string[]).join('');
  if ((await sha256Hex(text)) !== upload.digest) {
    await removeBridgeLocal([BRIDGE.upload(transfer), ...keys]);
    return refuse('damaged', 'the transfer does not match its digest; it was dropped, send it again');
  }
  return text;
}

/** Acts on a whole upload: an inventory is answered with what the PWA lacks, a replica is merged (and moves the badge). */
async function act(upload: Upload, text: string): Promise<TransferOutcome> {
  const today = await currentToday();
  if (upload.purpose === 'inventory') {
    const lacking = await toOffscreen('offscreen.bridgeLacking', { today, inventory: text });
    return { purpose: 'inventory', reply: await offer(upload.origin, lacking.text) };
  }
  const merged = await toOffscreen('offscreen.bridgeMerge', { today, replica: text });
  await refreshBadge();
  return { purpose: 'replica', merged };
}

async function put(origin: string, m: Extract<BridgeMessage, { kind: 'put' }>): Answer<'put'> {
  const key = BRIDGE.upload(m.transfer);
  const known = await getBridgeLocal(key);
  if (!known) await track(m.transfer, m.count);
  let upload = known ?? {
    origin,
    purpose: m.purpose,
    count: m.count,
    digest: m.digest,
    have: '0'.repeat(m.count),
    outcome: null,
    startedAt: new Date().toISOString(),
  };
  if (upload.origin !== origin || upload.purpose !== m.purpose || upload.count !== m.count || upload.digest !== m.digest)
    return refuse('malformed', 'the chunk does not belong to this transfer');
  // Asked again after the outcome was stored (the answer was lost with a stopped worker): the same answer, nothing runs twice.
  if (upload.outcome) return { received: upload.count, outcome: upload.outcome };
  const have = upload.have.slice(0, m.index) + '1' + upload.have.slice(m.index + 1);
  upload = { ...upload, have };
  await setBridgeLocal(entry(key, upload), entry(BRIDGE.chunk(m.transfer, m.index), m.data));
  const received = [...have].filter(c => c === '1').length;
  if (received < upload.count) return { received, outcome: null };
  const outcome = await act(upload, await assemble(m.transfer, upload));
  await setBridgeLocal(entry(key, { ...upload, outcome }));
  await removeBridgeLocal(Array.from({ length: upload.count }, (_, i) => BRIDGE.chunk(m.transfer, i)));
  return { received, outcome };
}

async function status(origin: string, transfer: string): Answer<'status'> {
  const upload = await getBridgeLocal(BRIDGE.upload(transfer));
  if (!upload || upload.origin !== origin) return { have: [], outcome: null };
  const have: number[] = [];
  for (let i = 0; i < upload.have.length; i++) if (upload.have[i] === '1') have.push(i);
  return { have, outcome: upload.outcome };
}

async function get(origin: string, transfer: string, index: number): Answer<'get'> {
  const download = await getBridgeLocal(BRIDGE.download(transfer));
  if (!download || download.origin !== origin) return refuse('unknown_transfer', `no transfer ${transfer} for ${origin}`);
  if (index >= download.count) return refuse('malformed', `the transfer has ${download.count} chunks`);
  const data = await getBridgeLocal(BRIDGE.chunk(transfer, index));
  return data === undefined ? refuse('unknown_transfer', `chunk ${index} of ${transfer} is gone`) : { data };
}

async function done(origin: string, transfer: string): Answer<'done'> {
  const download = await getBridgeLocal(BRIDGE.download(transfer));
  if (download && download.origin === origin)
    await removeBridgeLocal([BRIDGE.download(transfer), ...Array.from({ length: download.count }, (_, i) => BRIDGE.chunk(transfer, i))]);
  return {};
}

/** Answers one checked request from a trusted origin. */
async function answer(origin: string, m: BridgeMessage): Promise<unknown> {
  if (m.kind === 'hello') return hello(origin, m.token);
  if (m.kind === 'pair') return pair(origin, m.token);
  // Everything else moves ledger data: only for the paired PWA.
  if (!(await isPaired(origin, await sha256Hex(m.token)))) return refuse('not_paired', `${origin} is not paired with this extension`);
  switch (m.kind) {
    case 'put':
      return put(origin, m);
    case 'status':
      return status(origin, m.transfer);
    case 'inventory': {
      const inventory = await toOffscreen('offscreen.bridgeInventory', { today: await currentToday() });
      return offer(origin, inventory.text);
    }
    case 'get':
      return get(origin, m.transfer, m.index);
    case 'done':
      return done(origin, m.transfer);
  }
}

/** Answers the PWA: the sender's browser-stamped origin first, then the message's shape, then the pairing. */
export function listenToPwa(): void {
  chrome.runtime.onMessageExternal.addListener((message, sender, sendResponse) => {
    const reply = (r: BridgeReply<unknown>) => sendResponse(r);
    const origin = trustedOrigin(sender, TRUSTED);
    if (!origin) {
      reply({
        ok: false,
        error: { code: 'bad_origin', detail: `messages from ${sender.origin ?? sender.url ?? 'this sender'} are not accepted` },
      });
      return undefined;
    }
    const problem = bridgeProblem(message);
    if (problem) {
      reply({ ok: false, error: { code: 'malformed', detail: problem } });
      return undefined;
    }
    answer(origin, message as BridgeMessage).then(
      value => reply({ ok: true, value }),
      (err: unknown) =>
        reply({
          ok: false,
          error: err instanceof BridgeFailure ? err.error : { code: 'failed', detail: err instanceof Error ? err.message : String(err) },
        }),
    );
    return true;
  });
}
