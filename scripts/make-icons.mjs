#!/usr/bin/env node
// Draws the app icons (192, 512 and a 512 maskable) and writes them as PNG with zlib: no image
// library, no network. Run once; the PNGs are committed under pwa/public/icons/.
// The mark: a ring (a coin) with a check inside — "the money arrived".
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BG = [15, 95, 90];
const FG = [255, 255, 255];

const CRC = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, rgba) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const clamp = v => Math.max(0, Math.min(1, v));
function segDist(px, py, ax, ay, bx, by) {
  const dx = bx - ax,
    dy = by - ay;
  const t = clamp(((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
function roundedBoxDist(px, py, half, r) {
  const qx = Math.abs(px) - half + r,
    qy = Math.abs(py) - half + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Coverage-based drawing in unit coordinates (-1..1); `glyph` scales the mark, `full` fills the square. */
function draw(size, { glyph, full }) {
  const out = Buffer.alloc(size * size * 4);
  const px = 2 / size;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = ((x + 0.5) / size) * 2 - 1,
        v = ((y + 0.5) / size) * 2 - 1;
      const bg = full ? 1 : clamp(0.5 - roundedBoxDist(u, v, 0.92, 0.22) / px);
      const gu = u / glyph,
        gv = v / glyph,
        gpx = px / glyph;
      const ring = Math.abs(Math.hypot(gu, gv) - 0.78) - 0.1;
      const check = Math.min(segDist(gu, gv, -0.4, 0.02, -0.1, 0.32), segDist(gu, gv, -0.1, 0.32, 0.42, -0.26)) - 0.1;
      const fg = clamp(0.5 - Math.min(ring, check) / gpx) * bg;
      const i = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) out[i + c] = Math.round(BG[c] * (1 - fg) + FG[c] * fg);
      out[i + 3] = Math.round(bg * 255);
    }
  }
  return png(size, out);
}

const dir = new URL('../pwa/public/icons/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL('icon-192.png', dir), draw(192, { glyph: 0.72, full: false }));
writeFileSync(new URL('icon-512.png', dir), draw(512, { glyph: 0.72, full: false }));
// Maskable: the background fills the square and the mark stays inside the 80 % safe zone.
writeFileSync(new URL('icon-maskable-512.png', dir), draw(512, { glyph: 0.55, full: true }));
writeFileSync(new URL('apple-touch-icon-180.png', dir), draw(180, { glyph: 0.62, full: true }));
console.log('icons written to pwa/public/icons/');
