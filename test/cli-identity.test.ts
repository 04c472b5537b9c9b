// Nothing counted twice on the command line (issue 16): a statement or export given twice, a renamed copy
// and overlapping monthly statements read as the one file; lines of two accounts that share ids all stay.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ofxStatement as ofx } from './support/ofx';

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin/settlewatch.mjs');

function cli(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 << 20 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A 60-day ledger and its bank statement split per month, in a fresh directory. */
function ledger(scenario: 'cn' | 'us'): { dir: string; acquirer: string[]; bank: string; months: string[] } {
  const dir = mkdtempSync(join(tmpdir(), `settlewatch-identity-${scenario}-`));
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'test/tools/gen-ledger.mjs'),
      '--scenario',
      scenario,
      '--seed',
      '11',
      '--days',
      '60',
      '--tx-per-day',
      '20',
      '--out',
      join(dir, 'whole'),
    ],
    { stdio: 'ignore' },
  );
  execFileSync(process.execPath, [join(ROOT, 'test/tools/gap-ledger.mjs'), '--in', join(dir, 'whole'), '--out', join(dir, 'months')], {
    stdio: 'ignore',
  });
  const manifest = JSON.parse(readFileSync(join(dir, 'whole/manifest.json'), 'utf8'));
  const files = manifest.files as { path: string; role: string }[];
  return {
    dir,
    acquirer: files.filter(f => f.role === 'acquirer').map(f => join(dir, 'whole', f.path)),
    bank: join(dir, 'whole', files.find(f => f.role === 'bank')!.path),
    months: readdirSync(join(dir, 'months'))
      .filter(f => f.startsWith('bank-'))
      .sort()
      .map(f => join(dir, 'months', f)),
  };
}

function reconcile(l: ReturnType<typeof ledger>, acquirer: string[], bank: string[]) {
  return cli(['reconcile', '--config', join(l.dir, 'whole/config.json'), '--acquirer', ...acquirer, '--bank', ...bank, '--json']);
}

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT });
});

describe('reconcile counts each fact once', () => {
  for (const scenario of ['cn', 'us'] as const) {
    test(`a ${scenario} statement given twice, as a renamed copy, or with overlapping monthly statements reports byte for byte like the one file`, () => {
      const l = ledger(scenario);
      expect(l.months.length).toBeGreaterThanOrEqual(3);
      const once = reconcile(l, l.acquirer, [l.bank]);
      expect(once.code).toBe(0);
      const renamed = join(l.dir, `copy-of-${scenario}.statement`);
      copyFileSync(l.bank, renamed);
      const [first, second, ...rest] = l.months;
      for (const bank of [
        [l.bank, l.bank],
        [l.bank, renamed],
        l.months,
        [first!, l.bank, second!, ...rest],
        [first!, second!, second!, ...rest],
      ]) {
        const r = reconcile(l, l.acquirer, bank);
        expect(r.err).toBe('');
        expect(r.out).toBe(once.out);
      }
    });

    test(`the same ${scenario} export given twice lists every transaction once and raises no duplicate charge of its own`, () => {
      const l = ledger(scenario);
      const once = reconcile(l, l.acquirer, [l.bank]);
      const twice = reconcile(l, [...l.acquirer, ...l.acquirer], [l.bank]);
      expect(twice.code).toBe(0);
      const report = JSON.parse(twice.out);
      const ids = report.transactions.map((t: { id: string }) => t.id);
      expect(new Set(ids).size).toBe(ids.length);
      const duplicates = (out: string) => JSON.parse(out).alerts.filter((a: { kind: string }) => a.kind === 'duplicate_charge').length;
      expect(duplicates(twice.out)).toBe(duplicates(once.out));
      expect(twice.out).toBe(once.out);
    });
  }
});

describe('import keeps lines of two accounts that share ids', () => {
  test('two OFX accounts numbering their lines 1 to 3 keep all six lines; the same statement again adds none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settlewatch-identity-ofx-'));
    writeFileSync(join(dir, 'a.ofx'), ofx('1111', ['10.00', '20.00', '30.00']));
    writeFileSync(join(dir, 'b.ofx'), ofx('2222', ['40.00', '50.00', '60.00']));
    const r = cli(['import', join(dir, 'a.ofx'), join(dir, 'b.ofx'), join(dir, 'a.ofx'), '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.bankLines.map((l: { account: string; id: string; amountMinor: number }) => `${l.account}/${l.id}:${l.amountMinor}`)).toEqual(
      ['1111/1:1000', '1111/2:2000', '1111/3:3000', '2222/1:4000', '2222/2:5000', '2222/3:6000'],
    );
  });

  test('a statement line repeated inside the file is counted once with a warning naming both lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settlewatch-identity-ofx-'));
    const text = ofx('1111', ['10.00', '20.00']);
    const second = text.indexOf('<STMTTRN>', text.indexOf('<STMTTRN>') + 1);
    writeFileSync(join(dir, 'a.ofx'), text.slice(0, second) + text.slice(second, text.indexOf('</BANKTRANLIST>')) + text.slice(second));
    const r = cli(['import', join(dir, 'a.ofx'), '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.bankLines).toHaveLength(2);
    expect(doc.files[0].issues).toContainEqual(
      expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/repeats line \d+ \(bank line 2\)/) }),
    );
  });

  test('a line id used twice inside one file with other amounts refuses the file, naming both lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settlewatch-identity-ofx-'));
    writeFileSync(join(dir, 'a.ofx'), ofx('1111', ['10.00', '20.00']).replace('<FITID>2', '<FITID>1'));
    const r = cli(['import', join(dir, 'a.ofx')]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/a\.ofx:\d+: bookedOn: bank line 1 is on line \d+ too, with other bookedOn, amountMinor/);
  });
});
