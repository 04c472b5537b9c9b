// The page's side of the worker boundary, over a real Comlink channel (a MessageChannel stands in for the worker).
import { expose } from 'comlink';
import { afterEach, expect, test } from 'vitest';
import type { ReplicaProgress } from '../ledger/replica';
import { connectLedger, type LedgerClient } from './client';

const ports: MessagePort[] = [];
afterEach(() => {
  for (const p of ports.splice(0)) p.close();
});

/**
 * A client whose worker answers `openReplica` and only then sends its last progress report: what the page sees
 * when that report, sent just before the answer on the callback's own port, arrives after it (under load the e2e
 * replica preview turned back into a busy panel for good). `delivered` settles once the page has handled it.
 */
function lateReporter(): { client: LedgerClient; delivered: Promise<unknown> } {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  let handledLate!: (handled: Promise<unknown>) => void;
  const delivered = new Promise<unknown>(sent => (handledLate = sent));
  expose(
    {
      openReplica: async (_file: Uint8Array, _passphrase: string, onProgress: (p: ReplicaProgress) => Promise<void>) => {
        // Awaited: the page has handled this report before the answer leaves.
        await onProgress({ stage: 'decrypt', share: 0 });
        // Sent after the answer, as an overtaken report arrives; Comlink's call settles once the page has handled it.
        setTimeout(() => handledLate(onProgress({ stage: 'decode', share: 1 })), 0);
        return { ok: false, error: { code: 'failed', params: { message: 'answered' } } };
      },
    },
    port2,
  );
  return { client: connectLedger(port1 as unknown as Worker), delivered };
}

test('a progress report that arrives after the call answered is not passed on, one before it is', async () => {
  const { client, delivered } = lateReporter();
  const seen: string[] = [];
  const answer = await client.withProgress<unknown, ReplicaProgress>(
    p => seen.push(`${p.stage} ${p.share}`),
    progress => client.api.openReplica(new Uint8Array(0), 'passphrase', progress),
  );
  expect(answer).toEqual({ ok: false, error: { code: 'failed', params: { message: 'answered' } } });
  await delivered;
  expect(seen).toEqual(['decrypt 0']);
});

test('a call that fails stops its progress reports too', async () => {
  const { client, delivered } = lateReporter();
  const seen: string[] = [];
  await expect(
    client.withProgress<never, ReplicaProgress>(
      p => seen.push(`${p.stage} ${p.share}`),
      async progress => {
        await client.api.openReplica(new Uint8Array(0), 'passphrase', progress);
        throw new Error('the page gave up');
      },
    ),
  ).rejects.toThrow('the page gave up');
  await delivered;
  expect(seen).toEqual(['decrypt 0']);
});
