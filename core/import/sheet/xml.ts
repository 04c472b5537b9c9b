/** One start, end or empty-element tag found by {@link scanTags}. */
export interface XmlTag {
  /** Local name without namespace prefix (`c`, `v`, `t`, `row`). */
  readonly name: string;
  readonly kind: 'open' | 'close' | 'empty';
  /** Raw attribute text, read with {@link attr}. */
  readonly attrs: string;
  /** Offset just after the tag's `>`: where its text content starts. */
  readonly end: number;
  /** Offset of the tag's `<`: where the previous text content stops. */
  readonly start: number;
}

/**
 * Walks the tags of a SpreadsheetML part in order. The parts a workbook needs are flat and
 * machine-written, so a scanner beats a DOM: the Zettle statement's sheet is 1.2 MB of `<c>` cells.
 * Comments, processing instructions and CDATA are skipped. Stops at the first malformed tag.
 */
export function* scanTags(xml: string): Generator<XmlTag> {
  let i = xml.indexOf('<');
  while (i >= 0 && i < xml.length) {
    if (xml.startsWith('<!--', i)) {
      const e = xml.indexOf('-->', i + 4);
      if (e < 0) return;
      i = xml.indexOf('<', e + 3);
      continue;
    }
    if (xml.startsWith('<![CDATA[', i)) {
      const e = xml.indexOf(']]>', i + 9);
      if (e < 0) return;
      i = xml.indexOf('<', e + 3);
      continue;
    }
    if (xml[i + 1] === '?' || xml[i + 1] === '!') {
      const e = xml.indexOf('>', i + 2);
      if (e < 0) return;
      i = xml.indexOf('<', e + 1);
      continue;
    }
    const close = xml.indexOf('>', i + 1);
    if (close < 0) return;
    const closing = xml.charCodeAt(i + 1) === 0x2f;
    const empty = !closing && xml.charCodeAt(close - 1) === 0x2f;
    const bodyEnd = empty ? close - 1 : close;
    // The name runs to the first space, `/` or `>`; a prefix (`x:c`) is dropped. Scanned by hand: this
    // loop runs once per tag of a sheet with tens of thousands of cells.
    let k = i + (closing ? 2 : 1);
    let nameStart = k;
    for (; k < bodyEnd; k++) {
      const ch = xml.charCodeAt(k);
      if (ch === 0x3a) nameStart = k + 1;
      else if (ch <= 0x20 || ch === 0x2f) break;
    }
    if (k === nameStart) return;
    yield {
      name: xml.slice(nameStart, k),
      kind: closing ? 'close' : empty ? 'empty' : 'open',
      attrs: xml.slice(k, bodyEnd),
      start: i,
      end: close + 1,
    };
    i = xml.indexOf('<', close + 1);
  }
}

const ATTR_RE = new Map<string, RegExp>();

/**
 * Every attribute of a tag as name → value (prefix dropped, entity-decoded), read in one pass: the cell
 * reader needs `r`, `s` and `t` of each `<c>`, and three regex searches per cell cost more than this.
 * Scanned by hand, each character once: a pattern with an optional prefix backtracked quadratically on a
 * long run of name characters, and a 7 KB zip inflating to one such tag ran for minutes.
 */
export function attrs(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  const n = raw.length;
  let i = 0;
  while (i < n) {
    while (i < n && !isNameChar(raw.charCodeAt(i))) i++;
    const start = i;
    while (i < n && (isNameChar(raw.charCodeAt(i)) || raw.charCodeAt(i) === 0x3a)) i++;
    if (i === start) break;
    const qualified = raw.slice(start, i);
    const colon = qualified.lastIndexOf(':');
    const name = colon < 0 ? qualified : qualified.slice(colon + 1);
    let j = i;
    while (j < n && isSpace(raw.charCodeAt(j))) j++;
    if (raw.charCodeAt(j) !== 0x3d) {
      i = j;
      continue;
    }
    j++;
    while (j < n && isSpace(raw.charCodeAt(j))) j++;
    const quote = raw.charCodeAt(j);
    if (quote !== 0x22 && quote !== 0x27) {
      i = j;
      continue;
    }
    const end = raw.indexOf(quote === 0x22 ? '"' : "'", j + 1);
    if (end < 0) break;
    if (name !== '') out[name] = decodeXmlText(raw.slice(j + 1, end));
    i = end + 1;
  }
  return out;
}

/** `[\w-]`: a character of an attribute name or prefix. */
function isNameChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2d;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c;
}

/** The value of one attribute in a tag's raw attribute text, entity-decoded; null when absent. */
export function attr(attrs: string, name: string): string | null {
  let re = ATTR_RE.get(name);
  if (!re) {
    re = new RegExp(`(?:^|\\s)(?:[\\w-]+:)?${name}\\s*=\\s*("([^"]*)"|'([^']*)')`);
    ATTR_RE.set(name, re);
  }
  const m = re.exec(attrs);
  return m ? decodeXmlText(m[2] ?? m[3] ?? '') : null;
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Decodes XML entities and OOXML's `_xHHHH_` escapes (a carriage return is stored as `_x000D_`;
 * a literal `_x` sequence as `_x005F_x…`).
 */
export function decodeXmlText(text: string): string {
  let s = text;
  if (s.includes('&')) {
    s = s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, ent: string) => {
      if (ent[0] === '#') {
        const code = ent[1] === 'x' || ent[1] === 'X' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
        return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return NAMED[ent] ?? whole;
    });
  }
  if (s.includes('_x')) s = s.replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return s;
}
