import { describe, expect, test } from 'vitest';
import { cellText } from './text';

describe('cellText', () => {
  test('writes stored numbers exactly, dates as ISO, and cuts float noise but not long integers', () => {
    expect(cellText({ text: '2,176.91', number: 2176.91, isDate: false })).toBe('2176.91');
    expect(cellText({ text: '0.30', number: 0.1 + 0.2, isDate: false })).toBe('0.3');
    expect(cellText({ text: '6200000000001230', number: 6200000000001230, isDate: false })).toBe('6200000000001230');
    expect(cellText({ text: '01.08.2025', number: 45870.46357706018, isDate: true })).toBe('2025-08-01 11:07:33');
    expect(cellText({ text: '2025/8/1', number: 45870, isDate: true })).toBe('2025-08-01');
    expect(cellText({ text: '18:53', number: 0.75, isDate: true })).toBe('18:00:00');
    expect(cellText({ text: ' 记账日   ', number: null, isDate: false })).toBe('记账日');
  });
});
