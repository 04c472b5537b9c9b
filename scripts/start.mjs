#!/usr/bin/env node
// Builds the ledger PWA if there is no build yet (or --build), then serves dist/pwa on 127.0.0.1
// (port 4173, or the next free one) and prints the URL. Local only: nothing listens beyond this machine.
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = resolve(root, 'dist/pwa');
const args = process.argv.slice(2);
const wantedPort = Number(args[args.indexOf('--port') + 1]) || Number(process.env.PORT) || 4173;

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const build = (script, what) => {
  console.log(`Building ${what} (npm run ${script})…`);
  const run = spawnSync(npm, ['run', script], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
};
if (args.includes('--build') || !existsSync(join(dist, 'index.html'))) build('build:pwa', 'the ledger app');
// The extension is built beside it, ready to load unpacked.
const extension = resolve(root, 'dist/extension');
if (args.includes('--build') || !existsSync(join(extension, 'manifest.json'))) build('build:extension', 'the browser extension');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv; charset=binary',
  '.ofx': 'application/x-ofx',
  '.xml': 'application/xml',
  '.txt': 'text/plain',
};

const server = createServer((req, res) => {
  let path;
  try {
    path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  let file = normalize(join(dist, path));
  if (!file.startsWith(dist)) {
    res.writeHead(403).end();
    return;
  }
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(dist, 'index.html');
  // The service worker script and the page must be revalidated, or an update would never be seen.
  const cache = /\/assets\//.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': cache });
  createReadStream(file).pipe(res);
});

function listen(port, attemptsLeft) {
  server.once('error', err => {
    if (err.code === 'EADDRINUSE' && attemptsLeft > 0) listen(port + 1, attemptsLeft - 1);
    else if (err.code === 'EADDRINUSE') listen(0, 0);
    else {
      console.error(err.message);
      process.exit(1);
    }
  });
  server.listen(port, '127.0.0.1', () => {
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}/`;
    console.log(`Settlewatch is running at ${url}`);
    // The extension pairs only with the origins it was built for (core/bridge/config.ts: LOCAL_PWA_ORIGIN).
    if (!url.startsWith('http://127.0.0.1:4173/'))
      console.log('Port 4173 was taken: the extension cannot pair with the app on this port (free 4173 and start again).');
    console.log('Open it in Chrome or Edge (install it from the address bar to use it offline). Ctrl+C stops the server.');
    console.log(`The extension is built in ${extension}: load it at chrome://extensions (Developer mode → Load unpacked).`);
  });
}
listen(wantedPort, 20);
