/** True when the bytes start with the OLE2 compound-file signature, as every BIFF .xls does. */
export function isCompoundFile(bytes: Uint8Array): boolean {
  const sig = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return bytes.length >= 512 && sig.every((b, i) => bytes[i] === b);
}

const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;
const MAX_REGULAR = 0xfffffffa;

/** A stream found in a compound file, or why it could not be read. */
export type StreamResult = { readonly ok: true; readonly data: Uint8Array } | { readonly ok: false; readonly message: string };

/**
 * Reads one named stream (case-insensitive, first of `names` found) from an OLE2 compound file
 * ([MS-CFB]): header → DIFAT → FAT → directory → the stream's sector chain, or the mini stream
 * for streams under the cut-off. Every chain is bounded, so a looping FAT cannot hang it. Never throws.
 */
export function readCompoundStream(bytes: Uint8Array, names: readonly string[]): StreamResult {
  if (!isCompoundFile(bytes)) return { ok: false, message: 'not an OLE2 compound file' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number): number => view.getUint16(o, true);
  const u32 = (o: number): number => view.getUint32(o, true);
  const shift = u16(0x1e);
  const miniShift = u16(0x20);
  if (shift !== 9 && shift !== 12) return { ok: false, message: `unsupported sector size 2^${shift}` };
  if (miniShift !== 6) return { ok: false, message: `unsupported mini sector size 2^${miniShift}` };
  const sectorSize = 1 << shift;
  const sectorCount = Math.floor((bytes.length - sectorSize) / sectorSize) + 1;
  const sectorAt = (n: number): number => (n + 1) * sectorSize;
  const validSector = (n: number): boolean =>
    n <= MAX_REGULAR && sectorAt(n) + sectorSize <= bytes.length + sectorSize && sectorAt(n) < bytes.length;

  // DIFAT: 109 entries in the header, then a chain of DIFAT sectors (last slot = next sector).
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const s = u32(0x4c + i * 4);
    if (s <= MAX_REGULAR) fatSectors.push(s);
  }
  let difat = u32(0x44);
  for (let guard = 0; difat <= MAX_REGULAR && guard < sectorCount; guard++) {
    if (!validSector(difat)) return { ok: false, message: 'the DIFAT points outside the file' };
    const base = sectorAt(difat);
    const per = sectorSize / 4 - 1;
    for (let i = 0; i < per; i++) {
      const s = u32(base + i * 4);
      if (s <= MAX_REGULAR) fatSectors.push(s);
    }
    difat = u32(base + per * 4);
  }
  if (fatSectors.length === 0) return { ok: false, message: 'the compound file has no allocation table' };
  const perSector = sectorSize / 4;
  const fat = new Uint32Array(fatSectors.length * perSector).fill(FREE);
  for (let k = 0; k < fatSectors.length; k++) {
    const s = fatSectors[k]!;
    if (!validSector(s)) return { ok: false, message: 'the allocation table points outside the file' };
    const base = sectorAt(s);
    const avail = Math.min(perSector, Math.floor((bytes.length - base) / 4));
    for (let i = 0; i < avail; i++) fat[k * perSector + i] = u32(base + i * 4);
  }

  /** Concatenates a chain of sectors, bounded by the number of sectors in the table. */
  const chain = (
    start: number,
    table: Uint32Array,
    size: number,
    unit: number,
    at: (n: number) => number,
    source: Uint8Array,
  ): Uint8Array | null => {
    const out = new Uint8Array(size);
    let filled = 0;
    let s = start;
    for (let guard = 0; filled < size; guard++) {
      if (s > MAX_REGULAR || guard > table.length) return null;
      const off = at(s);
      if (off < 0 || off >= source.length) return null;
      const take = Math.min(unit, size - filled, source.length - off);
      out.set(source.subarray(off, off + take), filled);
      filled += take;
      if (take < Math.min(unit, size - filled + take)) return null;
      s = table[s] ?? END_OF_CHAIN;
    }
    return out;
  };

  // Directory: 128-byte entries along the chain from the header; the root entry owns the mini stream.
  const dirStart = u32(0x30);
  const entries: { name: string; type: number; start: number; size: number }[] = [];
  let d = dirStart;
  for (let guard = 0; d <= MAX_REGULAR && guard <= fat.length; guard++) {
    if (!validSector(d)) return { ok: false, message: 'the directory points outside the file' };
    const base = sectorAt(d);
    for (let off = base; off + 128 <= Math.min(base + sectorSize, bytes.length); off += 128) {
      const nameLen = Math.min(64, u16(off + 0x40));
      let name = '';
      for (let i = 0; i + 2 <= nameLen - 2; i += 2) name += String.fromCharCode(u16(off + i));
      entries.push({ name, type: bytes[off + 0x42]!, start: u32(off + 0x74), size: u32(off + 0x78) });
    }
    d = fat[d] ?? END_OF_CHAIN;
  }
  const root = entries[0];
  if (!root || root.type !== 5) return { ok: false, message: 'the compound file has no root directory entry' };
  const wanted = names.map(n => n.toLowerCase());
  const entry = wanted.map(w => entries.find(e => e.type === 2 && e.name.toLowerCase() === w)).find(e => e !== undefined);
  if (!entry) return { ok: false, message: `the compound file has no ${names.join(' or ')} stream` };
  if (entry.size > bytes.length * 2 + (1 << 20))
    return { ok: false, message: `the ${entry.name} stream claims ${entry.size} bytes, more than the file holds` };
  const cutoff = u32(0x38) || 4096;
  if (entry.size >= cutoff) {
    const data = chain(entry.start, fat, entry.size, sectorSize, sectorAt, bytes);
    return data ? { ok: true, data } : { ok: false, message: `the ${entry.name} stream's sector chain is broken` };
  }
  // Small streams live in 64-byte mini sectors inside the root entry's stream, chained by the mini FAT.
  const miniStream = chain(root.start, fat, Math.min(root.size, bytes.length), sectorSize, sectorAt, bytes);
  if (!miniStream) return { ok: false, message: 'the mini stream is broken' };
  const miniFatStart = u32(0x3c),
    miniFatCount = u32(0x40);
  const miniFatBytes = chain(miniFatStart, fat, Math.min(miniFatCount, sectorCount) * sectorSize, sectorSize, sectorAt, bytes);
  if (!miniFatBytes) return { ok: false, message: 'the mini allocation table is broken' };
  const miniFat = new Uint32Array(miniFatBytes.length / 4);
  const mv = new DataView(miniFatBytes.buffer);
  for (let i = 0; i < miniFat.length; i++) miniFat[i] = mv.getUint32(i * 4, true);
  const data = chain(entry.start, miniFat, entry.size, 64, n => n * 64, miniStream);
  return data ? { ok: true, data } : { ok: false, message: `the ${entry.name} stream's mini sector chain is broken` };
}
