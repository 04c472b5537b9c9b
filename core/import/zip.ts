import { Inflate } from 'fflate';
import { MAX_INFLATED_BYTES } from './limits';

/*
 * A zip reader that trusts nothing the archive declares. The central directory gives each entry's name,
 * sizes and place (local headers may carry zero sizes: Zettle's zips put the real ones in data descriptors);
 * every count and offset is checked against the file before it is used, entries may not share their
 * compressed bytes, and inflating counts the bytes actually produced, a little at a time, against the size
 * the entry declares and the archive's cap. So the work is bounded by the file's size plus the cap, whatever
 * the file claims: a 4 MB file claiming 1 MB that would inflate to 4 GB stops after 1 MB.
 */

/** Compressed bytes handed to the inflater at a time: deflate makes at most ~1,032 bytes of each, so ≤ 4 MB a step. */
const STEP = 4 << 10;

/** True when the bytes start like a zip archive (`PK\x03\x04`), as every .xlsx does. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

const u16 = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number): number => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
/** A little-endian 64-bit number; values above 2^53 (no real archive) come out as Infinity, which every check refuses. */
const u64 = (b: Uint8Array, at: number): number => {
  const high = u32(b, at + 4);
  return high >= 0x200000 ? Infinity : high * 0x100000000 + u32(b, at);
};

interface Entry {
  readonly name: string;
  readonly method: number;
  readonly compressed: number;
  readonly size: number;
  readonly start: number;
}

const latin1 = (b: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
};
const utf8 = new TextDecoder('utf-8');
const mb = (n: number): string => `${Math.round(n / (1 << 20))} MB`;

/** The names of a zip's entries, or why its directory cannot be read (a cut or damaged archive). Never throws. */
export function zipEntryNames(bytes: Uint8Array): string[] | string {
  const entries = listEntries(bytes, () => true);
  return typeof entries === 'string' ? entries : entries.map(e => e.name);
}

/**
 * The entries of a zip whose names `want` accepts, inflated, by name as stored (names without the UTF-8
 * flag are read as Latin-1, as fflate does), or a message saying why the archive is refused: damaged, an
 * entry inflating past the size it declares, entries sharing compressed bytes, more than `limit` bytes in
 * all. Never throws.
 */
export function readZip(bytes: Uint8Array, want: (name: string) => boolean, limit = MAX_INFLATED_BYTES): Map<string, Uint8Array> | string {
  const entries = listEntries(bytes, want);
  if (typeof entries === 'string') return `the zip container is damaged (${entries})`;
  // Entries that share compressed bytes would inflate the same data again and again (the overlapping-entry bomb).
  const byStart = [...entries].sort((a, b) => a.start - b.start);
  for (let k = 1; k < byStart.length; k++) {
    const prev = byStart[k - 1]!,
      e = byStart[k]!;
    if (e.start < prev.start + prev.compressed || e.start === prev.start) {
      return `the zip entries "${prev.name}" and "${e.name}" share the same compressed bytes: the archive is built to inflate them over and over, and is refused`;
    }
  }
  let declared = 0;
  for (const e of entries) declared += e.size;
  if (declared > limit) return `the zip declares ${mb(declared)} in the parts read, more than the ${mb(limit)} any real export needs`;
  const out = new Map<string, Uint8Array>();
  for (const e of entries) {
    const data = inflateEntry(bytes.subarray(e.start, e.start + e.compressed), e);
    if (typeof data === 'string') return data;
    out.set(e.name, data);
  }
  return out;
}

