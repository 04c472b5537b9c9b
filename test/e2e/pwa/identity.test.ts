// Nothing counted twice, nothing wrong in silence, in the built app (issue 16): a copy of an export with
// other bytes adds no transaction, an export cut inside a row or short of the rows its 合计 counts is
// refused with its line named, and the ledger keeps the figures of the complete files.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, watchExternalRequests, type ChromiumSession } from '../support/browser';
import { serveStatic } from '../support/server';
import { alertCounts, buildPwa, generateLedger, importThroughPicker, PWA_DIR, statusCounts, type Ledger } from './support';

beforeAll(() => buildPwa(), 300_000);

describe('the cn ledger given again, copied and cut', () => {
  let ledger: Ledger;
  let session: ChromiumSession;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let external: string[];
  let page: Page;
  let chinaums: string;

  beforeAll(async () => {
    ledger = generateLedger('cn', 31, 12, 30);
    chinaums = ledger.files.find(f => basename(f).startsWith('chinaums-'))!;
    server = await serveStatic(PWA_DIR, 0);
    session = await launchChromium({ locale: 'en-US' });
    external = watchExternalRequests(session.context);
    page = await session.context.newPage();
    await page.goto(`${server.url}/`);
    await page.getByTestId('status-count-settled').waitFor();
  });
  afterAll(async () => {
    await session?.close();
    await server?.close().catch(() => {});
  });

  const result = (name: string) => page.locator(`[data-testid=file-result][data-name="${name}"]`);

  test('imports the ledger', async () => {
    await importThroughPicker(page, ledger.files);
    expect(await statusCounts(page)).toEqual(ledger.byStatus);
  });

  test('a copy of an export under another name, with other bytes, stores no new transaction', async () => {
    const before = { status: await statusCounts(page), alerts: await alertCounts(page) };
    expect(before.status).toEqual(ledger.byStatus);
    const copy = join(ledger.dir, 'chinaums-copy.csv');
    writeFileSync(copy, Buffer.concat([readFileSync(chinaums), Buffer.from('\r\n')])); // a trailing blank line: another hash
    await importThroughPicker(page, [copy]);
    expect(await result('chinaums-copy.csv').getAttribute('data-status')).toBe('stored');
    expect(await result('chinaums-copy.csv').getByTestId('file-rows').textContent()).toMatch(/\(new 0\)$/);
    expect(await statusCounts(page)).toEqual(before.status);
    expect(await alertCounts(page)).toEqual(before.alerts);
  });

  test('an export cut inside a row is refused naming its line, and changes nothing', async () => {
    const bytes = readFileSync(chinaums);
    const lastRowStart = bytes.lastIndexOf(0x0a, bytes.lastIndexOf(0x0a, bytes.length - 2) - 1) + 1; // the row before 合计
    let cutAt = lastRowStart;
    for (let k = 0; k < 5; k++) cutAt = bytes.indexOf(0x2c, cutAt) + 1;
    const line = bytes.subarray(0, lastRowStart).filter(b => b === 0x0a).length + 1;
    const cut = join(ledger.dir, 'chinaums-cut.csv');
    writeFileSync(cut, bytes.subarray(0, cutAt));
    await importThroughPicker(page, [cut]);
    expect(await result('chinaums-cut.csv').getAttribute('data-status')).toBe('refused');
    expect(await result('chinaums-cut.csv').getByTestId('file-issues').textContent()).toContain(`line ${line}`);
    expect(await statusCounts(page)).toEqual(ledger.byStatus);
  });

  test('an export short of the rows its 合计 line counts is refused on that line', async () => {
    const lines: Buffer[] = [];
    const bytes = readFileSync(chinaums);
    for (let at = 0; at < bytes.length;) {
      const nl = bytes.indexOf(0x0a, at);
      const end = nl < 0 ? bytes.length : nl + 1;
      lines.push(bytes.subarray(at, end));
      at = end;
    }
    const short = join(ledger.dir, 'chinaums-short.csv');
    writeFileSync(short, Buffer.concat([...lines.slice(0, 10), lines.at(-1)!]));
    await importThroughPicker(page, [short]);
    expect(await result('chinaums-short.csv').getAttribute('data-status')).toBe('refused');
    expect(await result('chinaums-short.csv').getByTestId('file-issues').textContent()).toContain('line 11');
    expect(await statusCounts(page)).toEqual(ledger.byStatus);
  });

  test('sends no request beyond 127.0.0.1', () => {
    expect(external).toEqual([]);
  });
});
