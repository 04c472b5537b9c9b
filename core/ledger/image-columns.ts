// Rows stored column by column (the ledger image, issue 17). IndexedDB's structured clone of 700,000 row objects
// takes seconds; a few typed arrays and long strings clone in milliseconds. Each column keeps, per row, what its
// value was (absent, undefined, null, false, true, a number, a string, anything else): numbers go to a typed
// array, strings repeated across rows to a dictionary and codes, other strings into one joined string with the end
// of each. Rows of the usual shape come back as object literals of one shape (fast in V8, and repeated strings
// shared); a row of any other shape (a missing field, a field more) is stored as it is and comes back as it was.

const ABSENT = 0;
const UNDEFINED = 1;
const NULL = 2;
const FALSE = 3;
const TRUE = 4;
const NUMBER = 5;
const STRING = 6;
const OTHER = 7;

/** One column of a slice of rows. */
export interface EncodedColumn {
  /** The tag of every row when they share one, else -1 and `tags`. */
  readonly tag: number;
  readonly tags?: Uint8Array;
  /** Per row: the number (0 where the row has none). */
  readonly nums?: Int32Array | Float64Array;
  /** Repeated strings: the distinct ones, and per row its code (0 where the row has none). */
  readonly dict?: readonly string[];
  readonly codes?: Uint8Array | Uint16Array | Uint32Array;
  /**
   * Other strings, joined. Where each row's string ends: `width` when every row has one of that length, else `lens`
   * (per row its length, under 256) or `ends` (per row where its string ends); rows without one add nothing.
   */
  readonly text?: string;
  readonly width?: number;
  readonly lens?: Uint8Array;
  readonly ends?: Uint32Array;
  /** Values that are none of these, in row order. */
  readonly other?: readonly unknown[];
}

/** A slice of rows, column by column; rows of another shape as they are. */
export interface EncodedRows {
  readonly n: number;
  readonly columns: Readonly<Record<string, EncodedColumn>>;
  readonly odd: readonly { readonly at: number; readonly row: unknown }[];
}

/** A row shape: its fields in order, and those a row may lack. */
export interface RowShape {
  readonly fields: readonly string[];
  readonly optional: readonly string[];
}

function tagOf(v: unknown): number {
  switch (typeof v) {
    case 'number':
      return NUMBER;
    case 'string':
      return STRING;
    case 'boolean':
      return v ? TRUE : FALSE;
    case 'undefined':
      return UNDEFINED;
    default:
      return v === null ? NULL : OTHER;
  }
}

/** Whether a row has exactly the shape's fields (the optional ones may be missing), as own data of a plain object. */
function regular(row: unknown, shape: RowShape, required: number): boolean {
  if (typeof row !== 'object' || row === null || Object.getPrototypeOf(row) !== Object.prototype) return false;
  const keys = Object.keys(row);
  if (keys.length < required || keys.length > shape.fields.length) return false;
  let known = 0;
  for (const f of shape.fields)
    if (Object.prototype.hasOwnProperty.call(row, f)) known++;
    else if (!shape.optional.includes(f)) return false;
  return known === keys.length && Object.getOwnPropertySymbols(row).length === 0;
}

/** Encodes rows column by column. */
export function encodeRows(rows: readonly unknown[], shape: RowShape): EncodedRows {
  const n = rows.length;
  const required = shape.fields.length - shape.optional.length;
  const odd: { at: number; row: unknown }[] = [];
  const plain: (Record<string, unknown> | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (regular(row, shape, required)) plain[i] = row as Record<string, unknown>;
    else {
      plain[i] = null;
      odd.push({ at: i, row });
    }
  }
  const columns: Record<string, EncodedColumn> = {};
  for (const field of shape.fields) columns[field] = encodeColumn(plain, field, shape.optional.includes(field));
  return { n, columns, odd };
}

/** One field of regular rows (`rows[i]` null: a row stored as it is); only an optional field may be absent. */
function encodeColumn(rows: readonly (Record<string, unknown> | null)[], field: string, optional: boolean): EncodedColumn {
  const n = rows.length;
  const tags = new Uint8Array(n);
  const values: unknown[] = new Array(n);
  let ints = true;
  let strings = 0;
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (!row || (optional && !Object.prototype.hasOwnProperty.call(row, field))) {
      tags[i] = ABSENT;
      continue;
    }
    const v = row[field];
    const t = tagOf(v);
    tags[i] = t;
    values[i] = v;
    if (t === NUMBER && ints && (((v as number) | 0) !== v || Object.is(v, -0))) ints = false;
    if (t === STRING) strings++;
  }
  let tag = n > 0 ? tags[0]! : ABSENT;
  for (let i = 1; i < n && tag >= 0; i++) if (tags[i] !== tag) tag = -1;
  const out: { -readonly [K in keyof EncodedColumn]: EncodedColumn[K] } = { tag };
  if (tag < 0) out.tags = tags;
  if (tags.includes(NUMBER)) {
    const nums = ints ? new Int32Array(n) : new Float64Array(n);
    for (let i = 0; i < n; i++) if (tags[i] === NUMBER) nums[i] = values[i] as number;
    out.nums = nums;
  }
  if (strings > 0) Object.assign(out, encodeStrings(tags, values as string[], strings));
  if (tags.includes(OTHER)) out.other = values.filter((_, i) => tags[i] === OTHER);
  return out;
}

