const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Decodes character references (`&#233;`, `&#xE9;`) and named entities once: XML's five, plus any
 * `extra` a format allows (OFX's SGML writes `&nbsp;`). One pass on purpose: html-vals.qfx writes
 * `&amp;lt;DEFTPYMT&amp;gt;`, which must become `&lt;DEFTPYMT&gt;`, what the bank meant to print.
 */
export function decodeEntities(text: string, extra: Readonly<Record<string, string>> = {}): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,6});/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return XML_ENTITIES[ref] ?? extra[ref] ?? whole;
  });
}
