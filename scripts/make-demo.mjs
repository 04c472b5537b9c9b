#!/usr/bin/env node
// Generates the demo ledger bundled with the app (pwa/public/demo/): a cn merchant with two
// acquirers over ~60 days × 150 transactions a day, default faults so every alert kind appears.
// Runs at build time (vite.config.ts) when the folder is empty; `--force` regenerates it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}pwa/public/demo`;
if (existsSync(`${out}/manifest.json`) && !process.argv.includes('--force')) {
  console.log('make-demo: pwa/public/demo already holds a demo ledger (use --force to regenerate)');
  process.exit(0);
}
mkdirSync(out, { recursive: true });
for (const f of readdirSync(out)) if (f !== '.gitignore') rmSync(`${out}/${f}`, { recursive: true });
const run = spawnSync(
  process.execPath,
  [
    `${root}test/tools/gen-ledger.mjs`,
    '--scenario',
    'cn',
    '--seed',
    '2026',
    '--days',
    '60',
    '--tx-per-day',
    '150',
    '--faults',
    'default',
    '--out',
    out,
  ],
  { stdio: 'inherit' },
);
if (run.status !== 0) process.exit(run.status ?? 1);
// The truth is the generator's answer key: the app never reads it, so it is not shipped.
rmSync(`${out}/truth.json`, { force: true });
