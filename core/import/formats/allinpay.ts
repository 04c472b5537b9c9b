import { dateIssue } from '../../messages/index';
import type { AcquirerTxn, Format, ParseContext, ParseResult, TxnKind } from '../../model/types';
import { parseLocalDateTime } from '../../model/date';
import { readTable, type TableSpec } from '../table';
import { IssueLog, UniqueIds, acquirerResult, makeTxn, readMoney, withDirection } from './acquirer-rows';
import { instantIn } from './zone-names';

const FORMAT = 'allinpay';

type Field =
  | 'merchant'
  | 'terminal'
  | 'time'
  | 'type'
  | 'batch'
  | 'rrn'
  | 'card'
  | 'cardClass'
  | 'amount'
  | 'fee'
  | 'date'
  | 'orderNo'
  | 'settleAmount'
  | 'original';

// 通联支付 对账单 (prodoc.allinpay.com/doc/1403): columns found by name. Its 商户号 / 参考号 / 卡类别 /
// 交易批次号 set it apart from the generic cn-acquirer layout (商户编号 / 检索参考号 / 卡类型).
const SPEC: TableSpec<Field> = {
  fields: {
    merchant: ['商户号'],
    terminal: ['终端号'],
    time: ['交易时间'],
    type: ['交易类型'],
    batch: ['交易批次号'],
    rrn: ['参考号'],
    card: ['卡号'],
    cardClass: ['卡类别'],
    amount: ['交易金额'],
    fee: ['手续费'],
    date: ['交易日期'],
    orderNo: ['交易单号'],
    settleAmount: ['结算金额'],
    original: ['原交易单'],
  },
  required: ['merchant', 'time', 'type', 'batch', 'rrn', 'cardClass', 'amount', 'fee', 'date', 'orderNo'],
};

function kindOf(type: string): TxnKind | null {
  if (type.includes('撤销') || type.includes('冲正')) return 'void';
  if (type.includes('退货') || type.includes('退款')) return 'refund';
  if (type.includes('消费') || type.includes('预授权完成') || type.includes('支付')) return 'sale';
  return null;
}

function cardTypeOf(cardClass: string): 'debit' | 'credit' | null {
  if (cardClass.includes('借记')) return 'debit';
  if (cardClass.includes('贷记') || cardClass.includes('信用')) return 'credit';
  return null;
}

/** Allinpay (通联) merchant statement: 参考号 (or 交易单号 for QR payments) as id, 撤销 rows void their sale. */
export const allinpay: Format = {
  name: FORMAT,
  role: 'acquirer',
  sniff(head: string): number {
    const top = head.slice(0, 8192);
    // Above the generic cn-acquirer reader (0.9), which also accepts these names: this layout is more specific.
    return ['商户号', '交易批次号', '凭证号', '参考号', '卡类别', '交易单号', '结算金额'].every(h => top.includes(h)) ? 0.95 : 0;
  },
  parse(bytes: Uint8Array, ctx: ParseContext): ParseResult {
    const log = new IssueLog();
    const ids = new UniqueIds();
    const txns: AcquirerTxn[] = [];
    const merchants = new Set<string>();
    const idByOrder = new Map<string, string>();
    const info = readTable(
      bytes,
      SPEC,
      ({ line, cells }, col) => {
        const cell = (f: Field): string => (col[f] >= 0 ? (cells[col[f]] ?? '') : '');
        const name = (f: Field): string => SPEC.fields[f][0]!;
        const kind = kindOf(cell('type'));
        if (!kind) {
          log.error(line, name('type'), { code: 'unknown_kind', params: { text: cell('type'), known: ['消费', '消费撤销', '退货'] } });
          return;
        }
        const when = parseLocalDateTime(`${cell('date')} ${cell('time')}`);
        if (!when) {
          log.error(line, name('date'), dateIssue(`${cell('date')} ${cell('time')}`, true));
          return;
        }
        const amount = readMoney(log, line, name('amount'), cell('amount'), { decimal: '.', empty: null });
        const fee = readMoney(log, line, name('fee'), cell('fee'), { decimal: '.' });
        const settle = cell('settleAmount') ? readMoney(log, line, name('settleAmount'), cell('settleAmount'), { decimal: '.' }) : null;
        if (amount === null || fee === null || (cell('settleAmount') && settle === null)) return;
        // Amounts are printed unsigned; the type gives the direction. The fee is what the settlement
        // amount leaves out, so a void gives its fee back and a refund that keeps it shows 0.
        const direction = kind === 'sale' ? 1 : -1;
        const grossMinor = withDirection(amount, direction);
        const netMinor = settle === null ? grossMinor - withDirection(fee, direction) : withDirection(settle, direction);
        const feeMinor = grossMinor - netMinor;
        if (Math.abs(feeMinor) !== Math.abs(fee))
          log.warn(line, name('fee'), {
            code: 'fee_not_gross_less_net',
            params: { fee: cell('fee'), computed: String(feeMinor / 100) },
          });
        const orderNo = cell('orderNo');
        const printedId = cell('rrn') || orderNo;
        if (!printedId) {
          log.error(line, name('rrn'), { code: 'none_printed', params: { fields: ['参考号', '交易单号'] } });
          return;
        }
        const id = ids.take(printedId);
        if (orderNo) idByOrder.set(orderNo, id);
        const merchant = cell('merchant');
        merchants.add(merchant);
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
            card: cell('card') || null,
            cardType: cardTypeOf(cell('cardClass')),
            originalId: kind === 'sale' ? null : cell('original') || null,
            line,
          }),
        );
      },
      { onProgress: ctx.onProgress, chunkBytes: ctx.chunkBytes },
    );
    log.issues.push(...info.issues);
    if (!info.columns)
      log.error(1, '(header)', {
        code: 'no_report_header',
        params: {
          report: 'allinpay',
          columns: ['商户号', '交易时间', '交易类型', '交易批次号', '参考号', '卡类别', '交易金额', '手续费', '交易日期', '交易单号'],
        },
      });
    // 原交易单 quotes the original's 交易单号: point to its id, and mark a voided sale.
    const voided = new Set<string>();
    const linked = txns.map(t => {
      const original = t.originalId ? (idByOrder.get(t.originalId) ?? t.originalId) : null;
      if (t.kind === 'void' && original) voided.add(original);
      return original === t.originalId ? t : { ...t, originalId: original };
    });
    return acquirerResult(
      FORMAT,
      linked.map(t => (t.kind === 'sale' && voided.has(t.id) ? { ...t, voided: true } : t)),
      log,
      merchants,
    );
  },
};
