// The bridge's PWA side as the Settings section holds it: pairs once (both sides show the same code; the
// merchant confirms in the extension), then syncs: what this ledger lacks comes here, what the extension
// lacks goes there (transport.ts moves the text; core/ledger/bridge.ts in this app's worker makes and merges it).
import { untrack } from 'svelte';
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

/** How long after a change the ledgers are synced (several changes in a row make one sync). */
const SETTLE_MS = 1500;

/** The bridge as the PWA holds it (one per app: {@link bridgeOf}). */
export class BridgeClient {
  status = $state<BridgeStatus>('unavailable');
  code = $state<string | null>(null);
  progress = $state.raw<TransferProgress | null>(null);
  /** The last sync that moved something (a sync that finds both sides alike leaves it). */
  last = $state.raw<SyncResult | null>(null);
  /** Syncs finished since the app started. */
  syncs = $state(0);
  failure = $state<string | null>(null);
  private readonly transport: BridgeTransport | null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private again = false;

  constructor(private readonly ledger: () => LedgerClient['api']) {
    const runtime = pageRuntime();
    this.transport = runtime ? new BridgeTransport(runtime, token(), p => (this.progress = p)) : null;
  }

  /**
   * Keeps the two ledgers alike while the app is open: syncs now, after each change of this ledger (`watch`
   * reads what counts: files, decisions, config, mappings) and when the app comes back into view (the
   * extension may have captured meanwhile). Returns the function that stops it.
   */
  start(watch: () => unknown): () => void {
    if (!this.transport) return () => {};
    void this.refresh();
    const onVisible = () => {
      if (document.visibilityState === 'visible') this.soon();
    };
    document.addEventListener('visibilitychange', onVisible);
    const stop = $effect.root(() => {
      $effect(() => {
        watch();
        untrack(() => this.soon());
      });
    });
    return () => {
      clearTimeout(this.timer);
      document.removeEventListener('visibilitychange', onVisible);
      stop();
    };
  }

  /** Syncs a moment from now (once for several calls; after the running sync when there is one). */
  soon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.status === 'syncing') this.again = true;
      else
        void this.sync().then(() => {
          if (this.again) {
            this.again = false;
            this.soon();
          }
        });
    }, SETTLE_MS);
  }

  /** Looks for the extension and asks whether this PWA is paired. */
  async refresh(): Promise<void> {
    if (!this.transport) return;
    try {
      const { paired, pending } = await this.transport.ask('hello', {});
      if (this.status !== 'syncing' && this.status !== 'pending')
        this.status = paired ? 'paired' : pending && this.code ? 'pending' : 'unpaired';
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
      const result = { at: new Date().toISOString(), received, sent: sent.merged };
      const moved = (c: MergeCounts) => c.files + c.rows + c.records > 0;
      if (moved(received) || moved(sent.merged) || !this.last) this.last = result;
      this.syncs++;
      return result;
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

const clients = new WeakMap<object, BridgeClient>();

/** The one bridge of an app's ledger (the app starts it; the Settings section shows it). */
export function bridgeOf(ledger: { readonly api: LedgerClient['api'] }): BridgeClient {
  let client = clients.get(ledger);
  if (!client) {
    client = new BridgeClient(() => ledger.api);
    clients.set(ledger, client);
  }
  return client;
}
