import { DEMO_DB_NAME, LEDGER_DB_NAME } from '../../../core/db/db';
import { connectLedger, type LedgerClient } from '../../../core/worker/client';

/** Makes the ledger worker over the named database; a host (the extension) may pass its own. */
export type WorkerFactory = (dbName: string) => Worker;

/**
 * The app's own worker, bundled as an ES module worker. Its name tells it which database to open (worker.ts);
 * the options are literals because the bundler reads them.
 */
export const defaultWorkerFactory: WorkerFactory = dbName =>
  dbName === DEMO_DB_NAME
    ? new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'settlewatch-demo' })
    : new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'settlewatch-ledger' });

/** Starts a worker over a database (the merchant's ledger unless named) and connects to its API. */
export function startLedgerClient(factory: WorkerFactory = defaultWorkerFactory, dbName: string = LEDGER_DB_NAME): LedgerClient {
  return connectLedger(factory(dbName));
}
