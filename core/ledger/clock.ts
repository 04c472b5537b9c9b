/** The clock the ledger reads: today's date (for statuses) and the time (for stamping writes). Injected in tests. */
export interface Clock {
  readonly today: () => string;
  readonly now: () => string;
}

/** Today's date on this device, `YYYY-MM-DD` in its own time zone. */
export function deviceToday(now: Date = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** The device's clock. */
export const deviceClock: Clock = { today: () => deviceToday(), now: () => new Date().toISOString() };
