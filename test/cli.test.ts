// The command line end to end, as a merchant or a script runs it: the bundled CLI on real files.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { englishRuns } from './support/english';
import { gbk } from './support/gbk.mjs';
import { scoreReport } from './support/score';

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin/settlewatch.mjs');
const GEN = join(ROOT, 'test/fixtures/generated');

function cli(args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}) {
  // English unless a test asks otherwise, whatever the language of the shell running the tests.
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT });
});

describe('settlewatch import', () => {
  for (const scenario of ['cn', 'us', 'eu']) {
    test(`reads every file the generator writes for ${scenario} and names its format`, () => {
      const dir = join(GEN, scenario);
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      const files = manifest.files.filter((f: { role: string }) => f.role === 'acquirer' || f.role === 'bank');
      const r = cli(['import', ...files.map((f: { path: string }) => f.path), '--json'], dir);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.out);
      expect(doc.schema).toBe('settlewatch.import/1');
      expect(doc.files.map((f: { format: string; rows: number; role: string }) => [f.format, f.rows, f.role])).toEqual(
        files.map((f: { format: string; rows: number; role: string }) => [f.format, f.rows, f.role]),
      );
      expect(doc.acquirerTxns).toHaveLength(manifest.stats.transactions);
      expect(doc.bankLines).toHaveLength(manifest.stats.bankLines);
      for (const l of doc.bankLines) expect(Number.isInteger(l.amountMinor)).toBe(true);
    });
  }

  test('refuses a corrupt file naming file, line and field, with a non-zero exit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settlewatch-cli-'));
    const text = readFileSync(join(GEN, 'us/stripe-payout-reconciliation-20260105-20260116.csv'), 'utf8').split('\n');
    const cells = text[3]!.split(',');
    cells[5] = '12.3x';
    text[3] = cells.join(',');
    writeFileSync(join(dir, 'bad.csv'), text.join('\n'));
    const r = cli(['import', join(dir, 'bad.csv'), '--json']);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain(`${join(dir, 'bad.csv')}:4: gross:`);
    expect(r.out).toBe('');
  });

  test('takes the date order of a QIF file from --date-order, and refuses an order it does not know', () => {
    const file = join(ROOT, 'test/fixtures/synthetic/qif/yymmdd.qif');
    const read = (order: string[]) =>
      (JSON.parse(cli(['import', file, ...order, '--json']).out) as { bankLines: { bookedOn: string }[] }).bankLines.map(l => l.bookedOn);
    expect(read([])).toEqual(['2026-03-15', '2026-03-28', '2026-04-02']);
    expect(read(['--date-order', 'dmy'])).toEqual(['2015-03-26', '2028-03-26', '2002-04-26']);
    const bad = cli(['import', file, '--date-order', 'yyyy']);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('--date-order must be mdy, dmy or ymd, found "yyyy"');
  });

  test('refuses a file no format reads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settlewatch-cli-'));
    writeFileSync(join(dir, 'notes.txt'), 'shopping list\nmilk\n');
    const r = cli(['import', join(dir, 'notes.txt')]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/notes\.txt:1: \(file\): no supported format/);
  });
});

describe('column mappings for files no built-in format reads', () => {
  test('guesses a mapping for a headerless Danish bank CSV, and reads the file with it once saved', () => {
    const file = join(ROOT, 'test/fixtures/real/western-bank-csv/bank.csv');
    const guess = cli(['guess-mapping', file]);
    expect(guess.code).toBe(0);
    expect(guess.err).toContain('defaultCurrency');
    const profiles = JSON.parse(guess.out);
    expect(profiles[0]).toMatchObject({ delimiter: ';', decimal: ',', dateOrder: 'dmy', hasHeader: false });
    expect(cli(['import', file]).code).not.toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'settlewatch-cli-'));
    profiles[0].defaultCurrency = 'DKK';
    writeFileSync(join(dir, 'mappings.json'), JSON.stringify(profiles));
    const r = cli(['import', file, '--mapping', join(dir, 'mappings.json'), '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.files[0]).toMatchObject({ format: 'mapped', role: 'bank', rows: 6 });
    expect(doc.bankLines[0].currency).toBe('DKK');
  });

  test('refuses a mappings file that is not one, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settlewatch-cli-'));
    writeFileSync(join(dir, 'm.json'), '[{"name":"x"}]');
    const r = cli(['import', join(GEN, 'cn/config.json'), '--mapping', join(dir, 'm.json')]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('m.json: [0]: is not a column mapping');
  });
});

