import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fromBase64, toBase64 } from './base64';
import { BRIDGE_TAG, bridgeProblem, CHUNK_CHARS, chunksOf, pairingCode, pairingInput, trustedOrigin } from './protocol';

const token = 'a'.repeat(64);
const transfer = 'b'.repeat(32);

describe('the bridge protocol', () => {
  test('trusts a web page only by the origin the browser stamped, and never another extension', () => {
    const trusted = ['http://127.0.0.1:4173'];
    expect(trustedOrigin({ origin: 'http://127.0.0.1:4173', url: 'http://127.0.0.1:4173/#/settings' }, trusted)).toBe(
      'http://127.0.0.1:4173',
    );
    expect(trustedOrigin({ url: 'http://127.0.0.1:4173/' }, trusted)).toBe('http://127.0.0.1:4173');
    expect(trustedOrigin({ origin: 'http://127.0.0.1:4174', url: 'http://127.0.0.1:4174/' }, trusted)).toBeNull();
    expect(trustedOrigin({ origin: 'http://localhost:4173' }, trusted)).toBeNull();
    expect(trustedOrigin({ url: 'http://127.0.0.1:4173.evil.example/' }, trusted)).toBeNull();
    expect(trustedOrigin({ url: 'http://user@127.0.0.1:4173/' }, trusted)).toBeNull();
    expect(trustedOrigin({ id: 'otherextension', origin: 'http://127.0.0.1:4173' }, trusted)).toBeNull();
    expect(trustedOrigin({}, trusted)).toBeNull();
  });

  test('accepts well-formed requests and names what is wrong with the others', () => {
    const put = {
      tag: BRIDGE_TAG,
      kind: 'put',
      token,
      transfer,
      purpose: 'replica',
      index: 0,
      count: 2,
      digest: 'c'.repeat(64),
      data: 'x',
    };
    expect(bridgeProblem(put)).toBeNull();
    expect(bridgeProblem({ tag: BRIDGE_TAG, kind: 'hello', token })).toBeNull();
    expect(bridgeProblem({ tag: BRIDGE_TAG, kind: 'get', token, transfer, index: 3 })).toBeNull();
    expect(bridgeProblem(null)).toBe('not an object');
    expect(bridgeProblem({ kind: 'hello', token })).toBe('not a bridge message');
    expect(bridgeProblem({ tag: BRIDGE_TAG, kind: 'hello', token: 'short' })).toMatch(/token/);
    expect(bridgeProblem({ ...put, index: 2 })).toMatch(/index must be below count/);
    expect(bridgeProblem({ ...put, purpose: 'anything' })).toMatch(/purpose/);
    expect(bridgeProblem({ ...put, data: 'x'.repeat(CHUNK_CHARS + 1) })).toMatch(/at most/);
    expect(bridgeProblem({ ...put, transfer: '../x' })).toMatch(/transfer/);
    expect(bridgeProblem({ tag: BRIDGE_TAG, kind: 'drop_tables', token })).toMatch(/unknown kind drop_tables/);
  });

  test('cuts text in chunks that join back to it', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.integer({ min: 1, max: 17 }), (text, size) => {
        const chunks = chunksOf(text, size);
        expect(chunks.join('')).toBe(text);
        expect(chunks.every(c => c.length <= size)).toBe(true);
        expect(chunks.length).toBe(Math.max(1, Math.ceil(text.length / size)));
      }),
    );
  });

  test('gives both sides the same six digits for one request, and other digits for another origin or nonce', () => {
    const code = (origin: string, nonce: string) =>
      pairingCode(
        createHash('sha256')
          .update(pairingInput(origin, token, nonce))
          .digest(),
      );
    expect(code('http://127.0.0.1:4173', 'n1')).toMatch(/^\d{3} \d{3}$/);
    expect(code('http://127.0.0.1:4173', 'n1')).toBe(code('http://127.0.0.1:4173', 'n1'));
    expect(code('http://127.0.0.1:4173', 'n2')).not.toBe(code('http://127.0.0.1:4173', 'n1'));
    expect(code('http://127.0.0.1:4174', 'n1')).not.toBe(code('http://127.0.0.1:4173', 'n1'));
  });

  test('base64 round-trips any bytes as Node writes them, and refuses what is not base64', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), bytes => {
        const text = toBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(fromBase64(text)).toEqual(bytes);
      }),
    );
    expect(fromBase64('abc')).toBeNull();
    expect(fromBase64('ab!d')).toBeNull();
  });
});
