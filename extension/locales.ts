// The extension's own words the browser shows before any page runs (store listing, extensions page, toolbar):
// written to _locales/{en,zh_CN}/messages.json and named in the manifest as __MSG_key__.

/** Keys of _locales messages.json; every locale has each one (the type checker says so). */
type ExtensionMessageKey = 'name' | 'short_name' | 'description' | 'action_title';

/** The locale the browser falls back to (a folder of _locales). */
export const DEFAULT_LOCALE = 'en';

const LOCALES: Readonly<Record<'en' | 'zh_CN', Readonly<Record<ExtensionMessageKey, string>>>> = {
  en: {
    name: 'Settlewatch — card settlement monitor',
    short_name: 'Settlewatch',
    description: 'Checks that every card payment reached your bank account. Local only: no data leaves this device.',
    action_title: 'Settlewatch',
  },
  zh_CN: {
    name: 'Settlewatch — 结算到账监控',
    short_name: 'Settlewatch',
    description: '核对每笔刷卡款是否到账。数据只存本机，不会离开此设备。',
    action_title: 'Settlewatch 结算到账监控',
  },
};

/** A manifest field's value that the browser replaces by the key's words in the browser's language. */
export function msg(key: ExtensionMessageKey): string {
  return `__MSG_${key}__`;
}

/** The files of `_locales`: path → messages.json content (Chrome's format: each key's `message`). */
export function localeFiles(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(LOCALES).map(([locale, words]) => [
      `_locales/${locale}/messages.json`,
      JSON.stringify(Object.fromEntries(Object.entries(words).map(([key, message]) => [key, { message }])), null, 2) + '\n',
    ]),
  );
}
