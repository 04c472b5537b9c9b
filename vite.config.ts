import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, loadConfigFromFile, type Plugin, type UserConfig } from 'vite';
import { ledgerCode } from './scripts/ledger-code.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Writes the bundled demo ledger into pwa/public/demo before a build, unless it is already there. */
function demoLedger(): Plugin {
  return {
    name: 'settlewatch-demo-ledger',
    apply: 'build',
    buildStart() {
      if (existsSync(`${here}pwa/public/demo/manifest.json`)) return;
      const run = spawnSync(process.execPath, [`${here}scripts/make-demo.mjs`], { stdio: 'inherit' });
      if (run.status !== 0) throw new Error('scripts/make-demo.mjs failed');
    },
  };
}

/**
 * The app's Content-Security-Policy, so the browser enforces "no request leaves the device" (issue 16).
 * Everything comes from the app's own origin: scripts, styles, workers (the ledger worker and Workbox's
 * service worker are files of the build), fetches (the demo ledger). `img-src data:` is for the logo,
 * an inline SVG data URL in App.svelte. No 'unsafe-inline' anywhere: the build has no inline script,
 * and Svelte 5 sets style: directives through element.style (CSSOM), which CSP does not govern.
 */
export const PWA_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/**
 * Puts PWA_CSP in the built index.html as a <meta http-equiv>, first in <head> (it only governs what
 * follows it), so it holds offline and on any static host. Build only: the dev server injects its
 * styles as <style> elements, which the policy rightly refuses.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'settlewatch-csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: PWA_CSP }, injectTo: 'head-prepend' },
    ],
  };
}

async function pwaConfig(): Promise<UserConfig> {
  const { svelte } = await import('@sveltejs/vite-plugin-svelte');
  const { VitePWA } = await import('vite-plugin-pwa');
  return {
    root: `${here}pwa`,
    // Relative base: the built app runs from any path (and the extension loads its components).
    base: './',
    publicDir: `${here}pwa/public`,
    build: { outDir: `${here}dist/pwa`, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1024 },
    worker: { format: 'es' },
    // Which core this build holds: a ledger image written by another is not taken back (core/ledger/image.ts).
    define: { __SETTLEWATCH_LEDGER_CODE__: JSON.stringify(ledgerCode(here)) },
    server: { host: '127.0.0.1' },
    preview: { host: '127.0.0.1' },
    plugins: [
      demoLedger(),
      contentSecurityPolicy(),
      svelte(),
      VitePWA({
        strategies: 'generateSW',
        registerType: 'prompt',
        injectRegister: false,
        includeAssets: ['icons/*.png', 'demo/*'],
        manifest: {
          name: 'Settlewatch — card settlement ledger',
          short_name: 'Settlewatch',
          description: 'Checks that every card payment reached your bank account. Works offline; your data stays on this device.',
          lang: 'en',
          start_url: './',
          scope: './',
          display: 'standalone',
          background_color: '#f7f8fa',
          theme_color: '#0f5f5a',
          icons: [
            { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
            { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
            { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          ],
        },
        workbox: {
          // The whole app shell and the demo ledger are precached: the app opens and the demo loads offline.
          globPatterns: ['**/*.{js,css,html,png,svg,webmanifest,csv,ofx,xml,json}'],
          globIgnores: ['demo/truth.json'],
          maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
          navigateFallback: 'index.html',
          cleanupOutdatedCaches: true,
        },
      }),
    ],
  };
}

export default defineConfig(async env => {
  if (env.mode === 'extension') {
    // The extension build is owned by the extension; its config lives beside its code
    // (extension/vite.extension.ts, default export). Loaded through Vite's own config loader, which
    // compiles it the way `(await import('./extension/vite.extension')).default` would, so this file
    // still builds the PWA in a checkout where the extension's config does not exist yet.
    const loaded = await loadConfigFromFile(env, `${here}extension/vite.extension.ts`, here);
    if (!loaded) throw new Error('extension/vite.extension.ts not found: the extension build has no config');
    return loaded.config;
  }
  return pwaConfig();
});
