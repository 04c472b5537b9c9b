import { describe, expect, test } from 'vitest';
import { DEFAULT_LOCALE, localeFiles } from './locales';
import { EXTENSION_KEY } from '../core/bridge/config';
import { extensionManifest } from './manifest';
import { hostOrigins, matchesPattern, portalForUrl, PORTALS } from './portals';

describe('extensionManifest', () => {
  const shipped = extensionManifest({ version: '1.2.3', e2e: false });

  test('asks only for the permissions the extension uses, none of them for hosts at install', () => {
    expect([...shipped.permissions].sort()).toEqual(['activeTab', 'alarms', 'offscreen', 'scripting', 'storage', 'unlimitedStorage']);
    expect(shipped.optional_permissions).toEqual(['notifications']);
    expect(shipped.host_permissions).toBeUndefined();
    const { externally_connectable: _pwa, ...rest } = shipped;
    expect(JSON.stringify(rest)).not.toMatch(/<all_urls>|\*:\/\/\*\/|127\.0\.0\.1|"tabs"|webRequest|cookies|history/);
  });

  test('offers every known portal as an optional host, and only those', () => {
    expect([...shipped.optional_host_permissions].sort()).toEqual([...new Set(PORTALS.flatMap(hostOrigins))].sort());
    for (const host of shipped.optional_host_permissions) expect(host).toMatch(/^https:\/\//);
  });

  test('has a strict CSP and no way in for web pages but the PWA, nor for other extensions', () => {
    expect(shipped.content_security_policy.extension_pages).toBe("script-src 'self'; object-src 'self'; connect-src 'self'");
    expect(shipped.externally_connectable).toEqual({ matches: ['http://127.0.0.1:4173/*'], ids: [] });
    expect(shipped.key).toBe(EXTENSION_KEY);
    expect(shipped).not.toHaveProperty('web_accessible_resources');
    expect(shipped).not.toHaveProperty('content_scripts');
  });

  test('grants the local test host and notifications at install only in the end-to-end build', () => {
    const e2e = extensionManifest({ version: '1', e2e: true });
    expect(e2e.host_permissions).toEqual(['http://127.0.0.1/*']);
    expect(e2e.permissions).toContain('notifications');
    expect(shipped.permissions).not.toContain('notifications');
    // The test PWA origin, and a foreign origin the background must refuse by itself.
    expect(e2e.externally_connectable.matches).toEqual(['http://127.0.0.1:4173/*', 'http://127.0.0.1:4391/*', 'http://127.0.0.1:4392/*']);
  });
});

describe("the extension's name and description per browser language", () => {
  const shipped = extensionManifest({ version: '1.2.3', e2e: false });
  const files = localeFiles();
  const locale = (name: string) => JSON.parse(files[`_locales/${name}/messages.json`]!) as Record<string, { message: string }>;

  test('come from _locales/en and _locales/zh_CN, en by default', () => {
    expect(Object.keys(files).sort()).toEqual(['_locales/en/messages.json', '_locales/zh_CN/messages.json']);
    expect(shipped.default_locale).toBe(DEFAULT_LOCALE);
    expect(files[`_locales/${DEFAULT_LOCALE}/messages.json`]).toBeDefined();
    expect([shipped.name, shipped.short_name, shipped.description, shipped.action.default_title]).toEqual([
      '__MSG_name__',
      '__MSG_short_name__',
      '__MSG_description__',
      '__MSG_action_title__',
    ]);
  });

  test("every key the manifest names is in every locale, within the store's lengths, each in its language", () => {
    const keys = [...JSON.stringify(shipped).matchAll(/__MSG_(\w+)__/g)].map(m => m[1]!);
    for (const name of ['en', 'zh_CN']) {
      const words = locale(name);
      expect(Object.keys(words).sort()).toEqual([...new Set(keys)].sort());
      expect(words['name']!.message.length).toBeLessThanOrEqual(75);
      expect(words['short_name']!.message.length).toBeLessThanOrEqual(12);
      expect(words['description']!.message.length).toBeLessThanOrEqual(132);
    }
    expect(locale('zh_CN')['description']!.message).toMatch(/^[^A-Za-z]*$/);
    expect(locale('en')['description']!.message).toMatch(/^[ -~—]*$/);
  });
});

describe('portals', () => {
  test('recognises each known portal by its host', () => {
    expect(portalForUrl('https://merchant.lakala.com/trade/query')?.id).toBe('lakala');
    expect(portalForUrl('https://ums.chinaums.com/a')?.id).toBe('chinaums');
    expect(portalForUrl('https://dashboard.stripe.com/payments')?.id).toBe('stripe');
    expect(portalForUrl('https://app.squareup.com/dashboard/sales/transactions')?.id).toBe('square');
    expect(portalForUrl('https://ca-live.adyen.com/ca/ca/payments')?.id).toBe('adyen');
  });

  test('does not mistake look-alike hosts or plain http for a portal', () => {
    expect(portalForUrl('https://lakala.com.evil.example/')).toBeNull();
    expect(portalForUrl('https://notstripe.com/dashboard.stripe.com/')).toBeNull();
    expect(portalForUrl('http://dashboard.stripe.com/')).toBeNull();
    expect(portalForUrl('https://127.0.0.1/lakala/')).toBeNull();
  });

  test('reads match patterns with host and path wildcards', () => {
    expect(matchesPattern('https://a.b.lakala.com/x?y=1', 'https://*.lakala.com/*')).toBe(true);
    expect(matchesPattern('https://lakala.com/', 'https://*.lakala.com/*')).toBe(true);
    expect(matchesPattern('http://127.0.0.1:5173/lakala/index.html', 'http://127.0.0.1/lakala/*')).toBe(true);
    expect(matchesPattern('http://127.0.0.1:5173/stripe/index.html', 'http://127.0.0.1/lakala/*')).toBe(false);
  });
});
