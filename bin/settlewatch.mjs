#!/usr/bin/env node
// The command line is bundled by `npm install` (the prepare script) into dist/cli.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/cli/settlewatch.mjs', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('settlewatch: the command line is not built yet; run `npm install` (or `npm run build:cli`) in the project first\n');
  process.exit(2);
}
await import(bundle.href);
