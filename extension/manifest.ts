import { DEFAULT_LOCALE, msg } from './locales.ts';
import { E2E_FOREIGN_ORIGIN, EXTENSION_KEY, pwaOrigins } from '../core/bridge/config.ts';
import { hostOrigins, PORTALS } from './portals.ts';

/** The MV3 manifest, as written to dist/extension/manifest.json. */
export interface ExtensionManifest {
  readonly manifest_version: 3;
  readonly name: string;
  readonly short_name: string;
  readonly description: string;
  readonly version: string;
  readonly default_locale?: string;
  readonly minimum_chrome_version: string;
  readonly icons: Readonly<Record<string, string>>;
  readonly action: {
    readonly default_popup: string;
    readonly default_title: string;
    readonly default_icon: Readonly<Record<string, string>>;
  };
  readonly background: { readonly service_worker: string; readonly type: 'module' };
  readonly permissions: readonly string[];
  readonly optional_permissions: readonly string[];
  readonly host_permissions?: readonly string[];
  readonly optional_host_permissions: readonly string[];
  readonly content_security_policy: { readonly extension_pages: string };
  /** The public key that fixes the extension's id, so the PWA can address it (core/bridge/config.ts). */
  readonly key: string;
  /** Which web pages may message the extension: the PWA's exact origins, nothing else (and no other extension). */
  readonly externally_connectable: { readonly matches: readonly string[]; readonly ids: readonly string[] };
}

/**
 * The match patterns of the PWA's origins (a pattern is scheme, host and port, then a path). The test build adds a
 * second, untrusted origin, so a test can show the background refusing what the browser let through.
 */
export function bridgeMatches(e2e: boolean): string[] {
  return [...pwaOrigins(e2e), ...(e2e ? [E2E_FOREIGN_ORIGIN] : [])].map(origin => `${origin}/*`);
}

/** The extension pages' CSP: scripts and connections only to the extension itself, no plug-ins. */
export const EXTENSION_CSP = "script-src 'self'; object-src 'self'; connect-src 'self'";

/**
 * Permissions, each for one reason:
 * - storage: settings, the tab → captured rows map (session) and the badge state;
 * - unlimitedStorage: the ledger (IndexedDB) holds years of transactions and bank lines;
 * - alarms: hourly and at midnight, so statuses move with the date without new data;
 * - offscreen: the worker that parses and matches (an MV3 service worker cannot start a Worker);
 * - activeTab: "Capture this page" on a site that is not a known portal, only after the merchant's click;
 * - scripting: to inject the capture script into that tab (executeScript) and, after the merchant
 *   grants a portal's host, to register the capture script for that portal only
 *   (registerContentScripts) instead of declaring content scripts on every portal up front.
 * Optional: the known portals' hosts (asked when capture is turned on) and notifications (opt-in).
 * No `tabs` permission: the popup is given its tab id by the browser, and no URL of other tabs is read.
 */
export function extensionManifest(options: { readonly version: string; readonly e2e: boolean }): ExtensionManifest {
  const icons = { '16': 'icons/icon-16.png', '32': 'icons/icon-32.png', '48': 'icons/icon-48.png', '128': 'icons/icon-128.png' };
  const portalHosts = [...new Set(PORTALS.flatMap(hostOrigins))];
  return {
    manifest_version: 3,
    // Worded per browser language from _locales (locales.ts).
    name: msg('name'),
    short_name: msg('short_name'),
    description: msg('description'),
    default_locale: DEFAULT_LOCALE,
    version: options.version,
    minimum_chrome_version: '116',
    icons,
    action: { default_popup: 'popup.html', default_title: msg('action_title'), default_icon: icons },
    background: { service_worker: 'background.js', type: 'module' },
    // The end-to-end build stands the merchant's answers to permission prompts (a test cannot click
    // them) in with grants at install: the local host (for a portal grant or the activeTab click) and
    // notifications. The shipped build asks for nothing beyond the list above at install.
    permissions: [
      'storage',
      'unlimitedStorage',
      'alarms',
      'offscreen',
      'activeTab',
      'scripting',
      ...(options.e2e ? ['notifications'] : []),
    ],
    optional_permissions: options.e2e ? [] : ['notifications'],
    ...(options.e2e ? { host_permissions: ['http://127.0.0.1/*'] } : {}),
    optional_host_permissions: portalHosts,
    // connect-src: "no request leaves the device" is enforced by the browser, not only promised (issue 16).
    content_security_policy: { extension_pages: EXTENSION_CSP },
    key: EXTENSION_KEY,
    externally_connectable: { matches: bridgeMatches(options.e2e), ids: [] },
  };
}
