import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One row of the mock Lakala portal (test/e2e/extension/portals/lakala/data.json). */
export interface LakalaRow {
  readonly date: string;
  readonly time: string;
  readonly merchant: string;
  readonly terminal: string;
  readonly card: string;
  readonly cardType: string;
  readonly type: string;
  readonly gross: string;
  readonly fee: string;
  readonly net: string;
  readonly ref: string;
  readonly settle: string;
  readonly status: string;
  readonly netMinor: number;
}

/** The mock Lakala portal's data. */
export const LAKALA = JSON.parse(readFileSync(fileURLToPath(new URL('./portals/lakala/data.json', import.meta.url)), 'utf8')) as {
  merchant: string;
  pageSize: number;
  rows: LakalaRow[];
};

/** The Lakala portal's header, as the mock page prints it. */
export const LAKALA_HEADERS = [
  '交易日期',
  '交易时间',
  '商户编号',
  '终端号',
  '卡号',
  '卡类型',
  '交易类型',
  '交易金额(元)',
  '手续费(元)',
  '结算金额(元)',
  '检索参考号',
  '清算日期',
  '交易状态',
];

/** A row as cells, in header order. */
export function lakalaCells(r: LakalaRow): string[] {
  return [r.date, r.time, r.merchant, r.terminal, r.card, r.cardType, r.type, r.gross, r.fee, r.net, r.ref, r.settle, r.status];
}

/** Lakala's own export (拉卡拉商户交易明细, CSV) of some rows of the mock portal, as the merchant downloads it. */
export function lakalaExportCsv(rows: readonly LakalaRow[]): string {
  return [
    '拉卡拉商户交易明细',
    `商户编号:${LAKALA.merchant}  商户名称:示例`,
    '交易日期,交易时间,商户编号,终端号,卡号,卡类型,交易类型,交易金额,手续费,结算金额,检索参考号,授权码,原交易参考号,清算日期,交易状态',
    ...rows.map(r =>
      [
        r.date,
        r.time,
        r.merchant,
        r.terminal,
        `="${r.card}"`,
        r.cardType,
        r.type,
        `"${r.gross}"`,
        r.fee,
        `"${r.net}"`,
        `="${r.ref}"`,
        '123456',
        '',
        r.settle,
        r.status,
      ].join(','),
    ),
  ].join('\r\n');
}

/** A row as a forged page prints it: a real reference and merchant number, with ¥0.01 instead of the real amount. */
export function forgedRow(r: LakalaRow): LakalaRow {
  return { ...r, gross: '0.01', fee: '0.00', net: '0.01', netMinor: 1 };
}

/** A config with the merchant's Lakala profile (T+1, credit cards at 0.60 %). */
export function lakalaConfig(): string {
  return JSON.stringify(
    {
      schema: 'settlewatch.config/1',
      graceBusinessDays: 2,
      lateToleranceBusinessDays: 0,
      duplicateWindowMinutes: 10,
      calendars: [{ id: 'CN-2026', weekend: [6, 0], holidays: [], workdays: [] }],
      acquirers: [
        {
          id: 'lakala',
          name: '拉卡拉',
          format: 'cn-acquirer',
          merchantIds: [LAKALA.merchant],
          currency: 'CNY',
          timezone: 'Asia/Shanghai',
          calendar: 'CN-2026',
          settlementLagBusinessDays: 1,
          cutoff: '23:00',
          bankCounterparties: ['拉卡拉支付股份有限公司'],
          fees: [
            { cardType: 'debit', rate: '0.0050', capMinor: 2500 },
            { cardType: 'credit', rate: '0.0060' },
          ],
        },
      ],
    },
    null,
    2,
  );
}

function yuan(minor: number): string {
  return `${Math.floor(minor / 100).toLocaleString('en-US')}.${String(minor % 100).padStart(2, '0')}`;
}

/**
 * A Chinese bank statement (UTF-8 CSV) covering `from`..`to`, with one credit from Lakala for each
 * settlement date in `paid` (the net of that day's batch), booked on that date.
 */
export function bankStatementCsv(paid: readonly string[], from = '2026-03-01', to = '2026-03-10'): string {
  const lines = [
    '招商银行单位客户账户交易明细',
    '账号:755912345610001',
    '户名:上海示例餐饮有限公司',
    `起止日期:${from}至${to},币种:人民币,期初余额:10,000.00`,
    '交易日期,交易时间,交易流水号,摘要,收入金额,支出金额,账户余额,对方户名,对方账号,附言',
  ];
  let balance = 1_000_000;
  paid.forEach((date, i) => {
    const net = LAKALA.rows.filter(r => r.settle === date).reduce((s, r) => s + r.netMinor, 0);
    balance += net;
    lines.push(
      `${date.replace(/-/g, '')},10:3${i}:00,\tBK${date.replace(/-/g, '')}0001,结算款,"${yuan(net)}",,"${yuan(balance)}",拉卡拉支付股份有限公司,\t110060577018150012345,商户${LAKALA.merchant}结算`,
    );
  });
  lines.push(`合计,,,收入${paid.length}笔 支出0笔,"${yuan(balance - 1_000_000)}","0.00","${yuan(balance)}",,,`);
  return lines.join('\r\n') + '\r\n';
}
