// The extension build (`vite build --mode extension`, loaded by the root vite.config.ts).
// Vite bundles the extension pages (popup, ledger, offscreen) with the ledger app's Svelte components
// and the worker; esbuild bundles the two scripts that cannot be page modules: the service worker
// (one ES module file) and the capture content script (a classic IIFE script, as content scripts
// must be). Then the manifest and icons are written and the folder is zipped for the store.
// SETTLEWATCH_E2E=1 builds the test variant into dist/extension-e2e (see manifest.ts), never zipped.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build as esbuild } from 'esbuild';
import type { Plugin, UserConfig } from 'vite';
import { ledgerCode } from '../scripts/ledger-code.mjs';
import { zipDirectory } from '../scripts/zip-extension.mjs';
import { iconPng } from './build/icon.ts';
import { localeFiles } from './locales.ts';
import { extensionManifest } from './manifest.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = join(here, '..');
const e2e = process.env.SETTLEWATCH_E2E === '1';
const outDir = join(repo, e2e ? 'dist/extension-e2e' : 'dist/extension');
const zipFile = join(repo, 'dist/settlewatch-extension.zip');
// The core's identity is the PWA's for the same sources: the extension's workers take back each other's ledger image.
const define = { __SETTLEWATCH_E2E__: JSON.stringify(e2e), __SETTLEWATCH_LEDGER_CODE__: JSON.stringify(ledgerCode(repo)) };

function extensionFiles(): Plugin {
  let written = false;
  return {
    name: 'settlewatch-extension-files',
    apply: 'build',
    async writeBundle() {
      const common = { bundle: true, target: 'chrome116', legalComments: 'none', minify: true, define, logLevel: 'warning' } as const;
      await esbuild({ ...common, entryPoints: [join(here, 'background/main.ts')], format: 'esm', outfile: join(outDir, 'background.js') });
      await esbuild({ ...common, entryPoints: [join(here, 'content/capture.ts')], format: 'iife', outfile: join(outDir, 'content.js') });
      const { version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string };
      writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(extensionManifest({ version, e2e }), null, 2) + '\n');
      for (const [path, content] of Object.entries(localeFiles())) {
        mkdirSync(dirname(join(outDir, path)), { recursive: true });
        writeFileSync(join(outDir, path), content);
      }
      mkdirSync(join(outDir, 'icons'), { recursive: true });
      for (const size of [16, 32, 48, 128]) writeFileSync(join(outDir, `icons/icon-${size}.png`), iconPng(size));
      written = true;
    },
    closeBundle() {
      // Also called after a failed build: zip only a complete folder.
      if (written && !e2e) zipDirectory(outDir, zipFile);
    },
  };
}

const config: UserConfig = {
  root: here,
  base: './',
  publicDir: false,
  define,
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2048,
    rollupOptions: {
      input: {
        popup: join(here, 'popup.html'),
        ledger: join(here, 'ledger.html'),
        offscreen: join(here, 'offscreen.html'),
      },
    },
  },
  worker: { format: 'es' },
  plugins: [svelte(), extensionFiles()],
};

export default config;
