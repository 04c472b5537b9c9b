// Opt-in notifications of new critical alerts: each alert once, and never the ones already open when
// the merchant turned them on.
import { getLocal, LOCAL, setLocal } from '../storage';

/** Critical alerts not notified before (the opt-in notification is sent once per alert). */
export function newCritical(criticalIds: readonly string[], notified: readonly string[]): string[] {
  const done = new Set(notified);
  return criticalIds.filter(id => !done.has(id));
}

/** Notifies the critical alerts not notified before (at most three at a time), when the merchant opted in. */
export async function notifyCritical(criticalIds: readonly string[], critical: number): Promise<void> {
  if ((await getLocal(LOCAL.notify)) !== true) return;
  if (!(await chrome.permissions.contains({ permissions: ['notifications'] }))) return;
  const notified = (await getLocal(LOCAL.notified)) ?? null;
  // Turning notifications on does not replay alerts the merchant already sees on the badge.
  const fresh = notified === null ? [] : newCritical(criticalIds, notified);
  for (const id of fresh.slice(0, 3)) {
    await chrome.notifications.create(`settlewatch-${id}`, {
      type: 'basic',
      iconUrl: 'icons/icon-128.png',
      priority: 2,
      title: 'Settlewatch: 结算款未到账 / settlement missing',
      message:
        critical === 1
          ? '1 笔结算款逾期未到账。 One settlement credit is missing.'
          : `${critical} 条严重提醒。 ${critical} critical alerts are open.`,
    });
  }
  await setLocal(LOCAL.notified, [...new Set([...(notified ?? []), ...criticalIds])].slice(-1000));
}
