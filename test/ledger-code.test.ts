import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ledgerCode } from '../scripts/ledger-code.mjs';

/** A repo with these files under core/. */
function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-code-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, 'core', path, '..'), { recursive: true });
    writeFileSync(join(dir, 'core', path), text);
  }
  return dir;
}

test("the core's identity changes with any source of it, and with nothing else", () => {
  const base = { 'ledger/image.ts': 'export const a = 1;\n', 'reconcile/engine.ts': 'export const b = 2;\n' };
  const code = ledgerCode(repo(base));
  expect(code).toMatch(/^[0-9a-f]{16}$/);
  expect(ledgerCode(repo(base))).toBe(code);
  // Tests and other files do not count.
  expect(ledgerCode(repo({ ...base, 'ledger/image.test.ts': 'test', 'ledger/notes.md': '#' }))).toBe(code);
  expect(ledgerCode(repo({ ...base, 'reconcile/engine.ts': 'export const b = 3;\n' }))).not.toBe(code);
  expect(ledgerCode(repo({ ...base, 'reconcile/more.ts': '' }))).not.toBe(code);
  // The same text moved to another file is another core.
  expect(ledgerCode(repo({ 'ledger/image2.ts': base['ledger/image.ts'], 'reconcile/engine.ts': base['reconcile/engine.ts'] }))).not.toBe(
    code,
  );
});
