#!/usr/bin/env node
// npm run bench: a year of card payments end to end through the command line, as a merchant's script
// would run it: decode, parse, expect, match, alert and write the JSON report. Prints wall time,
// transactions per second and peak RSS per ledger, and the grade of each report against its truth.
//
//   npm run bench                      # cn 1,000,000 transactions (365 days) and us 1,000,000
//   node scripts/bench.mjs --tx-per-day 300 --days 60   # a quicker look
//   node scripts/bench.mjs --scenarios cn --runs 5       # one ledger, more runs
//
// Ledgers are generated once into .bench/ (git-ignored) and reused. Each ledger runs --runs times (3 by
// default) and the median is the figure, with the fastest and slowest beside it: on a shared machine one
// run can be 40 % slower than the next. SETTLEWATCH_THREADS=1 measures the CLI on one thread.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = resolve(import.meta.dirname, '..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const days = Number(args.days ?? 365);
const perDay = Number(args['tx-per-day'] ?? 2740);
const scenarios = (args.scenarios ?? 'cn,us').split(',');
const runs = Math.max(1, Number(args.runs ?? 3));

execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT, stdio: 'inherit' });

function ledger(scenario) {
  const dir = join(ROOT, '.bench', `${scenario}-${days}d-${perDay}`);
  if (!existsSync(join(dir, 'manifest.json'))) {
    mkdirSync(dir, { recursive: true });
    process.stderr.write(`bench: generating ${scenario} ledger (${days} days × ${perDay} sales/day) into ${dir}\n`);
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'test/tools/gen-ledger.mjs'),
        '--scenario',
        scenario,
        '--seed',
        '1',
        '--days',
        String(days),
        '--tx-per-day',
        String(perDay),
        '--out',
        dir,
      ],
      { stdio: 'inherit' },
    );
  }
  return dir;
}

function run(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const out = openSync(join(dir, 'report.json'), 'w');
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/settlewatch.mjs'), ...manifest.reconcileArgs], {
      cwd: dir,
      stdio: ['ignore', out, 'pipe'],
      env: { ...process.env, SETTLEWATCH_REPORT_RSS: '1' },
    });
    let err = '';
    child.stderr.on('data', d => {
      err += d;
    });
    child.on('exit', code => {
      closeSync(out);
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) {
        fail(new Error(`settlewatch exited ${code}: ${err}`));
        return;
      }
      const rss = Number(/peak-rss-kb=(\d+)/.exec(err)?.[1] ?? 0) * 1024;
      done({ manifest, seconds, rss });
    });
  });
}

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`bench: ${days} days × ${perDay} sales/day per scenario; load average before: ${load()}`);
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const scenario of scenarios) {
  const dir = ledger(scenario);
  const done = [];
  for (let r = 0; r < runs; r++) done.push(await run(dir));
  const { manifest } = done[0];
  const n = manifest.stats.transactions;
  const seconds = done.map(d => d.seconds),
    mib = done.map(d => d.rss / 2 ** 20);
  const score = execFileSync(
    process.execPath,
    [join(ROOT, 'test/support/score-cli.mjs'), join(dir, 'truth.json'), join(dir, 'report.json')],
    { encoding: 'utf8' },
  ).trim();
  console.log(
    `${scenario}: ${n.toLocaleString('en')} transactions, ${manifest.stats.bankLines} bank lines: ` +
      `${median(seconds).toFixed(2)} s wall (median of ${runs}; ${Math.min(...seconds).toFixed(2)}–${Math.max(...seconds).toFixed(2)}), ` +
      `${Math.round(n / median(seconds)).toLocaleString('en')} transactions/s, peak RSS ${median(mib).toFixed(0)} MiB (max ${Math.max(...mib).toFixed(0)}); ${score}`,
  );
}
console.log(`bench: load average after: ${load()} (2 cores; figures above are wall time on a shared machine)`);
