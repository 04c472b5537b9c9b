import { expose } from 'comlink';
import { createLedgerApi } from './api';

/** Serves the ledger API from inside a dedicated worker (the worker script calls this once). */
export function serveLedgerApi(dbName?: string): void {
  expose(createLedgerApi(dbName));
}
