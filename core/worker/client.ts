import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import type { ImportProgress, LedgerApi } from './api';

export type * from './api';

/** The ledger API as the page sees it: every call is a message to the worker. */
export interface LedgerClient {
  readonly api: Remote<LedgerApi>;
  /** Wraps a progress callback so the worker can call it back across the boundary. */
  progress<P = ImportProgress>(fn: (p: P) => void): (p: P) => void;
  /** Ends the worker (a cancelled parse cannot be interrupted any other way). */
  terminate(): void;
}

/** Connects to a worker that runs {@link import('./serve').serveLedgerApi}. */
export function connectLedger(worker: Worker): LedgerClient {
  const api = wrap<LedgerApi>(worker);
  return {
    api,
    progress: <P>(fn: (p: P) => void) => proxy(fn),
    terminate: () => {
      api[releaseProxy]();
      worker.terminate();
    },
  };
}
