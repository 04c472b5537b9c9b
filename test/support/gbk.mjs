// GBK bytes for test files, built by inverting the platform's GBK decoder (Node has no GBK encoder).
/** @type {Map<string, number[]> | null} */
let table = null;

/** Encodes text as GBK; characters GBK lacks become `?`. */
export function gbk(text) {
  if (!table) {
    table = new Map();
    const dec = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead++)
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        const ch = dec.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && !table.has(ch)) table.set(ch, [lead, trail]);
      }
  }
  const t = table;
  return new Uint8Array([...text].flatMap(c => (c.charCodeAt(0) < 0x80 ? [c.charCodeAt(0)] : (t.get(c) ?? [0x3f]))));
}
