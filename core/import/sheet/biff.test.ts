import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeRk, readXls } from './biff';
import { readCompoundStream } from './cfb';

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../test/fixtures/real/cn-bank/${name}`, import.meta.url)));

function sheetsOf(bytes: Uint8Array) {
  const result = readXls(bytes);
  if (!result.ok) throw new Error(result.message);
  return result.sheets;
}

// ---- A tiny BIFF8 + compound-file writer, so the tests can build the cases real files rarely show. ----

const u16 = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff];
const u32 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
const f64 = (n: number): number[] => {
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, n, true);
  return [...new Uint8Array(b.buffer)];
};
const latin = (s: string): number[] => [...s].map(c => c.charCodeAt(0));
const wide = (s: string): number[] => [...s].flatMap(c => u16(c.charCodeAt(0)));
const rec = (type: number, body: number[]): number[] => [...u16(type), ...u16(body.length), ...body];
/** XLUnicodeString with a 16-bit length, stored 16-bit when any character needs it. */
const ustr = (s: string): number[] => {
  // eslint-disable-next-line no-control-regex -- a character above U+00FF makes the string 16-bit
  const w = /[^\x00-\xff]/.test(s);
  return [...u16(s.length), w ? 1 : 0, ...(w ? wide(s) : latin(s))];
};

/** A workbook stream: globals (BOUNDSHEET offset patched in) then one worksheet substream. */
function workbookStream(globals: number[][], cells: number[][], version = 0x0600, sheetName = 'Sheet1'): Uint8Array {
  const bof = (dt: number): number[] => rec(0x0809, [...u16(version), ...u16(dt), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  const name = version === 0x0600 ? [sheetName.length, 0, ...latin(sheetName)] : [sheetName.length, ...latin(sheetName)];
  const head = [...bof(0x0005), ...globals.flat()];
  const boundLen = 4 + 6 + name.length;
  const sheetAt = head.length + boundLen + 4;
  const out = [
    ...head,
    ...rec(0x0085, [...u32(sheetAt), 0, 0, ...name]),
    ...rec(0x000a, []),
    ...bof(0x0010),
    ...cells.flat(),
    ...rec(0x000a, []),
  ];
  return new Uint8Array(out);
}

const END = 0xfffffffe,
  FREE = 0xffffffff;

/** An OLE2 compound file holding one `Workbook` stream; streams under 4096 bytes go to the mini stream. */
function compoundFile(stream: Uint8Array): Uint8Array {
  const S = 512;
  const mini = stream.length < 4096;
  const sectorsOf = (n: number, size: number): number => Math.max(1, Math.ceil(n / size));
  const fat = new Array<number>(128).fill(FREE);
  fat[0] = 0xfffffffd;
  fat[1] = END;
  let next = 2;
  const chainAt = (count: number): number => {
    const start = next;
    for (let i = 0; i < count; i++) fat[next + i] = i === count - 1 ? END : next + i + 1;
    next += count;
    return start;
  };
  let rootStart = END,
    rootSize = 0,
    miniFatStart = END,
    streamStart: number;
  const body: Uint8Array[] = [];
  if (mini) {
    const miniCount = sectorsOf(stream.length, 64);
    miniFatStart = chainAt(1);
    const miniFat = new Array<number>(128).fill(FREE);
    for (let i = 0; i < miniCount; i++) miniFat[i] = i === miniCount - 1 ? END : i + 1;
    body.push(new Uint8Array(miniFat.flatMap(u32)));
    rootSize = miniCount * 64;
    const container = new Uint8Array(sectorsOf(rootSize, S) * S);
    container.set(stream);
    rootStart = chainAt(container.length / S);
    body.push(container);
    streamStart = 0;
  } else {
    const data = new Uint8Array(sectorsOf(stream.length, S) * S);
    data.set(stream);
    streamStart = chainAt(data.length / S);
    body.push(data);
  }
  const header = new Uint8Array(S).fill(0);
  header.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  header.set([...u16(0x3e), ...u16(3), ...u16(0xfffe), ...u16(9), ...u16(6)], 0x18);
  header.set(u32(1), 0x2c);
  header.set(u32(1), 0x30);
  header.set(u32(4096), 0x38);
  header.set(u32(miniFatStart), 0x3c);
  header.set(u32(mini ? 1 : 0), 0x40);
  header.set(u32(END), 0x44);
  for (let i = 0; i < 109; i++) header.set(u32(i === 0 ? 0 : FREE), 0x4c + i * 4);
  const entry = (name: string, type: number, start: number, size: number): number[] => {
    const e = new Array<number>(128).fill(0);
    const n = [...wide(name), 0, 0];
    n.forEach((b, i) => {
      e[i] = b;
    });
    e.splice(0x40, 2, ...u16(n.length));
    e[0x42] = type;
    e.splice(0x44, 12, ...u32(FREE), ...u32(FREE), ...u32(type === 5 ? 1 : FREE));
    e.splice(0x74, 8, ...u32(start), ...u32(size));
    return e;
  };
  const dir = [
    ...entry('Root Entry', 5, rootStart, rootSize),
    ...entry('Workbook', 2, streamStart, stream.length),
    ...new Array<number>(256).fill(0),
  ];
  const parts = [header, new Uint8Array(fat.flatMap(u32)), new Uint8Array(dir), ...body];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('readXls on the CCB statement (BIFF8, code page 936)', () => {
  const [sheet] = sheetsOf(fixture('交易明细_xxxx_2025xxxx_2025xxxx.xls'));

  test('reads the sheet name, the five preamble rows and the space-padded header', () => {
    expect(sheet!.name).toBe('交易明细_1546_20250101_20250620.xls');
    expect(sheet!.rows).toHaveLength(13);
    expect(sheet!.rows[2]!.map(c => c.text)).toEqual(['币　　种：', '人民币']);
    expect(sheet!.rows[3]!.map(c => c.text)).toEqual(['账　　号：', 'xxxxx*********xxxx']);
    expect(sheet!.rows[4]).toEqual([]);
    expect(sheet!.rows[5]![0]!.text).toBe('记账日          ');
    expect(sheet!.rows[5]).toHaveLength(11);
  });

  test('keeps amounts as numbers and shows them with their #,##0.00 format', () => {
    const first = sheet!.rows[6]!;
    expect(first.map(c => c.text)).toEqual([
      '20250101',
      '20250101',
      '18:53:19',
      '67.00',
      '0.00',
      '2,176.91',
      '人民币',
      '消费',
      '20883313166*****0156',
      '中***融科技有限公司',
      '支付宝-支付宝外部商户-中移动金融科技有限公司',
    ]);
    expect(first[5]).toEqual({ text: '2,176.91', number: 2176.91, isDate: false });
    expect(sheet!.rows[12]!.map(c => c.text)).toEqual(['以上数据仅供参考|具体内容请以柜台为准']);
  });
});

describe('readXls on the SPDB statement', () => {
  test('reads the key/value preamble row, the header and the four text-cell rows, ending each row at its last non-empty cell', () => {
    const [sheet] = sheetsOf(fixture('example-spdb_debit-records.xls'));
    expect(sheet!.name).toBe('sheet');
    expect(sheet!.rows.map(r => r.length)).toEqual([6, 9, 8, 8, 8, 8]);
    expect(sheet!.rows[0]!.map(c => c.text)).toEqual(['账号', '6200000000001230', '账户类型', '借记卡', '日期范围', '20251201-20251231']);
    expect(sheet!.rows[5]!.map(c => c.text)).toEqual([
      '4',
      '2025/12/05  20:37:39',
      '网上支付-支付宝',
      '',
      '3.88',
      '1983.57',
      '基金销售有限公司',
      '12345678901236500',
    ]);
  });
});

describe('readXls on hand-built workbooks', () => {
  test('reads a shared string split across a CONTINUE record that switches from 8-bit to 16-bit characters', () => {
    // "Hello 中文": "Hello " in the SST record (8-bit), "中文" in a CONTINUE whose option byte says 16-bit.
    const sst = rec(0x00fc, [...u32(2), ...u32(2), ...u16(8), 0, ...latin('Hello ')]);
    const cont = rec(0x003c, [1, ...wide('中文'), ...u16(3), 0x08, ...u16(1), ...latin('abc'), ...u32(0)]);
    const cells = [rec(0x00fd, [...u16(0), ...u16(0), ...u16(0), ...u32(0)]), rec(0x00fd, [...u16(0), ...u16(1), ...u16(0), ...u32(1)])];
    const [sheet] = sheetsOf(compoundFile(workbookStream([sst, cont], cells)));
    expect(sheet!.rows[0]!.map(c => c.text)).toEqual(['Hello 中文', 'abc']);
  });

  test('reads NUMBER, RK, MULRK, numeric and string FORMULA results and booleans with their formats', () => {
    const fmt = rec(0x041e, [...u16(164), ...ustr('#,##0.00')]);
    const xfs = [
      rec(0x00e0, [...u16(0), ...u16(0), ...new Array(16).fill(0)]),
      rec(0x00e0, [...u16(0), ...u16(164), ...new Array(16).fill(0)]),
      rec(0x00e0, [...u16(0), ...u16(14), ...new Array(16).fill(0)]),
    ];
    const cells = [
      rec(0x0203, [...u16(0), ...u16(0), ...u16(1), ...f64(-9200)]),
      rec(0x027e, [...u16(0), ...u16(1), ...u16(1), ...u32((217691 << 2) | 3)]),
      rec(0x00bd, [...u16(1), ...u16(2), ...u16(0), ...u32((42 << 2) | 2), ...u16(2), ...u32((45870 << 2) | 2), ...u16(3)]),
      rec(0x0006, [...u16(2), ...u16(0), ...u16(0), ...f64(12.5), 0, 0, 0, 0, 0, 0]),
      rec(0x0006, [...u16(2), ...u16(1), ...u16(0), 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0, 0, 0]),
      rec(0x0207, ustr('对方户名')),
      rec(0x0205, [...u16(2), ...u16(2), ...u16(0), 1, 0]),
    ];
    const [sheet] = sheetsOf(compoundFile(workbookStream([fmt, ...xfs], cells)));
    expect(sheet!.rows[0]).toEqual([
      { text: '-9,200.00', number: -9200, isDate: false },
      { text: '2,176.91', number: 2176.91, isDate: false },
    ]);
    expect(sheet!.rows[1]!.slice(2)).toEqual([
      { text: '42', number: 42, isDate: false },
      { text: '2025-08-01', number: 45870, isDate: true },
    ]);
    expect(sheet!.rows[2]!.map(c => c.text)).toEqual(['12.5', '对方户名', 'TRUE']);
  });

  test('decodes BIFF5 byte strings with the workbook code page (936 = GBK)', () => {
    const gbk = [0xb6, 0xd4, 0xb7, 0xbd]; // 对方
    const cells = [rec(0x0204, [...u16(0), ...u16(0), ...u16(0), ...u16(gbk.length), ...gbk])];
    const [sheet] = sheetsOf(compoundFile(workbookStream([rec(0x0042, u16(936))], cells, 0x0500)));
    expect(sheet!.rows[0]![0]!.text).toBe('对方');
  });

  test('reads a small workbook from the mini stream', () => {
    const stream = workbookStream([], [rec(0x0204, [...u16(1), ...u16(1), ...u16(0), ...ustr('mini')])]);
    expect(stream.length).toBeLessThan(4096);
    const [sheet] = sheetsOf(compoundFile(stream));
    expect(sheet!.rows[1]![1]!.text).toBe('mini');
  });

  test('refuses an encrypted workbook, saying how to fix it', () => {
    const result = readXls(compoundFile(workbookStream([rec(0x002f, [0, 0])], [])));
    expect(result).toMatchObject({
      ok: false,
      problem: { code: 'workbook_unreadable', params: { reason: 'encrypted' } },
      message: 'the workbook is password-protected (encrypted); save it again without a password',
    });
  });

  test('refuses a shared string that runs past its record instead of throwing', () => {
    const sst = rec(0x00fc, [...u32(1), ...u32(1), ...u16(50), 0, ...latin('short')]);
    const result = readXls(compoundFile(workbookStream([sst], [])));
    expect(result).toMatchObject({
      ok: false,
      problem: { code: 'workbook_unreadable', params: { reason: 'damaged' } },
      message: 'the workbook is damaged (string ends early)',
    });
  });

  test('refuses a compound file without a Workbook stream', () => {
    const bytes = compoundFile(workbookStream([], []));
    bytes.set([...wide('Foo')], 512 * 2 + 128);
    expect(readCompoundStream(bytes, ['Workbook', 'Book'])).toEqual({
      ok: false,
      message: 'the compound file has no Workbook or Book stream',
    });
  });
});

describe('readXls robustness', () => {
  test('never throws when the records of a hand-built workbook are overwritten (SST, CONTINUE, MULRK, FORMULA)', () => {
    const sst = rec(0x00fc, [...u32(2), ...u32(2), ...u16(8), 0, ...latin('Hello ')]);
    const cont = rec(0x003c, [1, ...wide('中文'), ...u16(3), 0x08, ...u16(1), ...latin('abc'), ...u32(0)]);
    const cells = [
      rec(0x00fd, [...u16(0), ...u16(0), ...u16(0), ...u32(1)]),
      rec(0x00bd, [...u16(1), ...u16(2), ...u16(0), ...u32((42 << 2) | 2), ...u16(0), ...u32(7), ...u16(3)]),
      rec(0x0006, [...u16(2), ...u16(1), ...u16(0), 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0, 0, 0]),
      rec(0x0207, ustr('对方户名')),
    ];
    const stream = workbookStream([rec(0x0042, u16(936)), sst, cont], cells);
    const edits = fc.array(fc.tuple(fc.nat({ max: stream.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(edits, list => {
        const mutated = stream.slice();
        for (const [at, v] of list) mutated[at] = v;
        const r = readXls(compoundFile(mutated));
        return r.ok ? r.sheets.every(sh => sh.rows.every(row => row.every(c => typeof c.text === 'string'))) : r.message.length > 0;
      }),
      { numRuns: 500 },
    );
  });
});

describe('decodeRk', () => {
  test('reads integer and double RK values, with and without the ÷100 flag', () => {
    expect(decodeRk((123 << 2) | 2)).toBe(123);
    expect(decodeRk((-5 << 2) | 2)).toBe(-5);
    expect(decodeRk((217691 << 2) | 3)).toBe(2176.91);
    const b = new DataView(new ArrayBuffer(8));
    b.setFloat64(0, 1.5, true);
    expect(decodeRk(b.getUint32(4, true))).toBe(1.5);
  });
});
