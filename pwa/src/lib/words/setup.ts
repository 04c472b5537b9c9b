// The words of one area of the app, in every language. Split from i18n.svelte.ts so areas grow apart;
// i18n.svelte.ts spreads them into its catalog, and test/i18n-keys.test.ts checks each key is used.
export const en = {
  demo_banner: 'This is the demo ledger: a made-up shop, kept apart from your own ledger, which stays as it was.',
  demo_leave: 'Leave the demo',
  import_demo_apart: 'It opens in a ledger of its own; yours is not touched.',
  preset_suggested: 'Suggested for this file',
  preset_contradicted: 'The file says otherwise',
  preset_use_anyway: 'Use {name} anyway',
  preset_confirm:
    "This file does not look like {name}'s (see above): its transactions would be expected from the wrong payer and raise false alerts. Press again only if you are sure.",
  preset_none: 'No preset reads this format yet: add a profile in Settings.',
  preset_lag: 'Settles {days} business day(s) after the sale, as {agreeing} of the {rows} settlement dates printed in the file show.',
  preset_reason_title_names: 'The title line says “{name}”.',
  preset_reason_merchant_ids: 'Merchant number {ids} is one of theirs.',
  preset_reason_bank_credits: 'Your bank statements hold {count} credits from them.',
  preset_reason_title_other: 'The title line says “{name}”: another acquirer.',
  preset_reason_merchant_ids_other: "Merchant number {ids} is one of {other}'s.",
  preset_reason_no_bank_credits: 'None of the {credits} credits in your bank statements comes from {names}.',
} as const;

export const zh: Record<keyof typeof en, string> = {
  demo_banner: '这是演示账本：一家虚构的商户，与您自己的账本分开存放，您的账本保持原样。',
  demo_leave: '退出演示',
  import_demo_apart: '演示在单独的账本中打开，不会改动您的账本。',
  preset_suggested: '根据文件推荐',
  preset_contradicted: '文件内容与之不符',
  preset_use_anyway: '仍然使用{name}',
  preset_confirm: '此文件看起来不是{name}的（见上）：其交易会按错误的付款方预期到账，产生误报。确认无误才再按一次。',
  preset_none: '暂无能读取此格式的预设：请在“设置”中添加收单配置。',
  preset_lag: '按文件中 {rows} 个清算日期中的 {agreeing} 个，交易后第 {days} 个工作日结算。',
  preset_reason_title_names: '标题行写着“{name}”。',
  preset_reason_merchant_ids: '商户编号 {ids} 属于该机构。',
  preset_reason_bank_credits: '您的银行流水中有 {count} 笔来自该机构的入账。',
  preset_reason_title_other: '标题行写着“{name}”：是另一家收单机构。',
  preset_reason_merchant_ids_other: '商户编号 {ids} 属于{other}。',
  preset_reason_no_bank_credits: '您的银行流水中共 {credits} 笔入账，没有一笔来自 {names}。',
};
