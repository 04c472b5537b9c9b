/** An acquirer portal Settlewatch recognises by host, and captures from once the merchant grants that host. */
export interface Portal {
  readonly id: string;
  readonly name: { readonly zh: string; readonly en: string };
  /** Match patterns of the portal's pages; also the optional host permissions asked for. */
  readonly matches: readonly string[];
  /** Currency when the page prints amounts without one. */
  readonly currency: string;
  /** The file format the same acquirer's exports use, to find the merchant's profile for captured rows. */
  readonly exportFormat: string | null;
}

// Set by the extension build: true only in the end-to-end test build (dist/extension-e2e), which also
// grants http://127.0.0.1/* at install. The shipped build has it false (checked by manifest.test.ts).
declare const __SETTLEWATCH_E2E__: boolean;
const E2E = typeof __SETTLEWATCH_E2E__ !== 'undefined' && __SETTLEWATCH_E2E__;

/**
 * The known portals. In the test build the Lakala and Stripe entries point at the local mock portals
 * instead (the pages under test/e2e/extension/portals), so the grant-then-register path runs for real.
 */
export const PORTALS: readonly Portal[] = [
  {
    id: 'lakala',
    name: { zh: '拉卡拉', en: 'Lakala' },
    matches: E2E ? ['http://127.0.0.1/lakala/*'] : ['https://*.lakala.com/*'],
    currency: 'CNY',
    exportFormat: 'cn-acquirer',
  },
  {
    id: 'chinaums',
    name: { zh: '银联商务', en: 'ChinaUMS' },
    matches: ['https://*.chinaums.com/*'],
    currency: 'CNY',
    exportFormat: 'cn-acquirer',
  },
  {
    id: 'stripe',
    name: { zh: 'Stripe 控制台', en: 'Stripe Dashboard' },
    matches: E2E ? ['http://127.0.0.1/stripe/*'] : ['https://dashboard.stripe.com/*'],
    currency: 'USD',
    exportFormat: 'stripe-itemized',
  },
  {
    id: 'square',
    name: { zh: 'Square 控制台', en: 'Square Dashboard' },
    matches: ['https://squareup.com/*', 'https://app.squareup.com/*'],
    currency: 'USD',
    exportFormat: null,
  },
  {
    id: 'adyen',
    name: { zh: 'Adyen 商户后台', en: 'Adyen Customer Area' },
    matches: ['https://ca-live.adyen.com/*', 'https://ca-test.adyen.com/*'],
    currency: 'EUR',
    exportFormat: null,
  },
];

/** Whether a URL fits a match pattern (`scheme://host/path`, `*.` host wildcard, `*` path wildcard). */
export function matchesPattern(url: string, pattern: string): boolean {
  const m = /^(\*|https?):\/\/(\*|(?:\*\.)?[^/*]+)(\/.*)$/.exec(pattern);
  if (!m) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  const [, scheme, host, path] = m as unknown as [string, string, string, string];
  if (scheme === '*' ? !['http:', 'https:'].includes(u.protocol) : u.protocol !== `${scheme}:`) return false;
  if (host !== '*') {
    if (host.startsWith('*.')) {
      const base = host.slice(2);
      if (u.hostname !== base && !u.hostname.endsWith('.' + base)) return false;
    } else if (u.hostname !== host) return false;
  }
  const re = new RegExp(
    '^' +
      path
        .split('*')
        .map(s => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*') +
      '$',
  );
  return re.test(u.pathname + u.search);
}

/** The known portal a page belongs to, or null. */
export function portalForUrl(url: string): Portal | null {
  return PORTALS.find(p => p.matches.some(pattern => matchesPattern(url, pattern))) ?? null;
}

/** The portal's host permission patterns (a path is not part of a host permission). */
export function hostOrigins(portal: Portal): string[] {
  return [...new Set(portal.matches.map(p => p.replace(/^([^:]+:\/\/[^/]+)\/.*$/, '$1/*')))];
}

/** Id of a portal's registered content script. */
export function scriptId(portal: Portal): string {
  return `portal-${portal.id}`;
}
