// A file cut short inside a row is refused naming the line and the first field it lacks, never read
// with the missing cells as blanks (issue 16: an Adyen fee of 2.40 read as 0.10, PayPal and MobilePay
// fees as 0, a Stripe row without its payout id, card and terminal).
import { describe, expect, test } from 'vitest';
import { parseFile } from './detect';
import { fixture } from '../../test/support/acquirer-format-checks';

const FILES = [
  'synthetic/adyen-sdr/classic.csv',
  'synthetic/paypal-activity/us.csv',
  'synthetic/paypal-stl/settlement.csv',
  'real/mobilepay/MobilePay_Transfer_overview_csv_MyShop_25-08-2021_14-09-2021.csv',
  'real/clearhaus/clearhaus_settlements.csv',
  'generated/us/stripe-payout-reconciliation-20260105-20260116.csv',
  'synthetic/stripe/itemized-reordered.csv',
  'synthetic/square/transactions-new.csv',
  'synthetic/allinpay/statement.csv',
  'generated/cn/lakala-20260105-20260116.csv',
  'generated/cn/bank-ccb-20260105-20260116.csv',
];

/** The file cut inside the row on `line`, after its fourth cell: what a download stopped midway leaves. */
function cutInside(bytes: Uint8Array, line: number): Uint8Array {
  let at = 0;
  for (let n = 1; n < line; n++) at = bytes.indexOf(0x0a, at) + 1;
  const rowEnd = bytes.indexOf(0x0a, at) < 0 ? bytes.length : bytes.indexOf(0x0a, at);
  const row = bytes.subarray(at, rowEnd);
  // The delimiter bytes never occur inside a GBK or UTF-8 character, so the cut is one a byte count makes.
  const delimiter = [0x2c, 0x09, 0x3b].find(d => row.filter(b => b === d).length > 4)!;
  let cut = at;
  for (let k = 0; k < 4; k++) cut = bytes.indexOf(delimiter, cut) + 1;
  return bytes.subarray(0, cut);
}

describe('a file that ends inside a row', () => {
  for (const path of FILES) {
    test(`${path} cut inside its last row is refused naming that line and the first field it lacks`, () => {
      const bytes = fixture(path);
      const whole = parseFile(bytes, { fileName: path });
      expect(whole.issues.filter(i => i.severity === 'error')).toEqual([]);
      const rows = whole.role === 'bank' ? whole.bankLines : whole.acquirerTxns;
      const last = Math.max(...rows.map(r => r.line));
      const cut = parseFile(cutInside(bytes, last), { fileName: path });
      expect(cut.format).toBe(whole.format);
      expect(cut.issues).toContainEqual({
        line: last,
        field: expect.any(String),
        severity: 'error',
        code: 'cut_row',
        params: expect.objectContaining({ read: 5 }),
        message: expect.stringMatching(/^the file ends inside this row, after 5 of \d+ fields \(.+ missing\)$/),
      });
    });
  }

  test('a file cut inside a multi-byte character of its last cell is refused, not read with the cell cut short', () => {
    const path = 'synthetic/cn-bank/abc-debit.csv';
    const bytes = fixture(path);
    // The last row ends in 个人活期结息 and a line break: cut one byte into its last character (UTF-8, 3 bytes).
    const cut = parseFile(bytes.subarray(0, bytes.length - 3), { fileName: path });
    expect(cut.issues.filter(i => i.severity === 'error')).toMatchObject([
      {
        line: 6,
        field: '交易附言',
        severity: 'error',
        message: "the file ends inside a character of this row's last field: it is cut short",
      },
    ]);
    // Cut between two characters the cell is shorter but nothing in the file can tell: read (see scripts/mutation-campaign.mjs).
    expect(parseFile(bytes.subarray(0, bytes.length - 4), { fileName: path }).issues.filter(i => i.severity === 'error')).toEqual([]);
  });

  test('a row short of cells in the middle of a file is not taken for a cut', () => {
    // Some banks leave the trailing empty cells off a row (ABC's layout); the line break says the row is whole.
    const r = parseFile(fixture('synthetic/cn-bank/abc-debit.csv'), { fileName: 'abc-debit.csv' });
    expect(r.issues.filter(i => i.severity === 'error')).toEqual([]);
  });
});

