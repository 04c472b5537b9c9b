// Alarms: statuses change with the date alone (a batch becomes overdue when its day passes, with no new
// data), so the badge is recomputed hourly and just after midnight.
import { untilNextDay } from './clock';

const HOURLY = 'settlewatch.hourly';
const MIDNIGHT = 'settlewatch.midnight';

async function scheduleAlarms(): Promise<void> {
  if (!(await chrome.alarms.get(HOURLY))) await chrome.alarms.create(HOURLY, { periodInMinutes: 60 });
  await chrome.alarms.create(MIDNIGHT, { when: Date.now() + untilNextDay() });
}

/** Schedules the alarms at install and start-up, then calls `tick` after scheduling and on every alarm. */
export function startAlarms(tick: () => Promise<unknown>): void {
  const start = () => void scheduleAlarms().then(tick);
  chrome.runtime.onInstalled.addListener(start);
  chrome.runtime.onStartup.addListener(start);
  chrome.alarms.onAlarm.addListener(alarm => {
    if (alarm.name === MIDNIGHT) void scheduleAlarms();
    if (alarm.name === HOURLY || alarm.name === MIDNIGHT) void tick();
  });
}
