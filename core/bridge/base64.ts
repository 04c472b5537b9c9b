// Base64 for the bridge's binary payload (the gzip replica): chrome messaging carries JSON, so bytes travel as text.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

/** Bytes as base64 text (with padding). Built in runs, never one character at a time into a growing string. */
export function toBase64(bytes: Uint8Array): string {
  const runs: string[] = [];
  const RUN = 3 * 16_384;
  for (let start = 0; start < bytes.length; start += RUN) {
    const end = Math.min(bytes.length, start + RUN);
    const out: string[] = [];
    for (let i = start; i < end; i += 3) {
      const a = bytes[i]!,
        b = i + 1 < end ? bytes[i + 1]! : 0,
        c = i + 2 < end ? bytes[i + 2]! : 0;
      const n = (a << 16) | (b << 8) | c;
      out.push(
        ALPHABET[n >> 18]! +
          ALPHABET[(n >> 12) & 63]! +
          (i + 1 < end ? ALPHABET[(n >> 6) & 63]! : '=') +
          (i + 2 < end ? ALPHABET[n & 63]! : '='),
      );
    }
    runs.push(out.join(''));
  }
  return runs.join('');
}

/** Base64 text as bytes, or null when it is not base64 (a wrong character, a wrong length). */
export function fromBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const ch = text.charCodeAt(i + k);
      const last = i + 4 === text.length;
      if (ch === 61 && last && k >= 4 - pad) {
        n <<= 6;
        continue;
      }
      const v = ch < 128 ? VALUE[ch]! : -1;
      if (v < 0) return null;
      n = (n << 6) | v;
    }
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}
