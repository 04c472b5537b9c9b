import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { addDays, dayNumber, isoDate, weekday } from './date';
import { BUILTIN_CALENDARS, compileCalendar, findCalendar } from './calendar';

const cal = (id: string) => compileCalendar(findCalendar(id)!);

describe('business-day calendars', () => {
  test('CN-2026 closes for 春节 and works the make-up Saturday and Sunday (调休)', () => {
    const cn = cal('CN-2026');
    expect(cn.isBusinessDay('2026-02-14')).toBe(true); // Saturday, make-up workday
    expect(cn.isBusinessDay('2026-02-16')).toBe(false); // Monday, 春节
    expect(cn.isBusinessDay('2026-02-28')).toBe(true); // Saturday, make-up workday
    expect(cn.isBusinessDay('2026-01-04')).toBe(true); // Sunday, make-up workday
    expect(cn.addBusinessDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(cn.addBusinessDays('2026-02-14', 1)).toBe('2026-02-24');
    expect(cn.addBusinessDays('2026-09-30', 1)).toBe('2026-10-08');
  });
  test('CN-2025 knows its own 调休 days', () => {
    const cn = cal('CN-2025');
    expect(cn.isBusinessDay('2025-01-26')).toBe(true);
    expect(cn.isBusinessDay('2025-01-28')).toBe(false);
    expect(cn.isBusinessDay('2025-10-11')).toBe(true);
  });
  test('the US Federal Reserve calendar keeps a Saturday holiday on the Saturday', () => {
    const us = cal('US-2026');
    expect(us.isBusinessDay('2026-07-03')).toBe(true);
    expect(us.isBusinessDay('2026-11-26')).toBe(false); // Thanksgiving
    expect(us.addBusinessDays('2026-11-25', 1)).toBe('2026-11-27');
  });
  test('TARGET2 closes on Good Friday and Easter Monday', () => {
    const t = cal('TARGET-2026');
    expect(t.addBusinessDays('2026-04-02', 1)).toBe('2026-04-07');
    expect(t.addBusinessDays('2026-04-07', -1)).toBe('2026-04-02');
  });
  test('a config calendar with a built-in id replaces the built-in', () => {
    const spec = findCalendar('CN-2026', [{ id: 'CN-2026', weekend: [0], holidays: [], workdays: [] }])!;
    expect(compileCalendar(spec).isBusinessDay('2026-02-16')).toBe(true);
  });
  test('counts business days between two dates consistently with adding them (property)', () => {
    const c = compileCalendar(BUILTIN_CALENDARS.find(b => b.id === 'CN')!);
    fc.assert(
      fc.property(fc.integer({ min: dayNumber('2025-01-01'), max: dayNumber('2026-12-01') }), fc.integer({ min: 0, max: 30 }), (day, n) => {
        const from = isoDate(day);
        const to = c.addBusinessDays(from, n);
        expect(c.businessDaysBetween(from, to)).toBe(n);
        if (n > 0) expect(c.isBusinessDay(to)).toBe(true);
        expect(to >= from).toBe(true);
      }),
    );
  });
  test('a plain weekend calendar never lands on Saturday or Sunday (property)', () => {
    const c = compileCalendar({ id: 'W', weekend: [6, 0], holidays: [], workdays: [] });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20000 }), fc.integer({ min: 1, max: 40 }), (day, n) => {
        const wd = weekday(c.addBusinessDays(isoDate(day), n));
        expect(wd !== 0 && wd !== 6).toBe(true);
      }),
    );
  });
  test('adds calendar days across the year end', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
