import { afterEach, describe, expect, test } from 'vitest';
import { BADGE_AMBER, BADGE_GREY, BADGE_RED, badgeFor } from './badge';
import { CATALOGS } from '../../core/messages/index';
import { followUpKey, followUpNotificationOf, newCritical, notificationOf, uiLang } from './notifications';

/** An overview's one count of open alerts, `critical` of them critical. */
const open = (warning: number, critical: number) => ({
  openAlertCount: warning + critical,
  openBySeverity: { info: 0, warning, critical },
});

describe('badgeFor', () => {
  test('is empty when no alert is open', () => {
    expect(badgeFor(open(0, 0)).text).toBe('');
  });

  test('counts warnings and critical alerts, amber when none is critical', () => {
    expect(badgeFor(open(3, 0))).toEqual({ text: '3', color: BADGE_AMBER });
  });

  test('turns red as soon as one alert is critical', () => {
    expect(badgeFor(open(3, 1))).toEqual({ text: '4', color: BADGE_RED });
  });

  test('keeps the text short enough for the badge', () => {
    expect(badgeFor(open(1500, 0)).text).toBe('999+');
  });
});

describe('a due follow-up on the badge', () => {
  test('adds "!" after the count, shows "!" alone when nothing else is open, and yields to stale data\'s "?"', () => {
    expect(badgeFor(open(3, 0), false, 1)).toEqual({ text: '3!', color: BADGE_AMBER });
    expect(badgeFor(open(0, 0), false, 2)).toEqual({ text: '!', color: BADGE_AMBER });
    expect(badgeFor(open(3, 0), true, 1).text).toBe('3?');
    expect(badgeFor(open(0, 0), false, 0).text).toBe('');
  });
  test("notifies each follow-up once per date, in the reader's language", () => {
    const due = {
      caseId: 'credit:lakala|2026-01-13',
      followUpOn: '2026-02-01',
      status: 'asked_bank',
      kind: 'missing_credit',
      amountMinor: 1_963_144,
      currency: 'CNY',
    } as const;
    expect(followUpKey(due)).toBe('credit:lakala|2026-01-13@2026-02-01');
    expect(followUpKey({ ...due, followUpOn: '2026-02-08' })).not.toBe(followUpKey(due));
    expect(followUpNotificationOf(due, 'zh')).toEqual({
      title: 'Settlewatch：应到未到',
      message: '请跟进案件（应到未到，¥19,631.44）：您计划在2026年2月1日跟进。',
    });
    expect(followUpNotificationOf(due, 'en').message).toBe(
      'Follow up the case (Credit past due, 19631.44 CNY): you planned it for 2026-02-01.',
    );
  });
});

describe('newCritical', () => {
  test('lists only critical alerts not notified before', () => {
    expect(newCritical(['a', 'b', 'c'], ['b'])).toEqual(['a', 'c']);
    expect(newCritical(['a'], ['a'])).toEqual([]);
  });
  test('with stale bank data it never looks reassuring: a question mark, grey unless something is critical', () => {
    expect(badgeFor(open(0, 0), true)).toEqual({ text: '?', color: BADGE_GREY });
    expect(badgeFor(open(3, 0), true)).toEqual({ text: '3?', color: BADGE_GREY });
    expect(badgeFor(open(3, 1), true)).toEqual({ text: '4?', color: BADGE_RED });
    expect(badgeFor(open(1500, 0), true).text).toBe('999+');
  });
});

describe('words of the badge and notifications', () => {
  const alert = {
    id: 'missing_credit:lakala|2026-01-13|2026-01-14',
    kind: 'missing_credit',
    amountMinor: 1_963_144,
    currency: 'CNY',
    params: {
      kind: 'missing_credit',
      acquirerName: '拉卡拉',
      tradeDate: '2026-01-13',
      expectedOn: '2026-01-14',
      count: 164,
      overdue: false,
    },
  } as const;

  test('a notification names the kind and says what is missing, in one language', () => {
    expect(notificationOf(alert, 'zh')).toEqual({
      title: 'Settlewatch：应到未到',
      message: '拉卡拉：2026年1月13日的 164 笔交易共 ¥19,631.44，应于2026年1月14日到账，至今未到账',
    });
    expect(notificationOf(alert, 'en')).toEqual({
      title: 'Settlewatch: Credit past due',
      message: '拉卡拉: 19631.44 CNY for 164 transaction(s) of 2026-01-13 was due on 2026-01-14 and has not been credited',
    });
  });

  test('the toolbar title counts open alerts in the language', () => {
    expect(CATALOGS.en.extension.badgeTitle(1)).toBe('Settlewatch — 1 open alert');
    expect(CATALOGS.en.extension.badgeTitle(1200)).toBe('Settlewatch — 1200 open alerts');
    expect(CATALOGS.zh.extension.badgeTitle(1200)).toBe('Settlewatch — 1,200 条待处理提醒');
    expect(CATALOGS.zh.extension.badgeTitle(0)).toBe('Settlewatch');
    expect(CATALOGS.zh.extension.staleTitle(4, '2026-03-02')).toBe(' — 银行数据已过期 4 个工作日，无法核对：请导入2026年3月2日起的对账单');
    expect(CATALOGS.en.extension.staleTitle(4, '2026-03-02')).toBe(
      ' — bank data 4 business days old, cannot check: import the statement from 2026-03-02',
    );
  });
});

describe('the language of the badge and notifications', () => {
  afterEach(() => {
    delete (globalThis as { chrome?: unknown }).chrome;
  });
  const withChrome = (stored: unknown, browser: string) => {
    (globalThis as { chrome?: unknown }).chrome = {
      i18n: { getUILanguage: () => browser },
      storage: { local: { get: async (key: string) => (stored === undefined ? {} : { [key]: stored }) } },
    };
  };
  test('is the one the merchant picked in the popup or ledger page, whatever the browser speaks', async () => {
    withChrome('zh', 'en-US');
    expect(await uiLang()).toBe('zh');
    withChrome('en', 'zh-CN');
    expect(await uiLang()).toBe('en');
  });
  test('is the browser’s until the merchant picks one', async () => {
    withChrome(undefined, 'zh-TW');
    expect(await uiLang()).toBe('zh');
    withChrome(undefined, 'de');
    expect(await uiLang()).toBe('en');
  });
});
