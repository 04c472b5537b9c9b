import { expect, test } from 'vitest';
import { JsonParts, jsonBytes } from './report';

test('collects pieces in blocks without losing or reordering any, across block ends and pieces larger than a block', () => {
  const sink = new JsonParts();
  const expected: string[] = [];
  for (let i = 0; i < 60_000; i++) {
    sink.raw(i ? ',' : '[');
    sink.string(`id-${i}-交易`);
    sink.bytes(jsonBytes(`{"n":${i}}`));
    expected.push(`${i ? ',' : '['}${JSON.stringify(`id-${i}-交易`)}{"n":${i}}`);
  }
  const big = 'x'.repeat(3 << 20);
  sink.raw(big);
  sink.raw(']');
  const parts = sink.end();
  expect(parts.length).toBeGreaterThan(2);
  const total = parts.reduce((s, p) => s + p.length, 0);
  const all = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  expect(new TextDecoder().decode(all)).toBe(expected.join('') + big + ']');
});
