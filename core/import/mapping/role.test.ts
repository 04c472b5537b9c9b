import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { guessMapping } from './guess';
import { previewWithProfile } from './preview';
import { guessRole } from './role';

const MAPPED = join(import.meta.dirname, '../../../test/fixtures/synthetic/mapped');
const REAL = join(import.meta.dirname, '../../../test/fixtures/real');
const roleOf = (bytes: Uint8Array) => guessRole({ bank: guessMapping(bytes, 'bank'), acquirer: guessMapping(bytes, 'acquirer') });

describe('guessing whether an unrecognised file is a bank statement or an acquirer export', () => {
  test('takes a file with a fee and a net column for an acquirer export', () => {
    expect(roleOf(readFileSync(join(MAPPED, 'acquirer-de.csv')))).toEqual({ role: 'acquirer', clue: 'acquirer_columns' });
  });

  test('takes a headerless file whose balance follows its amounts for a bank statement', () => {
    expect(roleOf(readFileSync(join(MAPPED, 'td-debit-credit.csv')))).toEqual({ role: 'bank', clue: 'balance' });
  });

  test('takes a card statement with an amount and a description for a bank statement', () => {
    expect(roleOf(readFileSync(join(MAPPED, 'bmo-preamble.csv'))).role).toBe('bank');
  });

  test.each(['western-bank-csv'])('takes the real %s statements for bank statements', dir => {
    for (const f of readdirSync(join(REAL, dir)).filter(n => n.endsWith('.csv')))
      expect(roleOf(readFileSync(join(REAL, dir, f))).role, f).toBe('bank');
  });
});

describe('the mapping preview', () => {
  test.each(['td-debit-credit.csv', 'bmo-preamble.csv'])(
    'shows every data row of %s, the first included, before a currency is chosen',
    name => {
      const bytes = readFileSync(join(MAPPED, name));
      const preview = previewWithProfile(bytes, guessMapping(bytes, 'bank'));
      expect(preview.rows.length).toBe(preview.raw.length);
      expect(preview.issues.some(i => i.message.includes('no currency'))).toBe(true);
    },
  );
});
