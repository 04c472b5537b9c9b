#!/usr/bin/env node
// The mutation campaign of issue 16 (`npm run campaign`): every statement and export under test/fixtures and
// test/corpus, plus a small generated cn/us/eu ledger, mutated (cut short, lines deleted, doubled and
// swapped, bytes flipped and inserted, quotes, a very long cell, the encoding changed, empty, header only)
// and read by the reader the command line uses (parseFile of core/import/detect.ts, bundled here as the CLI
// is). Each case runs in a worker thread with a hard time limit, so a hang is counted, not waited on.
// Deterministic for a --seed; bounded by --per-file cases a file and --max-seconds in all.
//
//   node scripts/mutation-campaign.mjs [--seed 1] [--per-file 40] [--limit-ms 10000] [--max-seconds 540]
//                                      [--workers 2] [--only SUBSTRING] [--case K] [--dump] [--out FILE]
//
// Counts per format: refused with structured issues, read with warnings, read clean, unstructured
// (a throw out of parseFile, an "internal error", an issue without line or field), hangs, invalid money
// (not a whole number of minor units), silent value changes and silent loss on truncation (see judge() in
// test/mutation/campaign.mjs). Every bad case goes to .test-results/mutation-campaign-<seed>.json with the
// command that repeats it. Exit status 1 when any unstructured error, hang, invalid value or silent change.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

/** The worker: reads whole files (kept for the cases of the same file) and mutated ones, and judges them. */
async function workerMain() {
  const { parseFile } = await import(pathToFileURL(workerData.reader).href);
  const { judge, rowLinesOf } = await import(pathToFileURL(workerData.campaign).href);
  const wholes = new Map();
  const wholeOf = (label, bytes) => {
    if (!wholes.has(label)) wholes.set(label, parseFile(bytes, { fileName: label.split('/').pop() }));
    return wholes.get(label);
  };
  parentPort.on('message', task => {
    const whole = wholeOf(task.label, task.whole);
    if (!task.bytes) {
      parentPort.postMessage({
        id: task.id,
        format: whole.format,
        rowLines: rowLinesOf(whole),
        errors: whole.issues.filter(i => i.severity === 'error').length,
      });
      return;
    }
    let result, thrown;
    try {
      result = parseFile(task.bytes, { fileName: task.label.split('/').pop() });
    } catch (err) {
      thrown = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    }
    parentPort.postMessage({ id: task.id, verdict: judge(whole, result, thrown, task.truncation) });
  });
}

