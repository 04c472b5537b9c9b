import { describe, expect, test } from 'vitest';
import { admit, captureProblem, CAPTURE_LIMITS, MESSAGES, senderContext, type Handlers } from './messages';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const EXT = `chrome-extension://${ID}`;
const envelope = (name: string, body: unknown = {}) => ({ settlewatch: 1, name, body });
const contentSender = { id: ID, url: 'https://merchant.lakala.com/trade/query?page=2', tab: { id: 7 }, frameId: 0 };
const popupSender = { id: ID, url: `${EXT}/popup.html` };
const popupInTab = { id: ID, url: `${EXT}/popup.html?tab=7`, tab: { id: 9 } };
const backgroundSender = { id: ID, url: `${EXT}/background.js` };
const offscreenSender = { id: ID, url: `${EXT}/offscreen.html` };

describe('senderContext', () => {
  test('names each of our contexts from the browser-stamped url and tab', () => {
    expect(senderContext(contentSender, ID)).toBe('content');
    expect(senderContext(popupSender, ID)).toBe('page');
    expect(senderContext(popupInTab, ID)).toBe('page');
    expect(senderContext({ id: ID, url: `${EXT}/ledger.html#/alerts` }, ID)).toBe('page');
    expect(senderContext(backgroundSender, ID)).toBe('background');
    expect(senderContext(offscreenSender, ID)).toBe('offscreen');
  });

  test('refuses another extension even when it claims our pages', () => {
    expect(senderContext({ id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: `${EXT}/popup.html` }, ID)).toBeNull();
    expect(senderContext({ id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: 'https://a.example/', tab: { id: 1 } }, ID)).toBeNull();
  });

  test('refuses senders without an id, a url or a tab, and extension paths it does not know', () => {
    expect(senderContext({ url: 'https://a.example/', tab: { id: 1 } }, ID)).toBeNull();
    expect(senderContext({ id: ID, tab: { id: 1 } }, ID)).toBeNull();
    expect(senderContext({ id: ID, url: 'https://a.example/' }, ID)).toBeNull();
    expect(senderContext({ id: ID, url: `${EXT}/evil.html` }, ID)).toBeNull();
    expect(senderContext({ id: ID, url: `${EXT}/background.js`, tab: { id: 3 } }, ID)).toBeNull();
    expect(senderContext({ id: ID, url: 'file:///tmp/x.html', tab: { id: 3 } }, ID)).toBeNull();
  });
});

describe('admit', () => {
  test('lets a content script send capture messages to the background', () => {
    expect(admit(envelope('capture.rows'), contentSender, ID, 'background')).toMatchObject({ name: 'capture.rows', from: 'content' });
  });

  test('refuses a content script asking what only extension pages may ask', () => {
    expect(admit(envelope('popup.overview'), contentSender, ID, 'background')).toEqual({
      refused: 'popup.overview is not accepted from content',
    });
    expect(admit(envelope('popup.tabSummary', { tabId: 3 }), contentSender, ID, 'background')).toHaveProperty('refused');
    expect(admit(envelope('ledger.changed'), contentSender, ID, 'background')).toHaveProperty('refused');
  });

  test('refuses an extension page posing as the background to the offscreen document', () => {
    expect(admit(envelope('offscreen.overview', { today: '2026-03-01' }), popupSender, ID, 'offscreen')).toHaveProperty('refused');
    expect(admit(envelope('offscreen.overview', { today: '2026-03-01' }), backgroundSender, ID, 'offscreen')).toMatchObject({
      from: 'background',
    });
  });

  test('refuses another extension and a forged sender for every message name', () => {
    const other = { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: `${EXT}/popup.html`, tab: { id: 1 } };
    for (const name of ['capture.rows', 'popup.overview', 'ledger.changed', 'badge.get']) {
      expect(admit(envelope(name), other, ID, 'background')).toHaveProperty('refused');
    }
  });

  test('stays silent for messages another context answers, and for things that are not our envelopes', () => {
    expect(admit(envelope('offscreen.overview'), backgroundSender, ID, 'background')).toBeNull();
    expect(admit({ name: 'capture.rows' }, contentSender, ID, 'background')).toBeNull();
    expect(admit('capture.rows', contentSender, ID, 'background')).toBeNull();
    expect(admit(null, contentSender, ID, 'background')).toBeNull();
  });

  test('refuses a name not in the protocol, including inherited object keys', () => {
    expect(admit(envelope('toString'), popupSender, ID, 'background')).toEqual({ refused: 'unknown message toString' });
    expect(admit(envelope('debug.eval'), popupSender, ID, 'background')).toHaveProperty('refused');
  });
});

describe('captureProblem', () => {
  const table = {
    portal: 'x',
    page: 'https://x/',
    headers: ['Date', 'Reference', 'Amount'],
    rows: [['2026-03-05', 'R1', '1.00']],
    firstLine: 1,
  };

  test('accepts a table of text', () => {
    expect(captureProblem(table)).toBeNull();
  });

  test('refuses what is not a table of text, or too big', () => {
    expect(captureProblem(null)).not.toBeNull();
    expect(captureProblem({ ...table, headers: 'Date' })).not.toBeNull();
    expect(captureProblem({ ...table, rows: [[1, 2, 3]] })).not.toBeNull();
    expect(captureProblem({ ...table, rows: [['x'.repeat(CAPTURE_LIMITS.cellChars + 1)]] })).not.toBeNull();
    expect(captureProblem({ ...table, rows: Array.from({ length: CAPTURE_LIMITS.rows + 1 }, () => ['a']) })).not.toBeNull();
    expect(captureProblem({ ...table, firstLine: 0 })).not.toBeNull();
    expect(captureProblem({ ...table, firstLine: '1' })).not.toBeNull();
  });
});

describe('handler tables', () => {
  test('a table without a handler for one of its messages does not compile', () => {
    const reply = { rows: [], asOf: null, error: null };
    const complete: Handlers<'offscreen'> = {
      'offscreen.storeCapture': () => Promise.reject(new Error('not here')),
      'offscreen.overview': () => Promise.reject(new Error('not here')),
      'offscreen.statuses': () => reply,
      'offscreen.bridgeInventory': () => ({ text: '{}' }),
      'offscreen.bridgeLacking': () => ({ text: '' }),
      'offscreen.bridgeMerge': () => ({ files: 0, rows: 0, records: 0 }),
    };
    // @ts-expect-error 'offscreen.statuses' has no handler (tsc checks this file: see tsconfig.json)
    const missing: Handlers<'offscreen'> = {
      'offscreen.storeCapture': () => Promise.reject(new Error('not here')),
      'offscreen.overview': () => Promise.reject(new Error('not here')),
      'offscreen.bridgeInventory': () => ({ text: '{}' }),
      'offscreen.bridgeLacking': () => ({ text: '' }),
      'offscreen.bridgeMerge': () => ({ files: 0, rows: 0, records: 0 }),
    };
    expect(Object.keys(complete).sort()).toEqual(
      Object.keys(MESSAGES)
        .filter(n => MESSAGES[n as keyof typeof MESSAGES].to === 'offscreen')
        .sort(),
    );
    expect(Object.keys(missing)).toHaveLength(5);
  });
});
