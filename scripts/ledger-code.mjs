// The ledger code's identity for the ledger image (core/ledger/image.ts IMAGE_CODE): a hash of every source file of
// the core, so that each build of the same core, in the PWA or the extension and in each of their workers, names it
// alike, and any change to how the core derives what the image keeps names it anew. Vite puts it in the bundles as
// __SETTLEWATCH_LEDGER_CODE__ (vite.config.ts, extension/vite.extension.ts).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every `.ts` file under `dir` but tests, as sorted paths. */
function sources(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(path));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) out.push(path);
  }
  return out.sort();
}

/** The identity of the core under `repo`: the first 16 hex digits of a SHA-256 of its source files, each with its path. */
export function ledgerCode(repo) {
  const hash = createHash('sha256');
  const core = join(repo, 'core');
  for (const file of sources(core))
    hash
      .update(`${relative(core, file)}\0`)
      .update(readFileSync(file))
      .update('\0');
  return hash.digest('hex').slice(0, 16);
}
