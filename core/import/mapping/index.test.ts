import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { findProfile, guessMapping, profileKey, type MappingProfile } from './index';

const fixture = (path: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../test/fixtures/${path}`, import.meta.url)));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const DANISH = fixture('real/western-bank-csv/bank.csv');
const HSBC = fixture('real/western-bank-csv/example-hsbchk-debit-records.csv');
const TD = fixture('synthetic/mapped/td-debit-credit.csv');

describe('profileKey', () => {
  test('is the normalized header, or the column count of a headerless file', () => {
    expect(profileKey(HSBC)).toBe('date|description|billingamount|billingcurrency|balance|balancecurrency');
    expect(profileKey(DANISH)).toBe('#cols:6');
    expect(profileKey(fixture('synthetic/mapped/bmo-preamble.csv'))).toBe('firstbankcard|transactiontype|dateposted|transactionamount|description');
    expect(profileKey(utf8('no table here'))).toBeNull();
  });
});

describe('findProfile', () => {
  const saved: MappingProfile[] = [
    { ...guessMapping(DANISH, 'bank', { defaultCurrency: 'DKK' }), id: 'danske', name: 'Danske Bank' },
    { ...guessMapping(HSBC, 'bank'), id: 'hsbc', name: 'HSBC HK' },
    { ...guessMapping(TD, 'bank', { defaultCurrency: 'CAD' }), id: 'td', name: 'TD chequing' },
  ];

  test('reuses a saved profile for a later export with the same header', () => {
    const later = utf8('Date,Description,Billing amount,Billing currency,Balance,Balance currency\n01/04/2025,X,"-2.00"\t,HKD,"1.00"\t,HKD\n');
    expect(findProfile(later, saved)?.id).toBe('hsbc');
  });

  test('reuses a headerless profile only when the delimiter matches and the rows read without errors', () => {
    expect(findProfile(DANISH, saved)?.id).toBe('danske');
    expect(findProfile(TD, saved)?.id).toBe('td');
    // Six ";" columns, but the fourth is not an amount: not the Danish layout.
    expect(findProfile(utf8('04/09/2023;a;b;not money;x;\n05/09/2023;a;b;nope;x;\n'), saved)).toBeNull();
  });

  test('finds nothing for a header no profile was saved for', () => {
    expect(findProfile(utf8('When,What,How much\n01/01/2026,x,1.00\n'), saved)).toBeNull();
  });
});
