import type { AcquirerProfile, Config } from './types';

/** A ready-made acquirer profile a merchant can start from; merchant numbers are filled in from their file. */
export interface AcquirerPreset {
  readonly id: string;
  /** Name shown in the picker, in the merchant's words. */
  readonly label: { readonly en: string; readonly zh: string };
  readonly profile: AcquirerProfile;
  /** Words a file's title line uses for this acquirer (拉卡拉商户交易明细), lower case. */
  readonly names: readonly string[];
  /**
   * First digits of the acquirer's merchant numbers: a UnionPay merchant code (15 digits) starts with the
   * acquiring institution's code (Lakala's 822…, ChinaUMS's 898…).
   */
  readonly merchantPrefixes?: readonly string[];
  /** Currencies the preset is offered for (the profile takes the file's one); absent: only the profile's currency. */
  readonly currencies?: readonly string[] | 'any';
}

const CN = { currency: 'CNY', timezone: 'Asia/Shanghai', calendar: 'CN', settlementLagBusinessDays: 1, cutoff: '23:00' } as const;
const EUROPE = ['EUR', 'GBP', 'DKK', 'SEK', 'NOK', 'CHF', 'PLN', 'CZK'];

// Terms are the acquirers' published standard ones (T+1 for Chinese acquirers with a 23:00 cut-off,
// Stripe's default payout schedules); a merchant with a negotiated contract edits them in Settings, and
// the lag is replaced by the one the file's printed settlement dates show (choose.ts guessLag).
/** The presets offered when an acquirer export arrives before any config: one for every acquirer format read. */
export const ACQUIRER_PRESETS: readonly AcquirerPreset[] = [
  {
    id: 'lakala',
    label: { en: 'Lakala (拉卡拉)', zh: '拉卡拉' },
    names: ['拉卡拉', 'lakala'],
    merchantPrefixes: ['822'],
    profile: {
      id: 'lakala',
      name: '拉卡拉',
      format: 'cn-acquirer',
      ...CN,
      bankCounterparties: ['拉卡拉支付股份有限公司'],
      fees: [
        { cardType: 'debit', rate: '0.0050', capMinor: 2500 },
        { cardType: 'credit', rate: '0.0060' },
      ],
    },
  },
  {
    id: 'chinaums',
    label: { en: 'ChinaUMS (银联商务)', zh: '银联商务' },
    names: ['银联商务', 'chinaums'],
    merchantPrefixes: ['898'],
    profile: {
      id: 'chinaums',
      name: '银联商务',
      format: 'cn-acquirer',
      ...CN,
      bankCounterparties: ['银联商务股份有限公司'],
      fees: [
        { cardType: 'debit', rate: '0.0050', capMinor: 2000 },
        { cardType: 'credit', rate: '0.0055' },
      ],
    },
  },
  {
    id: 'allinpay',
    label: { en: 'Allinpay (通联支付)', zh: '通联支付' },
    names: ['通联', 'allinpay'],
    profile: { id: 'allinpay', name: '通联支付', format: 'allinpay', ...CN, bankCounterparties: ['通联支付网络服务股份有限公司'] },
  },
  {
    id: 'leshua',
    label: { en: 'Leshua (乐刷)', zh: '乐刷' },
    names: ['乐刷', 'leshua'],
    profile: { id: 'leshua', name: '乐刷', format: 'leshua', ...CN, bankCounterparties: ['乐刷'] },
  },
  {
    id: 'wechat-pay',
    label: { en: 'WeChat Pay (微信支付)', zh: '微信支付' },
    names: ['微信', 'wechat', 'tenpay', '财付通'],
    profile: { id: 'wechat-pay', name: '微信支付', format: 'wechat-pay', ...CN, bankCounterparties: ['财付通支付科技有限公司'] },
  },
  {
    id: 'alipay',
    label: { en: 'Alipay (支付宝)', zh: '支付宝' },
    names: ['支付宝', 'alipay'],
    profile: { id: 'alipay', name: '支付宝', format: 'alipay', ...CN, bankCounterparties: ['支付宝（中国）网络技术有限公司'] },
  },
  {
    id: 'stripe-us',
    label: { en: 'Stripe US', zh: 'Stripe 美国' },
    names: ['stripe'],
    profile: {
      id: 'stripe-us',
      name: 'Stripe US',
      format: 'stripe-itemized',
      currency: 'USD',
      timezone: 'America/New_York',
      calendar: 'US',
      settlementLagBusinessDays: 2,
      bankCounterparties: ['STRIPE'],
      fees: [{ cardType: 'any', rate: '0.0290', fixedMinor: 30 }],
    },
  },
  {
    id: 'stripe-eu',
    label: { en: 'Stripe EU', zh: 'Stripe 欧洲' },
    names: ['stripe'],
    currencies: EUROPE,
    profile: {
      id: 'stripe-eu',
      name: 'Stripe EU',
      format: 'stripe-itemized',
      currency: 'EUR',
      timezone: 'Europe/Berlin',
      calendar: 'TARGET',
      settlementLagBusinessDays: 3,
      bankCounterparties: ['Stripe'],
      fees: [
        { cardType: 'debit', rate: '0.0150', fixedMinor: 25 },
        { cardType: 'credit', rate: '0.0150', fixedMinor: 25 },
      ],
    },
  },
  {
    id: 'square',
    label: { en: 'Square', zh: 'Square 收单' },
    names: ['square'],
    currencies: ['USD', 'CAD', 'GBP', 'EUR', 'AUD', 'JPY'],
    profile: {
      id: 'square',
      name: 'Square',
      format: 'square',
      currency: 'USD',
      timezone: 'America/Los_Angeles',
      calendar: 'US',
      settlementLagBusinessDays: 1,
      bankCounterparties: ['SQUARE'],
    },
  },
  {
    id: 'adyen',
    label: { en: 'Adyen', zh: 'Adyen 收单' },
    names: ['adyen'],
    currencies: [...EUROPE, 'USD'],
    profile: {
      id: 'adyen',
      name: 'Adyen',
      format: 'adyen-sdr',
      currency: 'EUR',
      timezone: 'Europe/Amsterdam',
      calendar: 'TARGET',
      settlementLagBusinessDays: 2,
      bankCounterparties: ['Adyen'],
    },
  },
  {
    id: 'adyen-par',
    label: { en: 'Adyen (payments accounting report)', zh: 'Adyen（付款会计报表）' },
    names: ['adyen'],
    currencies: [...EUROPE, 'USD'],
    profile: {
      id: 'adyen-par',
      name: 'Adyen',
      format: 'adyen-par',
      currency: 'EUR',
      timezone: 'Europe/Amsterdam',
      calendar: 'TARGET',
      settlementLagBusinessDays: 2,
      bankCounterparties: ['Adyen'],
    },
  },
  {
    id: 'paypal',
    label: { en: 'PayPal', zh: 'PayPal 收款' },
    names: ['paypal'],
    currencies: [...EUROPE, 'USD', 'AUD', 'CAD'],
    profile: {
      id: 'paypal',
      name: 'PayPal',
      format: 'paypal-activity',
      currency: 'USD',
      timezone: 'America/Los_Angeles',
      calendar: 'US',
      settlementLagBusinessDays: 1,
      bankCounterparties: ['PAYPAL'],
    },
  },
  {
    id: 'paypal-stl',
    label: { en: 'PayPal (settlement report)', zh: 'PayPal（结算报表）' },
    names: ['paypal'],
    currencies: [...EUROPE, 'USD', 'AUD', 'CAD'],
    profile: {
      id: 'paypal-stl',
      name: 'PayPal',
      format: 'paypal-stl',
      currency: 'USD',
      timezone: 'America/Los_Angeles',
      calendar: 'US',
      settlementLagBusinessDays: 1,
      bankCounterparties: ['PAYPAL'],
    },
  },
  {
    id: 'zettle',
    label: { en: 'Zettle by PayPal', zh: 'Zettle（PayPal）' },
    names: ['zettle', 'izettle'],
    currencies: EUROPE,
    profile: {
      id: 'zettle',
      name: 'Zettle',
      format: 'zettle',
      currency: 'DKK',
      timezone: 'Europe/Copenhagen',
      calendar: 'TARGET',
      settlementLagBusinessDays: 1,
      bankCounterparties: ['Zettle', 'iZettle', 'PayPal Europe'],
    },
  },
  {
    id: 'clearhaus',
    label: { en: 'Clearhaus', zh: 'Clearhaus 收单' },
    names: ['clearhaus'],
    currencies: EUROPE,
    profile: {
      id: 'clearhaus',
      name: 'Clearhaus',
      format: 'clearhaus',
      currency: 'DKK',
      timezone: 'Europe/Copenhagen',
      calendar: 'TARGET',
      settlementLagBusinessDays: 2,
      bankCounterparties: ['Clearhaus'],
    },
  },
  {
    id: 'mobilepay',
    label: { en: 'MobilePay MyShop', zh: 'MobilePay 商户收款' },
    names: ['mobilepay'],
    currencies: ['DKK', 'EUR'],
    profile: {
      id: 'mobilepay',
      name: 'MobilePay',
      format: 'mobilepay',
      currency: 'DKK',
      timezone: 'Europe/Copenhagen',
      calendar: 'TARGET',
      settlementLagBusinessDays: 1,
      bankCounterparties: ['MobilePay'],
    },
  },
  {
    id: 'mapped',
    label: { en: 'Another acquirer (a mapped file)', zh: '其他收单机构（已映射的文件）' },
    names: [],
    currencies: 'any',
    profile: {
      id: 'mapped',
      name: 'Mapped file',
      format: 'mapped',
      currency: 'USD',
      timezone: 'UTC',
      calendar: 'TARGET',
      settlementLagBusinessDays: 1,
      bankCounterparties: ['Mapped file'],
    },
  },
];

