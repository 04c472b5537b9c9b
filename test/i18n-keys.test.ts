// The PWA's catalog holds only words some screen shows: a key no source names (as 'key', or through a
// template like `status_${s}`) is dead weight every language has to carry.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, vi } from 'vitest';

const ROOT = resolve(__dirname, '..');
const CATALOG = join(ROOT, 'pwa/src/lib/i18n.svelte.ts');

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.(ts|svelte)$/.test(name) && !/\.test\.ts$/.test(name)) out.push(path);
  }
  return out;
}

test('every key of the PWA catalog is used by some screen, and no screen names a key the catalog lacks', () => {
  const catalog = readFileSync(CATALOG, 'utf8');
  const enStart = catalog.indexOf('const en = {'),
    enEnd = catalog.indexOf('export type MessageKey');
  const zhStart = catalog.indexOf('const zh: Record<MessageKey, string> = {'),
    zhEnd = catalog.indexOf('const MESSAGES');
  expect([enStart, enEnd, zhStart, zhEnd].every(i => i > 0)).toBe(true);
  const areaFiles = readdirSync(join(ROOT, 'pwa/src/lib/words')).map(f => join(ROOT, 'pwa/src/lib/words', f));
  const areaKeys = areaFiles.flatMap(f => {
    const src = readFileSync(f, 'utf8');
    return [...src.slice(src.indexOf('export const en'), src.indexOf('export const zh')).matchAll(/^ {2}(\w+):/gm)].map(m => m[1]!);
  });
  const keys = [...[...catalog.slice(enStart, enEnd).matchAll(/^ {2}(\w+):/gm)].map(m => m[1]!), ...areaKeys];
  expect(keys.length).toBeGreaterThan(100);
  // The catalog's own functions (txnCount…) count as users; its two tables do not.
  const text = [
    catalog.slice(0, enStart) + catalog.slice(zhEnd),
    ...sources(join(ROOT, 'pwa/src'))
      .filter(f => f !== CATALOG && !areaFiles.includes(f))
      .map(f => readFileSync(f, 'utf8')),
    ...sources(join(ROOT, 'extension')).map(f => readFileSync(f, 'utf8')),
  ].join('\n');
  // Keys built at run time: `status_${s}`, `kind_${k}`, `case_reason_${pass}`…
  const prefixes = [...new Set([...text.matchAll(/`([a-z]\w*?_)\$\{/g)].map(m => m[1]!))];
  const unused = keys.filter(k => !text.includes(`'${k}'`) && !text.includes(`"${k}"`) && !prefixes.some(p => k.startsWith(p)));
  expect(unused).toEqual([]);
});

/** The `{name}` placeholders of a message, sorted. */
const placeholders = (text: string): string[] => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map(m => m[1]!))].sort();

test('every zh message takes exactly the parameters its English words take (the type checker holds callers to the English)', async () => {
  // The catalog module holds the app's language in a Svelte rune; outside Svelte it is a plain value.
  vi.stubGlobal('$state', (value: unknown) => value);
  const { MESSAGE_TABLES } = await import('../pwa/src/lib/i18n.svelte');
  const differ = Object.entries(MESSAGE_TABLES.en)
    .filter(([key, text]) => placeholders(MESSAGE_TABLES.zh[key as keyof typeof MESSAGE_TABLES.zh]).join() !== placeholders(text).join())
    .map(([key]) => key);
  expect(differ).toEqual([]);
  expect(Object.keys(MESSAGE_TABLES.zh).sort()).toEqual(Object.keys(MESSAGE_TABLES.en).sort());
});
