import type { AcquirerProfile, Config } from './types';

/** A ready-made acquirer profile a merchant can start from; merchant numbers are filled in from their file. */
export interface AcquirerPreset {
  readonly id: string;
  /** Name shown in the picker, in the merchant's words. */
  readonly label: { readonly en: string; readonly zh: string };
  readonly profile: AcquirerProfile;
}

// Terms are the acquirers' published standard ones (T+1 for Chinese acquirers with a 23:00 cut-off,
// Stripe's default payout schedules); a merchant with a negotiated contract edits them in Settings.
/** The presets offered when an acquirer export arrives before any config. */
export const ACQUIRER_PRESETS: readonly AcquirerPreset[] = [
  {
    id: 'lakala',
    label: { en: 'Lakala (拉卡拉)', zh: '拉卡拉' },
    profile: {
      id: 'lakala',
      name: '拉卡拉',
      format: 'cn-acquirer',
      currency: 'CNY',
      timezone: 'Asia/Shanghai',
      calendar: 'CN',
      settlementLagBusinessDays: 1,
      cutoff: '23:00',
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
    profile: {
      id: 'chinaums',
      name: '银联商务',
      format: 'cn-acquirer',
      currency: 'CNY',
      timezone: 'Asia/Shanghai',
      calendar: 'CN',
      settlementLagBusinessDays: 1,
      cutoff: '23:00',
      bankCounterparties: ['银联商务股份有限公司'],
      fees: [
        { cardType: 'debit', rate: '0.0050', capMinor: 2000 },
        { cardType: 'credit', rate: '0.0055' },
      ],
    },
  },
  {
    id: 'stripe-us',
    label: { en: 'Stripe US', zh: 'Stripe 美国' },
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

/**
 * Adds a preset's profile to a config (or a new one), with the merchant numbers printed in the file;
 * a profile with the same id gains the numbers instead of being duplicated.
 */
export function withPreset(config: Config | null, preset: AcquirerPreset, merchantIds: readonly string[]): Config {
  const base = config ?? emptyConfig();
  const existing = base.acquirers.find(a => a.id === preset.profile.id);
  const ids = [...new Set([...(existing?.merchantIds ?? []), ...merchantIds])];
  const profile: AcquirerProfile = { ...(existing ?? preset.profile), ...(ids.length ? { merchantIds: ids } : {}) };
  const acquirers = existing ? base.acquirers.map(a => (a.id === profile.id ? profile : a)) : [...base.acquirers, profile];
  return { ...base, acquirers };
}