/** An empty config with the contract's default tolerances, for a merchant starting from a preset. */
export function emptyConfig(): Config {
  return {
    schema: 'settlewatch.config/1',
    graceBusinessDays: 2,
    lateToleranceBusinessDays: 0,
    duplicateWindowMinutes: 10,
    calendars: [],
    acquirers: [],
  };
}

/** What the merchant's file tells a preset: its merchant numbers, currency, settlement lag and (mapped files) name. */
export interface PresetFill {
  readonly merchantIds?: readonly string[];
  /** The rows' currency, taken by a preset offered for several. */
  readonly currency?: string | null;
  /** Business days from trade to settlement as the file's printed settlement dates show (guessLag). */
  readonly lag?: number | null;
  /** The mapping's name, for a mapped file: the profile's name and the word its credits carry on the statement. */
  readonly name?: string | null;
}

/** Whether a preset is offered for a currency. */
export function presetTakesCurrency(preset: AcquirerPreset, currency: string): boolean {
  const c = preset.currencies;
  return currency === preset.profile.currency || c === 'any' || (c !== undefined && c.includes(currency));
}

// Where a mapped file's currency is most likely settled: its calendar and time zone.
const REGION: Readonly<Record<string, { calendar: string; timezone: string }>> = {
  CNY: { calendar: 'CN', timezone: 'Asia/Shanghai' },
  USD: { calendar: 'US', timezone: 'America/New_York' },
};

