/** CRC-32 as ZIP uses it. */
export function crc32(bytes: Uint8Array): number;
/** Builds ZIP bytes from [name, bytes] entries (names use forward slashes). */
export function zipEntries(entries: readonly (readonly [string, Uint8Array])[]): Buffer;
/** Zips every file under `dir` (paths relative to it) into `outFile`; returns the file count. */
export function zipDirectory(dir: string, outFile: string): number;
