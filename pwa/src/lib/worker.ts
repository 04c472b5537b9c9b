// The ledger worker: parses, stores and reconciles off the main thread. Its name says which database it
// serves: the demo's worker is named after the demo's database, every other one serves the merchant's ledger.
import { DEMO_DB_NAME } from '../../../core/db/db';
import { serveLedgerApi } from '../../../core/worker/serve';

serveLedgerApi(self.name === DEMO_DB_NAME ? DEMO_DB_NAME : undefined);