/** The preset's profile filled in from the file: its currency (when the preset takes several), lag and name. */
export function presetProfile(preset: AcquirerPreset, fill: PresetFill = {}): AcquirerProfile {
  let profile: AcquirerProfile = preset.profile;
  const currency = fill.currency && presetTakesCurrency(preset, fill.currency) ? fill.currency : profile.currency;
  if (currency !== profile.currency) profile = { ...profile, currency };
  if (fill.lag !== undefined && fill.lag !== null && fill.lag >= 0) profile = { ...profile, settlementLagBusinessDays: fill.lag };
  if (preset.id === 'mapped') {
    const name = fill.name?.trim() || profile.name;
    const slug =
      name
        .toLowerCase()
        .replace(/[^a-z0-9\u4e00-\u9fff]+/g, '-')
        .replace(/^-|-$/g, '') || 'mapped';
    profile = {
      ...profile,
      id: `mapped-${slug}`,
      name,
      bankCounterparties: [name],
      ...(REGION[currency] ?? { calendar: 'TARGET', timezone: 'Europe/Berlin' }),
    };
  }
  return profile;
}

/**
 * Adds a preset's profile to a config (or a new one), with the merchant numbers printed in the file and what
 * else the file tells (its currency, its settlement lag); a profile with the same id gains the numbers instead
 * of being duplicated.
 */
export function withPreset(config: Config | null, preset: AcquirerPreset, merchantIds: readonly string[], fill: PresetFill = {}): Config {
  const base = config ?? emptyConfig();
  const fresh = presetProfile(preset, fill);
  const existing = base.acquirers.find(a => a.id === fresh.id);
  const ids = [...new Set([...(existing?.merchantIds ?? []), ...merchantIds])];
  const profile: AcquirerProfile = { ...(existing ?? fresh), ...(ids.length ? { merchantIds: ids } : {}) };
  const acquirers = existing ? base.acquirers.map(a => (a.id === profile.id ? profile : a)) : [...base.acquirers, profile];
  return { ...base, acquirers };
}
