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
    if (xml.startsWith('<!--', i)) { const e = xml.indexOf('-->', i + 4); if (e < 0) return; i = xml.indexOf('<', e + 3); continue; }
    if (xml.startsWith('<![CDATA[', i)) { const e = xml.indexOf(']]>', i + 9); if (e < 0) return; i = xml.indexOf('<', e + 3); continue; }
    if (xml[i + 1] === '?' || xml[i + 1] === '!') { const e = xml.indexOf('>', i + 2); if (e < 0) return; i = xml.indexOf('<', e + 1); continue; }
    const close = xml.indexOf('>', i + 1);
    if (close < 0) return;
    const closing = xml[i + 1] === '/';
    const empty = xml[close - 1] === '/';
    const body = xml.slice(i + (closing ? 2 : 1), empty ? close - 1 : close);
    const m = /^\s*([\w.:-]+)/.exec(body);
    if (!m) return;
    const qname = m[1]!;
    const colon = qname.indexOf(':');
    yield {
      name: colon >= 0 ? qname.slice(colon + 1) : qname,
      kind: closing ? 'close' : empty ? 'empty' : 'open',
      attrs: body.slice(m[0].length),
      start: i,
      end: close + 1,
    };
    i = xml.indexOf('<', close + 1);
  }
}

const ATTR_RE = new Map<string, RegExp>();

/** The value of one attribute in a tag's raw attribute text, entity-decoded; null when absent. */
export function attr(attrs: string, name: string): string | null {
  let re = ATTR_RE.get(name);
  if (!re) { re = new RegExp(`(?:^|\\s)(?:[\\w-]+:)?${name}\\s*=\\s*("([^"]*)"|'([^']*)')`); ATTR_RE.set(name, re); }
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
