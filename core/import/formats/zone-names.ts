import { formatOffset, isTimeZone, zoneOffsetMinutes } from '../../model/zone';
import type { IsoDate } from '../../model/date';

// Zone abbreviations acquirer exports print beside local times (Adyen `TimeZone` PST/CET,
// PayPal `TimeZone` PDT/GMT). Ambiguous ones (CST, IST, BST-as-Bangladesh) are left out on purpose:
// guessing an offset would shift a sale onto the wrong trade date.
const ABBREVIATIONS: Readonly<Record<string, number>> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  WEST: 60,
  BST: 60,
  CET: 60,
  CEST: 120,
  MET: 60,
  MEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  PST: -480,
  PDT: -420,
  MST: -420,
  MDT: -360,
  EST: -300,
  EDT: -240,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  AST: -240,
  ADT: -180,
  NST: -210,
  NDT: -150,
  SGT: 480,
  HKT: 480,
  JST: 540,
  KST: 540,
  AEST: 600,
  AEDT: 660,
  ACST: 570,
  ACDT: 630,
  AWST: 480,
  NZST: 720,
  NZDT: 780,
};

/** Offset in minutes (local − UTC) of a zone abbreviation or a printed offset (`PST`, `GMT+01:00`, `-0800`); null when unknown. */
export function abbreviationOffset(text: string): number | null {
  const s = text.trim().toUpperCase();
  if (s in ABBREVIATIONS) return ABBREVIATIONS[s]!;
  const m = /^(?:UTC|GMT)?\s*([+-])(\d{1,2}):?(\d{2})?$/.exec(s);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return minutes > 14 * 60 ? null : m[1] === '-' ? -minutes : minutes;
}

// Square prints Rails (ActiveSupport) zone names: "Pacific Time (US & Canada)". The common ones for
// Square's markets (US, CA, GB, IE, AU, JP, FR, ES) map to IANA zones; an IANA name is taken as is.
const RAILS: Readonly<Record<string, string>> = {
  'Pacific Time (US & Canada)': 'America/Los_Angeles',
  'Mountain Time (US & Canada)': 'America/Denver',
  'Central Time (US & Canada)': 'America/Chicago',
  'Eastern Time (US & Canada)': 'America/New_York',
  Arizona: 'America/Phoenix',
  Alaska: 'America/Juneau',
  Hawaii: 'Pacific/Honolulu',
  'Atlantic Time (Canada)': 'America/Halifax',
  Newfoundland: 'America/St_Johns',
  Saskatchewan: 'America/Regina',
  'Indiana (East)': 'America/Indiana/Indianapolis',
  'Puerto Rico': 'America/Puerto_Rico',
  London: 'Europe/London',
  Edinburgh: 'Europe/London',
  Dublin: 'Europe/Dublin',
  Lisbon: 'Europe/Lisbon',
  Paris: 'Europe/Paris',
  Madrid: 'Europe/Madrid',
  Berlin: 'Europe/Berlin',
  Amsterdam: 'Europe/Amsterdam',
  Copenhagen: 'Europe/Copenhagen',
  Stockholm: 'Europe/Stockholm',
  Rome: 'Europe/Rome',
  Tokyo: 'Asia/Tokyo',
  Osaka: 'Asia/Tokyo',
  Sapporo: 'Asia/Tokyo',
  Sydney: 'Australia/Sydney',
  Canberra: 'Australia/Canberra',
  Melbourne: 'Australia/Melbourne',
  Brisbane: 'Australia/Brisbane',
  Adelaide: 'Australia/Adelaide',
  Darwin: 'Australia/Darwin',
  Hobart: 'Australia/Hobart',
  Perth: 'Australia/Perth',
  Auckland: 'Pacific/Auckland',
  UTC: 'Etc/UTC',
};

/** The IANA zone of a Rails zone name or an IANA name; null when unknown. */
export function ianaZone(name: string): string | null {
  const s = name.trim();
  if (RAILS[s]) return RAILS[s]!;
  return s.includes('/') && isTimeZone(s) ? s : null;
}

/** `YYYY-MM-DDTHH:MM:SS` plus the zone's offset on that day when the zone is known. */
export function instantIn(date: IsoDate, time: string | null, zone: { offset: number } | { iana: string } | null): string {
  const t = time ?? '00:00:00';
  if (!zone) return `${date}T${t}`;
  const offset = 'offset' in zone ? zone.offset : zoneOffsetMinutes(zone.iana, date, Number(t.slice(0, 2)));
  return `${date}T${t}${formatOffset(offset)}`;
}
