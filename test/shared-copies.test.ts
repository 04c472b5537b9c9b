// The contract and the team's tools live in ../shared; the repo carries copies so a clone alone can read what
// the CLI obeys and run its tests. Where ../shared is beside the clone, the copies must be the same text.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const SHARED = resolve(__dirname, '../../shared');
const here = (p: string) => resolve(__dirname, '..', p);
/** A vendored tool without the two-line note that says where it comes from. */
const withoutNote = (text: string) => text.replace(/^(#![^\n]*\n)\/\/ Vendored from[^\n]*\n\/\/[^\n]*\n/, '$1');

describe.runIf(existsSync(SHARED))('copies of the shared contract and tools', () => {
  test('docs/reconcile.md is spec/reconcile.md', () => {
    expect(readFileSync(here('docs/reconcile.md'), 'utf8')).toBe(readFileSync(`${SHARED}/spec/reconcile.md`, 'utf8'));
  });
  test.each(['gen-ledger', 'gap-ledger', 'score'])('test/tools/%s.mjs is tools/%s.mjs', name => {
    expect(withoutNote(readFileSync(here(`test/tools/${name}.mjs`), 'utf8'))).toBe(readFileSync(`${SHARED}/tools/${name}.mjs`, 'utf8'));
  });
});
