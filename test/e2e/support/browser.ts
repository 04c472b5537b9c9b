import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium (override with CHROMIUM_PATH). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Options for {@link launchChromium}. */
export interface LaunchOptions {
  /** An unpacked extension to load. */
  readonly extensionDir?: string;
  readonly viewport?: { width: number; height: number };
  /** navigator.language, e.g. `zh-CN` or `en-US`. */
  readonly locale?: string;
}

/** A headless Chromium with its own profile (IndexedDB and service workers persist across reloads). */
export interface ChromiumSession {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches Debian's Chromium headless with a fresh persistent profile and the flags it needs in a
 * container (no sandbox, no /dev/shm), and with every background service that would call home off.
 */
export async function launchChromium(options: LaunchOptions = {}): Promise<ChromiumSession> {
  const profile = mkdtempSync(join(tmpdir(), 'settlewatch-chromium-'));
  const args = [
    '--no-sandbox',
    '--disable-dev-shm-usage',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-domain-reliability',
    '--disable-client-side-phishing-detection',
    '--metrics-recording-only',
    '--no-pings',
  ];
  if (options.extensionDir) {
    args.push(
      `--disable-extensions-except=${options.extensionDir}`,
      `--load-extension=${options.extensionDir}`,
      '--disable-features=DisableLoadExtensionCommandLineSwitch',
    );
  }
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale: options.locale ?? 'en-US',
    viewport: options.viewport ?? { width: 1280, height: 900 },
    serviceWorkers: 'allow',
    args,
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Collects every request that would leave this machine (anything but 127.0.0.1, localhost and in-browser schemes). */
export function watchExternalRequests(context: BrowserContext): string[] {
  const external: string[] = [];
  const check = (url: string) => {
    if (/^(data|blob|about|chrome|chrome-extension|devtools):/.test(url)) return;
    if (/^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(url)) return;
    external.push(url);
  };
  context.on('request', r => check(r.url()));
  for (const w of context.serviceWorkers()) w.on('request' as never, (r: { url(): string }) => check(r.url()));
  return external;
}
