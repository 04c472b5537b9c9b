import { openLedgerDb } from '../db/db';
import { createLedgerHandlers, type LedgerHandlers } from '../ledger/handlers';

export type * from '../ledger/types';
export type { CaseRefusal, FieldIssue, LedgerError, Result } from '../ledger/result';
export type { CaseEntryInput, CaseFile, CaseListItem, CaseView, VoucherInput } from '../ledger/casework';

/** The ledger worker's API: the ledger's handlers, plain data in, plain data out (a Result). */
export type LedgerApi = LedgerHandlers;

/** Builds the API object over a ledger database (a name for tests; the app's default otherwise). */
export function createLedgerApi(dbName?: string): LedgerApi {
  return createLedgerHandlers(openLedgerDb(dbName));
}
