// The words of exported tables (CSV headers and the values a merchant reads in them), per language.
// Apart from en.ts/zh.ts because only files use them; the type makes every language complete.
import type { TxnKind } from '../model/types';
import type { Severity, TxnStatus } from '../reconcile/types';
import type { Lang } from './types';

/** The headers and value words of the transactions, bank lines and alerts tables. */
export interface ColumnWords {
  readonly txn: Readonly<
    Record<
      | 'at'
      | 'acquirer'
      | 'id'
      | 'kind'
      | 'status'
      | 'gross'
      | 'fee'
      | 'net'
      | 'currency'
      | 'terminal'
      | 'card'
      | 'expectedOn'
      | 'bankLineIds'
      | 'batchId',
      string
    >
  >;
  readonly bank: Readonly<
    Record<
      'bookedOn' | 'valueOn' | 'amount' | 'currency' | 'account' | 'id' | 'counterparty' | 'description' | 'acquirer' | 'linkedBatchIds',
      string
    >
  >;
  readonly alert: Readonly<
    Record<
      | 'id'
      | 'severity'
      | 'kind'
      | 'acquirer'
      | 'expectedOn'
      | 'amount'
      | 'currency'
      | 'transactionIds'
      | 'bankLineIds'
      | 'message'
      | 'dismissed',
      string
    >
  >;
  readonly statuses: Readonly<Record<TxnStatus, string>>;
  readonly txnKinds: Readonly<Record<TxnKind, string>>;
  readonly severities: Readonly<Record<Severity, string>>;
}

const en: ColumnWords = {
  txn: {
    at: 'Time',
    acquirer: 'Acquirer',
    id: 'Reference',
    kind: 'Type',
    status: 'Status',
    gross: 'Gross',
    fee: 'Fee',
    net: 'Net',
    currency: 'Currency',
    terminal: 'Terminal',
    card: 'Card',
    expectedOn: 'Expected on',
    bankLineIds: 'Bank lines',
    batchId: 'Batch',
  },
  bank: {
    bookedOn: 'Booked on',
    valueOn: 'Value date',
    amount: 'Amount',
    currency: 'Currency',
    account: 'Account',
    id: 'Bank reference',
    counterparty: 'Counterparty',
    description: 'Description',
    acquirer: 'Acquirer',
    linkedBatchIds: 'Linked batches',
  },
  alert: {
    id: 'Alert',
    severity: 'Severity',
    kind: 'Kind',
    acquirer: 'Acquirer',
    expectedOn: 'Expected on',
    amount: 'Amount',
    currency: 'Currency',
    transactionIds: 'Transactions',
    bankLineIds: 'Bank lines',
    message: 'Message',
    dismissed: 'Dismissed because',
  },
  statuses: {
    settled: 'Settled',
    settled_late: 'Settled late',
    pending: 'Pending',
    unverifiable: 'Cannot check',
    overdue: 'Overdue',
    missing: 'Missing',
    voided: 'Voided',
  },
  txnKinds: {
    sale: 'Sale',
    refund: 'Refund',
    void: 'Void',
    chargeback: 'Chargeback',
    fee: 'Fee',
    payout: 'Payout',
    adjustment: 'Adjustment',
  },
  severities: { critical: 'Critical', warning: 'Warning', info: 'Info' },
};

const zh: ColumnWords = {
  txn: {
    at: '交易时间',
    acquirer: '收单机构',
    id: '交易参考号',
    kind: '交易类型',
    status: '状态',
    gross: '交易金额',
    fee: '手续费',
    net: '结算金额',
    currency: '币种',
    terminal: '终端号',
    card: '卡号',
    expectedOn: '应到账日',
    bankLineIds: '银行流水',
    batchId: '结算批次',
  },
  bank: {
    bookedOn: '记账日期',
    valueOn: '起息日',
    amount: '金额',
    currency: '币种',
    account: '账号',
    id: '银行流水号',
    counterparty: '对方户名',
    description: '摘要',
    acquirer: '收单机构',
    linkedBatchIds: '对应结算批次',
  },
  alert: {
    id: '提醒编号',
    severity: '严重程度',
    kind: '类型',
    acquirer: '收单机构',
    expectedOn: '应到账日',
    amount: '金额',
    currency: '币种',
    transactionIds: '交易',
    bankLineIds: '银行流水',
    message: '说明',
    dismissed: '忽略原因',
  },
  statuses: {
    settled: '已到账',
    settled_late: '延迟到账',
    pending: '待到账',
    unverifiable: '无法核对',
    overdue: '逾期',
    missing: '未到账',
    voided: '已撤销',
  },
  txnKinds: {
    sale: '消费',
    refund: '退货',
    void: '撤销',
    chargeback: '拒付',
    fee: '费用',
    payout: '结算',
    adjustment: '调整',
  },
  severities: { critical: '严重', warning: '警告', info: '提示' },
};

/** The exported tables' words in every language. */
export const COLUMN_WORDS: Readonly<Record<Lang, ColumnWords>> = { en, zh };
