// The toolbar badge: how many warnings and critical alerts are open, red when any is critical.
import { CATALOGS } from '../../core/messages/index';
import type { BadgeState, Overview } from '../messages';
import { SESSION, setSession } from '../storage';
import { currentToday } from './clock';
import { notifyCritical, notifyFollowUps, uiLang } from './notifications';
import { toOffscreen } from './offscreen';

/** Badge colours: red when anything is critical, amber for warnings only. */
export const BADGE_RED = '#c62828';
export const BADGE_AMBER = '#f9a825';

/** Badge colour while the bank data is too old to vouch for anything: neither the all-clear nor an alarm. */
export const BADGE_GREY = '#616161';

/**
 * The badge for the open alerts (the overview's one count), red if any is critical, empty when none.
 * With stale bank data it never looks reassuring: "?" (after the count, when alerts are open), grey unless
 * something is critical.
 */
export function badgeFor(
  open: Pick<Overview, 'openAlertCount' | 'openBySeverity'>,
  stale = false,
  followUpsDue = 0,
): { readonly text: string; readonly color: string } {
  const count = open.openAlertCount;
  const color = open.openBySeverity.critical > 0 ? BADGE_RED : stale ? BADGE_GREY : BADGE_AMBER;
  // A case's follow-up date that has come asks for the merchant too: "!" after the count (stale data's "?" first).
  const mark = stale ? '?' : followUpsDue > 0 ? '!' : '';
  if (count === 0) return { text: mark, color };
  return { text: (count > 999 ? '999+' : String(count)) + (count <= 999 ? mark : ''), color };
}

// ───────────────────────────── setting the badge ─────────────────────────────

let queue: Promise<unknown> = Promise.resolve();
const shown = new Set<(state: BadgeState) => void>();

/** Runs badge updates one at a time, in order, so the last one shows the latest data. */
function enqueue(run: () => Promise<BadgeState>): Promise<BadgeState> {
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}

async function apply(overview: Overview): Promise<BadgeState> {
  const { text, color } = badgeFor(overview, overview.bankStale !== null, overview.followUpsDue.length);
  await chrome.action.setBadgeText({ text });
  await chrome.action.setBadgeBackgroundColor({ color });
  await chrome.action.setBadgeTextColor({ color: '#ffffff' });
  const count = overview.openAlertCount;
  const catalog = CATALOGS[await uiLang()];
  const words = catalog.extension;
  const stale = overview.bankStale;
  await chrome.action.setTitle({
    title:
      words.badgeTitle(count) +
      (overview.followUpsDue.length ? catalog.cases.followUpsDue(overview.followUpsDue.length) : '') +
      (stale ? words.staleTitle(stale.businessDaysOld, stale.importFrom) : ''),
  });
  const state: BadgeState = { text, color, today: overview.today };
  await setSession(SESSION.badge, state);
  await notifyCritical(overview.criticalAlerts);
  await notifyFollowUps(overview.followUpsDue);
  for (const listener of shown) listener(state);
  return state;
}

/** Shows an overview the caller already has (a stored capture answers with one): no round trip. */
export function showBadge(overview: Overview): Promise<BadgeState> {
  return enqueue(() => apply(overview));
}

/** Asks the offscreen document for the overview at today's date and shows it. */
export function refreshBadge(): Promise<BadgeState> {
  return enqueue(async () => apply(await toOffscreen('offscreen.overview', { today: await currentToday() })));
}

/** Calls `listener` after every badge update (the ledger or the date changed). */
export function onBadgeShown(listener: (state: BadgeState) => void): void {
  shown.add(listener);
}
