import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Format, ParseResult } from '../../core/model/types';

/** The bytes of a fixture under test/fixtures (tests never read /work/shared). */
export function fixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url))));
}

/** UTF-8 bytes of a text, for files written inline in a test. */
export function bytesOf(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Row count and money totals of a result, for exact-value assertions. */
export function totals(result: ParseResult): { count: number; gross: number; fee: number; net: number } {
  const t = result.acquirerTxns;
  return {
    count: t.length,
    gross: t.reduce((s, x) => s + x.grossMinor, 0),
    fee: t.reduce((s, x) => s + x.feeMinor, 0),
    net: t.reduce((s, x) => s + x.netMinor, 0),
  };
}

/** The errors of a result (warnings left out). */
export function errors(result: ParseResult): ParseResult['issues'] {
  return result.issues.filter(i => i.severity === 'error');
}

function checkShape(result: ParseResult): void {
  for (const issue of result.issues) {
    expect(issue.line).toBeGreaterThanOrEqual(1);
    expect(issue.field.length).toBeGreaterThan(0);
    expect(issue.message.length).toBeGreaterThan(0);
  }
  if (errors(result).length > 0) expect(result.acquirerTxns).toEqual([]);
  for (const t of result.acquirerTxns) {
    for (const m of [t.grossMinor, t.feeMinor, t.netMinor]) {
      expect(Number.isSafeInteger(m)).toBe(true);
      expect(Object.is(m, -0)).toBe(false);
    }
    expect(t.currency).toMatch(/^[A-Z]{3}$/);
    expect(t.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})?$/);
  }
}

/** Property: random bytes never make the format throw, and whatever it says names a line and a field. */
export function checkRandomBytes(format: Format): void {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 400 }), bytes => {
      format.sniff(new TextDecoder().decode(bytes), bytes);
      checkShape(format.parse(bytes, { fileName: 'random.bin' }));
    }),
    { numRuns: 200 },
  );
}

/**
 * Property: a valid file with one data line mutated (characters replaced, cut or a cell added)
 * never makes the format throw; every issue names a line and a field, and a refused file keeps no rows.
 */
export function checkMutatedRows(format: Format, text: string, firstDataLine: number, encode: (s: string) => Uint8Array = bytesOf): void {
  const lines = text.split('\n');
  const dataLines = lines.length - firstDataLine;
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: Math.max(0, dataLines - 1) }),
      fc.integer({ min: 0, max: 400 }),
      fc.string({ maxLength: 6 }),
      fc.constantFrom('replace', 'cut', 'insert', 'comma'),
      (k, at, junk, how) => {
        const copy = [...lines];
        const i = Math.min(lines.length - 1, firstDataLine - 1 + k);
        const line = copy[i]!;
        const p = at % (line.length + 1);
        copy[i] =
          how === 'replace'
            ? line.slice(0, p) + junk + line.slice(p + junk.length)
            : how === 'cut'
              ? line.slice(0, p)
              : how === 'insert'
                ? line.slice(0, p) + junk + line.slice(p)
                : line + ',' + junk;
        checkShape(format.parse(encode(copy.join('\n')), { fileName: 'mutated.csv' }));
      },
    ),
    { numRuns: 300 },
  );
}

// Headers that belong to the lead's formats: the generator's cn-acquirer export and Stripe's itemized report.
const LEAD_HEADERS = [
  '交易日期,交易时间,商户编号,终端号,卡号,卡类型,交易类型,交易金额,手续费,结算金额,检索参考号,授权码,批次号,凭证号,交易状态,清算日期\n20260105,095527,822290058120001,T0001,622848******1234,借记卡,消费,100.00,0.60,99.40,000123456789,123456,000001,000001,成功,20260106\n',
  'balance_transaction_id,created_utc,available_on_utc,currency,gross,fee,net,reporting_category,source_id,automatic_payout_id,automatic_payout_effective_at\ntxn_1,2026-01-05 10:00:00,2026-01-07 00:00:00,usd,25.00,1.03,23.97,charge,ch_1,po_1,2026-01-07 00:00:00\n',
];

/** A format of the long tail never claims the lead's cn-acquirer or Stripe files. */
export function checkLeavesLeadFormats(format: Format): void {
  for (const text of LEAD_HEADERS) expect(format.sniff(text, bytesOf(text))).toBe(0);
}
