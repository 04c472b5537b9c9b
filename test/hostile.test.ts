// Hostile input: every case is built here by test/hostile/make-cases.mjs (nothing large is committed) and
// must be refused or read with structured issues, never throw or hang. Sizes are where the old readers
// took seconds to minutes; each test has a generous timeout and no test asserts a wall-clock time.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { beforeAll, describe, expect, test } from 'vitest';
import { parseFile } from '../core/import/detect';
import {
  boundMessage,
  MAX_FIELD_LINES,
  MAX_INPUT_BYTES,
  MAX_MESSAGE,
  MAX_LINES,
  MAX_QUOTED,
  MAX_ROWS,
  MAX_XML_DEPTH,
} from '../core/import/limits';
import { attrs } from '../core/import/sheet/xml';
import { readZip } from '../core/import/zip';
import type { ParseResult } from '../core/model/types';
import { CASES, camtDeep, ofxDeep } from './hostile/make-cases.mjs';

const HANG_LIMIT = 120_000;
const errorsOf = (r: ParseResult) => r.issues.filter(i => i.severity === 'error');
const rowsOf = (r: ParseResult) => r.bankLines.length + r.acquirerTxns.length;

/** Every issue is structured: a line, a field, a bounded message, and no reader crashed. */
function structured(r: ParseResult): void {
  const bad = r.issues.filter(
    i =>
      !(Number.isInteger(i.line) && i.line >= 1) ||
      i.field.length === 0 ||
      i.message.length === 0 ||
      i.message.length > MAX_MESSAGE + 1 ||
      /internal error/.test(i.message),
  );
  expect(bad).toEqual([]);
}

describe('every hostile case is refused or read, with structured issues', () => {
  for (const c of CASES) {
    test(
      `${c.name} (${c.n.toLocaleString('en-US')} ${c.unit}) is ${c.expect}`,
      () => {
        const bytes: Uint8Array = c.make(c.n);
        const r = parseFile(bytes, { fileName: `${c.name}.${c.ext}` });
        structured(r);
        if (c.expect === 'refused') {
          expect(errorsOf(r).length).toBeGreaterThan(0);
          if (c.issue)
            expect(
              errorsOf(r)
                .map(i => i.message)
                .join('\n'),
            ).toMatch(c.issue);
        } else {
          expect(errorsOf(r)).toEqual([]);
          expect(rowsOf(r)).toBeGreaterThan(0);
        }
      },
      HANG_LIMIT,
    );
  }
});

