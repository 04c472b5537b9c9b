import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compareHlc, formatHlc, hlcFromIso, HlcClock, parseHlc } from './hlc';

describe('hybrid logical clocks', () => {
  test('stamps sort as strings in clock order: wall time, then counter, then device', () => {
    const stamp = fc.record({
      wall: fc.integer({ min: 0, max: 2 ** 45 }),
      counter: fc.integer({ min: 0, max: 999_999 }),
      device: fc.string(),
    });
    fc.assert(
      fc.property(stamp, stamp, (a, b) => {
        const byParts = a.wall - b.wall || a.counter - b.counter || (a.device < b.device ? -1 : a.device > b.device ? 1 : 0);
        expect(Math.sign(compareHlc(formatHlc(a), formatHlc(b)))).toBe(Math.sign(byParts));
        expect(parseHlc(formatHlc(a))).toEqual(a);
      }),
    );
  });

  test('each tick is later than the last, also when the wall clock stands still or goes back', () => {
    let now = 1_000;
    const clock = new HlcClock('dev', () => now);
    const a = clock.tick();
    const b = clock.tick();
    now = 500;
    const c = clock.tick();
    expect(compareHlc(a, b)).toBeLessThan(0);
    expect(compareHlc(b, c)).toBeLessThan(0);
    expect(parseHlc(c)).toEqual({ wall: 1_000, counter: 2, device: 'dev' });
  });

  test('a write after observing a stamp from a device whose clock runs ahead orders after it', () => {
    const ahead = new HlcClock('fast', () => 9_000).tick();
    const clock = new HlcClock('slow', () => 1_000);
    clock.observe(ahead);
    expect(compareHlc(clock.tick(), ahead)).toBeGreaterThan(0);
  });

  test('a record without a clock gets one from its time, earlier than any device stamp of that millisecond', () => {
    const iso = '2026-03-02T10:00:00.000Z';
    expect(parseHlc(hlcFromIso(iso))).toEqual({ wall: Date.parse(iso), counter: 0, device: '' });
    expect(compareHlc(hlcFromIso(iso), new HlcClock('d', () => Date.parse(iso)).tick())).toBeLessThan(0);
    expect(parseHlc(hlcFromIso(undefined))!.wall).toBe(0);
  });
});
