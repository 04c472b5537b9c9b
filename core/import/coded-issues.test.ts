// Every issue a reader reports carries a code and typed params (issue 12: the core writes no sentences).
// Each reader below is run over its fixtures and over damaged copies of them (cut short, a line dropped,
// repeated or with its digits and letters scrambled), and every issue it reports must have a code.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { FORMATS } from './formats/index';
import type { ParseIssue } from '../model/types';

const FIXTURES = new URL('../../test/fixtures/', import.meta.url);

/**
 * Every reader in FORMATS (a test below fails on one missing here): its fixture folders (real and synthetic),
 * and how many kinds of issue the damaged copies must at least draw from it (a workbook's damaged bytes mostly
 * stop it opening; a personal bill is refused with one issue whatever it holds).
 */
const CODED_READERS: Readonly<Record<string, { readonly folders: readonly string[]; readonly kinds: number }>> = {
  ofx: { folders: ['real/ofx', 'synthetic/ofx'], kinds: 5 },
  camt053: { folders: ['real/camt', 'synthetic/camt'], kinds: 5 },
  mt940: { folders: ['real/mt940', 'synthetic/mt940'], kinds: 5 },
  bai2: { folders: ['real/bai2', 'synthetic/bai2'], kinds: 5 },
  qif: { folders: ['real/qif', 'synthetic/qif'], kinds: 5 },
  'adyen-sdr': { folders: ['synthetic/adyen-sdr'], kinds: 5 },
  mobilepay: { folders: ['real/mobilepay'], kinds: 5 },
  'adyen-par': { folders: ['synthetic/adyen-par'], kinds: 4 },
  square: { folders: ['synthetic/square'], kinds: 4 },
  zettle: { folders: ['real/zettle'], kinds: 2 },
  'paypal-stl': { folders: ['synthetic/paypal-stl'], kinds: 4 },
  clearhaus: { folders: ['real/clearhaus'], kinds: 3 },
  allinpay: { folders: ['synthetic/allinpay'], kinds: 3 },
  leshua: { folders: ['synthetic/leshua'], kinds: 3 },
  'wechat-pay': { folders: ['synthetic/wechat-pay'], kinds: 6 },
  'paypal-activity': { folders: ['synthetic/paypal-activity', 'synthetic/paypal-statement'], kinds: 6 },
  alipay: { folders: ['synthetic/alipay'], kinds: 4 },
  'cn-acquirer': { folders: ['generated/cn'], kinds: 3 },
  'cn-bank-csv': { folders: ['real/cn-bank', 'synthetic/cn-bank'], kinds: 6 },
  'stripe-itemized': { folders: ['synthetic/stripe'], kinds: 3 },
  'cn-bank-xls': { folders: ['real/cn-bank'], kinds: 5 },
  'cn-card-statement': { folders: ['synthetic/cn-card'], kinds: 2 },
  'wechat-personal': { folders: ['real/cn-pay-bills'], kinds: 1 },
  'alipay-personal': { folders: ['real/cn-pay-bills'], kinds: 1 },
  'jd-personal': { folders: ['real/cn-pay-bills'], kinds: 1 },
  mapped: { folders: ['synthetic/mapped'], kinds: 4 },
};

const SAMPLES = 12;

function filesIn(folder: string): { name: string; bytes: Uint8Array }[] {
  const dir = new URL(`${folder}/`, FIXTURES);
  return readdirSync(dir)
    .filter(name => !name.startsWith('LICENSE') && !name.endsWith('.md') && statSync(new URL(name, dir)).isFile())
    .map(name => ({ name: `${folder}/${name}`, bytes: new Uint8Array(readFileSync(new URL(name, dir))) }));
}

/** `count` indexes spread evenly over `0..n-1` (all of them when there are fewer). */
function spread(n: number, count: number): number[] {
  if (n <= count) return [...Array(n).keys()];
  return [...new Set([...Array(count).keys()].map(k => Math.floor((k * (n - 1)) / (count - 1))))];
}

/** Digits become letters and letters digits: dates, amounts and tags stop reading. */
function scramble(line: string): string {
  return line.replace(/[0-9A-Za-z]/g, c => (/\d/.test(c) ? 'x' : '7'));
}

/** The file and its damaged copies, each with what was done to it. */
function variants(bytes: Uint8Array): { how: string; bytes: Uint8Array }[] {
  const out = [{ how: 'as is', bytes }];
  for (const k of spread(bytes.length, SAMPLES)) if (k > 0) out.push({ how: `cut at byte ${k}`, bytes: bytes.subarray(0, k) });
  const text = new TextDecoder().decode(bytes);
  const lines = text.split('\n');
  const encode = (ls: string[]) => new TextEncoder().encode(ls.join('\n'));
  for (const i of spread(lines.length, SAMPLES)) {
    out.push({ how: `line ${i + 1} dropped`, bytes: encode(lines.filter((_, j) => j !== i)) });
    out.push({ how: `line ${i + 1} twice`, bytes: encode(lines.flatMap((l, j) => (j === i ? [l, l] : [l]))) });
    out.push({ how: `line ${i + 1} scrambled`, bytes: encode(lines.map((l, j) => (j === i ? scramble(l) : l))) });
  }
  out.push({ how: 'empty', bytes: new Uint8Array() });
  out.push({ how: 'not this format', bytes: new TextEncoder().encode('hello\nworld\n') });
  return out;
}

describe('every issue a reader reports has a code', () => {
  test('every reader in FORMATS is in the list above', () => {
    expect(FORMATS.map(f => f.name).filter(name => !(name in CODED_READERS))).toEqual([]);
  });

  test.each(Object.entries(CODED_READERS))('%s', (name, { folders, kinds }) => {
    const format = FORMATS.find(f => f.name === name);
    expect(format, name).toBeDefined();
    const uncoded: string[] = [];
    const codes = new Set<string>();
    for (const file of folders.flatMap(filesIn)) {
      for (const v of variants(file.bytes)) {
        const issues: ParseIssue[] = format!.parse(v.bytes, { fileName: 'f' }).issues;
        for (const issue of issues) {
          if (issue.code === undefined) uncoded.push(`${file.name} (${v.how}): line ${issue.line} ${issue.field}: ${issue.message}`);
          else codes.add(issue.code);
        }
      }
    }
    expect(uncoded).toEqual([]);
    // The damage reaches the readers' checks: each reports several kinds of issue, not one refusal for everything.
    expect(codes.size, [...codes].join(', ')).toBeGreaterThanOrEqual(kinds);
  });
});
