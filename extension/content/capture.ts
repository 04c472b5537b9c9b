// The capture content script (bundled as a classic IIFE script). Injected by a registered content
// script on a granted portal, or by "Capture this page" (activeTab). It reads transaction tables,
// sends rows the background has not seen from this page, and keeps watching for rows added later
// (next page, infinite scroll, filters). It never reads anything but table text, and never listens
// to the page: window.postMessage from the page reaches nothing here.
import { cleanCell } from '../../core/import/table';
import { CAPTURE_LIMITS, sendMessage } from '../messages';
import { portalForUrl } from '../portals';
import { findTransactionTables } from './dom-tables';

declare global {
  // One capture per frame, however often the script is injected (registered and activeTab both).
  var __settlewatchCapture: { rescan(): void } | undefined;
}

const DEBOUNCE_MS = 250;
/** After a refusal (a site that is no portal, a volume limit) the page is left alone this long, or until the popup captures it again. */
const PAUSE_MS = 60_000;

function pageKey(): string {
  return location.origin + location.pathname;
}

function start(): { rescan(): void } {
  const portal = portalForUrl(location.href)?.id ?? location.hostname;
  // References sent from this page, per column layout (the same id in two tables is sent once).
  const sent = new Set<string>();
  let page = pageKey();
  let lines = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;
  let again = false;
  let markedAt = 0;
  let paused: ReturnType<typeof setTimeout> | null = null;
  const MARK_EVERY_MS = 30_000;

  async function scan(): Promise<void> {
    if (paused !== null) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      if (pageKey() !== page) {
        page = pageKey();
        sent.clear();
        lines = 0;
      }
      let sentNow = 0;
      const tables = findTransactionTables(document);
      for (const table of tables) {
        const fresh: string[][] = [];
        const elements: Element[] = [];
        for (const row of table.rows) {
          if (fresh.length >= CAPTURE_LIMITS.rows) {
            again = true;
            break;
          } // the rest go in the next message
          const id = cleanCell(row.cells[table.columns.reference] ?? '');
          if (id === '' || sent.has(id)) continue;
          sent.add(id);
          fresh.push(row.cells);
          elements.push(row.element);
        }
        if (fresh.length === 0) continue;
        const firstLine = lines + 1;
        lines += fresh.length;
        const reply = await sendMessage('capture.rows', { portal, page, headers: table.headers, rows: fresh, firstLine });
        if (!reply.ok) {
          // Not stored: forget them so the next change on the page tries again.
          for (const row of fresh) sent.delete(cleanCell(row[table.columns.reference] ?? ''));
          lines -= fresh.length;
          // Refused (the popup shows why): stop sending until the pause ends or the popup captures again.
          if (reply.error.startsWith('refused')) {
            again = false;
            paused = setTimeout(() => {
              paused = null;
              schedule();
            }, PAUSE_MS);
            break;
          }
        } else sentNow += fresh.length;
      }
      // Statuses change with new rows (and, slowly, with bank imports and the date): a page whose DOM
      // changes all the time (a clock, a ticker) does not turn into a message every second.
      const unmarked = tables.some(t =>
        t.rows.some(r => !r.element.hasAttribute('data-settlewatch-status') && sent.has(cleanCell(r.cells[t.columns.reference] ?? ''))),
      );
      if (sentNow > 0 || unmarked || Date.now() - markedAt > MARK_EVERY_MS) {
        markedAt = Date.now();
        await markStatuses();
      }
    } finally {
      running = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  }

  /** Marks each captured row with its status (only this tab's rows are ever answered). */
  async function markStatuses(): Promise<void> {
    const reply = await sendMessage('capture.statuses', {});
    if (!reply.ok) return;
    for (const table of findTransactionTables(document)) {
      for (const row of table.rows) {
        const status = reply.value.statuses[cleanCell(row.cells[table.columns.reference] ?? '')];
        if (status && row.element.getAttribute('data-settlewatch-status') !== status)
          row.element.setAttribute('data-settlewatch-status', status);
      }
    }
  }

  function schedule(): void {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void scan();
    }, DEBOUNCE_MS);
  }

  // Attribute changes are ignored: our own status marks must not wake us up again.
  new MutationObserver(schedule).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  addEventListener('popstate', schedule);
  schedule();
  return {
    rescan() {
      if (paused !== null) {
        clearTimeout(paused);
        paused = null;
      }
      schedule();
    },
  };
}

if (globalThis.__settlewatchCapture) globalThis.__settlewatchCapture.rescan();
else globalThis.__settlewatchCapture = start();
