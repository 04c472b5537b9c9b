// The offscreen document's lifecycle: the worker that parses, stores and matches runs there (an MV3
// service worker cannot start a Worker). It is created on first need, once, and asked through messages.
import { request, type MessageName, type RequestOf, type ResponseOf } from '../messages';

const OFFSCREEN_PATH = 'offscreen.html';

let creating: Promise<void> | null = null;

async function ensureOffscreen(): Promise<void> {
  const url = chrome.runtime.getURL(OFFSCREEN_PATH);
  const open = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
  if (open.length > 0) return;
  creating ??= chrome.offscreen
    .createDocument({
      url: OFFSCREEN_PATH,
      reasons: ['WORKERS'],
      justification: 'Runs the Settlewatch worker that stores captured rows and matches them against bank statements.',
    })
    .finally(() => {
      creating = null;
    });
  await creating;
}

/** Asks the offscreen document, starting it when needed (it may still be loading its script). */
export async function toOffscreen<N extends MessageName>(name: N, body: RequestOf<N>): Promise<ResponseOf<N>> {
  await ensureOffscreen();
  let last: unknown = null;
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      return await request(name, body);
    } catch (err) {
      last = err;
      if (!/Receiving end does not exist|no answer/i.test(String(err))) throw err;
      await new Promise(ok => setTimeout(ok, 100));
    }
  }
  throw last instanceof Error ? last : new Error(String(last));
}
