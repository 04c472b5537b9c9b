import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { fileKind } from './file-kind';

const FIXTURES = join(import.meta.dirname, '../../test/fixtures');
const bytes = (text: string) => new TextEncoder().encode(text);
// The smallest valid PNG: signature, IHDR, IDAT, IEND.
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='), c =>
  c.charCodeAt(0),
);

describe('what a file no format reads seems to be', () => {
  test('an empty file, or one of blank lines only, is empty', () => {
    expect(fileKind(new Uint8Array())).toEqual({ kind: 'empty' });
    expect(fileKind(bytes('\ufeff\r\n\r\n  \n'))).toEqual({ kind: 'empty' });
  });

  test('images, PDFs and programs are binary, named by their signature', () => {
    expect(fileKind(PNG)).toEqual({ kind: 'binary', type: 'png' });
    expect(fileKind(bytes('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'))).toEqual({ kind: 'binary', type: 'pdf' });
    expect(fileKind(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toEqual({ kind: 'binary', type: 'jpeg' });
    expect(fileKind(Uint8Array.of(0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0))).toEqual({ kind: 'binary', type: 'exe' });
  });

  test('bytes full of control characters with no known signature are binary of an unknown kind', () => {
    const noise = Uint8Array.from({ length: 600 }, (_, i) => (i * 37) % 256);
    expect(fileKind(noise)).toEqual({ kind: 'binary', type: 'other' });
  });

  test('a broken config.json names the line of its first error', () => {
    const kind = fileKind(bytes('{\n  "schema": "settlewatch.config/1",\n  "acquirers": [\n    { "id": "lakala", }\n  ]\n}\n'));
    expect(kind).toMatchObject({ kind: 'json', broken: true, line: 4 });
  });

  test('valid JSON that is not a config is JSON, not broken', () => {
    expect(fileKind(bytes('[1, 2, 3]'))).toMatchObject({ kind: 'json', broken: false });
  });

  test('a zip of something else names what it holds; a Word document is an office file', () => {
    const photos = zipSync({ 'holiday.jpg': PNG, 'notes/readme.md': bytes('# hi') });
    expect(fileKind(photos)).toEqual({ kind: 'zip', entries: ['holiday.jpg', 'notes/readme.md'], damaged: null });
    expect(fileKind(zipSync({ 'word/document.xml': bytes('<w:document/>') }))).toEqual({ kind: 'binary', type: 'office' });
  });

  test('a workbook cut short is a damaged zip', () => {
    const xlsx = readFileSync(join(FIXTURES, 'real/zettle/Zettle-Receipts-Report-20210101-20210910.xlsx'));
    const kind = fileKind(xlsx.subarray(0, Math.floor(xlsx.length / 2)));
    expect(kind.kind).toBe('zip');
    expect(kind.kind === 'zip' && kind.damaged).toBeTruthy();
  });

  test('a web page and an unknown XML document are markup', () => {
    expect(fileKind(bytes('<!DOCTYPE html><html><body>Login</body></html>'))).toEqual({ kind: 'markup', type: 'html' });
    expect(fileKind(bytes('<?xml version="1.0"?><invoice/>'))).toEqual({ kind: 'markup', type: 'xml' });
  });

  test('prose is text without a table; a CSV of dates and amounts is a table', () => {
    expect(fileKind(bytes('Dear customer\nthank you for banking with us\n'))).toEqual({ kind: 'text' });
    expect(fileKind(readFileSync(join(FIXTURES, 'synthetic/mapped/td-debit-credit.csv')))).toEqual({ kind: 'table' });
    expect(fileKind(readFileSync(join(FIXTURES, 'synthetic/mapped/acquirer-de.csv')))).toEqual({ kind: 'table' });
  });
});
