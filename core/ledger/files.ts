// Files in the ledger: removing one imported file with everything it brought (its rows, the days its statements
// covered), with undo. The rows are kept, marked removed, until the undo is dismissed or expires; a merchant's
// decisions are never deleted (a link to a removed line simply has nothing to hold until the file comes back).
// A row another file in the ledger also read stays (it was stored once, with the file imported first; the
// others keep its key: core/db/repo.ts), so the ledger holds exactly the rows of the files left in it.
import { purgeRemovedFiles, removeFile, restoreFile } from '../db/repo';
import type { LedgerSummary } from '../db/schema';
import { attempt, fail, ok, type Result } from './result';
import type { LedgerState } from './state';
import type { RemovedFile } from './types';

/** How long a removed file stays recoverable when the page that offered the undo is gone (a reload, a crash). */
export const REMOVED_KEEP_MS = 24 * 60 * 60 * 1000;

/** The file handlers: remove one imported file, undo that, or let it go for good. */
export function fileHandlers(store: LedgerState) {
  return {
    /** Takes a file and its rows out of the ledger (recoverable with restoreFile) and reconciles what is left. */
    removeFile: (hash: string): Promise<Result<RemovedFile>> =>
      attempt(async () => {
        await store.init();
        const now = store.clock.now();
        // Files removed long ago whose undo the page never settled (it was closed) go for good now.
        await purgeRemovedFiles(store.db, { before: new Date(Date.parse(now) - REMOVED_KEEP_MS).toISOString() });
        const removed = await removeFile(store.db, hash, now);
        if (!removed) return fail({ code: 'failed', params: { message: `no imported file ${hash} of rows in the ledger` } });
        await store.reload();
        return ok({ hash, name: removed.name, rows: removed.rows, summary: await store.recompute() });
      }),

    /** Puts a removed file and its rows back, and reconciles. */
    restoreFile: (hash: string): Promise<Result<LedgerSummary>> =>
      attempt(async () => {
        await store.init();
        if (!(await restoreFile(store.db, hash)))
          return fail({ code: 'failed', params: { message: `file ${hash} is not removed, or was deleted for good` } });
        await store.reload();
        return ok(await store.recompute());
      }),

    /** Deletes a removed file's rows for good (the undo was dismissed or expired). */
    forgetRemovedFile: (hash: string): Promise<Result<number>> => attempt(async () => ok(await purgeRemovedFiles(store.db, { hash }))),
  };
}
