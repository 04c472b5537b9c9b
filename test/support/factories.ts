// Factories with overrides, one per test type (STYLE.md habit 6): makeTxn({ netMinor: 4133 }).
import type { Config, AcquirerProfile } from '../../core/config/types';
import type { AcquirerTxn, BankLine } from '../../core/model/types';

let seq = 0;

/** A sale of 100.00 CNY at 10:00 on 2026-03-02 (a Monday), fee 0.60, on terminal T1 with card C1. */
export function makeTxn(over: Partial<AcquirerTxn> = {}): AcquirerTxn {
  seq++;
  const gross = over.grossMinor ?? 10000;
  const fee = over.feeMinor ?? 60;
  return {
    id: `TX${String(seq).padStart(6, '0')}`,
    kind: 'sale',
    at: '2026-03-02T10:00:00+08:00',
    grossMinor: gross,
    feeMinor: fee,
    netMinor: gross - fee,
    currency: 'CNY',
    merchantId: '822290058120001',
    terminal: 'T1',
    card: 'C1',
    cardType: 'credit',
    payoutId: null,
    settlementDate: null,
    voided: false,
    originalId: null,
    line: seq,
    ...over,
  };
}

/** A credit from 拉卡拉 booked on 2026-03-03. */
export function makeLine(over: Partial<BankLine> = {}): BankLine {
  seq++;
  return {
    id: `BK${String(seq).padStart(6, '0')}`,
    account: '31050161373600001234',
    bookedOn: '2026-03-03',
    valueOn: null,
    amountMinor: 9940,
    currency: 'CNY',
    counterparty: '拉卡拉支付股份有限公司',
    description: '清算款 POS结算款 822290058120001',
    line: seq,
    ...over,
  };
}

/** A Lakala-like profile: T+1 on CN-2026, cutoff 23:00, credit card fee 0.60 %, debit 0.50 % capped at 25.00. */
export function makeProfile(over: Partial<AcquirerProfile> = {}): AcquirerProfile {
  return {
    id: 'lakala',
    name: '拉卡拉',
    format: 'cn-acquirer',
    merchantIds: ['822290058120001'],
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
    ...over,
  };
}

/** A config with the given profiles (default: one Lakala profile), grace 2, tolerance 0, window 10 minutes. */
export function makeConfig(acquirers: AcquirerProfile[] = [makeProfile()], over: Partial<Config> = {}): Config {
  return {
    schema: 'settlewatch.config/1',
    graceBusinessDays: 2,
    lateToleranceBusinessDays: 0,
    duplicateWindowMinutes: 10,
    calendars: [],
    acquirers,
    ...over,
  };
}
