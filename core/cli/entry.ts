import { main } from './main';

process.exitCode = main(process.argv.slice(2));
// For benchmarks: the peak resident set size of this process, read by scripts/bench.mjs.
if (process.env.SETTLEWATCH_REPORT_RSS) process.stderr.write(`settlewatch: peak-rss-kb=${process.resourceUsage().maxRSS}\n`);