function options(argv) {
  const o = { seed: 1, perFile: 40, limitMs: 10_000, maxSeconds: 540, workers: 2, only: null, case: null, dump: false, out: null };
  for (let i = 0; i < argv.length; i++) {
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${argv[i - 1]} needs a value`);
      return v;
    };
    const int = (name, v, min) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}, not ${v}`);
      return n;
    };
    switch (argv[i]) {
      case '--seed':
        o.seed = int('--seed', val(), 0);
        break;
      case '--per-file':
        o.perFile = int('--per-file', val(), 1);
        break;
      case '--limit-ms':
        o.limitMs = int('--limit-ms', val(), 1);
        break;
      case '--max-seconds':
        o.maxSeconds = int('--max-seconds', val(), 1);
        break;
      case '--workers':
        o.workers = int('--workers', val(), 1);
        break;
      case '--only':
        o.only = val();
        break;
      case '--case':
        o.case = int('--case', val(), 0);
        break;
      case '--dump':
        o.dump = true;
        break;
      case '--out':
        o.out = val();
        break;
      case '-h':
      case '--help':
        process.stdout.write(
          'usage: node scripts/mutation-campaign.mjs [--seed N] [--per-file N] [--limit-ms MS] [--max-seconds S] [--workers N] [--only SUBSTRING] [--case K] [--dump] [--out FILE]\n',
        );
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${argv[i]}`);
    }
  }
  return o;
}

async function main() {
  let o;
  try {
    o = options(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`mutation-campaign: ${err.message}\n`);
    process.exit(2);
  }
  const started = Date.now();
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const work = join(repo, '.test-results', 'mutation-campaign');
  mkdirSync(work, { recursive: true });
  const campaign = join(repo, 'test', 'mutation', 'campaign.mjs');
  const { inputFiles, readInput, makeCase } = await import(pathToFileURL(campaign).href);

  // The reader the CLI runs, bundled the way scripts/build-cli.mjs bundles the CLI.
  const reader = join(work, 'reader.mjs');
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(repo, 'core/import/detect.ts')],
    outfile: reader,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });

  // The files: the repository's, and a small ledger of each scenario generated for this seed.
  const files = inputFiles(repo).map(rel => ({ label: rel, bytes: readInput(repo, rel) }));
  const tmp = mkdtempSync(join(tmpdir(), 'settlewatch-campaign-'));
  try {
    for (const scenario of ['cn', 'us', 'eu']) {
      const out = join(tmp, scenario);
      execFileSync(
        process.execPath,
        [
          join(repo, 'test/tools/gen-ledger.mjs'),
          '--scenario',
          scenario,
          '--seed',
          String(o.seed),
          '--days',
          '6',
          '--tx-per-day',
          '12',
          '--out',
          out,
        ],
        { stdio: 'ignore' },
      );
      for (const name of readdirSync(out).sort()) {
        if (!/\.json$/.test(name)) files.push({ label: `gen-ledger/${scenario}/${name}`, bytes: readInput(out, name) });
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const chosen = o.only ? files.filter(f => f.label.includes(o.only)) : files;
  if (!chosen.length) {
    process.stderr.write(`mutation-campaign: no file matches --only ${o.only}\n`);
    process.exit(2);
  }

  const pool = new Pool(o.workers, o.limitMs, { reader, campaign });
  const deadline = started + o.maxSeconds * 1000;
  const bad = [];
  const losses = [];
  const cutLast = [];

  // First each whole file: its format and the lines its rows start on (what row-aimed mutations aim at).
  const wholes = await Promise.all(
    chosen.map(async f => {
      const r = await pool.run({ label: f.label, whole: f.bytes });
      if (r.hang) bad.push({ kind: 'hang', file: f.label, mutation: 'none (the whole file)', seed: o.seed });
      return { ...f, format: r.hang ? 'hang' : r.format, rowLines: r.rowLines ?? [], wholeRefused: (r.errors ?? 0) > 0 };
    }),
  );

  // Then the cases, case 0 of every file first, so that a run stopped by --max-seconds still covers every file.
  const table = new Map();
  const row = format => {
    if (!table.has(format))
      table.set(format, {
        files: 0,
        cases: 0,
        refused: 0,
        warned: 0,
        clean: 0,
        unstructured: 0,
        hangs: 0,
        invalid: 0,
        silentChanges: 0,
        cutLastCell: 0,
        idChanged: 0,
        silentLoss: 0,
      });
    return table.get(format);
  };
  for (const f of wholes) row(f.format).files++;
  const ks = o.case === null ? [...Array(o.perFile).keys()] : [o.case];
  const queue = [];
  for (const k of ks) for (const f of wholes) queue.push([f, k]);
  let notRun = 0;
  let done = 0;
  const dumpDir = join(work, 'cases');
  if (o.dump) mkdirSync(dumpDir, { recursive: true });

  const one = async (f, k) => {
    const c = makeCase(f.bytes, f.label, o.seed, k, f.rowLines);
    if (!c) return;
    const t = row(f.format);
    t.cases++;
    const r = await pool.run({ label: f.label, whole: f.bytes, bytes: c.bytes, truncation: c.truncation });
    const where = {
      file: f.label,
      format: f.format,
      mutation: c.mutation,
      case: k,
      seed: o.seed,
      caseSeed: c.seed,
      note: c.note,
      repeat: `node scripts/mutation-campaign.mjs --seed ${o.seed} --only ${JSON.stringify(f.label)} --case ${k} --dump`,
    };
    const dump = () => {
      if (o.dump) writeFileSync(join(dumpDir, `${f.label.replace(/[^\w.-]+/g, '_')}.case${k}.${c.mutation}`), c.bytes);
    };
    if (r.hang) {
      t.hangs++;
      bad.push({ kind: 'hang', ...where, limitMs: o.limitMs });
      dump();
      return;
    }
    const v = r.verdict;
    t[v.outcome === 'unstructured' ? 'unstructured' : v.outcome]++;
    if (v.unstructured.length) {
      bad.push({ kind: 'unstructured', ...where, issues: v.unstructured.slice(0, 5) });
      dump();
    }
    if (v.invalid.length) {
      t.invalid++;
      bad.push({ kind: 'invalid-value', ...where, values: v.invalid.slice(0, 5) });
      dump();
    }
    if (v.silentChanges.length) {
      t.silentChanges++;
      bad.push({ kind: 'silent-change', ...where, rows: v.silentChanges.slice(0, 5) });
      dump();
    }
    if (v.idChanged.length) {
      t.idChanged++;
      bad.push({ kind: 'id-changed', ...where, rows: v.idChanged.slice(0, 5) });
    }
    if (v.cutLastCell.length) {
      t.cutLastCell++;
      cutLast.push({ ...where, rows: v.cutLastCell });
    }
    if (v.silentLoss) {
      t.silentLoss++;
      losses.push({ ...where, ...v.silentLoss });
    }
  };

  const runners = Array.from({ length: o.workers }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (Date.now() > deadline) {
        notRun += 1 + queue.length;
        queue.length = 0;
        break;
      }
      await one(...next);
      if (++done % 500 === 0) process.stderr.write(`  ${done} cases, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    }
  });
  await Promise.all(runners);
  await pool.close();

  // The report.
  const cols = [
    'files',
    'cases',
    'refused',
    'warned',
    'clean',
    'unstructured',
    'hangs',
    'invalid',
    'silentChanges',
    'idChanged',
    'cutLastCell',
    'silentLoss',
  ];
  const heads = [
    'format',
    'files',
    'cases',
    'refused',
    'warned',
    'clean',
    'unstructured',
    'hangs',
    'invalid',
    'silent chg',
    'id chg',
    'last cell cut',
    'silent loss',
  ];
  const total = Object.fromEntries(cols.map(c => [c, [...table.values()].reduce((n, r) => n + r[c], 0)]));
  const lines = [...[...table.entries()].sort(([a], [b]) => a.localeCompare(b)), ['TOTAL', total]].map(([format, r]) => [
    format,
    ...cols.map(c => String(r[c])),
  ]);
  const widths = heads.map((h, i) => Math.max(h.length, ...lines.map(l => l[i].length)));
  const fmt = cells => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const seconds = (Date.now() - started) / 1000;
  const out = o.out ?? join(repo, '.test-results', `mutation-campaign-${o.seed}.json`);
  const bads = {
    unstructured: bad.filter(b => b.kind === 'unstructured').length,
    hangs: bad.filter(b => b.kind === 'hang').length,
    invalid: bad.filter(b => b.kind === 'invalid-value').length,
    silentChanges: bad.filter(b => b.kind === 'silent-change').length,
    idChanged: bad.filter(b => b.kind === 'id-changed').length,
  };
  const lossBy = {};
  for (const l of losses) lossBy[`${l.format} ${l.mutation}`] = (lossBy[`${l.format} ${l.mutation}`] ?? 0) + 1;
  writeFileSync(
    out,
    JSON.stringify(
      {
        command: `node scripts/mutation-campaign.mjs ${process.argv.slice(2).join(' ')}`.trim(),
        seed: o.seed,
        perFile: o.perFile,
        limitMs: o.limitMs,
        seconds,
        files: chosen.length,
        notRun,
        table: Object.fromEntries(table),
        total,
        bad,
        silentLossByFormatAndMutation: lossBy,
        silentLoss: losses,
        cutLastCell: cutLast,
      },
      null,
      1,
    ),
  );

  process.stdout.write(
    `mutation campaign: seed ${o.seed}, ${chosen.length} files, up to ${o.perFile} cases each, ${o.limitMs} ms a case, ${seconds.toFixed(0)} s\n\n`,
  );
  process.stdout.write(`${fmt(heads)}\n${lines.map(fmt).join('\n')}\n\n`);
  if (notRun) process.stdout.write(`stopped at --max-seconds ${o.maxSeconds}: ${notRun} cases not run\n`);
  process.stdout.write(
    `unstructured ${bads.unstructured}, hangs ${bads.hangs}, invalid values ${bads.invalid}, silent value changes ${bads.silentChanges}, ids changed ${bads.idChanged}; silent loss ${losses.length} (${
      Object.entries(lossBy)
        .map(([k, n]) => `${k}: ${n}`)
        .join(', ') || 'none'
    })\n`,
  );
  process.stdout.write(`details: ${out}\n`);
  for (const b of bad.slice(0, 20)) process.stdout.write(`  ${b.kind}: ${b.file} ${b.mutation} (${b.note ?? ''}) → ${b.repeat ?? ''}\n`);
  process.exit(bads.unstructured + bads.hangs + bads.invalid + bads.silentChanges > 0 ? 1 : 0);
}