describe('a footer that states the count and totals', () => {
  const lakala = 'generated/cn/lakala-20260105-20260116.csv';
  const chinaums = 'generated/cn/chinaums-20260105-20260116.csv';
  /** The file's lines (GBK kept as bytes), so rows can be left out without re-encoding. */
  const linesOf = (bytes: Uint8Array): Uint8Array[] => {
    const out: Uint8Array[] = [];
    for (let at = 0; at < bytes.length;) {
      const nl = bytes.indexOf(0x0a, at);
      const end = nl < 0 ? bytes.length : nl + 1;
      out.push(bytes.subarray(at, end));
      at = end;
    }
    return out;
  };
  const join = (lines: Uint8Array[]): Uint8Array => {
    const out = new Uint8Array(lines.reduce((n, l) => n + l.length, 0));
    let at = 0;
    for (const l of lines) {
      out.set(l, at);
      at += l.length;
    }
    return out;
  };

  for (const path of [lakala, chinaums]) {
    test(`${path} read whole agrees with its 合计 line`, () => {
      const r = parseFile(fixture(path), { fileName: path });
      expect(r.issues).toEqual([]);
    });

    test(`${path} without some of its rows, or without one, is refused on the 合计 line`, () => {
      const lines = linesOf(fixture(path));
      const footerLine = lines.length; // the generator ends the file with 合计 on its last line
      const header = 4 + (path === lakala ? 0 : -1);
      const rows = footerLine - 1 - header;
      for (const kept of [Math.floor(rows / 2), rows - 1]) {
        const cut = join([...lines.slice(0, header + kept), lines[footerLine - 1]!]);
        const r = parseFile(cut, { fileName: path });
        expect(r.issues).toContainEqual({
          line: header + kept + 1,
          field: '合计',
          severity: 'error',
          code: 'row_count',
          params: { printed: String(rows), found: kept, where: 'footer' },
          message: `the footer counts ${rows} rows but the file holds ${kept}: rows are missing or cut off`,
        });
        expect(r.issues).toContainEqual(expect.objectContaining({ line: header + kept + 1, field: '结算金额', severity: 'error' }));
      }
    });
  }

  test('a fee changed in one row disagrees with the footer total, naming the 手续费 column', () => {
    const lines = linesOf(fixture(lakala));
    // GBK keeps ASCII bytes as they are: split the row on its commas and replace the 手续费 cell.
    const cells: number[][] = [[]];
    for (const b of lines[5]!) {
      if (b === 0x2c) cells.push([]);
      else cells.at(-1)!.push(b);
    }
    cells[8] = [...new TextEncoder().encode((Number(String.fromCharCode(...cells[8]!)) + 1).toFixed(2))];
    const row = new Uint8Array(cells.flatMap((c, k) => (k ? [0x2c, ...c] : c)));
    const r = parseFile(join([...lines.slice(0, 5), row, ...lines.slice(6)]), { fileName: lakala });
    expect(r.issues.map(i => [i.line, i.field, i.severity])).toEqual([[lines.length, '手续费', 'error']]);
    expect(r.issues[0]!.message).toMatch(/^the footer's total [\d.]+ differs from the rows' [\d.]+: rows are missing or cut off$/);
  });
});

describe('a file cut at a line break, whose rows are whole', () => {
  test('a PayPal settlement report without its RF/RC/FF footer is read with a warning that rows may be missing', () => {
    const text = new TextDecoder().decode(fixture('synthetic/paypal-stl/settlement.csv'));
    const lines = text.split('\n');
    const lastRow = lines.findLastIndex(l => l.startsWith('"SB"')) + 1;
    const whole = parseFile(fixture('synthetic/paypal-stl/settlement.csv'), { fileName: 'stl.csv' });
    expect(whole.issues.filter(i => i.field === '(file)')).toEqual([]);
    const firstSection = lines.findIndex(l => l.startsWith('"SF"'));
    const cut = parseFile(new TextEncoder().encode(lines.slice(0, firstSection).join('\n') + '\n'), { fileName: 'stl.csv' });
    expect(cut.issues).toContainEqual(
      expect.objectContaining({
        line: firstSection,
        field: '(file)',
        severity: 'warning',
        message: expect.stringContaining('ends without its footer'),
      }),
    );
    expect(lastRow).toBeGreaterThan(firstSection);
  });
});
