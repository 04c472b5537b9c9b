import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { dayNumber, excelSerialDate, isoDate, parseDate, parseLocalDateTime } from './date';
import { formatOffset, localParts, tradeDate, zoneOffsetMinutes } from './zone';

describe('dates', () => {
  test.each([
    ['2026-01-05', '2026-01-05'],
    ['20260105', '2026-01-05'],
    ['2026/1/5', '2026-01-05'],
    ['2026.01.05', '2026-01-05'],
    ['2026年1月5日', '2026-01-05'],
    ['05.01.2026', '2026-01-05'],
    ['2025/12/03  14:06:51', '2025-12-03'],
    ['2026-01-05T12:34:56+08:00', '2026-01-05'],
    ["1/ 1'00", '2000-01-01'],
    ['13/01/2026', '2026-01-13'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });
  test('reads the time beside a date', () => {
    expect(parseLocalDateTime('2025/12/03  14:06:51')).toEqual({ date: '2025-12-03', time: '14:06:51' });
    expect(parseLocalDateTime('20260105 093000')?.time).toBe('09:30:00');
    expect(parseLocalDateTime('20260105093000')?.time).toBe('09:30:00');
  });
  test('uses the day/month order it is told for ambiguous dates', () => {
    expect(parseDate('03/04/2026', 'dmy')).toBe('2026-04-03');
    expect(parseDate('03/04/2026', 'mdy')).toBe('2026-03-04');
  });
  test.each(['2026-02-30', '', 'yesterday', '2026-13-01', '31/31/2026'])('refuses %j', text => {
    expect(parseDate(text)).toBeNull();
  });
  test('reads Excel serial dates', () => {
    expect(excelSerialDate(46027)).toBe('2026-01-05');
  });
  test('day numbers round-trip (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -50000, max: 80000 }), n => {
        expect(dayNumber(isoDate(n))).toBe(n);
      }),
    );
  });
  test('never throws on any text (property)', () => {
    fc.assert(
      fc.property(fc.string(), s => {
        parseLocalDateTime(s);
      }),
    );
  });
});

describe('zones and trade dates', () => {
  test('knows Shanghai, New York in winter and summer, and Berlin', () => {
    expect(zoneOffsetMinutes('Asia/Shanghai', '2026-01-05')).toBe(480);
    expect(zoneOffsetMinutes('America/New_York', '2026-01-05')).toBe(-300);
    expect(zoneOffsetMinutes('America/New_York', '2026-07-05')).toBe(-240);
    expect(zoneOffsetMinutes('Europe/Berlin', '2026-07-05')).toBe(120);
    expect(formatOffset(-300)).toBe('-05:00');
  });
  test('converts a UTC instant to the local date of the zone', () => {
    expect(localParts('2026-01-05T02:30:00Z', 'America/New_York')).toEqual({ date: '2026-01-04', time: '21:30:00' });
    expect(localParts('2026-01-05T09:55:27', 'Asia/Shanghai')).toEqual({ date: '2026-01-05', time: '09:55:27' });
  });
  test('a transaction at or after the cutoff trades on the next day', () => {
    expect(tradeDate('2026-01-05', '22:59:59', '23:00')).toBe('2026-01-05');
    expect(tradeDate('2026-01-05', '23:00:00', '23:00')).toBe('2026-01-06');
    expect(tradeDate('2026-12-31', '23:30:00', '23:00')).toBe('2027-01-01');
    expect(tradeDate('2026-01-05', '23:59:59', null)).toBe('2026-01-05');
  });
});
