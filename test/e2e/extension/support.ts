import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { launchChromium, watchExternalRequests } from '../support/browser';
import { serveStatic } from '../support/server';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
/** The test build of the extension (see extension/manifest.ts: it grants http://127.0.0.1/* at install). */
export const EXTENSION_DIR = join(REPO, 'dist/extension-e2e');
export const PORTALS_DIR = fileURLToPath(new URL('./portals/', import.meta.url));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(path) : st.mtimeMs);
  }
  return newest;
}

/** Builds the test variant of the extension unless it is newer than every source it is made from. */
export function buildTestExtension(): void {
  const manifest = join(EXTENSION_DIR, 'manifest.json');
  const sources = Math.max(...['extension', 'core', 'pwa/src'].map(d => newestMtime(join(REPO, d))));
  if (existsSync(manifest) && statSync(manifest).mtimeMs > sources) return;
  const run = spawnSync(process.execPath, [join(REPO, 'node_modules/vite/bin/vite.js'), 'build', '--mode', 'extension'], {
    cwd: REPO,
    env: { ...process.env, SETTLEWATCH_E2E: '1' },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`extension build failed:\n${run.stdout}\n${run.stderr}`);
}

/** A browser with the extension loaded, the mock portals served, and every request watched. */
export interface ExtensionSession {
  readonly context: BrowserContext;
  readonly extensionId: string;
  readonly background: Worker;
  /** Base URL of the mock portals (http://127.0.0.1:PORT). */
  readonly portals: string;
  /** Requests that left 127.0.0.1 / the extension (must stay empty). */
  readonly external: string[];
  close(): Promise<void>;
}

/**
 * Launches Debian's Chromium with the built extension (and any other unpacked extensions) loaded:
 * the test build unless `extensionDir` names another (the shipped dist/extension).
 */
export async function launchExtension(others: readonly string[] = [], extensionDir?: string): Promise<ExtensionSession> {
  if (!extensionDir) buildTestExtension();
  const server = await serveStatic(PORTALS_DIR);
  // Several unpacked extensions load from one comma-separated list.
  const browser = await launchChromium({ extensionDir: [extensionDir ?? EXTENSION_DIR, ...others].join(','), locale: 'zh-CN' });
  const context = browser.context;
  const external = watchExternalRequests(context);
  const ours = (w: Worker) => w.url().endsWith('/background.js') && w.url().includes('chrome-extension://');
  let background = context.serviceWorkers().find(ours);
  const deadline = Date.now() + 20_000;
  while (!background && Date.now() < deadline) {
    background = await context.waitForEvent('serviceworker', { timeout: 5_000 }).catch(() => undefined);
    if (background && !ours(background)) background = context.serviceWorkers().find(ours);
  }
  if (!background) throw new Error('the extension service worker did not start');
  // Several extensions: ours is the one whose manifest names Settlewatch.
  let extensionId = '';
  for (const w of context.serviceWorkers()) {
    const id = new URL(w.url()).host;
    const name = await w.evaluate(() => chrome.runtime.getManifest() as unknown as { short_name?: string }).catch(() => null);
    if (name?.short_name === 'Settlewatch') {
      extensionId = id;
      background = w;
    }
  }
  if (!extensionId) throw new Error('Settlewatch is not among the loaded extensions');
  return {
    context,
    extensionId,
    background,
    portals: server.url,
    external,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** The browser's id for the tab showing `page`, asked from an extension page (the test host is granted). */
export async function tabIdOf(session: ExtensionSession, page: Page): Promise<number> {
  const url = page.url();
  return session.background.evaluate(async (target: string) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find(t => t.url === target);
    if (tab?.id === undefined) throw new Error(`no tab for ${target}`);
    return tab.id;
  }, url);
}

/** Opens the popup as a page about `tabId`, as the toolbar would show it. */
export async function openPopup(session: ExtensionSession, tabId: number | null): Promise<Page> {
  const popup = await session.context.newPage();
  await popup.setViewportSize({ width: 360, height: 600 });
  await popup.goto(`chrome-extension://${session.extensionId}/popup.html${tabId === null ? '' : `?tab=${tabId}`}`);
  return popup;
}

/** Reads a number a popup shows under a test id, once it is there. */
export async function numberAt(page: Page, testId: string): Promise<number> {
  const text = await page.getByTestId(testId).textContent({ timeout: 10_000 });
  // Counts are printed with count() (`5,179`), as everywhere in the app.
  return Number(text?.trim().replace(/,/g, ''));
}

/** Polls `read` until `accept` holds, or fails with the last value seen. */
export async function eventually<T>(read: () => Promise<T>, accept: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!accept(last)) {
    if (Date.now() > deadline) throw new Error(`condition not met; last value: ${JSON.stringify(last)}`);
    await new Promise(ok => setTimeout(ok, 250));
    last = await read();
  }
  return last;
}

/** Sends one of our protocol's messages from an extension page (as the popup would). */
export async function sendFromPage(page: Page, name: string, body: unknown): Promise<{ ok: boolean; value?: unknown; error?: string }> {
  return page.evaluate(
    async ([n, b]) =>
      chrome.runtime.sendMessage({ settlewatch: 1, name: n, body: b }) as Promise<{ ok: boolean; value?: unknown; error?: string }>,
    [name, body] as const,
  );
}

/** The badge text and colour as the browser holds them, read in an extension page. */
export async function badge(page: Page): Promise<{ text: string; color: number[] }> {
  return page.evaluate(async () => ({
    text: await chrome.action.getBadgeText({}),
    color: [...(await chrome.action.getBadgeBackgroundColor({}))],
  }));
}
