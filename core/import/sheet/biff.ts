import { EMPTY_CELL, textCell, type Cell } from './cell';
import { isCompoundFile, readCompoundStream } from './cfb';
import { builtinFormat, formatNumber, isDateFormat } from './numfmt';
import { placeCell, tooManyCells, workbookFailure, type Grid, type Sheet, type WorkbookResult } from './workbook';

// Record types from [MS-XLS] §2.3 that carry what a statement export needs.
const BOF = 0x0809,
  EOF_ = 0x000a,
  CONTINUE = 0x003c,
  CODEPAGE = 0x0042,
  DATEMODE = 0x0022,
  FILEPASS = 0x002f;
const FORMAT = 0x041e,
  XF = 0x00e0,
  BOUNDSHEET = 0x0085,
  SST = 0x00fc;
const LABELSST = 0x00fd,
  LABEL = 0x0204,
  RSTRING = 0x00d6,
  NUMBER = 0x0203,
  RK = 0x027e,
  MULRK = 0x00bd;
const FORMULA = 0x0006,
  STRING = 0x0207,
  BOOLERR = 0x0205;

/** Windows code pages seen in BIFF `CODEPAGE` records, as TextDecoder labels (CCB writes 936 = GBK). */
const CODEPAGES: Readonly<Record<number, string>> = {
  367: 'windows-1252',
  437: 'ibm866',
  850: 'windows-1252',
  874: 'windows-874',
  932: 'shift_jis',
  936: 'gbk',
  949: 'euc-kr',
  950: 'big5',
  1200: 'utf-16le',
  1250: 'windows-1250',
  1251: 'windows-1251',
  1252: 'windows-1252',
  1253: 'windows-1253',
  1254: 'windows-1254',
  1255: 'windows-1255',
  1256: 'windows-1256',
  1257: 'windows-1257',
  1258: 'windows-1258',
  10000: 'macintosh',
  32768: 'macintosh',
  32769: 'windows-1252',
  65001: 'utf-8',
};

function decoderFor(codepage: number): TextDecoder {
  try {
    return new TextDecoder(CODEPAGES[codepage] ?? 'windows-1252');
  } catch {
    return new TextDecoder('windows-1252');
  }
}

/**
 * Reads bytes across a record and its CONTINUE records. In BIFF8 a string split by CONTINUE
 * restarts with a fresh option byte saying whether the rest is 8- or 16-bit ([MS-XLS] §2.5.293).
 */
class Segments {
  private seg = 0;
  private off = 0;
  constructor(private readonly parts: readonly Uint8Array[]) {}

  private current(): Uint8Array | null {
    while (this.seg < this.parts.length && this.off >= this.parts[this.seg]!.length) {
      this.seg++;
      this.off = 0;
    }
    return this.parts[this.seg] ?? null;
  }

  get done(): boolean {
    return this.current() === null;
  }

  u8(): number {
    const p = this.current();
    if (!p) throw new RangeError('record ends early');
    return p[this.off++]!;
  }

  u16(): number {
    return this.u8() | (this.u8() << 8);
  }

  u32(): number {
    return (this.u16() | (this.u16() << 16)) >>> 0;
  }

  skip(n: number): void {
    for (let left = n; left > 0;) {
      const p = this.current();
      if (!p) throw new RangeError('record ends early');
      const take = Math.min(left, p.length - this.off);
      this.off += take;
      left -= take;
    }
  }

  /** `count` characters, switching width at a CONTINUE boundary as its option byte says. */
  chars(count: number, wide: boolean): string {
    let out = '';
    let left = count;
    while (left > 0) {
      let p = this.parts[this.seg];
      if (!p || this.off >= p.length) {
        // Character data never continues without its own option byte at the start of the CONTINUE.
        this.seg++;
        this.off = 0;
        p = this.parts[this.seg];
        if (!p || p.length === 0) throw new RangeError('string ends early');
        wide = (p[this.off++]! & 1) === 1;
      }
      const avail = wide ? (p.length - this.off) >> 1 : p.length - this.off;
      const take = Math.min(left, avail);
      if (take <= 0) {
        this.off = p.length;
        continue;
      }
      if (wide) {
        for (let i = 0; i < take; i++) out += String.fromCharCode(p[this.off + 2 * i]! | (p[this.off + 2 * i + 1]! << 8));
        this.off += take * 2;
      } else {
        for (let i = 0; i < take; i++) out += String.fromCharCode(p[this.off + i]!);
        this.off += take;
      }
      left -= take;
    }
    return out;
  }

