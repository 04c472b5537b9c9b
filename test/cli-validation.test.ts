// Every option, profile and file the command line is given is checked before it is used (issue 16).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin/settlewatch.mjs');
const CN = join(ROOT, 'test/fixtures/generated/cn');
const US = join(ROOT, 'test/fixtures/generated/us');

function cli(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT });
});

describe('reconcile refuses what it cannot use', () => {
  const cn = [
    'reconcile',
    '--config',
    'config.json',
    '--acquirer',
    'lakala-20260105-20260116.csv',
    '--bank',
    'bank-ccb-20260105-20260116.csv',
  ];

  test('an --as-of that is not a real date', () => {
    for (const asOf of ['2026-13-45', '2026-02-30', '26-01-07']) {
      const r = cli([...cn, '--as-of', asOf], CN);
      expect(r.code).not.toBe(0);
      expect(r.err).toContain(`--as-of must be a real date YYYY-MM-DD, found "${asOf}"`);
      expect(r.out).toBe('');
    }
    expect(cli([...cn, '--as-of', '2026-01-07', '--json'], CN).code).toBe(0);
  });

  test('a config profile naming a format no reader produces, with its path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settlewatch-validation-'));
    const config = JSON.parse(readFileSync(join(CN, 'config.json'), 'utf8'));
    config.acquirers[0].format = 'lakala-export';
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
    const r = cli([
      'reconcile',
      '--config',
      join(dir, 'config.json'),
      '--acquirer',
      join(CN, 'lakala-20260105-20260116.csv'),
      '--bank',
      join(CN, 'bank-ccb-20260105-20260116.csv'),
    ]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain(`${join(dir, 'config.json')}: acquirers[0].format: "lakala-export" is not an acquirer format`);
  });

  test('an export named for a profile of another currency, on its first row of that currency', () => {
    const stripe = join(US, 'stripe-payout-reconciliation-20260105-20260116.csv');
    const r = cli(
      ['reconcile', '--config', 'config.json', '--acquirer', `lakala=${stripe}`, '--bank', 'bank-ccb-20260105-20260116.csv', '--json'],
      CN,
    );
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(
      new RegExp(`${stripe.replace(/[.]/g, '\\.')}:2: currency: the row is in USD, but acquirer profile "lakala" settles in CNY`),
    );
    expect(r.out).toBe('');
  });
});

describe('import says when a file holds no rows', () => {
  test('a header-only export is read as 0 rows with a warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settlewatch-validation-'));
    const bytes = readFileSync(join(CN, 'lakala-20260105-20260116.csv'));
    let end = 0;
    for (let n = 0; n < 4; n++) end = bytes.indexOf(0x0a, end) + 1; // title lines and the header
    writeFileSync(join(dir, 'empty.csv'), bytes.subarray(0, end));
    const r = cli(['import', join(dir, 'empty.csv'), '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.files[0]).toMatchObject({
      format: 'cn-acquirer',
      rows: 0,
      issues: [{ line: 1, field: '(file)', severity: 'warning', message: 'the file holds no transactions, only its header: 0 rows read' }],
    });
    expect(r.err).toContain('empty.csv:1: (file): the file holds no transactions');
  });
});
