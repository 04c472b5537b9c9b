import { FORMATS } from '../import/formats/index';
import { PORTAL_TABLE_FORMAT } from '../import/portal-table';
import { findCalendar, type CalendarSpec } from '../model/calendar';
import { isIsoDate } from '../model/date';
import { parseRate } from '../model/money';
import { isTimeZone } from '../model/zone';
import type { AcquirerProfile, Config, ConfigIssue, FeeRule } from './types';

/** Result of checking a config: the typed config, or every problem with the path of its field. */
export type ConfigResult = { readonly ok: true; readonly config: Config } | { readonly ok: false; readonly issues: ConfigIssue[] };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks a parsed JSON value against `settlewatch.config/1`, naming the path of every bad field. */
export function validateConfig(value: unknown): ConfigResult {
  const issues: ConfigIssue[] = [];
  const bad = (path: string, message: string) => {
    issues.push({ path, message });
  };
  if (!isObject(value)) return { ok: false, issues: [{ path: '$', message: 'must be a JSON object' }] };
  if (value.schema !== 'settlewatch.config/1') bad('schema', `must be "settlewatch.config/1", found ${JSON.stringify(value.schema)}`);

  const count = (key: string, fallback: number, max: number): number => {
    const v = value[key];
    if (v === undefined) return fallback;
    if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > max) {
      bad(key, `must be a whole number from 0 to ${max}`);
      return fallback;
    }
    return v as number;
  };
  const graceBusinessDays = count('graceBusinessDays', 2, 60);
  const lateToleranceBusinessDays = count('lateToleranceBusinessDays', 0, 60);
  const duplicateWindowMinutes = count('duplicateWindowMinutes', 10, 24 * 60);
  const staleAfter = value.staleAfterBusinessDays === undefined ? undefined : count('staleAfterBusinessDays', 3, 60);

  const calendars: CalendarSpec[] = [];
  if (value.calendars !== undefined && !Array.isArray(value.calendars)) bad('calendars', 'must be an array');
  for (const [i, c] of (Array.isArray(value.calendars) ? value.calendars : []).entries()) {
    const spec = readCalendar(c, `calendars[${i}]`, bad);
    if (spec) {
      if (calendars.some(x => x.id === spec.id)) bad(`calendars[${i}].id`, `"${spec.id}" is defined twice`);
      calendars.push(spec);
    }
  }

  const acquirers: AcquirerProfile[] = [];
  if (!Array.isArray(value.acquirers)) bad('acquirers', 'must be an array of acquirer profiles');
  for (const [i, a] of (Array.isArray(value.acquirers) ? value.acquirers : []).entries()) {
    const profile = readAcquirer(a, `acquirers[${i}]`, calendars, bad);
    if (profile) {
      if (acquirers.some(x => x.id === profile.id)) bad(`acquirers[${i}].id`, `"${profile.id}" is used by another profile`);
      acquirers.push(profile);
    }
  }
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    config: {
      schema: 'settlewatch.config/1',
      graceBusinessDays,
      lateToleranceBusinessDays,
      duplicateWindowMinutes,
      ...(staleAfter !== undefined ? { staleAfterBusinessDays: staleAfter } : {}),
      calendars,
      acquirers,
    },
  };
}

function readCalendar(c: unknown, path: string, bad: (p: string, m: string) => void): CalendarSpec | null {
  if (!isObject(c)) {
    bad(path, 'must be an object');
    return null;
  }
  let ok = true;
  const fail = (p: string, m: string) => {
    ok = false;
    bad(p, m);
  };
  if (typeof c.id !== 'string' || !c.id.trim()) fail(`${path}.id`, 'must be a non-empty string');
  const weekend = c.weekend ?? [6, 0];
  if (!Array.isArray(weekend) || weekend.some(d => !Number.isInteger(d) || d < 0 || d > 6))
    fail(`${path}.weekend`, 'must list weekdays as numbers 0 (Sunday) to 6 (Saturday)');
  else if (new Set(weekend).size >= 7) fail(`${path}.weekend`, 'leaves no business day in the week');
  const dates = (key: 'holidays' | 'workdays'): string[] => {
    const v = c[key] ?? [];
    if (!Array.isArray(v)) {
      fail(`${path}.${key}`, 'must be an array of YYYY-MM-DD dates');
      return [];
    }
    v.forEach((d, j) => {
      if (typeof d !== 'string' || !isIsoDate(d)) fail(`${path}.${key}[${j}]`, `${JSON.stringify(d)} is not a YYYY-MM-DD date`);
    });
    return v.filter((d): d is string => typeof d === 'string');
  };
  const holidays = dates('holidays');
  const workdays = dates('workdays');
  return ok ? { id: String(c.id), weekend: weekend as number[], holidays, workdays } : null;
}

const CURRENCY = /^[A-Za-z]{3}$/;
/** Formats an acquirer profile may name: every acquirer export format, a column mapping, captured portal rows. */
const ACQUIRER_FORMATS = [...FORMATS.filter(f => f.role === 'acquirer').map(f => f.name), 'mapped', PORTAL_TABLE_FORMAT];
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

