import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseFile } from '../import/detect';
import { FORMATS } from '../import/formats/index';
import type { BankLine, ParseResult } from '../model/types';
import { guessLag, mainCurrency, rankPresets, type FileEvidence } from './choose';
import { ACQUIRER_PRESETS, presetProfile, withPreset } from './presets';
import { validateConfig } from './validate';

const FIXTURES = join(import.meta.dirname, '../../test/fixtures');
const read = (path: string): ParseResult => parseFile(readFileSync(join(FIXTURES, path)), { fileName: path });
const evidence = (r: ParseResult): FileEvidence => ({
  format: r.format,
  acquirerName: r.acquirerName,
  merchantIds: [...new Set([...r.merchantIds, ...r.acquirerTxns.flatMap(t => (t.merchantId ? [t.merchantId] : []))])],
  currency: mainCurrency(r.acquirerTxns),
});
const credit = (counterparty: string, amountMinor = 10_000): BankLine => ({
  id: counterparty,
  account: '6222',
  bookedOn: '2026-01-06',
  valueOn: null,
  amountMinor,
  currency: 'CNY',
  counterparty,
  description: '',
  line: 2,
});

describe('choosing a preset from the file', () => {
  const lakala = read('generated/cn/lakala-20260105-20260116.csv');
  const chinaums = read('generated/cn/chinaums-20260105-20260116.csv');

  test('suggests Lakala for a Lakala export, from its title line and merchant number', () => {
    const [first, second] = rankPresets(evidence(lakala));
    expect(first).toMatchObject({ presetId: 'lakala', verdict: 'suggested' });
    expect(first!.reasons.map(r => r.code)).toEqual(['title_names', 'merchant_ids']);
    expect(second).toMatchObject({ presetId: 'chinaums', verdict: 'contradicted' });
    expect(second!.reasons.map(r => r.code)).toEqual(['title_other', 'merchant_ids_other']);
  });

  test('suggests ChinaUMS for a ChinaUMS export and flags Lakala for it', () => {
    const fits = rankPresets(evidence(chinaums));
    expect(fits.map(f => [f.presetId, f.verdict])).toEqual([
      ['chinaums', 'suggested'],
      ['lakala', 'contradicted'],
    ]);
  });

  test('flags a preset whose name no credit in the bank lines carries, and backs the one whose name they carry', () => {
    const file = { ...evidence(lakala), acquirerName: null, merchantIds: [] };
    const fits = rankPresets(file, [credit('拉卡拉支付股份有限公司'), credit('某某餐饮')]);
    expect(fits[0]).toMatchObject({ presetId: 'lakala', verdict: 'suggested', reasons: [{ code: 'bank_credits', count: 1 }] });
    expect(fits[1]).toMatchObject({ presetId: 'chinaums', verdict: 'contradicted', reasons: [{ code: 'no_bank_credits', credits: 2 }] });
  });

  test('suggests nothing when nothing in the file tells two presets of one format apart', () => {
    const fits = rankPresets({ ...evidence(lakala), acquirerName: null, merchantIds: [] });
    expect(fits.map(f => f.verdict)).toEqual(['fits', 'fits']);
  });

  test('offers Stripe US for dollars and Stripe EU for euros, never the other', () => {
    const us = read('generated/us/stripe-payout-reconciliation-20260105-20260116.csv');
    const eu = read('generated/eu/stripe-payout-reconciliation-20260105-20260116.csv');
    expect(rankPresets(evidence(us)).map(f => [f.presetId, f.verdict])).toEqual([['stripe-us', 'suggested']]);
    expect(rankPresets(evidence(eu)).map(f => [f.presetId, f.verdict])).toEqual([['stripe-eu', 'suggested']]);
  });

  // Every acquirer file among the fixtures (real and synthetic) is offered a preset that a valid config takes.
  const acquirerFiles = ['real', 'synthetic'].flatMap(dir =>
    readdirSync(join(FIXTURES, dir), { recursive: true, encoding: 'utf8' }).map(p => `${dir}/${p}`),
  );
  test.each(acquirerFiles.filter(p => /\.(csv|txt|xlsx|zip)$/.test(p)))(
    '%s gets a preset that validates, if it is an acquirer export',
    path => {
      const r = read(path);
      if (r.role !== 'acquirer' || r.format.endsWith('-personal') || r.issues.some(i => i.severity === 'error')) return;
      const fits = rankPresets(evidence(r));
      expect(fits.length, `a preset for ${r.format}`).toBeGreaterThan(0);
      const preset = ACQUIRER_PRESETS.find(p => p.id === fits[0]!.presetId)!;
      const config = withPreset(null, preset, evidence(r).merchantIds, { currency: evidence(r).currency });
      expect(validateConfig(config).ok).toBe(true);
      expect(config.acquirers[0]!.currency).toBe(evidence(r).currency);
    },
  );

  test('has a preset for every acquirer format the product reads (personal bills aside)', () => {
    const formats = FORMATS.filter(f => f.role === 'acquirer' && !f.name.endsWith('-personal')).map(f => f.name);
    for (const f of [...formats, 'mapped'])
      expect(
        ACQUIRER_PRESETS.some(p => p.profile.format === f),
        f,
      ).toBe(true);
  });

  test('names a mapped file profile after its mapping, in the file currency and its region calendar', () => {
    const mapped = ACQUIRER_PRESETS.find(p => p.id === 'mapped')!;
    const profile = presetProfile(mapped, { currency: 'CNY', name: 'Worldpay EU', lag: 2 });
    expect(profile).toMatchObject({
      id: 'mapped-worldpay-eu',
      name: 'Worldpay EU',
      currency: 'CNY',
      calendar: 'CN',
      settlementLagBusinessDays: 2,
    });
    expect(profile.bankCounterparties).toEqual(['Worldpay EU']);
  });
});