describe('what the hostile cases are told', () => {
  const byName = (name: string) => CASES.find(c => c.name === name)!;
  const parse = (name: string, n = byName(name).n): ParseResult => parseFile(byName(name).make(n), { fileName: name });

  test(
    'an unterminated quote names the line and the field where it opened, and stops the reading',
    () => {
      expect(errorsOf(parse('csv-unterminated-quote'))).toEqual([
        {
          line: 3,
          field: 'description',
          severity: 'error',
          code: 'quote_too_long',
          params: { inRow: true, max: MAX_FIELD_LINES },
          message: `a quote opened in this row is not closed within ${MAX_FIELD_LINES.toLocaleString('en-US')} lines: its closing quote is missing`,
        },
      ]);
      // Closer to the end of the file, the whole rest is what the quote would swallow.
      expect(errorsOf(parse('csv-unterminated-quote', 5))).toEqual([
        {
          line: 3,
          field: 'description',
          severity: 'error',
          code: 'unclosed_quote',
          params: { inRow: true, lines: 5 },
          message: 'a quote opened in this row is never closed: the 5 lines after it up to the end of the file would be one field',
        },
      ]);
    },
    HANG_LIMIT,
  );

  test(
    'a quoted field over several lines is still one cell',
    () => {
      const r = parse('csv-unterminated-quote', 3);
      expect(errorsOf(r)).toHaveLength(1);
      const closed = new TextEncoder().encode(
        new TextDecoder().decode(byName('csv-unterminated-quote').make(3)).replace(/Latte\n$/, 'Latte"\n'),
      );
      const ok = parseFile(closed, { fileName: 'x.csv' });
      expect(errorsOf(ok)).toEqual([]);
      // Rows 1 and 2; row 2's description holds the three lines the quote ran over.
      expect(ok.acquirerTxns).toHaveLength(2);
    },
    HANG_LIMIT,
  );

  test(
    'a cell of 200,000 doubled quotes reads as that many quote characters',
    () => {
      const r = parse('csv-many-quotes-one-cell');
      expect(r.acquirerTxns).toHaveLength(2);
    },
    HANG_LIMIT,
  );

  test(
    'a bad 2 MB cell is quoted in 80 characters and an ellipsis',
    () => {
      const [issue] = errorsOf(parse('csv-huge-cell'));
      expect(issue!.line).toBe(2);
      expect(issue!.field).toBe('gross');
      expect(issue!.message).toContain(`"${'9'.repeat(MAX_QUOTED)}…"`);
      expect(issue!.message.length).toBeLessThan(200);
    },
    HANG_LIMIT,
  );

  test(
    'one-line camt and OFX statements give every entry',
    () => {
      expect(parse('camt-one-line').bankLines).toHaveLength(byName('camt-one-line').n);
      expect(parse('ofx-one-line').bankLines).toHaveLength(byName('ofx-one-line').n);
    },
    HANG_LIMIT,
  );

  const unclosed: [string, string][] = [
    ['camt-unclosed-pi', '(declaration)'],
    ['camt-unclosed-comment', '(comment)'],
    ['camt-unclosed-cdata', '(CDATA)'],
    ['camt-unclosed-doctype', '(DOCTYPE)'],
    ['ofx-unclosed-comment', '(comment)'],
    ['ofx-unclosed-cdata', '(CDATA)'],
  ];
  for (const [name, field] of unclosed) {
    test(
      `${name}: the first unclosed construct is the issue, on its line`,
      () => {
        const [first] = errorsOf(parse(name));
        expect(first).toMatchObject({
          line: name.startsWith('ofx') ? 11 : 1,
          field,
          message: expect.stringMatching(/opened here is never closed/),
        });
      },
      HANG_LIMIT,
    );
  }

  test(
    'an OFX with no ">" after an unclosed tag gets one issue for it, not one per "<"',
    () => {
      const r = parse('ofx-unclosed-pi');
      expect(errorsOf(r).filter(i => /never closed with ">"/.test(i.message))).toMatchObject([
        { code: 'unclosed_markup', line: 11, field: '(tag)', severity: 'error', message: '"<?pi" is a tag that is never closed with ">"' },
      ]);
    },
    HANG_LIMIT,
  );

  test('an unclosed construct in a pretty-printed camt is reported on its own line', () => {
    const text =
      '<?xml version="1.0"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">\n<BkToCstmrStmt>\n<!-- never closed\n<Stmt></Stmt>\n';
    expect(errorsOf(parseFile(new TextEncoder().encode(text), { fileName: 'x.xml' }))).toMatchObject([
      {
        code: 'unclosed_markup',
        line: 4,
        field: '(comment)',
        severity: 'error',
        message: 'a comment "<!--" opened here is never closed with "-->"',
      },
    ]);
  });

  test(`nesting is refused just past ${MAX_XML_DEPTH} levels, not before`, () => {
    const deep = (make: (n: number) => Uint8Array, n: number) =>
      errorsOf(parseFile(make(n), { fileName: 'x' })).filter(i => /nest more than/.test(i.message));
    expect(deep(camtDeep, MAX_XML_DEPTH - 10)).toEqual([]);
    expect(deep(camtDeep, MAX_XML_DEPTH + 1)).toHaveLength(1);
    expect(deep(ofxDeep, MAX_XML_DEPTH + 1)).toHaveLength(1);
  });

  test(
    'a zip whose entry lies about its size stops at the size it declares',
    () => {
      expect(errorsOf(parse('xlsx-lying-size'))[0]!.message).toMatch(
        /"xl\/worksheets\/sheet1\.xml" inflates past the 1048576 bytes its zip header declares/,
      );
    },
    HANG_LIMIT,
  );
});

describe('row and line caps', () => {
  const enc = (text: string) => new TextEncoder().encode(text);
  const lineBased: [string, string, string][] = [
    ['qif', 'x.qif', '!Type:Bank\n'],
    ['mt940', 'x.sta', ':20:STMT\n:25:NL91ABNA0417164300\n:28C:1\n:60F:C260101EUR0,00\n'],
    ['bai2', 'x.bai', '01,BANK,CUST,260101,0000,1,,,2/\n'],
    ['cn-bank-xls', 'x.xls', '="交易日期"\t="金额"\n'],
  ];
  for (const [format, name, head] of lineBased) {
    test(
      `a ${format} file of more than ${MAX_LINES.toLocaleString('en-US')} lines is refused before its lines are split`,
      () => {
        const r = parseFile(enc(head + '\n'.repeat(MAX_LINES)), { fileName: name });
        expect(r.format).toBe(format);
        expect(errorsOf(r)).toEqual([
          expect.objectContaining({ field: '(file)', message: expect.stringMatching(/more than 8,000,000 lines/) }),
        ]);
      },
      HANG_LIMIT,
    );
  }

  test(
    `a table of more than ${MAX_ROWS.toLocaleString('en-US')} rows is refused at the row one too many`,
    () => {
      const header =
        'reporting_category,balance_transaction_id,gross,fee,net,currency,created_utc,created,automatic_payout_id,automatic_payout_effective_at,charge_id,source_id,card_funding,payment_metadata[terminal_id],payment_metadata[card_fingerprint],payment_metadata[order_ref],description';
      const r = parseFile(enc(header + '\n' + ',\n'.repeat(MAX_ROWS + 5)), { fileName: 'x.csv' });
      expect(errorsOf(r)).toEqual([
        expect.objectContaining({ line: MAX_ROWS + 2, field: '(file)', message: expect.stringMatching(/more than 2,000,000 rows/) }),
      ]);
    },
    HANG_LIMIT,
  );
});

