import { deviceToday } from '../../core/ledger/clock';

export { deviceToday };

/**
 * Test-only clock override: when chrome.storage.local holds this key with a `YYYY-MM-DD` date, the
 * background reconciles as if that were today (end-to-end tests move time forward without waiting for
 * it). Only extension pages can write chrome.storage.local; a content script cannot (storage is not
 * exposed to untrusted contexts). The shipped extension never writes it.
 */
export const TODAY_OVERRIDE_KEY = 'settlewatch.test.today';


/** The date reconciliation runs at: the override when set to a valid date, else the device's today. */
export function effectiveToday(override: unknown, now: Date = new Date()): string {
  if (typeof override === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(override) && !Number.isNaN(Date.parse(override))) return override;
  return deviceToday(now);
}

/** Milliseconds until just after the next local midnight, when statuses can change by themselves. */
export function untilNextDay(now: Date = new Date()): number {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 0, 1, 0);
  return next.getTime() - now.getTime();
}
