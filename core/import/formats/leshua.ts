import { dateIssue } from '../../messages/index';
import type { AcquirerTxn, Format, ParseContext, ParseResult, TxnKind } from '../../model/types';
import { parseLocalDateTime } from '../../model/date';
import { decodeText } from '../decode';
import { cleanCell, cutRowIssue, normalizeHeader, splitRecord } from '../table';
import { IssueLog, UniqueIds, acquirerResult, makeTxn, withDirection } from './acquirer-rows';
import { instantIn } from './zone-names';

const FORMAT = 'leshua';

type Field = 'time' | 'order' | 'merchant' | 'amount' | 'fee' | 'settle' | 'flow' | 'type' | 'cardType' | 'rrn' | 'terminal';

// 乐刷 交易对账单 (kancloud.cn/leshuadocs/saas/1099895): a headerless txt whose records start with a type,
// BT (title) or BV (value). The documented field order, used when the BT record does not name the columns.
const DOCUMENTED = [
  '记录类型',
  '编号',
  '交易时间',
  '订单号',
  '商户号',
  '费率(万分之一)',
  '交易金额(分)',
  '手续费(分)',
  '结算金额(分)',
  '资金流向',
  '交易类型',
  '支付方式',
  '卡类型',
  '商户优惠类型',
  '参考号',
  '凭证号',
  '终端号',
];
const NAMES: Readonly<Record<Field, string>> = {
  time: '交易时间',
  order: '订单号',
  merchant: '商户号',
  amount: '交易金额(分)',
  fee: '手续费(分)',
  settle: '结算金额(分)',
  flow: '资金流向',
  type: '交易类型',
  cardType: '卡类型',
  rrn: '参考号',
  terminal: '终端号',
};

function columnsFrom(titles: readonly string[]): Record<Field, number> {
  const norm = titles.map(normalizeHeader);
  const map = {} as Record<Field, number>;
  for (const f of Object.keys(NAMES) as Field[]) map[f] = norm.indexOf(normalizeHeader(NAMES[f]));
  return map;
}
const POSITIONAL = columnsFrom(DOCUMENTED);

function kindOf(type: string, flow: string): TxnKind | null {
  if (type.includes('撤销') || type.includes('冲正')) return 'void';
  if (type.includes('退货') || type.includes('退款') || flow === '退款') return 'refund';
  if (type.includes('消费') || type.includes('支付')) return 'sale';
  if (flow === '冻结' || flow === '解冻') return 'adjustment';
  return null;
}

function delimiterOf(line: string): string {
  const m = /^\s*B[TV]\s*([|,\t;])/.exec(line);
  return m ? m[1]! : ',';
}

