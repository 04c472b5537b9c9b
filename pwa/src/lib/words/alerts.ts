// The words of the alert counts and lists (issue 12: one count of open alerts, fee incidents). Split from
// i18n.svelte.ts so areas grow apart; i18n.svelte.ts spreads them into its catalog, and test/i18n-keys.test.ts
// checks each key is used.
export const en = {
  alerts_info_count: '+{n} for information',
  alerts_info_hint: 'Info alerts (a credit that came late, a fee below the contract) are listed but not counted as open.',
} as const;

export const zh: Record<keyof typeof en, string> = {
  alerts_info_count: '另有 {n} 条仅供参考',
  alerts_info_hint: '“仅供参考”的提醒（延迟但已到账的款项、低于合同的手续费）会列出，但不计入待处理提醒。',
};
