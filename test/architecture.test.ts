// The layering rule of DESIGN.md — extension → pwa → core, never back; the pure core imports no Dexie,
// Comlink, Svelte or node: module and touches no DOM or chrome.*; the background has no window — is
// enforced by the lint (eslint.config.mjs, `npm run lint`). This file checks that the lint really catches
// each breach, and the one reference the lint cannot see: a worker script named in `new URL('…', import.meta.url)`.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

const ROOT = resolve(__dirname, '..');

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') continue;
    if (statSync(path).isDirectory()) out.push(...files(path));
    else if (/\.(ts|svelte|js|mjs)$/.test(name) && !/\.test\.ts$/.test(name)) out.push(path);
  }
  return out;
}

/** The layer a file of the repo belongs to, by its top folder. */
const layer = (rel: string) => rel.split('/')[0]!;
const RANK: Record<string, number> = { core: 0, pwa: 1, extension: 2 };

/** Every `new URL('./x', import.meta.url)` (a worker or asset the bundler follows) that points to a higher layer. */
export function urlViolations(paths: string[]): string[] {
  const out: string[] = [];
  const re = /new URL\(\s*['"](\.{1,2}\/[^'"]*)['"]\s*,\s*import\.meta\.url/g;
  for (const file of paths) {
    const rel = relative(ROOT, file);
    const source = readFileSync(file, 'utf8');
    for (let m = re.exec(source); m; m = re.exec(source)) {
      const to = layer(relative(ROOT, resolve(file, '..', m[1]!)));
      if ((RANK[to] ?? -1) > (RANK[layer(rel)] ?? 3)) out.push(`${rel}: ${layer(rel)} loads ${m[1]}`);
    }
  }
  return out;
}

/** Lints probe files written into the tree (the type-aware rules need them on disk) and returns "file: rule" for each finding. */
async function lintProbes(probes: Record<string, string>): Promise<string[]> {
  const paths = Object.keys(probes).map(p => join(ROOT, p));
  try {
    for (const [p, text] of Object.entries(probes)) writeFileSync(join(ROOT, p), text);
    const results = await new ESLint({ cwd: ROOT }).lintFiles(paths);
    return results.flatMap(r => r.messages.map(m => `${relative(ROOT, r.filePath)}: ${m.ruleId ?? m.message}`)).sort();
  } finally {
    for (const p of paths) rmSync(p, { force: true });
  }
}

describe('architecture', () => {
  test('no worker or asset URL points from a lower layer to a higher one', () => {
    const all = ['core', 'pwa', 'extension'].flatMap(d => files(join(ROOT, d)));
    expect(urlViolations(all)).toEqual([]);
  });

  test('the URL check catches a core file loading a script of the app', () => {
    const probe = join(ROOT, 'core/__probe_url__.ts');
    writeFileSync(probe, "export const w = new URL('../pwa/src/lib/worker.ts', import.meta.url);\n");
    try {
      expect(urlViolations([probe])).toEqual(['core/__probe_url__.ts: core loads ../pwa/src/lib/worker.ts']);
    } finally {
      rmSync(probe);
    }
  });

  test('the lint catches imports that point back, Dexie, Node and the DOM in the pure core, and window in the background', async () => {
    const found = await lintProbes({
      'core/__probe_core__.ts':
        [
          "import { PORTALS } from '../extension/portals';",
          "import { configDraft } from '../pwa/src/lib/config-draft';",
          "import Dexie from 'dexie';",
          "import { readFileSync } from 'node:fs';",
          'export const y = [PORTALS, configDraft, Dexie, readFileSync, document.title, chrome.runtime];',
        ].join('\n') + '\n',
      'core/worker/__probe_worker__.ts': "import Dexie from 'dexie';\nexport const y = Dexie;\n",
      'pwa/src/lib/__probe_pwa__.ts': "import { PORTALS } from '../../../extension/portals';\nexport const y = PORTALS;\n",
      'extension/background/__probe_bg__.ts': 'export const y = window.location.href;\n',
      'core/db/upgrades/__probe_upgrade__.ts': "import type { StoredTxn } from '../schema';\nexport type Y = StoredTxn;\n",
    });
    expect(found).toEqual([
      'core/__probe_core__.ts: import-x/no-restricted-paths',
      'core/__probe_core__.ts: import-x/no-restricted-paths',
      'core/__probe_core__.ts: no-restricted-globals',
      'core/__probe_core__.ts: no-restricted-globals',
      'core/__probe_core__.ts: no-restricted-imports',
      'core/__probe_core__.ts: no-restricted-imports',
      'core/db/upgrades/__probe_upgrade__.ts: no-restricted-imports',
      'core/worker/__probe_worker__.ts: no-restricted-imports',
      'extension/background/__probe_bg__.ts: no-restricted-globals',
      'pwa/src/lib/__probe_pwa__.ts: import-x/no-restricted-paths',
    ]);
  }, 120_000);
});
