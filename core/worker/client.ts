import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import type { ImportProgress, LedgerApi } from './api';

export type * from './api';

/** The ledger API as the page sees it: every call is a message to the worker. */
export interface LedgerClient {
  readonly api: Remote<LedgerApi>;
  /**
   * Makes a call that reports its progress (the worker calls `onProgress` back across the boundary) and passes on
   * only the reports that come before its answer. A report travels on a port of its own, not on the worker's, so the
   * last one sent before the answer may arrive after it; taken then, it would show the finished call as running.
   */
  withProgress<T, P = ImportProgress>(onProgress: (p: P) => void, call: (progress: (p: P) => void) => Promise<T>): Promise<T>;
  /** Ends the worker (a cancelled parse cannot be interrupted any other way). */
  terminate(): void;
}

/** Connects to a worker that runs {@link import('./serve').serveLedgerApi}. */
export function connectLedger(worker: Worker): LedgerClient {
  const api = wrap<LedgerApi>(worker);
  return {
    api,
    withProgress: async (onProgress, call) => {
      let answered = false;
      try {
        return await call(
          proxy(p => {
            if (!answered) onProgress(p);
          }),
        );
      } finally {
        answered = true;
      }
    },
    terminate: () => {
      api[releaseProxy]();
      worker.terminate();
    },
  };
}
