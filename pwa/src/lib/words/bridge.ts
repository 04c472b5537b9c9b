// The words of one area of the app, in every language. Split from i18n.svelte.ts so areas grow apart;
// i18n.svelte.ts spreads them into its catalog, and test/i18n-keys.test.ts checks each key is used.
export const en = {
  export_csv: 'Export CSV',
  export_report: 'Export report (JSON)',
  export_busy: 'Preparing…',
  export_failed: 'Could not export: {message}',
  bridge_title: 'The extension in this browser',
  bridge_unavailable:
    'The Settlewatch extension is not installed in this browser, or it does not know this address ({origin}). Without it, move the ledger with an encrypted replica file.',
  bridge_unpaired:
    'Pair this app with the Settlewatch extension to share one ledger: portal captures come here, decisions made here reach the extension and its badge. Nothing leaves this computer.',
  bridge_pair: 'Pair with the extension',
  bridge_pending: 'Open the Settlewatch extension (its toolbar icon) and confirm pairing if it shows this code:',
  bridge_pending_hint: 'If the codes differ, refuse in the extension: another page asked.',
  bridge_paired: 'Paired with the extension: while this app is open, each ledger gets what the other has and it lacks.',
  bridge_sync: 'Sync now',
  bridge_syncing: 'Syncing…',
  bridge_sending: 'Sending {done} of {total}',
  bridge_receiving: 'Receiving {done} of {total}',
  bridge_last:
    'Last sync that moved data: received rows {receivedRows}, records {receivedRecords}; sent rows {sentRows}, records {sentRecords}.',
  bridge_failed: 'The extension did not sync: {message}',
  popup_bridge_asks: '{origin} asks to pair with the extension and share one ledger.',
  popup_bridge_compare: 'Confirm only if the ledger app shows the same code:',
  popup_bridge_confirm: 'Confirm pairing',
  popup_bridge_refuse: 'Refuse',
  popup_bridge_paired: 'Paired ledger apps',
  popup_bridge_forget: 'Unpair',
  popup_bridge_failed: 'Failed: {message}',
} as const;

export const zh: Record<keyof typeof en, string> = {
  export_csv: '导出 CSV',
  export_report: '导出对账报告（JSON）',
  export_busy: '正在生成…',
  export_failed: '导出失败：{message}',
  bridge_title: '本浏览器中的扩展',
  bridge_unavailable: '本浏览器没有安装 Settlewatch 扩展，或扩展不认识这个地址（{origin}）。没有扩展时，请用加密副本文件转移账本。',
  bridge_unpaired:
    '与 Settlewatch 扩展配对后两边共用一本账：在收单后台抓取的交易会到这里，在这里做的决定会同步到扩展和它的图标数字。数据不会离开这台电脑。',
  bridge_pair: '与扩展配对',
  bridge_pending: '请打开 Settlewatch 扩展（工具栏图标），如果它显示同样的配对码，请确认配对：',
  bridge_pending_hint: '如果配对码不一样，请在扩展中拒绝：那是别的网页发起的请求。',
  bridge_paired: '已与扩展配对：本应用打开期间，两边账本会互相补齐对方缺少的数据。',
  bridge_sync: '立即同步',
  bridge_syncing: '正在同步…',
  bridge_sending: '正在发送 {done}/{total}',
  bridge_receiving: '正在接收 {done}/{total}',
  bridge_last:
    '上次有数据的同步：收到 {receivedRows} 行数据、{receivedRecords} 项设置或决定；发出 {sentRows} 行数据、{sentRecords} 项设置或决定。',
  bridge_failed: '与扩展同步失败：{message}',
  popup_bridge_asks: '{origin} 请求与扩展配对，共用一本账。',
  popup_bridge_compare: '账本应用中显示的配对码相同时才确认：',
  popup_bridge_confirm: '确认配对',
  popup_bridge_refuse: '拒绝',
  popup_bridge_paired: '已配对的账本应用',
  popup_bridge_forget: '取消配对',
  popup_bridge_failed: '操作失败：{message}',
};
