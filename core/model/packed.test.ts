import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { packedBuffers, packTxns, unpackTxns } from './packed';
import type { AcquirerTxn, TxnKind } from './types';

const KINDS: TxnKind[] = ['sale', 'refund', 'void', 'chargeback', 'fee', 'payout', 'adjustment'];
const text = fc.option(fc.string({ unit: 'grapheme', maxLength: 30 }), { nil: null });

const txn: fc.Arbitrary<AcquirerTxn> = fc
  .record(
    {
      id: fc.string({ unit: 'grapheme', maxLength: 24 }),
      kind: fc.constantFrom(...KINDS),
      at: fc.string({ maxLength: 25 }),
      grossMinor: fc.maxSafeInteger(),
      feeMinor: fc.integer(),
      netMinor: fc.integer(),
      currency: fc.constantFrom('CNY', 'USD', 'EUR'),
      merchantId: text,
      terminal: text,
      card: text,
      cardType: fc.constantFrom(null, 'debit' as const, 'credit' as const),
      payoutId: text,
      settlementDate: text,
      voided: fc.boolean(),
      originalId: text,
      reference: text,
      line: fc.nat(),
    },
    {
      requiredKeys: [
        'id',
        'kind',
        'at',
        'grossMinor',
        'feeMinor',
        'netMinor',
        'currency',
        'merchantId',
        'terminal',
        'card',
        'cardType',
        'payoutId',
        'settlementDate',
        'voided',
        'originalId',
        'line',
      ],
    },
  )
  .map(t => ({ ...t })); // plain objects, as the parsers make them

/** The message a worker thread posts: the structured clone of the packed columns. */
const posted = <T>(value: T): T => structuredClone(value);

describe('packed transactions', () => {
  test('unpacking what was packed gives the same transactions, with or without a reference', () => {
    fc.assert(
      fc.property(fc.array(txn, { maxLength: 60 }), txns => {
        expect(unpackTxns(posted(packTxns(txns)))).toStrictEqual(txns);
      }),
    );
  });

  test('many distinct values move from a dictionary to joined strings, across blocks, and still round-trip', () => {
    const txns = Array.from({ length: 70_000 }, (_, i): AcquirerTxn => ({
      id: `R${i}`,
      kind: i % 7 === 0 ? 'refund' : 'sale',
      at: `2026-01-05T09:${String(i % 60).padStart(2, '0')}:00+08:00`,
      grossMinor: i * 3,
      feeMinor: i % 11,
      netMinor: i * 3 - (i % 11),
      currency: 'CNY',
      merchantId: '822290058120001',
      terminal: `T${i % 9}`,
      card: i % 5 ? `6222${i}` : null,
      cardType: i % 2 ? 'debit' : 'credit',
      payoutId: null,
      settlementDate: null,
      voided: i % 13 === 0,
      originalId: i % 7 === 0 ? `R${i - 1}` : null,
      line: i + 4,
    }));
    const packed = packTxns(txns);
    expect(packed.text.id.type).toBe('joined');
    expect(packed.text.terminal.type).toBe('dict');
    expect(unpackTxns(posted(packed))).toStrictEqual(txns);
  });

  test('hands over every typed array for transfer', () => {
    const packed = packTxns([
      {
        id: 'a',
        kind: 'sale',
        at: 'x',
        grossMinor: 1,
        feeMinor: 0,
        netMinor: 1,
        currency: 'CNY',
        merchantId: null,
        terminal: null,
        card: null,
        cardType: null,
        payoutId: null,
        settlementDate: null,
        voided: false,
        originalId: null,
        line: 1,
      },
    ]);
    const buffers = packedBuffers(packed);
    expect(buffers).toHaveLength(17);
    expect(new Set(buffers).size).toBe(17);
  });
});
