// The ledger worker: parses, stores and reconciles off the main thread.
import { serveLedgerApi } from '../../../core/worker/serve';

serveLedgerApi();
