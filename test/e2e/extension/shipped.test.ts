import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ledgerCode } from '../../../scripts/ledger-code.mjs';
import { badge, launchExtension, openPopup, REPO, type ExtensionSession } from './support';

const SHIPPED = join(REPO, 'dist/extension');
const ZIP = join(REPO, 'dist/settlewatch-extension.zip');
let session: ExtensionSession;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [relative(SHIPPED, path).split('\\').join('/')];
  });
}

beforeAll(async () => {
  // The package script, exactly as a release runs it.
  const run = spawnSync('npm', ['run', 'build:extension'], { cwd: REPO, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`npm run build:extension failed:\n${run.stdout}\n${run.stderr}`);
  session = await launchExtension([], SHIPPED);
});
afterAll(async () => {
  await session?.close();
});

test('the store zip holds exactly the built folder', () => {
  const zipped = unzipSync(new Uint8Array(readFileSync(ZIP)));
  expect(Object.keys(zipped).sort()).toEqual(files(SHIPPED).sort());
  expect(zipped['manifest.json']).toEqual(new Uint8Array(readFileSync(join(SHIPPED, 'manifest.json'))));
});

test("the extension's workers (popup and offscreen, ledger page) name the same core, so each takes back the other's ledger image", () => {
  const workers = files(SHIPPED).filter(f => /^assets\/worker-[\w-]+\.js$/.test(f));
  expect(workers.length).toBeGreaterThanOrEqual(2);
  const code = ledgerCode(REPO);
  for (const w of workers) expect(readFileSync(join(SHIPPED, w), 'utf8'), w).toContain(code);
});

test('the shipped extension loads, asks for no host at install, and its popup opens', async () => {
  const granted = await session.background.evaluate(() => chrome.permissions.getAll());
  expect(granted.origins).toEqual([]);
  expect([...(granted.permissions ?? [])].sort()).toEqual(['activeTab', 'alarms', 'offscreen', 'scripting', 'storage', 'unlimitedStorage']);
  const popup = await openPopup(session, null);
  await popup.getByRole('button', { name: /打开账本|Open ledger/ }).waitFor();
  expect((await badge(popup)).text).toBe('');
  await popup.close();
});

test('the shipped extension cannot capture a page nobody granted', async () => {
  const page = await session.context.newPage();
  await page.goto(`${session.portals}/mixed/index.html`);
  await page.bringToFront();
  // Tab ids are visible without any permission; the URL and title of this tab are not.
  const tabId = await session.background.evaluate(
    async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id ?? null,
  );
  expect(tabId).not.toBeNull();
  // Without the merchant's click (activeTab) or a granted host, injection is refused by the browser.
  const injected = await session.background.evaluate(async (id: number | null) => {
    if (id === null) return 'no tab';
    try {
      await chrome.scripting.executeScript({ target: { tabId: id }, files: ['content.js'] });
      return 'injected';
    } catch (err) {
      return `refused: ${String(err)}`;
    }
  }, tabId);
  expect(injected).toMatch(/^refused: .*(permission|Cannot access)/i);
  await page.close();
});

test('sends no request off the device', () => {
  expect(session.external).toEqual([]);
});
