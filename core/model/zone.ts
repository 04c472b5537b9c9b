import { dayNumber, isoDate, type IsoDate } from './date';

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

/** True when `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Offset of `zone` from UTC in minutes at a local date and hour (local − UTC).
 * Read at the given local hour so daylight-saving switches at night are honoured.
 */
export function zoneOffsetMinutes(zone: string, date: IsoDate, hour = 12): number {
  const key = `${zone}|${date}|${hour}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  let fmt = formatters.get(zone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, fmt);
  }
  // Guess the instant as if the zone were UTC, then correct by the offset seen there (twice, for DST edges).
  const localMs = dayNumber(date) * 86_400_000 + hour * 3_600_000;
  let offset = offsetAt(fmt, localMs);
  offset = offsetAt(fmt, localMs - offset * 60_000);
  if (offsets.size > 200_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

function offsetAt(fmt: Intl.DateTimeFormat, utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const p of fmt.formatToParts(new Date(utcMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/** `+08:00` / `-05:00` / `Z` for an offset in minutes. */
export function formatOffset(minutes: number): string {
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** Reads `+08:00`, `-0500`, `Z` at the end of an ISO instant; null when there is no zone. */
export function offsetOf(instant: string): number | null {
  if (/Z$/i.test(instant)) return 0;
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(instant);
  if (!m || !/T|\s/.test(instant)) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/**
 * The local date and time of an instant in `zone`. An instant without a zone
 * (`2026-01-05T09:55:27`) is already local and is returned as is.
 */
export function localParts(instant: string, zone: string): { date: IsoDate; time: string } {
  const date = instant.slice(0, 10);
  const time = instant.slice(11, 19) || '00:00:00';
  const offset = offsetOf(instant);
  if (offset === null) return { date, time };
  const utcMs = Date.parse(`${date}T${time}Z`) - offset * 60_000;
  const guess = Math.floor(utcMs / 86_400_000);
  const target = zoneOffsetMinutes(zone, isoDate(guess), Math.floor((utcMs % 86_400_000) / 3_600_000));
  const local = new Date(utcMs + target * 60_000).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 19) };
}

/**
 * The trade date of a transaction made at a local date and time: at or after the
 * acquirer's `cutoff` (`HH:MM`) it is the next calendar day; no cutoff means midnight.
 */
export function tradeDate(date: IsoDate, time: string, cutoff: string | null | undefined): IsoDate {
  if (!cutoff) return date;
  const hhmm = time.slice(0, 5);
  const cut = cutoff.length === 4 ? '0' + cutoff : cutoff;
  return hhmm >= cut.slice(0, 5) ? isoDate(dayNumber(date) + 1) : date;
}
