import { describe, expect, test } from 'vitest';
import { BADGE_AMBER, BADGE_GREY, BADGE_RED, badgeFor } from './badge';
import { newCritical } from './notifications';

describe('badgeFor', () => {
  test('is empty when no warning or critical alert is open, whatever the info count', () => {
    expect(badgeFor({ info: 12, warning: 0, critical: 0 }).text).toBe('');
  });

  test('counts warnings and critical alerts, amber when none is critical', () => {
    expect(badgeFor({ info: 5, warning: 3, critical: 0 })).toEqual({ text: '3', color: BADGE_AMBER });
  });

  test('turns red as soon as one alert is critical', () => {
    expect(badgeFor({ info: 0, warning: 3, critical: 1 })).toEqual({ text: '4', color: BADGE_RED });
  });

  test('keeps the text short enough for the badge', () => {
    expect(badgeFor({ info: 0, warning: 1500, critical: 0 }).text).toBe('999+');
  });
});

describe('newCritical', () => {
  test('lists only critical alerts not notified before', () => {
    expect(newCritical(['a', 'b', 'c'], ['b'])).toEqual(['a', 'c']);
    expect(newCritical(['a'], ['a'])).toEqual([]);
  });
  test('with stale bank data it never looks reassuring: a question mark, grey unless something is critical', () => {
    expect(badgeFor({ info: 2, warning: 0, critical: 0 }, true)).toEqual({ text: '?', color: BADGE_GREY });
    expect(badgeFor({ info: 0, warning: 3, critical: 0 }, true)).toEqual({ text: '3?', color: BADGE_GREY });
    expect(badgeFor({ info: 0, warning: 3, critical: 1 }, true)).toEqual({ text: '4?', color: BADGE_RED });
    expect(badgeFor({ info: 0, warning: 1500, critical: 0 }, true).text).toBe('999+');
  });
});
