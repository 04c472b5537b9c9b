/** The text encodings Settlewatch reads. */
export type Encoding = 'utf-8' | 'gb18030' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/**
 * Guesses the encoding of a file from its bytes: a BOM wins; then valid UTF-8;
 * then GB18030 (a superset of GBK) when the high bytes pair up as GBK does;
 * else windows-1252. `declared` (an OFX `CHARSET:1252` header, say) is a hint used when the bytes allow it.
 */
export function detectEncoding(bytes: Uint8Array, declared?: Encoding): Encoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const sample = bytes.subarray(0, Math.min(bytes.length, 1 << 20));
  if (isUtf8(sample, sample.length < bytes.length)) return 'utf-8';
  if (declared) return declared;
  return looksGbk(sample) ? 'gb18030' : 'windows-1252';
}

/**
 * Strict UTF-8 validation; a sequence cut at the end of a truncated sample is allowed, and so is one cut at the
 * end of a file whose earlier characters are UTF-8 (a file cut short: read as Latin-1 it changed every accent).
 */
function isUtf8(b: Uint8Array, truncated: boolean): boolean {
  let i = 0;
  const n = b.length;
  let multiByte = false;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) need = 2;
    else if (c >= 0xf0 && c <= 0xf4) need = 3;
    else return false;
    for (let k = 1; k <= need; k++) {
      const t = b[i + k];
      if (t === undefined) return truncated || multiByte;
      if ((t & 0xc0) !== 0x80) return false;
    }
    multiByte = true;
    i += need + 1;
  }
  return true;
}

function looksGbk(b: Uint8Array): boolean {
  let pairs = 0,
    bad = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c < 0x80) continue;
    const t = b[i + 1];
    if (c >= 0x81 && c <= 0xfe && t !== undefined && t >= 0x40 && t <= 0xfe && t !== 0x7f) {
      pairs++;
      i++;
    } else bad++;
  }
  return pairs > 0 && bad <= pairs / 20;
}

// Windows-1252 differs from Latin-1 in 0x80–0x9F (€, curly quotes, dashes). Node 20's TextDecoder
// decodes that range as C1 control characters, so it is mapped here (WHATWG index-windows-1252).
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function fixCp1252(text: string): string {
  return /[\u0080-\u009f]/.test(text) ? text.replace(/[\u0080-\u009f]/g, c => CP1252_HIGH[c.charCodeAt(0) - 0x80]!) : text;
}

/** Decodes bytes to text with the detected (or given) encoding, dropping a BOM. Never throws. */
export function decodeText(bytes: Uint8Array, encoding: Encoding = detectEncoding(bytes)): string {
  const text = new TextDecoder(encoding).decode(bytes);
  return encoding === 'windows-1252' ? fixCp1252(text) : text;
}

/**
 * Decodes a large file in line-aligned chunks so no single huge string is built
 * (a GBK file with Chinese text would otherwise become one two-byte string the size of the file).
 * Calls `onChunk` with each chunk's text and the 1-based line number of its first line.
 * `chunkBytes`: see ParseContext.chunkBytes.
 */
export function decodeChunks(
  bytes: Uint8Array,
  onChunk: (text: string, firstLine: number) => boolean | void,
  encoding: Encoding = detectEncoding(bytes),
  chunkBytes = 8 << 20,
): void {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    onChunk(decodeText(bytes, encoding), 1);
    return;
  }
  const decoder = new TextDecoder(encoding);
  let start = 0;
  let line = 1;
  while (start < bytes.length) {
    let end = Math.min(bytes.length, start + chunkBytes);
    if (end < bytes.length) {
      // 0x0A never occurs inside a GBK, GB18030 or UTF-8 multi-byte sequence: a safe cut. A line longer
      // than a chunk makes its chunk longer: every chunk ends where a line does.
      const nl = bytes.lastIndexOf(0x0a, end - 1);
      const after = nl >= start ? nl : bytes.indexOf(0x0a, end);
      end = after < 0 ? bytes.length : after + 1;
    }
    const raw = decoder.decode(bytes.subarray(start, end), { stream: end < bytes.length });
    const text = encoding === 'windows-1252' ? fixCp1252(raw) : raw;
    if (onChunk(text, line) === false) return;
    for (let i = bytes.indexOf(0x0a, start); i >= 0 && i < end; i = bytes.indexOf(0x0a, i + 1)) line++;
    start = end;
  }
}