function listEntries(bytes: Uint8Array, want: (name: string) => boolean): Entry[] | string {
  // The end-of-central-directory record: within the last 64 KB + 22 bytes (its comment is at most 64 KB).
  let eocd = -1;
  for (let at = bytes.length - 22; at >= 0 && at >= bytes.length - 22 - 0xffff; at--) {
    if (u32(bytes, at) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return 'no end of central directory: the file is cut short';
  let count = u16(bytes, eocd + 10);
  let dir = u32(bytes, eocd + 16);
  if (eocd >= 20 && u32(bytes, eocd - 20) === 0x07064b50) {
    const z = u64(bytes, eocd - 12);
    if (!(z + 56 <= bytes.length) || u32(bytes, z) !== 0x06064b50) return 'its zip64 end record is out of place';
    count = u64(bytes, z + 32);
    dir = u64(bytes, z + 48);
  }
  // Every directory entry takes at least 46 bytes: a count the file cannot hold is a lie, refused before any loop.
  if (!(dir <= bytes.length) || count > (bytes.length - dir) / 46) return `it claims ${count} entries its central directory cannot hold`;
  const entries: Entry[] = [];
  let p = dir;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) return `central directory entry ${i + 1} is not where the directory says`;
    const flags = u16(bytes, p + 8),
      method = u16(bytes, p + 10);
    let compressed = u32(bytes, p + 20),
      size = u32(bytes, p + 24),
      local = u32(bytes, p + 42);
    const nameLength = u16(bytes, p + 28),
      extraLength = u16(bytes, p + 30),
      commentLength = u16(bytes, p + 32);
    const nameBytes = bytes.subarray(p + 46, p + 46 + nameLength);
    const name = flags & 0x800 ? utf8.decode(nameBytes) : latin1(nameBytes);
    // zip64: the sizes and offset that do not fit 32 bits are in extra field 0x0001, in this order.
    for (let x = p + 46 + nameLength, end = x + extraLength; x + 4 <= end && x + 4 <= bytes.length; x += 4 + u16(bytes, x + 2)) {
      if (u16(bytes, x) !== 0x0001) continue;
      let v = x + 4;
      if (size === 0xffffffff) {
        size = u64(bytes, v);
        v += 8;
      }
      if (compressed === 0xffffffff) {
        compressed = u64(bytes, v);
        v += 8;
      }
      if (local === 0xffffffff) local = u64(bytes, v);
      break;
    }
    p += 46 + nameLength + extraLength + commentLength;
    if (!want(name)) continue;
    if (!(local + 30 <= bytes.length) || u32(bytes, local) !== 0x04034b50)
      return `the local header of "${name}" is not where the directory says`;
    const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    if (!(start + compressed <= bytes.length)) return `"${name}" runs past the end of the file`;
    if (method !== 0 && method !== 8) return `"${name}" uses compression method ${method}; only stored and deflated entries are read`;
    if (method === 0 && compressed !== size) return `"${name}" is stored with ${compressed} bytes but declares ${size}`;
    entries.push({ name, method, compressed, size, start });
  }
  return entries;
}

/** One entry's bytes, inflated step by step and never past the size it declares; a message when it is bad. */
function inflateEntry(data: Uint8Array, e: Entry): Uint8Array | string {
  if (e.method === 0) return data.slice();
  const out = new Uint8Array(e.size);
  let filled = 0;
  let over = false;
  const inflater = new Inflate((chunk: Uint8Array) => {
    if (over || filled + chunk.length > e.size) {
      over = true;
      return;
    }
    out.set(chunk, filled);
    filled += chunk.length;
  });
  try {
    if (data.length === 0) return e.size === 0 ? out : `the zip container is damaged ("${e.name}" has no data)`;
    for (let k = 0; k < data.length && !over; k += STEP) inflater.push(data.subarray(k, k + STEP), k + STEP >= data.length);
  } catch (err) {
    return `the zip container is damaged ("${e.name}": ${err instanceof Error ? err.message : String(err)})`;
  }
  if (over)
    return `"${e.name}" inflates past the ${e.size} bytes its zip header declares: the archive lies about its sizes (a zip bomb), so it is refused`;
  if (filled !== e.size) return `the zip container is damaged ("${e.name}" inflates to ${filled} bytes, not the ${e.size} it declares)`;
  return out;
}
