// The offscreen document (reason WORKERS): hosts the worker that stores captures and reconciles,
// answers the background's requests, and tells it when another context changed the ledger.
import { openLedgerDb, subscribe, watchConfig, watchDecisions, watchFiles } from '../../core/db/db';
import { handleMessages, sendMessage } from '../messages';
import { startExtensionWorker } from '../worker/connect';

const { api } = startExtensionWorker();

/** Files this document's worker stored for captures: the background already has the overview after them. */
const ownFiles = new Set<string>();
/** Captures the worker is storing: the file it writes may show up before its answer does. */
let storing = 0;

handleMessages('offscreen', {
  'offscreen.storeCapture': async ({ table, owner, currency, today }) => {
    storing++;
    try {
      const { file, ...stored } = await api.storeCapture(table, owner, currency, today);
      if (file !== null) ownFiles.add(file);
      return stored;
    } finally {
      storing--;
    }
  },
  'offscreen.overview': ({ today }) => api.overview(today),
  'offscreen.statuses': ({ today, keys }) => api.statuses(today, keys),
  'offscreen.bridgeInventory': async ({ today }) => ({ text: await api.bridgeInventory(today) }),
  'offscreen.bridgeLacking': async ({ today, inventory }) => ({ text: await api.bridgeLacking(inventory, today) }),
  'offscreen.bridgeMerge': ({ today, replica }) => api.bridgeMerge(replica, today),
});

// Dexie reports writes from every context of this origin (the ledger page's worker included), so an
// import in the ledger page reaches the badge without that page knowing about the extension. A capture
// this worker stored is left out: its answer already carried the new overview to the background.
const db = openLedgerDb();
let timer: ReturnType<typeof setTimeout> | null = null;
let knownFiles: Set<string> | null = null;
const freshFiles = new Set<string>();
let otherChange = false;
const seen = { decisions: false, config: false };

function schedule(): void {
  if (timer !== null) clearTimeout(timer);
  // Checked when the timer fires, and put off while a capture is being stored: its answer names its file.
  timer = setTimeout(() => {
    timer = null;
    if (storing > 0) return schedule();
    const onlyOwn = !otherChange && [...freshFiles].every(h => ownFiles.has(h));
    for (const h of freshFiles) ownFiles.delete(h);
    freshFiles.clear();
    otherChange = false;
    if (!onlyOwn) void sendMessage('ledger.changed', {});
  }, 200);
}

function changed(which: keyof typeof seen): void {
  if (!seen[which]) {
    seen[which] = true; // the first emission is the current state
    return;
  }
  otherChange = true;
  schedule();
}

subscribe(watchFiles(db), files => {
  const hashes = new Set(files.map(f => f.hash));
  const before = knownFiles;
  knownFiles = hashes;
  if (before === null) return; // the first emission is the current state
  let added = 0;
  for (const h of hashes) {
    if (before.has(h)) continue;
    freshFiles.add(h);
    added++;
  }
  if (before.size + added !== hashes.size) otherChange = true; // a file was removed (the ledger was cleared)
  if (added > 0 || otherChange) schedule();
});
subscribe(watchDecisions(db), () => changed('decisions'));
subscribe(watchConfig(db), () => changed('config'));
