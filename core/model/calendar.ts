import { dayNumber, isoDate, type IsoDate } from './date';

/** A business-day calendar as the config writes it: weekend days (0 = Sunday) plus holidays minus make-up workdays. */
export interface CalendarSpec {
  readonly id: string;
  readonly weekend: readonly number[];
  readonly holidays: readonly IsoDate[];
  readonly workdays: readonly IsoDate[];
}

/** A calendar ready for fast questions about business days. */
export interface BusinessCalendar {
  readonly id: string;
  isBusinessDay(date: IsoDate): boolean;
  /** The `n`-th business day strictly after `date` (strictly before when `n` < 0; `date` itself when 0). */
  addBusinessDays(date: IsoDate, n: number): IsoDate;
  /** Business days in (a, b]: how many business days after `a` until and including `b` (negative when b < a). */
  businessDaysBetween(a: IsoDate, b: IsoDate): number;
}

/** Builds a {@link BusinessCalendar} from its spec. */
export function compileCalendar(spec: CalendarSpec): BusinessCalendar {
  const weekend = new Set(spec.weekend);
  const holidays = new Set(spec.holidays.map(dayNumber));
  const workdays = new Set(spec.workdays.map(dayNumber));
  const memo = new Map<number, boolean>();
  const isBiz = (day: number): boolean => {
    let b = memo.get(day);
    if (b === undefined) {
      const wd = (((day + 4) % 7) + 7) % 7;
      b = workdays.has(day) || (!holidays.has(day) && !weekend.has(wd));
      memo.set(day, b);
    }
    return b;
  };
  if (weekend.size >= 7 && workdays.size === 0) throw new Error(`calendar ${spec.id} has no business day`);
  const add = (day: number, n: number): number => {
    const step = n > 0 ? 1 : -1;
    let k = Math.abs(n);
    let d = day;
    while (k > 0) {
      d += step;
      if (isBiz(d)) k--;
    }
    return d;
  };
  const addMemo = new Map<string, IsoDate>();
  return {
    id: spec.id,
    isBusinessDay: date => isBiz(dayNumber(date)),
    addBusinessDays(date, n) {
      const key = date + '|' + n;
      let r = addMemo.get(key);
      if (r === undefined) {
        r = isoDate(add(dayNumber(date), n));
        addMemo.set(key, r);
      }
      return r;
    },
    businessDaysBetween(a, b) {
      const da = dayNumber(a),
        db = dayNumber(b);
      const lo = Math.min(da, db),
        hi = Math.max(da, db);
      let count = 0;
      for (let d = lo + 1; d <= hi; d++) if (isBiz(d)) count++;
      return db >= da ? count : -count;
    },
  };
}

function range(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = dayNumber(from); d <= dayNumber(to); d++) out.push(isoDate(d));
  return out;
}

// 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号).
const CN_2025: Pick<CalendarSpec, 'holidays' | 'workdays'> = {
  holidays: [
    '2025-01-01',
    ...range('2025-01-28', '2025-02-04'),
    ...range('2025-04-04', '2025-04-06'),
    ...range('2025-05-01', '2025-05-05'),
    ...range('2025-05-31', '2025-06-02'),
    ...range('2025-10-01', '2025-10-08'),
  ],
  workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
};
// 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04).
const CN_2026: Pick<CalendarSpec, 'holidays' | 'workdays'> = {
  holidays: [
    ...range('2026-01-01', '2026-01-03'),
    ...range('2026-02-15', '2026-02-23'),
    ...range('2026-04-04', '2026-04-06'),
    ...range('2026-05-01', '2026-05-05'),
    ...range('2026-06-19', '2026-06-21'),
    ...range('2026-09-25', '2026-09-27'),
    ...range('2026-10-01', '2026-10-07'),
  ],
  workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};
// Federal Reserve Bank holidays; a holiday on a Saturday is not moved (the Fed is open the Friday before).
const US_2025 = [
  '2025-01-01',
  '2025-01-20',
  '2025-02-17',
  '2025-05-26',
  '2025-06-19',
  '2025-07-04',
  '2025-09-01',
  '2025-10-13',
  '2025-11-11',
  '2025-11-27',
  '2025-12-25',
];
const US_2026 = [
  '2026-01-01',
  '2026-01-19',
  '2026-02-16',
  '2026-05-25',
  '2026-06-19',
  '2026-09-07',
  '2026-10-12',
  '2026-11-11',
  '2026-11-26',
  '2026-12-25',
];
// TARGET2 closing days: New Year, Good Friday, Easter Monday, 1 May, 25 and 26 December.
const TARGET_2025 = ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-01', '2025-12-25', '2025-12-26'];
const TARGET_2026 = ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01', '2026-12-25', '2026-12-26'];
// New Year's Day 2027 is a holiday in all three; nothing else of 2027 is published yet.
const NEW_YEAR_2027 = '2027-01-01';

const WEEKEND = [6, 0] as const;

/** The calendars Settlewatch knows without a config; a config calendar with the same id replaces one. */
export const BUILTIN_CALENDARS: readonly CalendarSpec[] = [
  { id: 'CN-2025', weekend: WEEKEND, holidays: CN_2025.holidays, workdays: CN_2025.workdays },
  { id: 'CN-2026', weekend: WEEKEND, holidays: [...CN_2026.holidays, NEW_YEAR_2027], workdays: CN_2026.workdays },
  {
    id: 'CN',
    weekend: WEEKEND,
    holidays: [...CN_2025.holidays, ...CN_2026.holidays, NEW_YEAR_2027],
    workdays: [...CN_2025.workdays, ...CN_2026.workdays],
  },
  { id: 'US-2025', weekend: WEEKEND, holidays: US_2025, workdays: [] },
  { id: 'US-2026', weekend: WEEKEND, holidays: [...US_2026, NEW_YEAR_2027], workdays: [] },
  { id: 'US', weekend: WEEKEND, holidays: [...US_2025, ...US_2026, NEW_YEAR_2027], workdays: [] },
  { id: 'TARGET-2025', weekend: WEEKEND, holidays: TARGET_2025, workdays: [] },
  { id: 'TARGET-2026', weekend: WEEKEND, holidays: [...TARGET_2026, NEW_YEAR_2027], workdays: [] },
  { id: 'TARGET', weekend: WEEKEND, holidays: [...TARGET_2025, ...TARGET_2026, NEW_YEAR_2027], workdays: [] },
];

/** Finds a calendar by id: the config's own first, then the built-in ones. */
export function findCalendar(id: string, configured: readonly CalendarSpec[] = []): CalendarSpec | undefined {
  return configured.find(c => c.id === id) ?? BUILTIN_CALENDARS.find(c => c.id === id);
}
