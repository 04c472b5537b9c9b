import { describe, expect, test } from 'vitest';
import { deviceToday, effectiveToday, untilNextDay } from './clock';

describe('effectiveToday', () => {
  const now = new Date(2026, 2, 5, 15, 30);

  test('uses the device date when no override is stored', () => {
    expect(effectiveToday(undefined, now)).toBe('2026-03-05');
    expect(deviceToday(now)).toBe('2026-03-05');
  });

  test('uses a stored override date', () => {
    expect(effectiveToday('2026-04-01', now)).toBe('2026-04-01');
  });

  test('ignores an override that is not a date', () => {
    expect(effectiveToday('tomorrow', now)).toBe('2026-03-05');
    expect(effectiveToday(20260401, now)).toBe('2026-03-05');
    expect(effectiveToday('2026-13-45', now)).toBe('2026-03-05');
  });
});

test('untilNextDay reaches one minute past the next local midnight', () => {
  const now = new Date(2026, 2, 5, 23, 0);
  expect(untilNextDay(now)).toBe(61 * 60_000);
});
