// Volume limits on captured rows (issue 16: one tab stored 205,465 made-up rows in 49 s). A real portal
// page lists tens to a few hundred transactions; a merchant paging through a month of a busy shop's
// history sees a few thousand. The limits sit far above that and far below what fills the browser's
// storage, and a capture past one is refused with a message saying which limit and until when.
import { CAPTURE_LIMITS } from '../messages';

export const VOLUME_LIMITS = {
  /** Rows in one capture message (a content script splits a longer table into several messages). */
  rowsPerMessage: CAPTURE_LIMITS.rows,
  /** Rows one tab may send in a minute: two full messages, a hundred pages of a 100-row list. */
  rowsPerTabPerMinute: 10_000,
  /** Rows one site (host) may send in a day, over all its tabs. */
  rowsPerSitePerDay: 50_000,
} as const;

const MINUTE_MS = 60_000;

/** Rows a tab sent since `start` (ms since the epoch): a fixed window of a minute from its first row. */
export interface TabWindow {
  readonly start: number;
  readonly rows: number;
}

/** Rows a site sent on `day` (the extension's today, YYYY-MM-DD). */
export interface SiteWindow {
  readonly day: string;
  readonly rows: number;
}

/** What the limits say about `rows` more rows: the windows counting them, or why they are refused (nothing is counted then). */
export type Admission =
  { readonly ok: true; readonly tab: TabWindow; readonly site: SiteWindow } | { readonly ok: false; readonly message: string };

/** Checks `rows` more rows from a tab and a site against the limits, at `now` (ms) on `today`. */
export function admitRows(
  rows: number,
  tab: TabWindow | undefined,
  site: SiteWindow | undefined,
  host: string,
  now: number,
  today: string,
  limits: typeof VOLUME_LIMITS = VOLUME_LIMITS,
): Admission {
  if (rows > limits.rowsPerMessage) {
    return { ok: false, message: `refused: ${rows} rows in one capture, more than the limit of ${limits.rowsPerMessage}` };
  }
  const tabNow = tab && now - tab.start < MINUTE_MS && now >= tab.start ? tab : { start: now, rows: 0 };
  const siteNow = site && site.day === today ? site : { day: today, rows: 0 };
  if (tabNow.rows + rows > limits.rowsPerTabPerMinute) {
    const wait = Math.max(1, Math.ceil((tabNow.start + MINUTE_MS - now) / 1000));
    return {
      ok: false,
      message: `refused: this tab sent ${tabNow.rows} rows in the last minute; ${rows} more would pass the limit of ${limits.rowsPerTabPerMinute} rows a minute (try again in ${wait} s)`,
    };
  }
  if (siteNow.rows + rows > limits.rowsPerSitePerDay) {
    return {
      ok: false,
      message: `refused: ${host} sent ${siteNow.rows} rows today; ${rows} more would pass the limit of ${limits.rowsPerSitePerDay} rows a day for one site`,
    };
  }
  return { ok: true, tab: { start: tabNow.start, rows: tabNow.rows + rows }, site: { day: today, rows: siteNow.rows + rows } };
}