  /** An XLUnicodeRichExtendedString (SST entries, BIFF8 LABEL): runs and phonetic data skipped. */
  unicodeString(lengthBytes: 1 | 2): string {
    const cch = lengthBytes === 1 ? this.u8() : this.u16();
    const flags = this.u8();
    const runs = flags & 0x08 ? this.u16() : 0;
    const ext = flags & 0x04 ? this.u32() : 0;
    const text = this.chars(cch, (flags & 1) === 1);
    this.skip(runs * 4 + ext);
    return text;
  }
}

interface Globals {
  biff8: boolean;
  codepage: number;
  date1904: boolean;
  formats: Map<number, string>;
  xfFormats: number[];
  sheets: { name: string; offset: number }[];
  strings: string[];
}

/** A BIFF5 byte string (1- or 2-byte length then code-page bytes), as Chinese BIFF5 exports store text. */
function byteString(body: Uint8Array, at: number, lengthBytes: 1 | 2, decoder: TextDecoder): string {
  const n = lengthBytes === 1 ? (body[at] ?? 0) : (body[at] ?? 0) | ((body[at + 1] ?? 0) << 8);
  return decoder.decode(body.subarray(at + lengthBytes, at + lengthBytes + n));
}

/** The number stored in an RK value: a 30-bit integer or the top of a double, optionally ÷ 100. */
export function decodeRk(rk: number): number {
  let n: number;
  if (rk & 2) n = rk >> 2;
  else {
    const buf = new DataView(new ArrayBuffer(8));
    buf.setUint32(4, (rk & 0xfffffffc) >>> 0, true);
    n = buf.getFloat64(0, true);
  }
  return rk & 1 ? n / 100 : n;
}

