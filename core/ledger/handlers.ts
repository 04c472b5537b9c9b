// The ledger's handlers, one domain per file, as one typed map: what the Comlink worker exposes to the
// PWA and the extension's pages, and what the extension's offscreen worker calls. Every handler takes
// plain data and returns a Result.
import type { LedgerDb } from '../db/db';
import type { Clock } from './clock';
import { bridgeHandlers } from './bridge';
import { caseHandlers } from './cases';
import { caseworkHandlers } from './casework';
import { decisionHandlers } from './decisions';
import { evidenceHandlers } from './evidence';
import { exportHandlers } from './exports';
import { fileHandlers } from './files';
import { importHandlers } from './imports';
import { mappingHandlers } from './mappings';
import { queryHandlers } from './queries';
import { replicaHandlers } from './replica';
import { settingsHandlers } from './settings';
import { LedgerState } from './state';
import { summaryHandlers } from './summary';

/** Settings of the handlers that tests change. */
export interface LedgerOptions {
  /** scrypt's work factor for exported replica files (age's default unless a test needs them quick to open). */
  readonly scryptWorkFactor?: number;
}

/** The handlers of every domain over one ledger held in memory. */
function domains(store: LedgerState, options: LedgerOptions) {
  const replica = replicaHandlers(store, options.scryptWorkFactor);
  return {
    ...summaryHandlers(store),
    ...importHandlers(store),
    ...mappingHandlers(store),
    ...settingsHandlers(store),
    ...decisionHandlers(store),
    ...queryHandlers(store),
    ...caseHandlers(store),
    ...caseworkHandlers(store),
    ...evidenceHandlers(store),
    ...fileHandlers(store),
    ...exportHandlers(store),
    ...replica,
    ...bridgeHandlers(store, replica),
  };
}

/** Every handler of the ledger, by name. */
export type LedgerHandlers = ReturnType<typeof domains>;

/** The handlers over one ledger database, sharing what they hold in memory. */
export function createLedgerHandlers(db: LedgerDb, clock?: Clock, options: LedgerOptions = {}): LedgerHandlers {
  const store = new LedgerState(db, clock);
  return counted(store, domains(store, options));
}

/** The handlers, each counting itself in flight on the store while it runs (the ledger image waits for none to be). */
function counted(store: LedgerState, handlers: LedgerHandlers): LedgerHandlers {
  const out: Record<string, unknown> = {};
  for (const [name, handler] of Object.entries(handlers))
    out[name] = async (...args: unknown[]) => {
      store.busy++;
      try {
        return await (handler as (...a: unknown[]) => unknown)(...args);
      } finally {
        store.busy--;
      }
    };
  return out as LedgerHandlers;
}
