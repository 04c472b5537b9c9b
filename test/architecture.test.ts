// The layering rule of DESIGN.md, checked on every source file: extension → pwa → core, never back;
// the pure core imports no dexie, comlink or svelte and touches no DOM or chrome.*.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
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

function imports(source: string): string[] {
  const found: string[] = [];
  const re = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]|new URL\(\s*['"]([^'"]+)['"]/g;
  for (let m = re.exec(source); m; m = re.exec(source)) found.push(m[1] ?? m[2] ?? m[3] ?? m[4]!);
  return found;
}

/** Where an import lands: a top-level folder of the repo, or a package name. */
function target(file: string, spec: string): string {
  if (!spec.startsWith('.')) return spec.split('/')[0]!.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
  return relative(ROOT, resolve(file, '..', spec)).split('/')[0]!;
}

const isPureCore = (rel: string) => rel.startsWith('core/') && !rel.startsWith('core/db/') && !rel.startsWith('core/worker/') && !rel.startsWith('core/cli/');
const DOM_OR_CHROME = /\b(?:document|window|navigator|localStorage|sessionStorage|indexedDB|chrome)\s*\.|\bnew\s+(?:Worker|DOMParser|Blob|FileReader)\b/;

/** Every layering violation in the given files, as "file: message". */
export function violations(paths: string[]): string[] {
  const out: string[] = [];
  for (const file of paths) {
    const rel = relative(ROOT, file);
    const source = readFileSync(file, 'utf8');
    for (const spec of imports(source)) {
      const to = target(file, spec);
      if (rel.startsWith('core/') && (to === 'pwa' || to === 'extension')) out.push(`${rel}: core imports ${spec}`);
      if (rel.startsWith('pwa/') && to === 'extension') out.push(`${rel}: pwa imports ${spec}`);
      if (isPureCore(rel) && ['dexie', 'comlink', 'svelte'].includes(to)) out.push(`${rel}: the pure core imports ${spec}`);
      if (!rel.startsWith('core/db/') && to === 'dexie' && rel.startsWith('core/')) out.push(`${rel}: only core/db imports dexie`);
    }
    if (isPureCore(rel)) {
      const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '').replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''");
      const m = DOM_OR_CHROME.exec(code);
      if (m) out.push(`${rel}: the pure core uses ${m[0].trim()}`);
    }
  }
  return out;
}

describe('architecture', () => {
  test('imports point one way: extension → pwa → core, and the pure core stays pure', () => {
    const all = ['core', 'pwa', 'extension'].flatMap(d => { try { return files(join(ROOT, d)); } catch { return []; } });
    expect(violations(all)).toEqual([]);
  });

  test('the rule catches a core file importing the app, dexie or the DOM', () => {
    const probe = join(ROOT, 'core/__probe__.ts');
    const { writeFileSync, rmSync } = require('node:fs') as typeof import('node:fs');
    writeFileSync(probe, "import { x } from '../pwa/src/lib/x';\nimport Dexie from 'dexie';\nexport const y = document.title;\n");
    try {
      expect(violations([probe])).toEqual([
        'core/__probe__.ts: core imports ../pwa/src/lib/x',
        'core/__probe__.ts: the pure core imports dexie',
        'core/__probe__.ts: only core/db imports dexie',
        'core/__probe__.ts: the pure core uses document.',
      ]);
    } finally {
      rmSync(probe);
    }
  });
});
