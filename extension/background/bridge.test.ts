import { beforeEach, describe, expect, test, vi } from 'vitest';
import { BRIDGE_TAG } from '../../core/bridge/protocol';
import { codeFor, sha256Hex } from '../../pwa/src/lib/bridge/crypto';

const offscreen = vi.fn();
vi.mock('./offscreen', () => ({ toOffscreen: (name: string, body: unknown) => offscreen(name, body) }));
vi.mock('./badge', () => ({ refreshBadge: () => Promise.resolve({ text: '', color: '', today: '' }) }));
vi.mock('./clock', () => ({ currentToday: () => Promise.resolve('2026-03-10') }));

type Listener = (message: unknown, sender: chrome.runtime.MessageSender, reply: (r: unknown) => void) => boolean | undefined;
let listener: Listener;
let local: Map<string, unknown>;

function area(data: Map<string, unknown>) {
  return {
    get: async (keys: string | string[]) =>
      Object.fromEntries((Array.isArray(keys) ? keys : [keys]).filter(k => data.has(k)).map(k => [k, data.get(k)])),
    set: async (items: Record<string, unknown>) => void Object.entries(items).forEach(([k, v]) => data.set(k, structuredClone(v))),
    remove: async (keys: string | string[]) => void (Array.isArray(keys) ? keys : [keys]).forEach(k => data.delete(k)),
  };
}

const PWA = 'http://127.0.0.1:4173';
/** The answers these tests read, loosely (each test reads the fields of its request's answer). */
type Value = Record<string, unknown> & { nonce: string; count: number; transfer: string; data: string; outcome: unknown };
const token = 'ab'.repeat(32);
const send = (message: Record<string, unknown>, sender: chrome.runtime.MessageSender = { origin: PWA, url: `${PWA}/` }) =>
  new Promise<{ ok: boolean; value: Value; error?: { code: string; detail: string } }>(resolve => {
    listener({ tag: BRIDGE_TAG, token, ...message }, sender, r => resolve(r as never));
  });

beforeEach(async () => {
  vi.resetModules();
  offscreen.mockReset();
  local = new Map();
  (globalThis as { chrome?: unknown }).chrome = {
    storage: { local: area(local), session: area(new Map()) },
    runtime: { onMessageExternal: { addListener: (l: Listener) => (listener = l) } },
  };
  const bridge = await import('./bridge');
  bridge.listenToPwa();
});

async function pairNow() {
  const { value } = await send({ kind: 'pair' });
  const bridge = await import('./bridge');
  await bridge.confirmPairing(PWA, await codeFor(PWA, token, value.nonce));
}

describe('the bridge in the background', () => {
  test('refuses senders by the origin the browser stamped, another extension, and malformed requests', async () => {
    expect((await send({ kind: 'hello' }, { origin: 'http://127.0.0.1:4174', url: 'http://127.0.0.1:4174/' })).error?.code).toBe(
      'bad_origin',
    );
    expect((await send({ kind: 'hello' }, { id: 'otherextension', origin: PWA })).error?.code).toBe('bad_origin');
    expect((await send({ kind: 'hello', token: 'x' })).error?.code).toBe('malformed');
    expect((await send({ kind: 'inventory' })).error?.code).toBe('not_paired');
    expect(offscreen).not.toHaveBeenCalled();
  });

  test('pairs when the merchant confirms the code the PWA shows, and remembers only the token hash', async () => {
    const { value } = await send({ kind: 'pair' });
    const bridge = await import('./bridge');
    const state = await bridge.bridgeState();
    expect(state.pending).toEqual([expect.objectContaining({ origin: PWA, code: await codeFor(PWA, token, value.nonce) })]);
    await expect(bridge.confirmPairing(PWA, '000 000')).rejects.toThrow(/no pairing request/);
    await bridge.confirmPairing(PWA, state.pending[0]!.code);
    expect((await send({ kind: 'hello' })).value).toEqual({ paired: true, pending: false });
    expect(JSON.stringify([...local])).not.toContain(token);
    expect(JSON.stringify([...local])).toContain(await sha256Hex(token));
    await bridge.forgetPairing(PWA);
    expect((await send({ kind: 'inventory' })).error?.code).toBe('not_paired');
  });

  test('takes an upload chunk by chunk, acts on it once, and answers a repeated last chunk with the same outcome', async () => {
    await pairNow();
    const text = 'A'.repeat(10) + 'B'.repeat(10);
    const digest = await sha256Hex(text);
    const put = (index: number, data: string) =>
      send({ kind: 'put', transfer: '1'.repeat(32), purpose: 'replica', index, count: 2, digest, data });
    offscreen.mockResolvedValue({ files: 1, rows: 2, records: 0 });
    expect((await put(1, 'B'.repeat(10))).value).toEqual({ received: 1, outcome: null });
    expect((await send({ kind: 'status', transfer: '1'.repeat(32) })).value).toEqual({ have: [1], outcome: null });
    const whole = await put(0, 'A'.repeat(10));
    expect(whole.value.outcome).toEqual({ purpose: 'replica', merged: { files: 1, rows: 2, records: 0 } });
    expect(offscreen).toHaveBeenCalledWith('offscreen.bridgeMerge', { today: '2026-03-10', replica: text });
    expect(await put(0, 'A'.repeat(10))).toEqual(whole);
    expect(offscreen).toHaveBeenCalledTimes(1);
    // The chunks are gone once acted on.
    expect([...local.keys()].filter(k => k.startsWith('bridge.chunk:'))).toEqual([]);
  });

  test('drops an upload that does not match its digest', async () => {
    await pairNow();
    const digest = await sha256Hex('what was meant');
    const r = await send({ kind: 'put', transfer: '2'.repeat(32), purpose: 'inventory', index: 0, count: 1, digest, data: 'what came' });
    expect(r.error?.code).toBe('damaged');
    expect(offscreen).not.toHaveBeenCalled();
    expect(local.has(`bridge.in:${'2'.repeat(32)}`)).toBe(false);
  });

  test('offers its inventory in chunks to the paired origin only, and sweeps transfers older than a day', async () => {
    await pairNow();
    offscreen.mockResolvedValue({ text: 'x'.repeat(300_000) });
    const offer = (await send({ kind: 'inventory' })).value;
    expect(offer.count).toBe(2);
    const first = await send({ kind: 'get', transfer: offer.transfer, index: 0 });
    const second = await send({ kind: 'get', transfer: offer.transfer, index: 1 });
    expect(first.value.data.length + second.value.data.length).toBe(300_000);
    // A day later, the next transfer drops this one (never fetched to the end, never done).
    const transfers = local.get('bridge.transfers') as { id: string; at: string; count: number }[];
    local.set(
      'bridge.transfers',
      transfers.map(t => ({ ...t, at: '2000-01-01T00:00:00.000Z' })),
    );
    await send({ kind: 'inventory' });
    expect((await send({ kind: 'get', transfer: offer.transfer, index: 0 })).error?.code).toBe('unknown_transfer');
    expect([...local.keys()].filter(k => k.includes(offer.transfer))).toEqual([]);
  });
});