describe('boundMessage', () => {
  test('cuts each long quoted piece to 80 characters and an ellipsis, and the whole message to MAX_MESSAGE', () => {
    expect(boundMessage(`amount "${'x'.repeat(100)}" is not a number`)).toBe(`amount "${'x'.repeat(80)}…" is not a number`);
    expect(boundMessage(`'${'y'.repeat(81)}' and "short"`)).toBe(`'${'y'.repeat(80)}…' and "short"`);
    expect(boundMessage('z'.repeat(1000))).toBe(`${'z'.repeat(MAX_MESSAGE)}…`);
    const fine = `the value "${'a'.repeat(80)}" is kept whole`;
    expect(boundMessage(fine)).toBe(fine);
  });
});

describe('attrs', () => {
  test('reads quoted attributes, drops prefixes, skips what is not name="value"', () => {
    expect(attrs(` r="A1" s='3' x:t="s" bare w=1 v="a&amp;b"`)).toEqual({ r: 'A1', s: '3', t: 's', v: 'a&b' });
    expect(attrs(` ${'a'.repeat(100)}`)).toEqual({});
    expect(attrs(' r="open')).toEqual({});
  });
});

describe('readZip', () => {
  test('reads an honest archive, only the entries asked for', () => {
    const bytes = zipSync({ 'a.csv': strToU8('x,y\n1,2\n'.repeat(1000)), 'b.txt': strToU8('skip me'), 'c.csv': strToU8('') });
    const files = readZip(bytes, name => name.endsWith('.csv'));
    expect(files).toBeInstanceOf(Map);
    const map = files as Map<string, Uint8Array>;
    expect([...map.keys()].sort()).toEqual(['a.csv', 'c.csv']);
    expect(new TextDecoder().decode(map.get('a.csv'))).toBe('x,y\n1,2\n'.repeat(1000));
    expect(map.get('c.csv')).toHaveLength(0);
  });

  test('refuses an archive whose parts declare more than the cap, before inflating anything', () => {
    const big = zipSync({ 'a.csv': new Uint8Array(3 << 20) });
    expect(readZip(big, () => true, 2 << 20)).toMatch(/declares 3 MB in the parts read, more than the 2 MB/);
  });

  test('refuses entries that share compressed bytes, and a count the directory cannot hold', () => {
    const overlapping = CASES.find(c => c.name === 'zip-overlapping-entries')!.make(3);
    expect(readZip(overlapping, () => true)).toMatch(/share the same compressed bytes/);
    const honest = zipSync({ 'a.csv': strToU8('1') });
    const lying = honest.slice();
    const eocd = lying.length - 22;
    lying[eocd + 10] = 0xff;
    lying[eocd + 11] = 0xff; // 65,535 entries in a directory of one
    expect(readZip(lying, () => true)).toMatch(/zip container is damaged \(it claims 65535 entries/);
    expect(readZip(honest.slice(0, honest.length - 30), () => true)).toMatch(/zip container is damaged/);
  });
});

describe('the command line reads only regular files', () => {
  const ROOT = resolve(__dirname, '..');
  const BIN = join(ROOT, 'bin/settlewatch.mjs');
  const cli = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: HANG_LIMIT });
  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT });
  }, HANG_LIMIT);

  test(
    'a directory, /dev/zero, /dev/urandom and a FIFO are refused at once',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'sw-hostile-'));
      const fifo = join(dir, 'pipe');
      execFileSync('mkfifo', [fifo]);
      mkdirSync(join(dir, 'sub'));
      const cases: [string, string][] = [
        [join(dir, 'sub'), 'a directory'],
        ['/dev/zero', 'a character device'],
        ['/dev/urandom', 'a character device'],
        [fifo, 'a named pipe (FIFO)'],
      ];
      for (const [path, kind] of cases) {
        const r = cli(['import', path]);
        expect(r.status).toBe(1);
        expect(r.stderr).toBe(`settlewatch: ${path}: ${kind}, not a regular file; settlewatch reads only regular files\n`);
      }
    },
    HANG_LIMIT,
  );

  test(
    'a file over 1 GiB is refused before it is read',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'sw-hostile-'));
      const path = join(dir, 'huge.csv');
      writeFileSync(path, '');
      execFileSync('truncate', ['-s', String(MAX_INPUT_BYTES + 1), path]); // sparse: no disk used
      const r = cli(['import', path]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/huge\.csv: 1\.0 GiB is more than the 1\.0 GiB settlewatch reads from one file/);
    },
    HANG_LIMIT,
  );
});
