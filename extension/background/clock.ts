import { deviceToday } from '../../core/ledger/clock';
import { getLocal, LOCAL } from '../storage';

export { deviceToday };

/** The date reconciliation runs at: the override when set to a valid date, else the device's today. */
export function effectiveToday(override: unknown, now: Date = new Date()): string {
  if (typeof override === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(override) && !Number.isNaN(Date.parse(override))) return override;
  return deviceToday(now);
}

/** The date the extension reconciles at now: the test-only override in storage (see storage.ts), else today. */
export async function currentToday(): Promise<string> {
  return effectiveToday(await getLocal(LOCAL.todayOverride));
}

/** Milliseconds until just after the next local midnight, when statuses can change by themselves. */
export function untilNextDay(now: Date = new Date()): number {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 0, 1, 0);
  return next.getTime() - now.getTime();
}
