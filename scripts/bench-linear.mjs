#!/usr/bin/env node
// npm run bench:linear (also the first part of npm run bench): shows that each reader's time grows
// linearly with its input on the shapes that used to make it quadratic: quotes, long lines, unclosed
// constructs, nesting, zips that lie. Each case is read at size n and 2n (built by
// test/hostile/make-cases.mjs), in this process, in CPU time, the fastest of --runs runs (7 by default: on a
// shared machine the fastest is the least disturbed); the ratio t(2n)/t(n) should
// stay at or below 2.2 (a quadratic reader shows ~4).
//
//   node scripts/bench-linear.mjs                  # every case
//   node scripts/bench-linear.mjs --only camt-one-line,ofx-one-line --runs 5
//   node scripts/bench-linear.mjs --root /path/to/another/checkout   # the same cases against other code
//
// The core is bundled with esbuild into .bench/ (git-ignored) from --root (this checkout by default).
import { build } from 'esbuild';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as cases from '../test/hostile/make-cases.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const runs = Math.max(1, Number(args.runs ?? 7));
const only = args.only ? new Set(args.only.split(',')) : null;
const codeRoot = resolve(args.root ?? ROOT);
const TARGET = 2.2;

// Sizes n at which each case takes a measurable time (tenths of a second) once linear.
const SHAPES = [
  { name: 'csv-unterminated-quote', shape: 'quotes', make: cases.csvUnterminatedQuote, n: 100_000, unit: 'rows after the quote' },
  { name: 'csv-many-quotes-one-cell', shape: 'quotes', make: cases.csvManyQuotes, n: 1_000_000, unit: 'quotes in one cell' },
  { name: 'csv-quote-line', shape: 'quotes', make: cases.csvQuoteLine, n: 4_000_000, unit: 'quotes on one line' },
  { name: 'camt-one-line', shape: 'long line', make: cases.camtOneLine, n: 20_000, unit: 'entries on one line', pretty: true },
  { name: 'ofx-one-line', shape: 'long line', make: cases.ofxOneLine, n: 40_000, unit: 'transactions on one line', pretty: true },
  { name: 'camt-unclosed-pi', shape: 'unclosed', make: cases.camtUnclosed('<?pi '), n: 1_600_000, unit: 'unclosed <?' },
  { name: 'camt-unclosed-comment', shape: 'unclosed', make: cases.camtUnclosed('<!-- '), n: 1_600_000, unit: 'unclosed <!--' },
  { name: 'camt-unclosed-cdata', shape: 'unclosed', make: cases.camtUnclosed('<![CDATA[ '), n: 1_600_000, unit: 'unclosed <![CDATA[' },
  {
    name: 'camt-unclosed-doctype',
    shape: 'unclosed',
    make: cases.camtUnclosed('<!DOCTYPE x [ '),
    n: 1_600_000,
    unit: 'unclosed <!DOCTYPE [',
  },
  { name: 'ofx-unclosed-pi', shape: 'unclosed', make: cases.ofxUnclosed('<?pi '), n: 1_600_000, unit: 'unclosed <?' },
  { name: 'camt-deep', shape: 'nesting', make: cases.camtDeep, n: 2_000_000, unit: 'levels' },
  { name: 'ofx-deep', shape: 'nesting', make: cases.ofxDeep, n: 2_000_000, unit: 'levels' },
  { name: 'xlsx-long-attribute', shape: 'long line', make: cases.xlsxLongAttribute, n: 4_000_000, unit: 'characters in one tag' },
  { name: 'xlsx-lying-size', shape: 'zip', make: cases.xlsxLyingSize, n: 2_000, unit: 'MB behind a 1 MB claim' },
  { name: 'qif-tiny-rows', shape: 'rows', make: cases.qifTiny, n: 200_000, unit: 'records' },
];