/** Reads a BIFF5 or BIFF8 `Workbook` stream into sheets of cells. Throws only RangeError on truncated records. */
function readStream(data: Uint8Array): WorkbookResult {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const record = (pos: number): { type: number; body: Uint8Array; next: number } | null => {
    if (pos + 4 > data.length) return null;
    const type = view.getUint16(pos, true);
    const len = view.getUint16(pos + 2, true);
    return { type, body: data.subarray(pos + 4, Math.min(data.length, pos + 4 + len)), next: pos + 4 + len };
  };
  const first = record(0);
  if (!first || first.type !== BOF || first.body.length < 4) return workbookFailure('no_bof');
  const version = first.body[0]! | (first.body[1]! << 8);
  const g: Globals = {
    biff8: version === 0x0600,
    codepage: 1252,
    date1904: false,
    formats: new Map(),
    xfFormats: [],
    sheets: [],
    strings: [],
  };
  if (version !== 0x0600 && version !== 0x0500) return workbookFailure('biff_version', version.toString(16));
  let decoder = decoderFor(g.codepage);
  let pos = first.next;
  for (let r = record(pos); r; r = record(pos)) {
    pos = r.next;
    const b = r.body;
    const u16 = (o: number): number => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
    if (r.type === EOF_) break;
    switch (r.type) {
      case FILEPASS:
        return workbookFailure('encrypted');
      case CODEPAGE:
        g.codepage = u16(0);
        decoder = decoderFor(g.codepage);
        break;
      case DATEMODE:
        g.date1904 = u16(0) === 1;
        break;
      case FORMAT: {
        const id = u16(0);
        const code = g.biff8 ? new Segments([b.subarray(2)]).unicodeString(2) : byteString(b, 2, 1, decoder);
        g.formats.set(id, code);
        break;
      }
      case XF:
        g.xfFormats.push(u16(2));
        break;
      case BOUNDSHEET: {
        const offset = (u16(0) | (u16(2) << 16)) >>> 0;
        const kind = b[5] ?? 0;
        const name = g.biff8 ? new Segments([b.subarray(6)]).unicodeString(1) : byteString(b, 6, 1, decoder);
        // kind 0 = worksheet; charts (2), macro (1) and VBA (6) sheets hold no table.
        g.sheets.push({ name, offset: kind === 0 ? offset : -1 });
        break;
      }
      case SST: {
        const parts = [b.subarray(8)];
        for (let c = record(pos); c && c.type === CONTINUE; c = record(pos)) {
          parts.push(c.body);
          pos = c.next;
        }
        const total = (u16(4) | (u16(6) << 16)) >>> 0;
        const seg = new Segments(parts);
        for (let i = 0; i < total && !seg.done; i++) g.strings.push(seg.unicodeString(2));
        break;
      }
      default:
        break;
    }
  }
  if (g.sheets.length === 0) return workbookFailure('no_sheets');
  const sheets: Sheet[] = [];
  for (const s of g.sheets) {
    const rows = s.offset < 0 ? [] : readSheet(s.offset);
    if (rows === 'no_bof') return workbookFailure('sheet_no_bof', '', s.name);
    if (rows === 'too_many_cells') return tooManyCells(s.name);
    sheets.push({ name: s.name, rows });
  }
  return { ok: true, sheets };

  function numberCell(n: number, xf: number): Cell {
    const id = g.xfFormats[xf] ?? 0;
    const code = g.formats.get(id) ?? builtinFormat(id);
    return { text: formatNumber(n, code, g.date1904), number: n, isDate: isDateFormat(code) };
  }

  function readSheet(offset: number): Cell[][] | 'no_bof' | 'too_many_cells' {
    const grid: Grid = { rows: [], slots: 0 };
    const bof = record(offset);
    if (!bof || bof.type !== BOF) return 'no_bof';
    let p = bof.next;
    let pendingFormula: { row: number; col: number } | null = null;
    const put = (row: number, col: number, cell: Cell): boolean => cell === EMPTY_CELL || placeCell(grid, row, col, cell, EMPTY_CELL);
    for (let r = record(p); r; r = record(p)) {
      p = r.next;
      const b = r.body;
      const u16 = (o: number): number => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
      const u32 = (o: number): number => (u16(o) | (u16(o + 2) << 16)) >>> 0;
      const f64 = (o: number): number => (o + 8 <= b.length ? new DataView(b.buffer, b.byteOffset + o, 8).getFloat64(0, true) : Number.NaN);
      if (r.type === EOF_) break;
      let ok = true;
      switch (r.type) {
        case LABELSST:
          ok = put(u16(0), u16(2), textCell(g.strings[u32(6)] ?? ''));
          break;
        case LABEL:
        case RSTRING:
          ok = put(u16(0), u16(2), textCell(g.biff8 ? new Segments([b.subarray(6)]).unicodeString(2) : byteString(b, 6, 2, decoder)));
          break;
        case NUMBER: {
          const n = f64(6);
          if (Number.isFinite(n)) ok = put(u16(0), u16(2), numberCell(n, u16(4)));
          break;
        }
        case RK:
          ok = put(u16(0), u16(2), numberCell(decodeRk(u32(6)), u16(4)));
          break;
        case MULRK: {
          const row = u16(0),
            colFirst = u16(2);
          const count = Math.floor((b.length - 6) / 6);
          for (let i = 0; i < count && ok; i++) ok = put(row, colFirst + i, numberCell(decodeRk(u32(6 + i * 6)), u16(4 + i * 6)));
          break;
        }
        case FORMULA: {
          const row = u16(0),
            col = u16(2);
          if (u16(12) === 0xffff) {
            // Non-numeric result: 0 = a STRING record follows, 1 = boolean, 2 = error, 3 = empty string.
            const kind = b[6];
            if (kind === 0) pendingFormula = { row, col };
            else if (kind === 1) ok = put(row, col, textCell(b[8] ? 'TRUE' : 'FALSE'));
          } else {
            const n = f64(6);
            if (Number.isFinite(n)) ok = put(row, col, numberCell(n, u16(4)));
          }
          break;
        }
        case STRING:
          if (pendingFormula) {
            const text = g.biff8 ? new Segments([b]).unicodeString(2) : byteString(b, 0, 2, decoder);
            ok = put(pendingFormula.row, pendingFormula.col, textCell(text));
            pendingFormula = null;
          }
          break;
        case BOOLERR:
          if (b[7] === 0) ok = put(u16(0), u16(2), textCell(b[6] ? 'TRUE' : 'FALSE'));
          break;
        default:
          break;
      }
      if (!ok) return 'too_many_cells';
    }
    return grid.rows;
  }
}

/** Reads a legacy Excel .xls (BIFF5/BIFF8 inside an OLE2 compound file) into rows of cells. Never throws. */
export function readXls(bytes: Uint8Array): WorkbookResult {
  if (!isCompoundFile(bytes)) return workbookFailure('not_xls');
  const stream = readCompoundStream(bytes, ['Workbook', 'Book']);
  if (!stream.ok) return workbookFailure('compound_file', stream.message);
  try {
    return readStream(stream.data);
  } catch (err) {
    // Segments throws RangeError when a string runs past its record: the file is truncated or damaged.
    // Anything else is a bug in this reader and must surface in tests, not pass as a damaged file.
    if (err instanceof RangeError) return workbookFailure('damaged', err.message);
    throw err;
  }
}
