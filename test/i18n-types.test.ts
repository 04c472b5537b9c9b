// The PWA's and the popup's messages take typed parameters: a missing, misspelt or extra parameter, or a key
// no catalog has, fails the type checker (`tsc -p tsconfig.json` checks this file; svelte-check the screens).
import { expect, test } from 'vitest';
import type { MessageKey, MessageParams } from '../pwa/src/lib/i18n.svelte';

declare const t: typeof import('../pwa/src/lib/i18n.svelte').t;

test('a message is called with exactly its parameters', () => {
  const calls = [
    () => t('app_title'),
    () => t('failure', { message: 'x' }),
    () => t('coverage_span', { from: '1', to: '2' }),
    // @ts-expect-error -- failure takes {message}
    () => t('failure'),
    // @ts-expect-error -- failure has no {msg}
    () => t('failure', { msg: 'x' }),
    // @ts-expect-error -- app_title takes nothing
    () => t('app_title', { n: 1 }),
    // @ts-expect-error -- no such key
    () => t('no_such_key'),
  ];
  const params: MessageParams<'coverage_span'> = { from: 'a', to: 'b' };
  const key: MessageKey = 'app_title';
  expect([calls.length, Object.keys(params).length, key]).toEqual([7, 2, 'app_title']);
});
