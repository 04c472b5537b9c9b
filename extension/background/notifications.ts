// Opt-in notifications of new critical alerts: each alert once, and never the ones already open when
// the merchant turned them on. Worded by the core's catalogs in the browser's language.
import { CATALOGS, renderAlert, type Lang } from '../../core/messages/index';
import type { CaseFollowUp } from '../../core/db/schema';
import type { CriticalAlert } from '../messages';
import { getLocal, LOCAL, setLocal } from '../storage';

/** The language the merchant picked in the popup or ledger page, else the browser's: zh for any Chinese, else en. */
export async function uiLang(): Promise<Lang> {
  return (await getLocal(LOCAL.lang)) ?? (chrome.i18n.getUILanguage().toLowerCase().startsWith('zh') ? 'zh' : 'en');
}

/** Critical alerts not notified before (the opt-in notification is sent once per alert). */
export function newCritical(criticalIds: readonly string[], notified: readonly string[]): string[] {
  const done = new Set(notified);
  return criticalIds.filter(id => !done.has(id));
}

/** A notification's title and text for one critical alert, in `lang`. */
export function notificationOf(alert: CriticalAlert, lang: Lang): { readonly title: string; readonly message: string } {
  const words = CATALOGS[lang];
  return { title: words.extension.notificationTitle(words.kinds[alert.kind]), message: renderAlert(alert, lang) };
}

/** Notifies the critical alerts not notified before (at most three at a time), when the merchant opted in. */
export async function notifyCritical(critical: readonly CriticalAlert[]): Promise<void> {
  if ((await getLocal(LOCAL.notify)) !== true) return;
  if (!(await chrome.permissions.contains({ permissions: ['notifications'] }))) return;
  const notified = (await getLocal(LOCAL.notified)) ?? null;
  const criticalIds = critical.map(a => a.id);
  // Turning notifications on does not replay alerts the merchant already sees on the badge.
  const fresh = new Set(notified === null ? [] : newCritical(criticalIds, notified).slice(0, 3));
  const lang = await uiLang();
  for (const alert of critical.filter(a => fresh.has(a.id))) {
    await chrome.notifications.create(`settlewatch-${alert.id}`, {
      type: 'basic',
      iconUrl: 'icons/icon-128.png',
      priority: 2,
      ...notificationOf(alert, lang),
    });
  }
  await setLocal(LOCAL.notified, [...new Set([...(notified ?? []), ...criticalIds])].slice(-1000));
}

/** The key a follow-up is notified under: its case and date, so a new date notifies again. */
export const followUpKey = (f: Pick<CaseFollowUp, 'caseId' | 'followUpOn'>): string => `${f.caseId}@${f.followUpOn}`;

/** A follow-up notification's title and text, in `lang`. */
export function followUpNotificationOf(f: CaseFollowUp, lang: Lang): { readonly title: string; readonly message: string } {
  const words = CATALOGS[lang];
  const kind = f.kind ? words.kinds[f.kind] : words.cases.status[f.status];
  return {
    title: words.extension.notificationTitle(kind),
    message: words.cases.followUpNotice(kind, words.formats.money(f.amountMinor, f.currency), words.formats.date(f.followUpOn)),
  };
}

/** Notifies each due follow-up once (per case and date), when the merchant opted in to notifications. */
export async function notifyFollowUps(due: readonly CaseFollowUp[]): Promise<void> {
  if (!due.length || (await getLocal(LOCAL.notify)) !== true) return;
  if (!(await chrome.permissions.contains({ permissions: ['notifications'] }))) return;
  const done = new Set((await getLocal(LOCAL.notifiedFollowUps)) ?? []);
  const fresh = due.filter(f => !done.has(followUpKey(f))).slice(0, 3);
  if (!fresh.length) return;
  const lang = await uiLang();
  for (const f of fresh) {
    await chrome.notifications.create(`settlewatch-follow-up-${followUpKey(f)}`, {
      type: 'basic',
      iconUrl: 'icons/icon-128.png',
      priority: 1,
      ...followUpNotificationOf(f, lang),
    });
  }
  await setLocal(LOCAL.notifiedFollowUps, [...done, ...fresh.map(followUpKey)].slice(-1000));
}