describe('guessing the settlement lag from printed settlement dates', () => {
  test('reads T+1 business days from the Lakala export 清算日期, across the weekend', () => {
    const r = read('generated/cn/lakala-20260105-20260116.csv');
    const guess = guessLag(r.acquirerTxns, 'CN', '23:00');
    expect(guess?.businessDays).toBe(1);
    expect(guess!.rows).toBeGreaterThan(50);
    expect(guess!.agreeing / guess!.rows).toBeGreaterThan(0.9);
  });

  test("reads Stripe's payout dates as the US profile's lag of the generated ledger", () => {
    const config = JSON.parse(readFileSync(join(FIXTURES, 'generated/us/config.json'), 'utf8')) as {
      acquirers: { settlementLagBusinessDays: number; calendar: string }[];
    };
    const r = read('generated/us/stripe-payout-reconciliation-20260105-20260116.csv');
    expect(guessLag(r.acquirerTxns, 'US')?.businessDays).toBe(config.acquirers[0]!.settlementLagBusinessDays);
  });

  test('is null for an export that prints no settlement date', () => {
    const r = read('synthetic/allinpay/statement.csv');
    expect(r.acquirerTxns.length).toBeGreaterThan(0);
    expect(guessLag(r.acquirerTxns, 'CN', '23:00')).toBeNull();
  });

  test('counts a sale after the cut-off from the next day', () => {
    const sale = { ...read('generated/cn/lakala-20260105-20260116.csv').acquirerTxns[0]!, kind: 'sale' as const, voided: false };
    // Monday 23:30 trades on Tuesday; settled Wednesday = T+1 from Tuesday.
    expect(guessLag([{ ...sale, at: '2026-01-05T23:30:00', settlementDate: '2026-01-07' }], 'CN', '23:00')?.businessDays).toBe(1);
    expect(guessLag([{ ...sale, at: '2026-01-05T22:30:00', settlementDate: '2026-01-07' }], 'CN', '23:00')?.businessDays).toBe(2);
  });
});