const outDir = join(ROOT, '.bench');
mkdirSync(outDir, { recursive: true });
const bundle = join(outDir, `linear-${codeRoot === ROOT ? 'here' : 'other'}.mjs`);
await build({
  stdin: { contents: "export { parseFile } from './core/import/detect';", resolveDir: codeRoot, loader: 'ts' },
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  nodePaths: [join(ROOT, 'node_modules')],
});
const { parseFile } = await import(pathToFileURL(bundle).href);

// A full collection before each run, so that one run does not pay for the garbage of the one before.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

/** One read of `bytes` after a full collection: seconds, and what the read said. */
function once(bytes) {
  gc();
  // CPU time of this process (all its threads, the collector's included), not wall time: on a shared
  // machine other processes stretch wall time by whatever they happen to run meanwhile.
  const started = process.cpuUsage();
  const result = parseFile(bytes, { fileName: 'bench' });
  const used = process.cpuUsage(started);
  const seconds = (used.user + used.system) / 1e6;
  const error = result.issues.find(i => i.severity === 'error');
  return {
    seconds,
    outcome: error ? `refused: ${error.message.slice(0, 60)}` : `read ${result.bankLines.length + result.acquirerTxns.length} rows`,
  };
}

/**
 * The fastest of `runs` reads of each input (the least disturbed by other work), the inputs read in turn
 * so that a change in the machine's load falls on all of them alike.
 */
function time(...inputs) {
  const best = inputs.map(() => ({ seconds: Infinity, outcome: '' }));
  for (let r = 0; r < runs; r++) {
    inputs.forEach((bytes, k) => {
      const t = once(bytes);
      if (t.seconds < best[k].seconds) best[k] = t;
    });
  }
  return best;
}

const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(
  `bench-linear: ${codeRoot}; CPU seconds, fastest of ${runs} run(s), n and 2n read in turn; target t(2n)/t(n) ≤ ${TARGET}; load average ${load}`,
);
console.log(
  `${'case'.padEnd(26)}${'shape'.padEnd(11)}${'n'.padStart(11)}${'t(n)'.padStart(9)}${'t(2n)'.padStart(9)}${'ratio'.padStart(7)}  outcome at 2n`,
);
let worst = 0;
for (const s of SHAPES) {
  if (only && !only.has(s.name)) continue;
  const small = s.make(s.n),
    large = s.make(2 * s.n);
  once(small); // warm-up: compile the reader before timing it
  // The same document with a line break between tags: a one-line file should cost what this costs.
  const pretty = s.pretty ? new TextEncoder().encode(new TextDecoder().decode(large).replaceAll('><', '>\n<')) : null;
  const [a, b, p] = time(small, large, ...(pretty ? [pretty] : []));
  // Below 50 ms the ratio is mostly the machine's noise (a reader that refuses early spends its time
  // decoding the text): shown, marked, and left out of the worst ratio.
  const ratio = b.seconds / a.seconds;
  const noise = b.seconds < 0.05;
  if (!noise) worst = Math.max(worst, ratio);
  const flag = noise ? '  (under 50 ms: noise)' : ratio > TARGET ? '  <-- above target' : '';
  console.log(
    `${s.name.padEnd(26)}${s.shape.padEnd(11)}${s.n.toLocaleString('en-US').padStart(11)}${a.seconds.toFixed(3).padStart(9)}${b.seconds.toFixed(3).padStart(9)}${ratio.toFixed(2).padStart(7)}  ${b.outcome}${flag}`,
  );
  const control = p ? `; the same 2n pretty-printed ${p.seconds.toFixed(3)} s, one-line/pretty ${(b.seconds / p.seconds).toFixed(2)}` : '';
  console.log(`${''.padEnd(37)}(${s.unit}; ${(small.length / 1e6).toFixed(1)} MB → ${(large.length / 1e6).toFixed(1)} MB${control})`);
}
console.log(`worst ratio ${worst.toFixed(2)} (target ≤ ${TARGET}; cases under 50 ms left out)`);
