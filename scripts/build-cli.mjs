// Bundles the command line (core/cli) into one ES module for Node 20: `npx settlewatch` runs it.
import { build } from 'esbuild';

await build({
  entryPoints: ['core/cli/entry.ts'],
  outfile: 'dist/cli/settlewatch.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