describe('settlewatch reconcile', () => {
  for (const scenario of ['cn', 'us', 'eu']) {
    test(`reports every ${scenario} transaction once and grades like the truth`, () => {
      const dir = join(GEN, scenario);
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      const r = cli(manifest.reconcileArgs, dir);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.out);
      expect(report.schema).toBe('settlewatch.report/1');
      const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'));
      const score = scoreReport(truth, report);
      expect([score.linkage, score.status, score.alertF1]).toEqual([1, 1, 1]);
      for (const t of report.transactions) expect(t.expectedOn === null).toBe(t.status === 'voided');
    });
  }

  test('prints a readable summary without --json', () => {
    const dir = join(GEN, 'cn');
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    const r = cli(
      manifest.reconcileArgs.filter((a: string) => a !== '--json'),
      dir,
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Transactions by status[\s\S]*settled\s+\d+/);
    expect(r.out).toMatch(/Alerts by kind and severity[\s\S]*missing_credit/);
    expect(r.out).toMatch(/Outstanding per acquirer[\s\S]*拉卡拉/);
  });

  test('prints the summary in Chinese with --lang zh: no English sentence, the same figures', () => {
    const dir = join(GEN, 'cn');
    const args = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).reconcileArgs.filter((a: string) => a !== '--json');
    const zh = cli([...args, '--lang', 'zh'], dir);
    const en = cli([...args, '--lang', 'en'], dir);
    expect(zh.code).toBe(0);
    expect(zh.out).toMatch(/各状态交易笔数[\s\S]*已到账\s+\d+/);
    expect(zh.out).toMatch(/各类提醒[\s\S]*手续费不符/);
    expect(zh.out).toMatch(/各收单机构尚未到账[\s\S]*拉卡拉\s+[\d.]+ CNY {2}共 \d+ 个批次/);
    expect(englishRuns(zh.out)).toEqual([]);
    const figures = (out: string) => out.match(/\d[\d.]*/g);
    expect(figures(zh.out)!.slice(-12)).toEqual(figures(en.out)!.slice(-12));
  });

  test('names the profile explicitly with ID=FILE and honours --as-of', () => {
    const dir = join(GEN, 'cn');
    const r = cli(
      [
        'reconcile',
        '--config',
        'config.json',
        '--acquirer',
        'lakala=lakala-20260105-20260116.csv',
        '--bank',
        'bank-ccb-20260105-20260116.csv',
        '--as-of',
        '2026-01-07',
        '--json',
      ],
      dir,
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.asOf).toBe('2026-01-07');
    expect(new Set(report.transactions.map((t: { acquirer: string }) => t.acquirer))).toEqual(new Set(['lakala']));
  });

  test('refuses a config with a bad field, naming its path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settlewatch-cli-'));
    const config = JSON.parse(readFileSync(join(GEN, 'cn/config.json'), 'utf8'));
    config.acquirers[1].cutoff = '11pm';
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
    const r = cli([
      'reconcile',
      '--config',
      join(dir, 'config.json'),
      '--acquirer',
      join(GEN, 'cn/lakala-20260105-20260116.csv'),
      '--bank',
      join(GEN, 'cn/bank-ccb-20260105-20260116.csv'),
    ]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('acquirers[1].cutoff');
  });

  test('refuses an acquirer file that fits no profile, saying which were considered', () => {
    const r = cli([
      'reconcile',
      '--config',
      join(GEN, 'us/config.json'),
      '--acquirer',
      join(GEN, 'cn/lakala-20260105-20260116.csv'),
      '--bank',
      join(GEN, 'us/bank-wellsfargo-20260105-20260116.ofx'),
    ]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/lakala-20260105-20260116\.csv:1: \(file\): no acquirer profile fits .*profiles considered: stripe/);
  });

  // Big inputs are read on several threads (core/cli/read.ts); SETTLEWATCH_THREADS forces it on small ones.
  for (const scenario of ['cn', 'us', 'eu']) {
    test(`reads the ${scenario} files on worker threads into the very same report as on one thread`, () => {
      const dir = join(GEN, scenario);
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      const one = cli([...manifest.reconcileArgs, '--progress'], dir, { SETTLEWATCH_THREADS: '1' });
      const three = cli([...manifest.reconcileArgs, '--progress'], dir, { SETTLEWATCH_THREADS: '3' });
      expect(one.code).toBe(0);
      expect(three.code).toBe(0);
      expect(one.err).not.toMatch(/threads/);
      expect(three.err).toMatch(/reading \d+ files on [23] threads/);
      expect(three.out).toBe(one.out);
    });
  }

  test('on worker threads, a missing file and a corrupt file are still named, in the order given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settlewatch-cli-'));
    // A row with a bad amount, in GBK like the rest, before the file's 合计 footer.
    const text = new TextDecoder('gbk').decode(readFileSync(join(GEN, 'cn/chinaums-20260105-20260116.csv')));
    const footer = text.lastIndexOf('\n', text.length - 2) + 1;
    const row = '20260110,10:00:00,898310058120002,82281670,625807******9054,贷记卡,消费,abc,0.63,113.37,342099212099,845868,,,成功\r\n';
    writeFileSync(join(dir, 'broken.csv'), gbk(text.slice(0, footer) + row + text.slice(footer)));
    const base = [
      'reconcile',
      '--config',
      join(GEN, 'cn/config.json'),
      '--bank',
      join(GEN, 'cn/bank-ccb-20260105-20260116.csv'),
      '--acquirer',
      join(GEN, 'cn/lakala-20260105-20260116.csv'),
    ];
    const missing = cli([...base, join(dir, 'nowhere.csv'), join(dir, 'broken.csv')], ROOT, { SETTLEWATCH_THREADS: '2' });
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/nowhere\.csv: cannot read the file \(ENOENT\)/);
    const corrupt = cli([...base, join(dir, 'broken.csv')], ROOT, { SETTLEWATCH_THREADS: '2' });
    expect(corrupt.code).toBe(1);
    expect(corrupt.err).toMatch(/broken\.csv:\d+: 交易金额: amount /);
  });
});

