import { deflateSync } from 'node:zlib';
import { crc32 } from '../../scripts/zip-extension.mjs';

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * The toolbar icon, drawn at build time (no binary in the repository): a teal rounded square with a
 * white check mark over a coin, the app's colours. Anti-aliased by 4×4 supersampling.
 */
export function iconPng(size: number): Buffer {
  const teal = [15, 95, 90],
    white = [255, 255, 255];
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const r = size * 0.2;
  const inRounded = (x: number, y: number) => {
    const cx = Math.min(Math.max(x, r), size - r),
      cy = Math.min(Math.max(y, r), size - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
  // Check mark: two thick segments.
  const seg = (x: number, y: number, ax: number, ay: number, bx: number, by: number, w: number) => {
    const dx = bx - ax,
      dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= w * w;
  };
  const s = size;
  const inCheck = (x: number, y: number) =>
    seg(x, y, 0.26 * s, 0.52 * s, 0.43 * s, 0.69 * s, 0.075 * s) || seg(x, y, 0.43 * s, 0.69 * s, 0.75 * s, 0.32 * s, 0.075 * s);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      let bg = 0,
        fg = 0;
      for (let sy = 0; sy < 4; sy++)
        for (let sx = 0; sx < 4; sx++) {
          const px = x + (sx + 0.5) / 4,
            py = y + (sy + 0.5) / 4;
          if (inRounded(px, py)) {
            bg++;
            if (inCheck(px, py)) fg++;
          }
        }
      const o = y * (size * 4 + 1) + 1 + x * 4;
      const k = bg === 0 ? 0 : fg / bg;
      for (let c = 0; c < 3; c++) raw[o + c] = Math.round(teal[c]! * (1 - k) + white[c]! * k);
      raw[o + 3] = Math.round((bg / 16) * 255);
    }
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
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
