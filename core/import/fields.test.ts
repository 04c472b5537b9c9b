import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { FieldScanner } from './fields';
import { cleanCell, splitRecord } from './table';

const cell = fc.oneof(
  fc.stringMatching(/^[0-9A-Za-z.:\-* 交易消费]{0,14}$/),
  fc.stringMatching(/^[0-9]{1,12}$/).map(s => `="${s}"`),
  fc.stringMatching(/^[0-9*]{1,16}$/).map(s => `\t${s}`),
  fc.stringMatching(/^[0-9,.]{1,10}$/).map(s => `"${s}"`),
  fc.stringMatching(/^[0-9]{1,8}$/).map(s => '`' + s),
  fc.constant(' 12.30 '),
  fc.stringMatching(/^[0-9]{1,8}$/).map(s => `\u00a0${s}`), // a no-break space before a number, as HTML exports leave it
  fc.stringMatching(/^[0-9]{1,8}$/).map(s => `\u3000${s}\u3000`),
  fc.constant('已撤销'),
);

describe('FieldScanner', () => {
  test('reads a Lakala row with Excel guards like splitRecord and cleanCell do', () => {
    const line =
      '2026-01-05,09:55:27,822290058120001,57796387,="622155******5187",贷记卡,消费,26.55,0.16,26.39,="049300034340",208478,,2026-01-06,成功';
    const f = new FieldScanner();
    expect(f.scan(line, ',', 15)).toBe(true);
    expect([...Array(15).keys()].map(k => f.text(k))).toEqual(splitRecord(line, ',').map(cleanCell));
    expect(f.is(6, '消费')).toBe(true);
    expect(f.empty(12)).toBe(true);
  });

  test('refuses a line with the wrong number of fields or a quote it cannot place', () => {
    const f = new FieldScanner();
    expect(f.scan('a,b,c', ',', 4)).toBe(false);
    expect(f.scan('a,"b,c",d', ',', 3)).toBe(false);
    expect(f.scan('a,b",c', ',', 3)).toBe(false);
  });

  test('agrees with splitRecord and cleanCell whenever it accepts a line (property)', () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 16 }), cells => {
        const line = cells.join(',');
        const f = new FieldScanner();
        if (!f.scan(line, ',', cells.length)) return;
        const expected = splitRecord(line, ',').map(cleanCell);
        expect([...Array(cells.length).keys()].map(k => f.text(k))).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  test('reads a line in place inside a larger text, seeing nothing past its end (property)', () => {
    fc.assert(
      fc.property(
        fc.array(cell, { minLength: 1, maxLength: 16 }),
        fc.string({ maxLength: 20 }),
        fc.string({ maxLength: 40 }),
        (cells, before, after) => {
          const line = cells.join(',');
          const text = before + '\n' + line + '\n"撤销,' + after;
          const from = before.length + 1;
          const alone = new FieldScanner(),
            inPlace = new FieldScanner(),
            told = new FieldScanner();
          const ok = alone.scan(line, ',', cells.length);
          const firstQuote = text.indexOf('"', from); // as readTable passes it
          expect(inPlace.scan(text, ',', cells.length, from, from + line.length)).toBe(ok);
          expect(told.scan(text, ',', cells.length, from, from + line.length, firstQuote)).toBe(ok);
          if (!ok) return;
          for (let k = 0; k < cells.length; k++) {
            expect(inPlace.text(k)).toBe(alone.text(k));
            expect(told.text(k)).toBe(alone.text(k));
            expect(inPlace.has(k, '撤销')).toBe(alone.has(k, '撤销'));
            expect(inPlace.start(k) - from).toBe(alone.start(k));
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
