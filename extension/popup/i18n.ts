/** The popup's languages (the ledger app's locales). */
export type Lang = 'zh' | 'en';

const TEXT = {
  zh: {
    thisPage: '本页交易', captured: '已抓取', rows: '笔', noAlerts: '没有待处理的提醒。', openAlerts: '待处理提醒',
    nextCredits: '接下来应到账', noNextCredits: '目前没有待到账的结算款。', openLedger: '打开账本', captureThis: '抓取本页交易',
    capturing: '正在读取本页表格…', captureNone: '本页没有找到交易表格（需要有日期、金额和参考号列）。', captureFailed: '无法读取本页：',
    dropHere: '把收单机构导出文件或银行流水拖到这里', orPick: '或点击选择文件', importing: '正在导入…',
    imported: (n: number, name: string) => `已导入 ${name}：${n} 笔新记录`, duplicate: (name: string) => `${name} 之前已导入过`,
    refused: (name: string, why: string) => `未导入 ${name}：${why}`, portals: '自动抓取与通知', portalsTitle: '在收单后台自动抓取', portalOn: '已开启', portalOff: '开启', portalTurnOff: '点击关闭，并收回对该网站的权限',
    portalHint: '开启后，浏览器会询问是否允许 Settlewatch 读取该网站的交易表格。', enableHere: (name: string) => `在 ${name} 上开启自动抓取`,
    notify: '出现严重提醒时发送系统通知', asOf: (d: string) => `核对截至 ${d}`, expected: '应到账', unreconciledNote: (n: number) => `${n} 笔还不能核对：请在账本里设置收单机构并导入银行流水。`,
    noConfig: '还没有设置收单机构：打开账本，导入配置或选择预设。', engineError: '核对失败：', more: (n: number) => `另有 ${n} 笔`, language: 'English', unreconciled: '未核对', due: '应到',
    everything: '全部账本的待处理提醒', loading: '加载中…', localOnly: '数据只保存在本机', transactions: (n: number, b: number) => `账本：${n} 笔交易，${b} 条银行流水`,
    stale: (days: number, from: string, to: string) => `银行数据已过期 ${days} 个工作日，之后的款项无法核对。请导入 ${from} 至 ${to} 的对账单。`,
    exportBy: (name: string, from: string, to: string, by: string) => `请在 ${by} 前从${name}导出 ${from} 至 ${to} 的交易明细。`,
    exportLate: (name: string, kept: string, to: string) => `${name}后台只保留 ${kept} 起的账单：请立即导出 ${kept} 至 ${to}，更早的账单请向${name}索取。`,
  },
  en: {
    thisPage: 'On this page', captured: 'Captured', rows: 'rows', noAlerts: 'No open alerts.', openAlerts: 'Open alerts',
    nextCredits: 'Next expected credits', noNextCredits: 'No credits are due.', openLedger: 'Open ledger', captureThis: 'Capture this page',
    capturing: 'Reading the tables on this page…', captureNone: 'No transaction table found here (it needs date, amount and reference columns).', captureFailed: 'Could not read this page: ',
    dropHere: 'Drop an acquirer export or bank statement here', orPick: 'or click to choose a file', importing: 'Importing…',
    imported: (n: number, name: string) => `Imported ${name}: ${n} new rows`, duplicate: (name: string) => `${name} was imported before`,
    refused: (name: string, why: string) => `Not imported ${name}: ${why}`, portals: 'Portal capture & notifications', portalsTitle: 'Capture on acquirer portals', portalOn: 'On', portalOff: 'Turn on', portalTurnOff: 'Click to turn off and give the site permission back',
    portalHint: 'Chrome will ask to let Settlewatch read transaction tables on that site.', enableHere: (name: string) => `Turn on capture for ${name}`,
    notify: 'Notify me of critical alerts', asOf: (d: string) => `Checked as of ${d}`, expected: 'Expected', unreconciledNote: (n: number) => `${n} rows cannot be checked yet: set up the acquirer and import a bank statement in the ledger.`,
    noConfig: 'No acquirer set up yet: open the ledger and import a config or pick a preset.', engineError: 'Checking failed: ', more: (n: number) => `${n} more`, language: '中文', unreconciled: 'Not checked', due: 'due',
    everything: 'Open alerts, whole ledger', loading: 'Loading…', localOnly: 'Data stays on this device', transactions: (n: number, b: number) => `Ledger: ${n} transactions, ${b} bank lines`,
    stale: (days: number, from: string, to: string) => `Bank data is ${days} business days old: credits due since cannot be checked. Import the statement for ${from} to ${to}.`,
    exportBy: (name: string, from: string, to: string, by: string) => `Export ${from} to ${to} from ${name} before ${by}.`,
    exportLate: (name: string, kept: string, to: string) => `${name}'s portal keeps bills from ${kept} on: export ${kept} to ${to} now, and ask ${name} for older ones.`,
  },
} as const;

/** The strings of one language. */
export type Strings = (typeof TEXT)['zh'] | (typeof TEXT)['en'];

/** The popup's own strings in a language (status and alert names come from the ledger app's i18n). */
export function strings(lang: Lang): Strings {
  return TEXT[lang];
}