/** 乐刷 Leshua daily trade file: BT/BV records, amounts in 分, `2018-07-3116:07:27` times, 资金流向 gives the direction. */
export const leshua: Format = {
  name: FORMAT,
  role: 'acquirer',
  sniff(head: string): number {
    const lines = head
      .slice(0, 8192)
      .replace(/^\ufeff/, '')
      .split(/\r?\n/)
      .filter(l => l.trim());
    return lines.length > 0 && /^B[TV][|,\t;]/.test(lines[0]!) && lines.some(l => /^BV[|,\t;]/.test(l)) ? 0.95 : 0;
  },
  parse(bytes: Uint8Array, ctx: ParseContext): ParseResult {
    const log = new IssueLog();
    const ids = new UniqueIds();
    const txns: AcquirerTxn[] = [];
    const merchants = new Set<string>();
    const lines = decodeText(bytes).split('\n');
    let columns: Record<Field, number> = POSITIONAL;
    let delimiter: string | null = null;
    const saleByOrder = new Map<string, string>();
    let records = 0;
    // The record's width (its BT header's, or the widest BV so far) and names, for a file that ends inside a record.
    let width = 0;
    let header: string[] = [];
    lines.forEach((raw, index) => {
      const line = index + 1;
      const text = raw.replace(/\r$/, '');
      if (!text.trim()) return;
      delimiter ??= delimiterOf(text);
      const cells = splitRecord(text, delimiter).map(cleanCell);
      const type = cells[0]!.toUpperCase();
      if (type === 'BT') {
        // A BT record naming the columns maps them by name; otherwise it is the file's title line.
        const named = columnsFrom(['记录类型', ...cells.slice(1)]);
        if (Object.values(named).filter(i => i >= 0).length >= 6) {
          columns = named;
          width = cells.length;
          header = ['记录类型', ...cells.slice(1)];
        }
        return;
      }
      if (type !== 'BV') {
        log.error(line, '记录类型', { code: 'leshua_record_type', params: { text: cells[0]! } });
        return;
      }
      // The last line with no line break after it, short of cells: the file ends inside it (issue 16).
      if (index === lines.length - 1 && cells.length < width) {
        log.issues.push(
          cutRowIssue(
            line,
            Array.from({ length: width }, (_, k) => header[k] || `column ${k + 1}`),
            cells.length,
          ),
        );
        return;
      }
      width = Math.max(width, cells.length);
      records++;
      const col = columns;
      // `*` and empty both mean "not applicable" in this file.
      const cell = (f: Field): string => {
        const v = col[f] >= 0 ? (cells[col[f]] ?? '') : '';
        return v === '*' ? '' : v;
      };
      const kind = kindOf(cell('type'), cell('flow'));
      if (!kind) {
        log.error(line, NAMES.type, { code: 'unknown_kind', params: { text: cell('type'), known: ['消费', '消费撤销', '退货'] } });
        return;
      }
      // 交易时间 is printed without a space between date and time: 2018-07-3116:07:27.
      const stamp = cell('time').replace(/^(\d{4}-\d{2}-\d{2})(\d{2}:\d{2}:\d{2})$/, '$1 $2');
      const when = parseLocalDateTime(stamp);
      if (!when) {
        log.error(line, NAMES.time, dateIssue(cell('time'), true));
        return;
      }
      const fen = (f: Field): number | null => {
        const v = cell(f) || (f === 'amount' ? '' : '0');
        if (!/^-?\d{1,15}$/.test(v)) {
          log.error(line, NAMES[f], { code: 'not_whole_minor', params: { text: cell(f), unit: 'fen' } });
          return null;
        }
        return Math.abs(Number(v));
      };
      const amount = fen('amount'),
        fee = fen('fee');
      const settle = cell('settle') ? fen('settle') : null;
      if (amount === null || fee === null || (cell('settle') && settle === null)) return;
      const flow = cell('flow');
      const direction = flow === '进账' || flow === '解冻' || (!flow && kind === 'sale') ? 1 : -1;
      const grossMinor = withDirection(amount, direction);
      const netMinor = settle === null ? grossMinor - withDirection(fee, direction) : withDirection(settle, direction);
      const feeMinor = grossMinor - netMinor;
      if (Math.abs(feeMinor) !== fee)
        log.warn(line, NAMES.fee, {
          code: 'fee_not_gross_less_net',
          params: { fee: String(fee), computed: String(Math.abs(feeMinor)) },
        });
      const order = cell('order');
      const printedId = cell('rrn') || order;
      if (!printedId) {
        log.error(line, NAMES.rrn, { code: 'none_printed', params: { fields: ['参考号', '订单号'] } });
        return;
      }
      const id = ids.take(printedId);
      const originalId = kind === 'void' || kind === 'refund' ? (saleByOrder.get(order) ?? null) : null;
      if (kind === 'sale' && order) saleByOrder.set(order, id);
      const merchant = cell('merchant');
      if (merchant) merchants.add(merchant);
      const cardType = cell('cardType').includes('借记') ? 'debit' : /贷记|信用/.test(cell('cardType')) ? 'credit' : null;
      txns.push(
        makeTxn({
          id,
          kind,
          at: instantIn(when.date, when.time, null),
          grossMinor,
          feeMinor,
          netMinor,
          currency: 'CNY',
          merchantId: merchant || null,
          terminal: cell('terminal') || null,
          cardType,
          originalId,
          line,
        }),
      );
      if (index % 4096 === 0) ctx.onProgress?.(index / lines.length);
    });
    if (records === 0 && !log.failed) log.error(1, '记录类型', { code: 'no_marker_record', params: { report: 'leshua' } });
    const voided = new Set(txns.filter(t => t.kind === 'void' && t.originalId).map(t => t.originalId!));
    return acquirerResult(
      FORMAT,
      txns.map(t => (t.kind === 'sale' && voided.has(t.id) ? { ...t, voided: true } : t)),
      log,
      merchants,
    );
  },
};
