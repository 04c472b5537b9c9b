import type { AcquirerProfile, Config } from '../config/types';
import { compileCalendar, findCalendar, type BusinessCalendar } from '../model/calendar';
import { isoDate } from '../model/date';
import { applyRate, parseRate, type Rate } from '../model/money';

/** A contracted fee rule ready to apply. */
export interface FeeSchedule {
  readonly rate: Rate;
  readonly capMinor: number | null;
  readonly fixedMinor: number;
}

/** An acquirer profile with its calendar compiled and its fees parsed. */
export interface ProfileRuntime {
  readonly profile: AcquirerProfile;
  readonly calendar: BusinessCalendar;
  readonly fees: ReadonlyMap<'debit' | 'credit' | 'any', FeeSchedule>;
  /** Lower-cased names the acquirer uses on bank statements. */
  readonly names: readonly string[];
  /** Business days in (epoch, day]: differences give business-day distances in O(1). */
  bizIndex(day: number): number;
  isBusinessDay(day: number): boolean;
}

/** Compiles every profile of a config; calendars come from the config first, then the built-ins. */
export function compileProfiles(config: Config): ProfileRuntime[] {
  return config.acquirers.map(profile => {
    const spec = findCalendar(profile.calendar, config.calendars) ?? { id: profile.calendar, weekend: [6, 0], holidays: [], workdays: [] };
    const calendar = compileCalendar(spec);
    const fees = new Map<'debit' | 'credit' | 'any', FeeSchedule>();
    for (const f of profile.fees ?? []) {
      const rate = parseRate(f.rate);
      if (rate) fees.set(f.cardType ?? 'any', { rate, capMinor: f.capMinor ?? null, fixedMinor: f.fixedMinor ?? 0 });
    }
    const indexCache = new Map<number, number>();
    const bizCache = new Map<number, boolean>();
    const isBusinessDay = (day: number): boolean => {
      let b = bizCache.get(day);
      if (b === undefined) {
        b = calendar.isBusinessDay(isoDate(day));
        bizCache.set(day, b);
      }
      return b;
    };
    // Anchored at the first day asked about (only differences matter); filled lazily in both directions.
    let lo = Number.NaN,
      hi = Number.NaN;
    const bizIndex = (day: number): number => {
      if (Number.isNaN(lo)) {
        lo = hi = day;
        indexCache.set(day, 0);
      }
      while (day > hi) {
        hi++;
        indexCache.set(hi, indexCache.get(hi - 1)! + (isBusinessDay(hi) ? 1 : 0));
      }
      while (day < lo) {
        indexCache.set(lo - 1, indexCache.get(lo)! - (isBusinessDay(lo) ? 1 : 0));
        lo--;
      }
      return indexCache.get(day)!;
    };
    return { profile, calendar, fees, names: profile.bankCounterparties.map(n => n.toLowerCase()), bizIndex, isBusinessDay };
  });
}

/** The contracted fee of a sale: round_half_up(gross × rate) + fixed, capped; null when no rule covers the card. */
export function contractedFee(p: ProfileRuntime, grossMinor: number, cardType: 'debit' | 'credit' | null): number | null {
  const rule = (cardType ? p.fees.get(cardType) : undefined) ?? p.fees.get('any');
  if (!rule) return null;
  const fee = applyRate(Math.abs(grossMinor), rule.rate) + rule.fixedMinor;
  return rule.capMinor !== null && fee > rule.capMinor ? rule.capMinor : fee;
}
