import { isMainThread } from 'node:worker_threads';
import { main } from './main';
import { runReaderThread } from './read';

// This bundle is also the script of the worker threads that read big files in parallel (read.ts).
if (isMainThread) {
  process.exitCode = await main(process.argv.slice(2), new URL(import.meta.url));
  // For benchmarks: the peak resident set size of this process, read by scripts/bench.mjs.
  if (process.env.SETTLEWATCH_REPORT_RSS) process.stderr.write(`settlewatch: peak-rss-kb=${process.resourceUsage().maxRSS}\n`);
} else {
  runReaderThread();
}