/** A dictionary while the distinct strings stay few (a quarter of the rows, at most 65,536), else one joined string. */
function encodeStrings(tags: Uint8Array, values: readonly string[], strings: number): Partial<EncodedColumn> {
  const n = tags.length;
  const limit = Math.min(65536, Math.max(16, strings >> 2));
  const codeOf = new Map<string, number>();
  const dict: string[] = [];
  const found = new Uint32Array(n);
  // Rows mostly repeat the row before (one file, one profile, one day at a time): that is compared first.
  let last: string | undefined;
  let lastCode = 0;
  for (let i = 0; i < n && dict.length <= limit; i++) {
    if (tags[i] !== STRING) continue;
    const v = values[i]!;
    if (v !== last) {
      let code = codeOf.get(v);
      if (code === undefined) {
        codeOf.set(v, (code = dict.length));
        dict.push(v);
      }
      last = v;
      lastCode = code;
    }
    found[i] = lastCode;
  }
  if (dict.length <= limit) {
    const codes = dict.length <= 256 ? new Uint8Array(n) : dict.length <= 65536 ? new Uint16Array(n) : new Uint32Array(n);
    codes.set(found);
    return { dict, codes };
  }
  return joinStrings(tags, values);
}

/** A character outside ASCII (text without one is made one byte a character). */
const NOT_ASCII = /[\u0080-\uffff]/;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Strings joined into one, with where each row's ends: one width when every row has a string of the same length
 * (ids, times, masked cards), else lengths when each is under 256, else the end of each. Text of only ASCII is made
 * one byte a character: strings cut from a file with any Chinese in it are two bytes a character in V8, and so is
 * their joined text, which IndexedDB would then store, read and clone at twice the size on every reopen (V8 makes
 * a string one byte a character when it builds it from bytes that are all ASCII, as TextDecoder does).
 */
function joinStrings(tags: Uint8Array, values: readonly string[]): Partial<EncodedColumn> {
  const n = tags.length;
  const parts: string[] = [];
  let width = -1;
  let short = true;
  for (let i = 0; i < n; i++) {
    if (tags[i] !== STRING) {
      width = -2;
      continue;
    }
    const len = values[i]!.length;
    parts.push(values[i]!);
    if (width === -1) width = len;
    else if (width !== len) width = -2;
    if (len > 255) short = false;
  }
  const joined = parts.join('');
  const out: { -readonly [K in keyof EncodedColumn]?: EncodedColumn[K] } = {
    text: NOT_ASCII.test(joined) ? joined : decoder.decode(encoder.encode(joined)),
  };
  if (width >= 0) out.width = width;
  else if (short) {
    const lens = new Uint8Array(n);
    for (let i = 0; i < n; i++) if (tags[i] === STRING) lens[i] = values[i]!.length;
    out.lens = lens;
  } else {
    const ends = new Uint32Array(n);
    for (let i = 0, end = 0; i < n; i++) ends[i] = tags[i] === STRING ? (end += values[i]!.length) : end;
    out.ends = ends;
  }
  return out;
}

/** The value of each tag that holds no more than its tag (absent reads as undefined: `present` tells). */
const CONSTANT: readonly unknown[] = [undefined, undefined, null, false, true];

/**
 * The values of one column, per row (undefined where absent: `present` tells), into `out` (its first `n` places
 * all written). The usual forms (one tag for all rows: numbers, strings from a dictionary or joined, one value) in a
 * loop of their own: in a worker that has just started these run before any optimization, so short and plain pays.
 */
