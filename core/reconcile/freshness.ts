import type { AcquirerProfile, Config } from '../config/types';
import { compileCalendar, findCalendar } from '../model/calendar';
import { addDays, type IsoDate } from '../model/date';

/** Business days after which bank data is called stale when the config says nothing (spec: `staleAfterBusinessDays`). */
export const DEFAULT_STALE_AFTER_BUSINESS_DAYS = 3;

/** How long an acquirer's portal keeps its exports, and how many days one query may span. */
export interface PortalRetention {
  readonly keepsDays: number;
  readonly queryDays: number | null;
}

/**
 * What acquirers' portals are known to keep, by profile id or by a word of its name: Lakala's merchant app keeps
 * 180 days of bills and queries 31 days at a time; WeChat Pay keeps bills for 3 months. A profile's own
 * `exportRetentionDays` / `exportQueryDays` wins.
 */
const KNOWN_RETENTION: readonly { readonly match: RegExp; readonly retention: PortalRetention }[] = [
  { match: /lakala|拉卡拉/i, retention: { keepsDays: 180, queryDays: 31 } },
  { match: /wechat|微信|财付通/i, retention: { keepsDays: 90, queryDays: null } },
];

/** The retention of a profile's portal, or null when nothing is known. */
export function portalRetention(profile: AcquirerProfile): PortalRetention | null {
  if (profile.exportRetentionDays !== undefined)
    return { keepsDays: profile.exportRetentionDays, queryDays: profile.exportQueryDays ?? null };
  const known = KNOWN_RETENTION.find(k => k.match.test(profile.id) || k.match.test(profile.name) || k.match.test(profile.format));
  return known ? known.retention : null;
}

/** How old the bank data is, and which statement to import. */
export interface BankFreshness {
  /** The last day the statements cover (the default as-of date); null without a statement. */
  readonly lastCovered: IsoDate | null;
  /** Business days from that day to today (0 when current). */
  readonly businessDaysOld: number;
  /** True when today is more than `staleAfterBusinessDays` business days past it: the badge cannot vouch for anything. */
  readonly stale: boolean;
  /** The statement to import: from the day after the last covered one to today. */
  readonly importFrom: IsoDate | null;
  readonly importTo: IsoDate;
}

/** How far one acquirer's exports reach, and until when the portal still has what is missing. */
export interface AcquirerFreshness {
  readonly acquirer: string;
  readonly name: string;
  /** The last trade day its imported exports hold; null when none is imported. */
  readonly lastDay: IsoDate | null;
  readonly businessDaysOld: number;
  readonly stale: boolean;
  /** Export from the day after the last one held to today. */
  readonly exportFrom: IsoDate | null;
  readonly exportTo: IsoDate;
  /** The last day the portal still keeps `exportFrom` (export by then); null when its retention is unknown. */
  readonly exportBy: IsoDate | null;
  /** Days one portal query may span (export in pieces of that size), when known. */
  readonly queryDays: number | null;
  /** When `exportBy` has passed: the first day the portal still keeps today (older days must be asked of the acquirer). */
  readonly portalKeepsFrom: IsoDate | null;
}

export interface Freshness {
  readonly today: IsoDate;
  readonly staleAfterBusinessDays: number;
  readonly bank: BankFreshness;
  readonly acquirers: AcquirerFreshness[];
}

/**
 * How current the ledger is on `today`: the bank data against `staleAfterBusinessDays`, and each acquirer's
 * exports with the day its portal stops keeping what is not yet exported. Business days are counted on the
 * first profile's calendar (the merchant's country), else Monday to Friday. Pure.
 */
export function freshness(
  config: Config,
  lastCovered: IsoDate | null,
  lastTradeDays: ReadonlyMap<string, IsoDate>,
  today: IsoDate,
): Freshness {
  const staleAfter = config.staleAfterBusinessDays ?? DEFAULT_STALE_AFTER_BUSINESS_DAYS;
  const first = config.acquirers[0];
  const spec = (first && findCalendar(first.calendar, config.calendars)) ?? { id: 'weekdays', weekend: [6, 0], holidays: [], workdays: [] };
  const calendar = compileCalendar(spec);
  const age = (day: IsoDate | null): number => (day === null || day >= today ? 0 : calendar.businessDaysBetween(day, today));
  const bankAge = age(lastCovered);
  return {
    today,
    staleAfterBusinessDays: staleAfter,
    bank: {
      lastCovered,
      businessDaysOld: bankAge,
      stale: lastCovered !== null && bankAge > staleAfter,
      importFrom: lastCovered === null ? null : addDays(lastCovered, 1),
      importTo: today,
    },
    acquirers: config.acquirers.map(p => {
      const lastDay = lastTradeDays.get(p.id) ?? null;
      const daysOld = age(lastDay);
      const exportFrom = lastDay === null ? null : addDays(lastDay, 1);
      const retention = portalRetention(p);
      const exportBy = exportFrom !== null && retention ? addDays(exportFrom, retention.keepsDays - 1) : null;
      return {
        acquirer: p.id,
        name: p.name || p.id,
        lastDay,
        businessDaysOld: daysOld,
        stale: lastDay !== null && daysOld > staleAfter,
        exportFrom,
        exportTo: today,
        exportBy,
        queryDays: retention?.queryDays ?? null,
        portalKeepsFrom: exportBy !== null && retention && exportBy < today ? addDays(today, 1 - retention.keepsDays) : null,
      };
    }),
  };
}
