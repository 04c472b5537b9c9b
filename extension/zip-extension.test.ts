import { unzipSync } from 'fflate';
import { expect, test } from 'vitest';
import { crc32, zipEntries } from '../scripts/zip-extension.mjs';

test('writes a zip that a standard reader opens to the same files and bytes', () => {
  const big = new TextEncoder().encode('{"manifest_version":3}'.repeat(200));
  const tiny = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
  const zip = zipEntries([
    ['manifest.json', big],
    ['icons/icon-16.png', tiny],
    ['中文.txt', new TextEncoder().encode('结算')],
  ]);
  const files = unzipSync(new Uint8Array(zip));
  expect(Object.keys(files)).toEqual(['manifest.json', 'icons/icon-16.png', '中文.txt']);
  expect(files['manifest.json']).toEqual(big);
  expect(files['icons/icon-16.png']).toEqual(tiny);
  expect(new TextDecoder().decode(files['中文.txt'])).toBe('结算');
  expect(zip.length).toBeLessThan(big.length);
});

test('computes the standard CRC-32', () => {
  expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
});