function decodeColumn(col: EncodedColumn, n: number, field: string, out: unknown[]): unknown[] {
  const { tags, nums, dict, codes, width, lens, ends, other } = col;
  const text = joinedText(col, n, field);
  if (col.tag === STRING && dict && codes) {
    for (let i = 0; i < n; i++) out[i] = dict[codes[i]!];
    return out;
  }
  if (col.tag === STRING && text !== undefined) {
    if (width !== undefined) for (let i = 0, start = 0; i < n; i++) out[i] = text.substring(start, (start += width));
    else if (lens) for (let i = 0, start = 0; i < n; i++) out[i] = text.substring(start, (start += lens[i]!));
    else if (ends) for (let i = 0, start = 0; i < n; i++) out[i] = text.substring(start, (start = ends[i]!));
    return out;
  }
  if (col.tag === NUMBER && nums) {
    for (let i = 0; i < n; i++) out[i] = nums[i];
    return out;
  }
  if (col.tag >= ABSENT && col.tag <= TRUE && Number.isInteger(col.tag)) return out.fill(CONSTANT[col.tag], 0, n);
  let o = 0;
  let start = 0;
  for (let i = 0; i < n; i++) {
    const t = tags ? tags[i]! : col.tag;
    switch (t) {
      case NUMBER:
        if (!nums) throw damaged(field);
        out[i] = nums[i];
        break;
      case STRING:
        if (dict && codes) out[i] = dict[codes[i]!];
        else if (text !== undefined) out[i] = text.substring(start, lens ? start + lens[i]! : ends![i]);
        else throw damaged(field);
        break;
      case NULL:
        out[i] = null;
        break;
      case TRUE:
        out[i] = true;
        break;
      case FALSE:
        out[i] = false;
        break;
      case OTHER:
        if (!other || o >= other.length) throw damaged(field);
        out[i] = other[o++];
        break;
      case ABSENT:
      case UNDEFINED:
        out[i] = undefined;
        break;
      default:
        throw damaged(field);
    }
    if (lens) start += lens[i]!;
    else if (ends) start = ends[i]!;
  }
  return out;
}

/**
 * A column's joined text (undefined when it has none), checked to be as long as its rows' strings say: a width only
 * where every row has a string, and one of lengths or ends otherwise.
 */
function joinedText(col: EncodedColumn, n: number, field: string): string | undefined {
  const { text, width, lens, ends } = col;
  if (text === undefined) return undefined;
  if (typeof text !== 'string') throw damaged(field);
  let length: number;
  if (width !== undefined) {
    if (col.tag !== STRING || !Number.isInteger(width) || width < 0) throw damaged(field);
    length = n * width;
  } else if (lens) {
    length = 0;
    for (let i = 0; i < n; i++) length += lens[i]!;
  } else if (ends) {
    length = n > 0 ? ends[n - 1]! : 0;
    for (let i = 1; i < n; i++) if (ends[i]! < ends[i - 1]!) throw damaged(field);
  } else throw damaged(field);
  if (text.length !== length) throw damaged(field);
  return text;
}

const damaged = (field: string) => new Error(`ledger image: column ${field} is damaged`);

/** Whether each row has the field: one answer for all, or per row (absent where the column says so). */
function presence(col: EncodedColumn, n: number): Uint8Array | boolean {
  if (col.tag >= 0) return col.tag !== ABSENT;
  const tags = col.tags!;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = tags[i] !== ABSENT ? 1 : 0;
  return out;
}

/** A slice's columns decoded: per field (the shape's order) its value per row (the first `n`); per optional field whether rows have it. */
export interface DecodedColumns {
  readonly n: number;
  readonly cols: readonly unknown[][];
  readonly present: readonly (Uint8Array | boolean)[];
  /** Per row: stored as it was (then `rows` says what it was). */
  readonly odd: Uint8Array | null;
}

/**
 * Decodes a slice's columns, checking the slice is whole, into the arrays of `scratch` (one per field, made there
 * when missing or short): the slices of one image are decoded one after the other into the same arrays, not a new
 * set each (megabytes more for the collector while it copies the rows being made).
 */
export function decodeColumns(enc: EncodedRows, shape: RowShape, scratch: unknown[][] = []): DecodedColumns {
  const n = enc.n;
  if (!Number.isInteger(n) || n < 0) throw new Error('ledger image: a slice has no row count');
  const cols = shape.fields.map((f, k) => {
    const col = enc.columns?.[f];
    if (!col) throw damaged(f);
    const arrays = [col.tags, col.nums, col.codes, col.lens, col.ends].filter(a => a !== undefined);
    if (arrays.some(a => a.length !== n)) throw damaged(f);
    let out = scratch[k];
    if (!out || out.length < n) out = scratch[k] = new Array(n);
    return decodeColumn(col, n, f, out);
  });
  const present = shape.optional.map(f => presence(enc.columns[f]!, n));
  let odd: Uint8Array | null = null;
  if (enc.odd.length) {
    odd = new Uint8Array(n);
    for (const { at } of enc.odd) {
      if (!(Number.isInteger(at) && at >= 0 && at < n)) throw new Error('ledger image: a row out of its slice');
      odd[at] = 1;
    }
  }
  return { n, cols, present, odd };
}

/** Whether row `i` has the optional field `k` (in the shape's optional order). */
export function has(d: DecodedColumns, k: number, i: number): boolean {
  const p = d.present[k]!;
  return typeof p === 'boolean' ? p : p[i] === 1;
}

/** Puts the rows stored as they were in their places. */
export function placeOdd<T>(out: T[], enc: EncodedRows): T[] {
  for (const { at, row } of enc.odd) out[at] = row as T;
  return out;
}
