// The ledger's handlers, one domain per file, as one typed map: what the Comlink worker exposes to the
// PWA and the extension's pages, and what the extension's offscreen worker calls. Every handler takes
// plain data and returns a Result.
import type { LedgerDb } from '../db/db';
import type { Clock } from './clock';
import { caseHandlers } from './cases';
import { caseworkHandlers } from './casework';
import { decisionHandlers } from './decisions';
import { evidenceHandlers } from './evidence';
import { fileHandlers } from './files';
import { importHandlers } from './imports';
import { mappingHandlers } from './mappings';
import { queryHandlers } from './queries';
import { settingsHandlers } from './settings';
import { LedgerState } from './state';
import { summaryHandlers } from './summary';

/** The handlers of every domain over one ledger held in memory. */
function domains(store: LedgerState) {
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
  };
}

/** Every handler of the ledger, by name. */
export type LedgerHandlers = ReturnType<typeof domains>;

/** The handlers over one ledger database, sharing what they hold in memory. */
export function createLedgerHandlers(db: LedgerDb, clock?: Clock): LedgerHandlers {
  return domains(new LedgerState(db, clock));
}
