import { createHash } from 'node:crypto';
import { expect, test } from 'vitest';
import { EXTENSION_ID, EXTENSION_KEY, LOCAL_PWA_ORIGIN, pwaOrigins } from './config';

test('the extension id is the one Chrome derives from the manifest key', () => {
  // Chrome: the first 128 bits of SHA-256 over the key's DER bytes, each hex digit written as a..p.
  const hex = createHash('sha256').update(Buffer.from(EXTENSION_KEY, 'base64')).digest('hex').slice(0, 32);
  expect([...hex].map(d => String.fromCharCode(97 + parseInt(d, 16))).join('')).toBe(EXTENSION_ID);
});

test('trusts the origin npm start serves, and the test origin only in test builds', () => {
  expect(pwaOrigins(false)).toContain(LOCAL_PWA_ORIGIN);
  expect(pwaOrigins(false)).not.toContain('http://127.0.0.1:4391');
  expect(pwaOrigins(true)).toContain('http://127.0.0.1:4391');
  for (const o of pwaOrigins(true)) expect(new URL(o).origin).toBe(o);
});
