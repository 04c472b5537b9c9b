// The words of one area of the app, in every language. Split from i18n.svelte.ts so areas grow apart;
// i18n.svelte.ts spreads them into its catalog, and test/i18n-keys.test.ts checks each key is used.
export const en = {
  evidence_title: 'Evidence pack',
  evidence_help:
    'One ZIP to keep or send: a printable summary, letters to the acquirer, the bank and the regulator, every transaction and bank line of the case as CSV, and the files it rests on with their SHA-256.',
  evidence_language: 'Language of the pack',
  evidence_lang_zh: '中文',
  evidence_lang_en: 'English',
  evidence_lang_both: 'Both (中文 + English)',
  evidence_export: 'Download evidence pack',
  evidence_working: 'Making the pack…',
  evidence_done: 'Saved {name}.',
  evidence_failed: 'The pack could not be made: {message}',
} as const;

export const zh: Record<keyof typeof en, string> = {
  evidence_title: '证据包',
  evidence_help:
    '一个可保存或寄送的 ZIP：可打印的案件摘要，致收单机构、银行和监管部门的函，本案全部交易和银行流水（CSV），以及所依据文件的 SHA-256。',
  evidence_language: '证据包语言',
  evidence_lang_zh: '中文',
  evidence_lang_en: 'English',
  evidence_lang_both: '中英文各一份',
  evidence_export: '下载证据包',
  evidence_working: '正在生成证据包…',
  evidence_done: '已保存 {name}。',
  evidence_failed: '无法生成证据包：{message}',
};