function readAcquirer(a: unknown, path: string, calendars: CalendarSpec[], bad: (p: string, m: string) => void): AcquirerProfile | null {
  if (!isObject(a)) {
    bad(path, 'must be an object');
    return null;
  }
  let ok = true;
  const fail = (p: string, m: string) => {
    ok = false;
    bad(p, m);
  };
  const str = (key: string, required = true): string | undefined => {
    const v = a[key];
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || !v.trim()) {
      fail(`${path}.${key}`, 'must be a non-empty string');
      return undefined;
    }
    return v.trim();
  };
  const id = str('id');
  const name = str('name', false) ?? id ?? '';
  const format = str('format');
  // A profile with a format no reader produces would never be chosen by format: a typo found now, not never.
  if (format && !ACQUIRER_FORMATS.includes(format))
    fail(`${path}.format`, `"${format}" is not an acquirer format (${ACQUIRER_FORMATS.join(', ')})`);
  const currency = str('currency');
  if (currency && !CURRENCY.test(currency)) fail(`${path}.currency`, `"${currency}" is not an ISO 4217 code`);
  const timezone = str('timezone');
  if (timezone && !isTimeZone(timezone)) fail(`${path}.timezone`, `"${timezone}" is not a known IANA time zone`);
  const calendar = str('calendar');
  if (calendar && !findCalendar(calendar, calendars))
    fail(`${path}.calendar`, `"${calendar}" is neither in "calendars" nor a built-in calendar`);
  const lag = a.settlementLagBusinessDays;
  if (!Number.isInteger(lag) || (lag as number) < 0 || (lag as number) > 60)
    fail(`${path}.settlementLagBusinessDays`, 'must be a whole number from 0 to 60');
  const cutoff = a.cutoff;
  if (cutoff !== undefined && cutoff !== null && (typeof cutoff !== 'string' || !HHMM.test(cutoff)))
    fail(`${path}.cutoff`, 'must be a time "HH:MM"');
  const merchantIds = a.merchantIds;
  if (merchantIds !== undefined && (!Array.isArray(merchantIds) || merchantIds.some(m => typeof m !== 'string' || !m.trim())))
    fail(`${path}.merchantIds`, 'must be an array of merchant numbers (strings)');
  const cps = a.bankCounterparties;
  if (!Array.isArray(cps) || cps.length === 0 || cps.some(c => typeof c !== 'string' || !c.trim()))
    fail(`${path}.bankCounterparties`, 'must list at least one name the acquirer uses on bank statements');
  for (const k of ['exportRetentionDays', 'exportQueryDays'] as const) {
    const v = a[k];
    if (v !== undefined && (!Number.isInteger(v) || (v as number) < 1 || (v as number) > 3660))
      fail(`${path}.${k}`, 'must be a whole number of days from 1 to 3660');
  }
  const fees: FeeRule[] = [];
  if (a.fees !== undefined && !Array.isArray(a.fees)) fail(`${path}.fees`, 'must be an array');
  for (const [j, f] of (Array.isArray(a.fees) ? a.fees : []).entries()) {
    const fp = `${path}.fees[${j}]`;
    if (!isObject(f)) {
      fail(fp, 'must be an object');
      continue;
    }
    const cardType = f.cardType ?? 'any';
    if (cardType !== 'debit' && cardType !== 'credit' && cardType !== 'any') fail(`${fp}.cardType`, 'must be "debit", "credit" or "any"');
    if (typeof f.rate !== 'string' || !parseRate(f.rate)) fail(`${fp}.rate`, 'must be a decimal string such as "0.0060"');
    for (const k of ['capMinor', 'fixedMinor'] as const) {
      if (f[k] !== undefined && (!Number.isInteger(f[k]) || (f[k] as number) < 0))
        fail(`${fp}.${k}`, 'must be a whole number of minor units ≥ 0');
    }
    fees.push({
      cardType: cardType as FeeRule['cardType'],
      rate: String(f.rate),
      ...(f.capMinor !== undefined ? { capMinor: f.capMinor as number } : {}),
      ...(f.fixedMinor !== undefined ? { fixedMinor: f.fixedMinor as number } : {}),
    });
  }
  if (!ok) return null;
  return {
    id: id!,
    name,
    format: format!,
    currency: currency!.toUpperCase(),
    timezone: timezone!,
    calendar: calendar!,
    settlementLagBusinessDays: lag as number,
    ...(typeof cutoff === 'string' ? { cutoff } : {}),
    ...(Array.isArray(merchantIds) ? { merchantIds: (merchantIds as string[]).map(m => m.trim()) } : {}),
    bankCounterparties: (cps as string[]).map(c => c.trim()),
    fees,
    ...(Number.isInteger(a.exportRetentionDays) ? { exportRetentionDays: a.exportRetentionDays as number } : {}),
    ...(Number.isInteger(a.exportQueryDays) ? { exportQueryDays: a.exportQueryDays as number } : {}),
  };
}
