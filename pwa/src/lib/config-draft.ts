import type { AcquirerProfile, Config, FeeRule } from '../../../core/config/types';
import type { CalendarSpec } from '../../../core/model/calendar';

/** A fee rule as the form edits it (numbers as typed). */
export interface FeeDraft {
  cardType: FeeRule['cardType'];
  rate: string;
  cap: string;
  fixed: string;
}

/** An acquirer profile as the form edits it: lists as one entry per line. */
export interface ProfileDraft {
  id: string;
  name: string;
  format: string;
  currency: string;
  timezone: string;
  calendar: string;
  lag: number;
  cutoff: string;
  counterparties: string;
  merchants: string;
  fees: FeeDraft[];
}

/** A calendar as the form edits it. */
export interface CalendarDraft {
  id: string;
  weekend: string;
  holidays: string;
  workdays: string;
}

/** The whole config as the form edits it. */
export interface ConfigDraft {
  grace: number;
  late: number;
  duplicate: number;
  profiles: ProfileDraft[];
  calendars: CalendarDraft[];
}

const lines = (text: string): string[] =>
  text
    .split(/[\n,]/)
    .map(s => s.trim())
    .filter(Boolean);

/** A profile for the form. */
export function profileDraft(p: AcquirerProfile): ProfileDraft {
  return {
    id: p.id,
    name: p.name,
    format: p.format,
    currency: p.currency,
    timezone: p.timezone,
    calendar: p.calendar,
    lag: p.settlementLagBusinessDays,
    cutoff: p.cutoff ?? '',
    counterparties: p.bankCounterparties.join('\n'),
    merchants: (p.merchantIds ?? []).join('\n'),
    fees: (p.fees ?? []).map(f => ({
      cardType: f.cardType,
      rate: f.rate,
      cap: f.capMinor === undefined ? '' : String(f.capMinor),
      fixed: f.fixedMinor === undefined ? '' : String(f.fixedMinor),
    })),
  };
}

/** A config (or nothing yet) for the form. */
export function configDraft(config: Config | null | undefined): ConfigDraft {
  return {
    grace: config?.graceBusinessDays ?? 2,
    late: config?.lateToleranceBusinessDays ?? 0,
    duplicate: config?.duplicateWindowMinutes ?? 10,
    profiles: (config?.acquirers ?? []).map(profileDraft),
    calendars: (config?.calendars ?? []).map((c: CalendarSpec) => ({
      id: c.id,
      weekend: c.weekend.join(','),
      holidays: c.holidays.join('\n'),
      workdays: c.workdays.join('\n'),
    })),
  };
}

const whole = (text: string): number | string => (/^\s*\d+\s*$/.test(text) ? Number(text) : text);

/**
 * The JSON the form stands for, in `settlewatch.config/1` shape. Not validated here: the worker runs
 * validateConfig and the form shows its problems by path (a typed-in "abc" cap stays "abc" so the
 * message names it instead of silently dropping it).
 */
export function draftToJson(d: ConfigDraft): unknown {
  return {
    schema: 'settlewatch.config/1',
    graceBusinessDays: d.grace,
    lateToleranceBusinessDays: d.late,
    duplicateWindowMinutes: d.duplicate,
    calendars: d.calendars.map(c => ({
      id: c.id.trim(),
      weekend: lines(c.weekend).map(whole),
      holidays: lines(c.holidays),
      workdays: lines(c.workdays),
    })),
    acquirers: d.profiles.map(p => ({
      id: p.id.trim(),
      name: p.name.trim() || p.id.trim(),
      format: p.format.trim(),
      currency: p.currency.trim().toUpperCase(),
      timezone: p.timezone.trim(),
      calendar: p.calendar.trim(),
      settlementLagBusinessDays: p.lag,
      ...(p.cutoff.trim() ? { cutoff: p.cutoff.trim() } : {}),
      ...(lines(p.merchants).length ? { merchantIds: lines(p.merchants) } : {}),
      bankCounterparties: p.counterparties
        .split('\n')
        .map(s => s.trim())
        .filter(Boolean),
      fees: p.fees.map(f => ({
        cardType: f.cardType,
        rate: f.rate.trim(),
        ...(f.cap.trim() ? { capMinor: whole(f.cap) } : {}),
        ...(f.fixed.trim() ? { fixedMinor: whole(f.fixed) } : {}),
      })),
    })),
  };
}
