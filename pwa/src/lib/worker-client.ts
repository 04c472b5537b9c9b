import { connectLedger, type LedgerClient } from '../../../core/worker/client';

/** Makes the ledger worker; a host (the extension) may pass its own. */
export type WorkerFactory = () => Worker;

/** The app's own worker, bundled as an ES module worker. */
export const defaultWorkerFactory: WorkerFactory = () =>
  new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'settlewatch-ledger' });

/** Starts a worker and connects to its API. */
export function startLedgerClient(factory: WorkerFactory = defaultWorkerFactory): LedgerClient {
  return connectLedger(factory());
}
