// The offscreen document (reason WORKERS): hosts the worker that stores captures and reconciles,
// answers the background's requests, and tells it when the ledger changed in any context.
import { openLedgerDb, subscribe, watchConfig, watchDecisions, watchFiles } from '../../core/db/db';
import { handleMessages, sendMessage } from '../messages';
import { startExtensionWorker } from '../worker/connect';

const { api } = startExtensionWorker();

handleMessages('offscreen', {
  'offscreen.storeCapture': ({ table, currency, today }) => api.storeCapture(table, currency, today),
  'offscreen.overview': ({ today }) => api.overview(today),
  'offscreen.statuses': ({ today, keys }) => api.statuses(today, keys),
});

// Dexie reports writes from every context of this origin (the ledger page's worker included), so an
// import in the ledger page reaches the badge without that page knowing about the extension.
const db = openLedgerDb();
let timer: ReturnType<typeof setTimeout> | null = null;
const seen = { files: false, decisions: false, config: false };
function changed(which: keyof typeof seen): void {
  if (!seen[which]) { seen[which] = true; return; } // the first emission is the current state
  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(() => { timer = null; void sendMessage('ledger.changed', {}); }, 200);
}
subscribe(watchFiles(db), () => changed('files'));
subscribe(watchDecisions(db), () => changed('decisions'));
subscribe(watchConfig(db), () => changed('config'));
