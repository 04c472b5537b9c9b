import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openLedgerDb } from '../db/db';
import { createLedgerHandlers, unwrap, type ImportSource } from './index';

const CN = join(import.meta.dirname, '../../test/fixtures/generated/cn');
const file = (name: string): ImportSource => ({ name, data: new Uint8Array(readFileSync(join(CN, name))) });
let n = 0;
const fresh = () =>
  createLedgerHandlers(openLedgerDb(`setup-test-${++n}-${Date.now()}`), { today: () => '2026-02-20', now: () => new Date().toISOString() });

describe('setting up from the files', () => {
  test('a Lakala export without a config carries the presets chosen from it; the suggested one, with its lag, takes it', async () => {
    const h = fresh();
    const [refused] = unwrap(await h.importFiles([file('lakala-20260105-20260116.csv')]));
    expect(refused!.refusal?.code).toBe('no_config');
    expect(refused!.presets?.currency).toBe('CNY');
    expect(refused!.presets?.fits.map(f => [f.presetId, f.verdict, f.lag?.businessDays])).toEqual([
      ['lakala', 'suggested', 1],
      ['chinaums', 'contradicted', 1],
    ]);
    unwrap(await h.applyPreset('lakala', [...refused!.merchantIds], { currency: 'CNY', lag: 1 }));
    const [stored] = unwrap(await h.importFiles([file('lakala-20260105-20260116.csv')]));
    expect(stored).toMatchObject({ status: 'stored', acquirer: 'lakala' });
  });

  test('the bank credits held are counted for each preset whose names they carry, beside the title line and merchant numbers', async () => {
    const h = fresh();
    unwrap(await h.importFiles([file('bank-ccb-20260105-20260116.csv')]));
    const [refused] = unwrap(await h.importFiles([file('chinaums-20260105-20260116.csv')]));
    const fits = refused!.presets!.fits;
    expect(fits[0]).toMatchObject({ presetId: 'chinaums', verdict: 'suggested' });
    expect(fits[0]!.reasons.map(r => r.code)).toContain('bank_credits');
    expect(fits[1]!.reasons.map(r => r.code)).toEqual(['title_other', 'merchant_ids_other', 'bank_credits']);
  });

  test('a Lakala export a hand-made config gives to a ChinaUMS profile is stored with the doubts said; the right one has none', async () => {
    const config = JSON.parse(readFileSync(join(CN, 'config.json'), 'utf8')) as { acquirers: { id: string; merchantIds: string[] }[] };
    const wrong = {
      ...config,
      acquirers: config.acquirers.map(a => ({ ...a, merchantIds: a.id === 'chinaums' ? ['822290058120001'] : ['000000000000000'] })),
    };
    const h = fresh();
    unwrap(await h.importFiles([file('bank-ccb-20260105-20260116.csv')]));
    unwrap(await h.importFiles([{ name: 'config.json', data: new TextEncoder().encode(JSON.stringify(wrong)) }]));
    const [stored] = unwrap(await h.importFiles([file('lakala-20260105-20260116.csv')]));
    expect(stored).toMatchObject({ status: 'stored', acquirer: 'chinaums' });
    expect(stored!.profileDoubts?.map(r => r.code)).toEqual(['title_other', 'merchant_ids_other']);

    const right = fresh();
    unwrap(await right.importFiles([file('config.json'), file('bank-ccb-20260105-20260116.csv')]));
    const [fine] = unwrap(await right.importFiles([file('lakala-20260105-20260116.csv')]));
    expect(fine).toMatchObject({ status: 'stored', acquirer: 'lakala' });
    expect(fine!.profileDoubts).toBeUndefined();
  });
});
