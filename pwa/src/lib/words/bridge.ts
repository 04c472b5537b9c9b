// The words of one area of the app, in every language. Split from i18n.svelte.ts so areas grow apart;
// i18n.svelte.ts spreads them into its catalog, and test/i18n-keys.test.ts checks each key is used.
export const en = {
  export_csv: 'Export CSV',
  export_report: 'Export report (JSON)',
  export_busy: 'Preparing…',
  export_failed: 'Could not export: {message}',
} as const;

export const zh: Record<keyof typeof en, string> = {
  export_csv: '导出 CSV',
  export_report: '导出对账报告（JSON）',
  export_busy: '正在生成…',
  export_failed: '导出失败：{message}',
};
