import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { getLocal, getSession, LOCAL, onLocalChanged, SESSION, setLocal, setSession } from './storage';

type Listener = (changes: Record<string, { newValue?: unknown }>, area: string) => void;

/** chrome.storage as far as storage.ts uses it: two areas in memory and the change event. */
function fakeStorage() {
  const listeners: Listener[] = [];
  const area = (name: string) => {
    const data = new Map<string, unknown>();
    return {
      data,
      get: async (key: string) => (data.has(key) ? { [key]: data.get(key) } : {}),
      set: async (items: Record<string, unknown>) => {
        for (const [k, v] of Object.entries(items)) data.set(k, v);
        for (const l of listeners) l(Object.fromEntries(Object.entries(items).map(([k, v]) => [k, { newValue: v }])), name);
      },
      remove: async (key: string) => void data.delete(key),
    };
  };
  return { local: area('local'), session: area('session'), onChanged: { addListener: (l: Listener) => listeners.push(l) } };
}

let storage: ReturnType<typeof fakeStorage>;
beforeEach(() => {
  storage = fakeStorage();
  (globalThis as { chrome?: unknown }).chrome = { storage };
});
afterEach(() => {
  delete (globalThis as { chrome?: unknown }).chrome;
});

describe('extension storage', () => {
  test('reads back what it wrote under each key', async () => {
    await setLocal(LOCAL.notify, true);
    await setLocal(LOCAL.notified, ['a', 'b']);
    await setSession(SESSION.tab(7), { portal: 'lakala', page: 'https://merchant.lakala.com/q', keys: [['lakala', '1']] });
    await setSession(SESSION.badge, { text: '2', color: '#c62828', today: '2026-03-04' });
    expect(await getLocal(LOCAL.notify)).toBe(true);
    expect(await getLocal(LOCAL.notified)).toEqual(['a', 'b']);
    expect(storage.session.data.has('tab:7')).toBe(true);
    expect((await getSession(SESSION.tab(7)))?.keys).toEqual([['lakala', '1']]);
    expect(await getSession(SESSION.badge)).toEqual({ text: '2', color: '#c62828', today: '2026-03-04' });
  });

  test('treats a value of the wrong shape as not set', async () => {
    storage.local.data.set('settlewatch.notify', 'yes');
    storage.local.data.set('settlewatch.notified', [1, 2]);
    storage.session.data.set('tab:3', { portal: 'lakala', page: 'x', keys: [['lakala']] });
    storage.session.data.set('badge', { text: 2 });
    expect(await getLocal(LOCAL.notify)).toBeUndefined();
    expect(await getLocal(LOCAL.notified)).toBeUndefined();
    expect(await getSession(SESSION.tab(3))).toBeUndefined();
    expect(await getSession(SESSION.badge)).toBeUndefined();
    expect(await getLocal(LOCAL.todayOverride)).toBeUndefined();
  });

  test('the merchant’s language reaches the background: zh or en, anything else is not set', async () => {
    await setLocal(LOCAL.lang, 'zh');
    expect(await getLocal(LOCAL.lang)).toBe('zh');
    storage.local.data.set('settlewatch.lang', 'fr');
    expect(await getLocal(LOCAL.lang)).toBeUndefined();
  });

  test('reports changes of one local key, checked', async () => {
    const seen: unknown[] = [];
    onLocalChanged(LOCAL.todayOverride, v => seen.push(v));
    await setLocal(LOCAL.todayOverride, '2026-03-06');
    await setLocal(LOCAL.notify, true);
    await storage.local.set({ 'settlewatch.test.today': 42 });
    expect(seen).toEqual(['2026-03-06', undefined]);
  });

  test("keeps a tab's pick, notice and row counts, and checks each by its key", async () => {
    await setSession(SESSION.pick(4), { acquirer: 'lakala', origin: 'https://erp.example' });
    await setSession(SESSION.tabRate(4), { start: 1_772_611_200_000, rows: 5000 });
    await setSession(SESSION.siteRate('erp.example'), { day: '2026-03-04', rows: 5000 });
    await setSession(SESSION.tab(4), { portal: 'erp.example', page: 'https://erp.example/', keys: [], notice: 'refused: over the limit' });
    expect(await getSession(SESSION.pick(4))).toEqual({ acquirer: 'lakala', origin: 'https://erp.example' });
    expect(await getSession(SESSION.tabRate(4))).toEqual({ start: 1_772_611_200_000, rows: 5000 });
    expect(await getSession(SESSION.siteRate('erp.example'))).toEqual({ day: '2026-03-04', rows: 5000 });
    expect((await getSession(SESSION.tab(4)))?.notice).toBe('refused: over the limit');
    storage.session.data.set('rate:tab:5', { start: 1, rows: -3 });
    storage.session.data.set('rate:site:x', { day: 7, rows: 1 });
    storage.session.data.set('pick:5', { acquirer: 'lakala' });
    storage.session.data.set('tab:5', { portal: 'x', page: 'y', keys: [], notice: 3 });
    expect(await getSession(SESSION.tabRate(5))).toBeUndefined();
    expect(await getSession(SESSION.siteRate('x'))).toBeUndefined();
    expect(await getSession(SESSION.pick(5))).toBeUndefined();
    expect(await getSession(SESSION.tab(5))).toBeUndefined();
  });
});