describe('the language of messages', () => {
  const dir = join(GEN, 'cn');
  const manifest = () => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { reconcileArgs: string[] };
  type Printed = { code: string; params: { kind: string }; message: string; amountMinor: number };
  const alerts = (out: string) => (JSON.parse(out) as { alerts: Printed[] }).alerts;

  test('--lang zh words every alert in Chinese; the rest of the report is the same as in English', () => {
    const en = cli([...manifest().reconcileArgs, '--lang', 'en'], dir);
    const zh = cli([...manifest().reconcileArgs, '--lang', 'zh'], dir);
    expect(zh.code).toBe(0);
    const enAlerts = alerts(en.out),
      zhAlerts = alerts(zh.out);
    expect(zhAlerts.length).toBeGreaterThan(0);
    expect(zhAlerts.map(({ message: _m, ...rest }) => rest)).toEqual(enAlerts.map(({ message: _m, ...rest }) => rest));
    for (const a of zhAlerts) {
      expect(a.message).toMatch(/[\u4e00-\u9fff]/);
      expect(englishRuns(a.message)).toEqual([]);
    }
    expect(zhAlerts.some(a => a.message.includes('¥'))).toBe(true);
  });

  test('without --lang the environment decides: zh when LC_ALL or LANG starts with zh', () => {
    const byLang = cli(manifest().reconcileArgs, dir, { LANG: 'zh_CN.UTF-8' });
    const byLcAll = cli(manifest().reconcileArgs, dir, { LANG: 'zh_CN.UTF-8', LC_ALL: 'en_US.UTF-8' });
    const flag = cli([...manifest().reconcileArgs, '--lang', 'zh'], dir, { LANG: 'en_US.UTF-8' });
    expect(byLang.out).toBe(flag.out);
    expect(byLcAll.out).toBe(cli([...manifest().reconcileArgs, '--lang', 'en'], dir).out);
    expect(byLang.out).not.toBe(byLcAll.out);
  });

  test('refuses a language it does not speak', () => {
    const r = cli([...manifest().reconcileArgs, '--lang', 'fr'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('--lang must be zh or en, found "fr"');
  });

  test('import issues are printed in the chosen language, with code and parameters in the JSON', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'settlewatch-lang-'));
    const text = readFileSync(join(dir, 'bank-ccb-20260105-20260116.csv'));
    // A date the calendar does not have, on the first data row: the reader names line and column.
    const decoded = new TextDecoder('gbk').decode(text).split('\r\n');
    const row = decoded.findIndex(l => /^\d{8},/.test(l));
    decoded[row] = decoded[row]!.replace(/^\d{8}/, '20261345');
    writeFileSync(join(tmp, 'bad.csv'), gbk(decoded.join('\r\n')));
    const zh = cli(['import', join(tmp, 'bad.csv'), '--lang', 'zh']);
    expect(zh.code).not.toBe(0);
    expect(zh.err).toContain(`${join(tmp, 'bad.csv')}:${row + 1}: 交易日期: “20261345” 不是日期`);
    const en = cli(['import', join(tmp, 'bad.csv')]);
    expect(en.err).toContain(`${join(tmp, 'bad.csv')}:${row + 1}: 交易日期: "20261345" is not a date`);
    const unknown = join(tmp, 'notes.txt');
    writeFileSync(unknown, 'hello\n');
    expect(cli(['import', unknown, '--lang', 'zh']).err).toMatch(/notes\.txt:1: \(file\): 无法识别此文件的格式/);
    // A row given twice is a warning: the file is read, and the JSON carries each issue's code and parameters.
    const good = new TextDecoder('gbk').decode(text).split('\r\n');
    good.splice(row + 1, 0, good[row]!);
    writeFileSync(join(tmp, 'twice.csv'), gbk(good.join('\r\n')));
    const doc = JSON.parse(cli(['import', join(tmp, 'twice.csv'), '--json', '--lang', 'zh']).out) as {
      files: { issues: { code: string; params: object; message: string; line: number }[] }[];
    };
    const issues = doc.files[0]!.issues;
    expect(issues.map(i => i.code)).toEqual(['reused_id', 'statement_total', 'statement_balance']);
    expect(issues[0]).toMatchObject({ line: row + 2, params: { id: expect.any(String), as: expect.stringMatching(/#2$/) } });
    expect(issues[1]!.message).toMatch(/^第 \d+ 行之后的合计行的收入合计为 [\d.]+，但各行相加为 [\d.]+：可能缺少流水$/);
    for (const i of issues) expect(englishRuns(i.message)).toEqual([]);
  });
});
