// The browser enforces "no request leaves the device" (issue 16): the built app's Content-Security-Policy
// refuses a request to any other host, while the app itself (its worker, the demo ledger) still works.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type ChromiumSession } from '../support/browser';
import { serveStatic } from '../support/server';
import { buildPwa, PWA_DIR, waitForLedger } from './support';

beforeAll(() => buildPwa(), 300_000);

/** A server on another loopback address (another host to the app on 127.0.0.1) that counts what reaches it. */
async function otherHost(): Promise<{ url: string; hits: string[]; server: Server }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'text/plain' }).end('reached');
  });
  await new Promise<void>(ok => server.listen(0, '127.0.0.2', ok));
  const address = server.address();
  return { url: `http://127.0.0.2:${typeof address === 'object' && address ? address.port : 0}/`, hits, server };
}

describe('the built app under its Content-Security-Policy', () => {
  let session: ChromiumSession;
  let app: Awaited<ReturnType<typeof serveStatic>>;
  let other: Awaited<ReturnType<typeof otherHost>>;
  let page: Page;
  const violations: string[] = [];

  beforeAll(async () => {
    app = await serveStatic(PWA_DIR, 0);
    other = await otherHost();
    session = await launchChromium();
    page = await session.context.newPage();
    page.on('console', m => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${app.url}/`);
    await page.getByTestId('status-count-settled').waitFor();
  });
  afterAll(async () => {
    await session?.close();
    await app?.close().catch(() => {});
    await new Promise(ok => other?.server.close(ok));
  });

  test('the app itself runs under the policy: it opens and the demo ledger loads in its worker with no violation', async () => {
    const demo = JSON.parse(readFileSync(join(PWA_DIR, 'demo/manifest.json'), 'utf8')) as { stats: { transactions: number } };
    await page.getByTestId('nav-import').click();
    await page.getByTestId('load-demo').click();
    await page.getByTestId('nav-overview').click();
    await waitForLedger(page, demo.stats.transactions);
    expect(violations).toEqual([]);
  });

  test('other hosts are reachable outside the app (the test server answers)', async () => {
    const res = await fetch(other.url);
    expect(await res.text()).toBe('reached');
    other.hits.length = 0;
  });

  test('a fetch to another host is refused by connect-src and never reaches it; a same-origin fetch works', async () => {
    const outcome = await page.evaluate(async url => {
      const seen: string[] = [];
      document.addEventListener('securitypolicyviolation', e => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
      let error = '';
      try {
        await fetch(url);
      } catch (err) {
        error = String(err);
      }
      await new Promise(r => setTimeout(r, 100)); // the violation event is dispatched after the fetch fails
      const own = await fetch('./manifest.webmanifest').then(r => r.ok);
      return { error, seen, own };
    }, other.url);
    expect(outcome.error).toMatch(/TypeError/);
    expect(outcome.seen).toEqual([`connect-src ${other.url}`]);
    expect(outcome.own).toBe(true);
    expect(other.hits).toEqual([]);
  });

  test('other ways out are refused too: an image, a script and a worker from another host', async () => {
    const seen = await page.evaluate(async url => {
      const out: string[] = [];
      document.addEventListener('securitypolicyviolation', e => out.push(e.effectiveDirective));
      const img = new Image();
      img.src = `${url}pixel.png`;
      document.body.append(img);
      const script = document.createElement('script');
      script.src = `${url}x.js`;
      document.body.append(script);
      try {
        new Worker(`${url}w.js`);
      } catch {
        out.push('worker-throws');
      }
      await new Promise(r => setTimeout(r, 300));
      img.remove();
      script.remove();
      return out.sort();
    }, other.url);
    expect(seen).toEqual(expect.arrayContaining(['img-src', 'script-src-elem']));
    expect(seen.some(s => s === 'worker-src' || s === 'worker-throws')).toBe(true);
    expect(other.hits).toEqual([]);
  });
});
