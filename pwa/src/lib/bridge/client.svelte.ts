// The bridge's PWA side as the Settings section holds it: pairs once (both sides show the same code; the
// merchant confirms in the extension), then syncs: what this ledger lacks comes here, what the extension
// lacks goes there (transport.ts moves the text; core/ledger/bridge.ts in this app's worker makes and merges it).
import type { MergeCounts } from '../../../../core/bridge/protocol';
import { errorText } from '../../../../core/ledger/result';
import type { Result } from '../../../../core/worker/api';
import type { LedgerClient } from '../../../../core/worker/client';
import { codeFor, randomHex } from './crypto';
import { BridgeRefused, BridgeTransport, pageRuntime, type TransferProgress } from './transport';

/** Where the bridge stands. */
export type BridgeStatus = 'unavailable' | 'unpaired' | 'pending' | 'paired' | 'syncing';

/** What the last sync moved each way. */
export interface SyncResult {
  readonly at: string;
  readonly received: MergeCounts;
  readonly sent: MergeCounts;
}

const TOKEN_KEY = 'settlewatch.bridge.token';

/** This install's token (random, kept on this origin): what the extension remembers as paired. */
function token(): string {
  let t = localStorage.getItem(TOKEN_KEY);
  if (!t || !/^[0-9a-f]{64}$/.test(t)) {
    t = randomHex(32);
    localStorage.setItem(TOKEN_KEY, t);
  }
  return t;
}

function value<T>(r: Result<T>): T {
  if (r.ok) return r.value;
  throw new Error(errorText(r.error));
}

const wait = (ms: number) => new Promise(ok => setTimeout(ok, ms));

/** The bridge as the PWA holds it. */
export class BridgeClient {
  status = $state<BridgeStatus>('unavailable');
  code = $state<string | null>(null);
  progress = $state.raw<TransferProgress | null>(null);
  last = $state.raw<SyncResult | null>(null);
  failure = $state<string | null>(null);
  private readonly transport: BridgeTransport | null;

  constructor(private readonly ledger: () => LedgerClient['api']) {
    const runtime = pageRuntime();
    this.transport = runtime ? new BridgeTransport(runtime, token(), p => (this.progress = p)) : null;
  }

  /** Looks for the extension and asks whether this PWA is paired. */
  async refresh(): Promise<void> {
    if (!this.transport) return;
    try {
      const { paired, pending } = await this.transport.ask('hello', {});
      if (this.status !== 'syncing') this.status = paired ? 'paired' : pending && this.code ? 'pending' : 'unpaired';
    } catch (err) {
      this.status = 'unavailable';
      this.failure = err instanceof Error ? err.message : String(err);
    }
  }

  /** Asks to pair: shows the code the extension shows too, and waits for the merchant to confirm there. */
  async pair(): Promise<void> {
    const transport = this.transport;
    if (!transport) return;
    this.failure = null;
    const { nonce } = await transport.ask('pair', {});
    this.code = await codeFor(location.origin, token(), nonce);
    this.status = 'pending';
    // The merchant has ten minutes to open the extension and compare.
    for (let i = 0; i < 600 && this.status === 'pending'; i++) {
      await wait(1000);
      const { paired, pending } = await transport.ask('hello', {});
      if (paired) {
        this.status = 'paired';
        this.code = null;
        await this.sync();
      } else if (!pending) {
        this.status = 'unpaired'; // refused in the extension, or asked again from another tab
        this.code = null;
      }
    }
  }

  /** Exchanges what each side lacks: first what this ledger lacks, then what the extension lacks. */
  async sync(): Promise<SyncResult | null> {
    const transport = this.transport;
    if (!transport || this.status !== 'paired') return null;
    this.status = 'syncing';
    this.failure = null;
    try {
      const api = this.ledger();
      const answered = await transport.upload('inventory', value(await api.bridgeInventory()));
      if (answered.purpose !== 'inventory') throw new Error('the extension answered an inventory with a merge');
      const received = value(await api.bridgeMerge(await transport.download(answered.reply)));
      const theirs = await transport.download(await transport.ask('inventory', {}));
      const sent = await transport.upload('replica', value(await api.bridgeLacking(theirs)));
      if (sent.purpose !== 'replica') throw new Error('the extension answered a replica with an inventory');
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a time written down at once, not state
      this.last = { at: new Date().toISOString(), received, sent: sent.merged };
      return this.last;
    } catch (err) {
      this.failure = err instanceof Error ? err.message : String(err);
      if (err instanceof BridgeRefused && err.error.code === 'not_paired') this.status = 'unpaired';
      return null;
    } finally {
      this.progress = null;
      if (this.status === 'syncing') this.status = 'paired';
    }
  }
}
