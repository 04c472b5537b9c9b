// What a file no format reads seems to be, so the merchant is told "this is a PNG image" or "this config.json is
// broken on line 3" instead of a developer's message, and "Map columns" is offered only for a table (issue 14: a
// broken config.json and a PNG were both offered a column mapping).
import { headText } from './detect';
import { findLayout } from './mapping/layout';
import { zipEntryNames } from './zip';

/** Kinds of binary file recognised by their first bytes. */
export type BinaryType = 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp' | 'pdf' | 'gzip' | 'rar' | '7z' | 'exe' | 'office' | 'other';

/** What a file seems to be, when no format reads it. */
export type FileKind =
  /** No bytes, or only blanks. */
  | { readonly kind: 'empty' }
  /** An image, a PDF, an archive, a program: not a table of text. */
  | { readonly kind: 'binary'; readonly type: BinaryType }
  /** A zip that holds no spreadsheet or CSV (its first entries named), or one too damaged to open. */
  | { readonly kind: 'zip'; readonly entries: readonly string[]; readonly damaged: string | null }
  /** JSON that does not parse (the line of the first error), or that is not a settlewatch config. */
  | { readonly kind: 'json'; readonly broken: boolean; readonly line: number; readonly detail: string }
  /** A web page or an XML document no format reads. */
  | { readonly kind: 'markup'; readonly type: 'html' | 'xml' }
  /** Text without a table (no line of two or more fields). */
  | { readonly kind: 'text' }
  /** A table: a column mapping may read it. */
  | { readonly kind: 'table' };

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean => sig.every((x, i) => b[at + i] === x);

function binaryType(b: Uint8Array): BinaryType | null {
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47])) return 'png';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(b, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  if (startsWith(b, [0x42, 0x4d]) && b.length > 26 && b[14]! >= 12 && b[15] === 0) return 'bmp';
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (startsWith(b, [0x1f, 0x8b])) return 'gzip';
  if (startsWith(b, [0x52, 0x61, 0x72, 0x21])) return 'rar';
  if (startsWith(b, [0x37, 0x7a, 0xbc, 0xaf])) return '7z';
  if (startsWith(b, [0x4d, 0x5a]) || startsWith(b, [0x7f, 0x45, 0x4c, 0x46])) return 'exe';
  // An OLE2 compound file no format read (cn-bank-xls reads BIFF sheets): a Word or old Office document.
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0])) return 'office';
  return null;
}

/** Share of control characters (other than tab, CR, LF, FF) in the first bytes: text has none, binary many. */
function controlShare(b: Uint8Array): number {
  const n = Math.min(b.length, 4096);
  if (n === 0) return 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) bad++;
  }
  return bad / n;
}

/** Where a JSON.parse error is, as a line number (V8 says "at position N"). */
function jsonErrorLine(text: string, message: string): number {
  const m = /position (\d+)/.exec(message) ?? /line (\d+)/.exec(message);
  if (!m) return 1;
  if (message.includes('line ') && !message.includes('position')) return Number(m[1]);
  const at = Math.min(Number(m[1]), text.length);
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

const OFFICE_ENTRY = /^(word|ppt)\//;
const TABLE_ENTRY = /\.(csv|txt|tsv)$|^xl\//i;

/**
 * What a file seems to be, from its content, for a file no format reads: empty, binary (by its signature or its
 * control characters), a zip of something else, JSON, markup, prose, or a table.
 */
export function fileKind(bytes: Uint8Array): FileKind {
  if (bytes.every(b => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0xef || b === 0xbb || b === 0xbf))
    return { kind: 'empty' };
  if (startsWith(bytes, [0x50, 0x4b])) {
    const names = zipEntryNames(bytes);
    if (typeof names === 'string') return { kind: 'zip', entries: [], damaged: names };
    if (names.some(n => OFFICE_ENTRY.test(n))) return { kind: 'binary', type: 'office' };
    if (!names.some(n => TABLE_ENTRY.test(n)))
      return { kind: 'zip', entries: names.filter(n => !n.endsWith('/')).slice(0, 5), damaged: null };
  }
  const binary = binaryType(bytes);
  if (binary) return { kind: 'binary', type: binary };
  if (
    !startsWith(bytes, [0x50, 0x4b]) &&
    controlShare(bytes) > 0.05 &&
    !startsWith(bytes, [0xff, 0xfe]) &&
    !startsWith(bytes, [0xfe, 0xff])
  )
    return { kind: 'binary', type: 'other' };
  const head = headText(bytes)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('{') || head.startsWith('[')) {
    const text = headText(bytes, bytes.length).replace(/^\uFEFF/, '');
    try {
      JSON.parse(text);
      return { kind: 'json', broken: false, line: 1, detail: '' };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return { kind: 'json', broken: true, line: jsonErrorLine(text, message), detail: message.slice(0, 120) };
    }
  }
  if (/^<!doctype html|^<html/i.test(head)) return { kind: 'markup', type: 'html' };
  if (head.startsWith('<')) return { kind: 'markup', type: 'xml' };
  const layout = findLayout(bytes);
  if (typeof layout !== 'string') return { kind: 'table' };
  // A workbook whose sheets cannot be read (cut, damaged, or inflating past the limits) is a damaged zip.
  return startsWith(bytes, [0x50, 0x4b]) ? { kind: 'zip', entries: [], damaged: layout } : { kind: 'text' };
}
