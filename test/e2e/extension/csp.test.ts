// The extension's pages and its background cannot send anything off the device: the manifest's CSP has
// connect-src 'self' (issue 16), so even a host the test build is granted is refused.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchExtension, type ExtensionSession } from './support';

let session: ExtensionSession;
let server: Server;
const hits: string[] = [];
let other = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'text/plain' }).end('reached');
  });
  await new Promise<void>(ok => server.listen(0, '127.0.0.2', ok));
  const address = server.address();
  other = `http://127.0.0.2:${typeof address === 'object' && address ? address.port : 0}/`;
  session = await launchExtension();
});
afterAll(async () => {
  await session?.close();
  await new Promise(ok => server?.close(ok));
});

test('the test server answers a request made outside the extension', async () => {
  expect(await (await fetch(other)).text()).toBe('reached');
  hits.length = 0;
});

test('a fetch from the ledger page to another host, or to the granted test host, is refused by connect-src', async () => {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/ledger.html`);
  const outcome = await page.evaluate(
    async (urls: string[]) => {
      const seen: string[] = [];
      document.addEventListener('securitypolicyviolation', e => seen.push(e.effectiveDirective));
      const errors: string[] = [];
      for (const url of urls) {
        try {
          await fetch(url);
          errors.push('reached');
        } catch (err) {
          errors.push(String(err));
        }
      }
      await new Promise(r => setTimeout(r, 100));
      return { errors, seen };
    },
    [other, `${session.portals}/`],
  );
  expect(outcome.errors).toEqual([expect.stringMatching(/TypeError/), expect.stringMatching(/TypeError/)]);
  expect(outcome.seen).toEqual(['connect-src', 'connect-src']);
  expect(hits).toEqual([]);
});

test('a fetch from the background service worker to another host is refused too', async () => {
  const error = await session.background.evaluate(async (url: string) => {
    try {
      await fetch(url);
      return 'reached';
    } catch (err) {
      return String(err);
    }
  }, other);
  expect(error).toMatch(/TypeError/);
  expect(hits).toEqual([]);
});
