import { describe, expect, test } from 'vitest';
import { numberText } from './cell';
import { builtinFormat, formatNumber, isDateFormat } from './numfmt';
import { serialDateTime } from './serial';

describe('formatNumber', () => {
  test('groups thousands and rounds half away from zero from the exact decimal, not toFixed', () => {
    expect(formatNumber(2176.91, '#,##0.00')).toBe('2,176.91');
    expect(formatNumber(1.005, '0.00')).toBe('1.01');
    expect(formatNumber(-0.004, '0.00')).toBe('0.00');
    expect(formatNumber(1234567, '#,##0')).toBe('1,234,567');
  });

  test('uses the negative section without adding a second minus sign', () => {
    expect(formatNumber(-1665, '#,##0.00\\ [$kr.-406];[RED]\\-#,##0.00\\ [$kr.-406]')).toBe('-1,665.00 kr.');
    expect(formatNumber(-12.5, '#,##0.00;(#,##0.00)')).toBe('(12.50)');
    expect(formatNumber(-12.5, '#,##0.00')).toBe('-12.50');
  });

  test('renders percentages, scientific notation and General without float noise', () => {
    expect(formatNumber(0.256, '0.0%')).toBe('25.6%');
    expect(formatNumber(123456, '0.00E+00')).toBe('1.23E+05');
    expect(formatNumber(0.1 + 0.2, 'General')).toBe('0.3');
    expect(formatNumber(1e21, 'General')).toBe('1000000000000000000000');
  });

  test('renders dates and times, telling minutes from months by their neighbours', () => {
    expect(formatNumber(45870.46357706018, 'DD\\.MM\\.YYYY;@')).toBe('01.08.2025');
    expect(formatNumber(44421.0331978472, 'HH\\.MM\\.SS;@')).toBe('00.47.48');
    expect(formatNumber(45870.5, 'yyyy"年"m"月"d"日" h:mm AM/PM')).toBe('2025年8月1日 12:00 PM');
    expect(formatNumber(45870.25, builtinFormat(22))).toBe('2025-08-01 6:00');
    expect(formatNumber(45870, 'mmm d, yyyy')).toBe('Aug 1, 2025');
  });
});

describe('isDateFormat', () => {
  test('recognises date codes and ignores letters inside quotes, escapes and locale brackets', () => {
    expect(isDateFormat('[$-0406]dd.MM.yyyy;@')).toBe(true);
    expect(isDateFormat('h:mm:ss')).toBe(true);
    expect(isDateFormat('#,##0.00\\ [$kr.-406]')).toBe(false);
    expect(isDateFormat('0.00" days"')).toBe(false);
    expect(isDateFormat('General')).toBe(false);
    expect(isDateFormat(builtinFormat(14))).toBe(true);
  });
});

describe('numberText', () => {
  test('writes doubles in plain decimal notation that reads back exactly', () => {
    expect(numberText(2176.91)).toBe('2176.91');
    expect(numberText(1e-7)).toBe('0.0000001');
    expect(numberText(-1.5e22)).toBe('-15000000000000000000000');
    expect(numberText(1.25e-5)).toBe('0.0000125');
  });
});

describe('serialDateTime', () => {
  test('turns an Excel serial into a local date and time rounded to the second', () => {
    expect(serialDateTime(45870.46357706018)).toEqual({ date: '2025-08-01', time: '11:07:33' });
    expect(serialDateTime(45870.99999999)).toEqual({ date: '2025-08-02', time: '00:00:00' });
    expect(serialDateTime(0, true)).toEqual({ date: '1904-01-01', time: '00:00:00' });
    expect(serialDateTime(-1)).toBeNull();
  });
});
