// The application layer: the ledger's handlers over the database, one file per domain.
export * from './clock';
export * from './handlers';
export * from './result';
export type * from './types';
export { captureAcquirer } from './captures';
export { isCaptureConflict } from './conflicts';
export { contentHash, readConfigJson } from './imports';
export { mappingShapeProblem } from './mappings';
export { batchIdOf, lineAcquirer, txnMatcher } from './queries';
export { rankCandidateBatches, rankCandidateLines, type LineCandidate } from './cases';
export {
  MAX_NOTE,
  MAX_VOUCHER_BYTES,
  type CaseEntryInput,
  type CaseFile,
  type CaseListItem,
  type CaseView,
  type VoucherInput,
} from './casework';
export type { ReplicaExport, ReplicaMerged, ReplicaOpened, ReplicaProgress } from './replica';