/** Worker threads, one task at a time each; a task past the limit ends its worker (a new one takes its place). */
class Pool {
  constructor(size, limitMs, data) {
    this.limitMs = limitMs;
    this.data = data;
    this.idle = Array.from({ length: size }, () => this.spawn());
    this.waiting = [];
    this.nextId = 0;
  }

  spawn() {
    return new Worker(fileURLToPath(import.meta.url), { workerData: this.data });
  }

  async take() {
    if (this.idle.length) return this.idle.pop();
    return new Promise(res => this.waiting.push(res));
  }

  give(worker) {
    const w = this.waiting.shift();
    if (w) w(worker);
    else this.idle.push(worker);
  }

  /** Runs one task: its reply, or { hang: true } past the limit. */
  async run(task) {
    const worker = await this.take();
    const id = this.nextId++;
    return new Promise((res, rej) => {
      const done = (reply, replace) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        if (replace) {
          void worker.terminate();
          this.give(this.spawn());
        } else this.give(worker);
        res(reply);
      };
      const onMessage = m => {
        if (m.id === id) done(m, false);
      };
      // An error escaping the worker's handler is parseFile crashing the thread (out of memory, a stack overflow).
      const onError = err =>
        done(
          {
            verdict: {
              outcome: 'unstructured',
              unstructured: [`the reader crashed its thread: ${String(err).slice(0, 300)}`],
              invalid: [],
              silentChanges: [],
              cutLastCell: [],
              idChanged: [],
              silentLoss: null,
            },
            format: 'crashed',
            rowLines: [],
          },
          true,
        );
      const timer = setTimeout(() => done({ hang: true }, true), this.limitMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      try {
        worker.postMessage({ id, ...task });
      } catch (err) {
        clearTimeout(timer);
        rej(err);
      }
    });
  }

  async close() {
    await Promise.all(this.idle.map(w => w.terminate()));
  }
}

if (isMainThread) await main();
else await workerMain();
