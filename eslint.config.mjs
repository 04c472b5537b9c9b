// Lint for Settlewatch: typescript-eslint (type-aware), Svelte, and the layering rules of DESIGN.md as
// restricted-path zones — imports point extension → pwa → core, never back; the pure core (all of
// core/ but core/db, core/ledger, core/worker and core/cli) uses no Dexie, DOM, chrome.* or node: module; only
// core/db imports Dexie; the MV3 background has no window.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Folders of the pure core: what tsconfig.core.json compiles without the DOM. */
const IMPURE_CORE = ['core/db/**', 'core/ledger/**', 'core/worker/**', 'core/cli/**'];
const TESTS = ['**/*.test.ts', 'test/**'];

/** What the pure core may not reach: the browser, the extension API, the database and the worker glue. */
const DOM_GLOBALS = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'chrome',
  'Worker',
  'DOMParser',
  'Blob',
  'File',
  'FileReader',
  'location',
  'fetch',
].map(name => ({ name, message: 'the pure core runs in Node, the worker and the extension alike: no DOM or chrome.* here' }));

const restricted = (message, ...names) => names.map(name => ({ name, message }));

export default tseslint.config(
  // The team's generator, gapper and scorer are vendored as they are (test/shared-copies.test.ts keeps them in step).
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '.bench/**',
      '.test-results/**',
      'test/tools/gen-ledger.mjs',
      'test/tools/gap-ledger.mjs',
      'test/tools/score.mjs',
    ],
  },

  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],

  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.worker, ...globals.node, chrome: 'readonly' },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.svelte.ts', '.mjs', '.js', '.svelte', '.json'] })],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Comments quote bank layouts exactly, ideographic spaces (CCB's `币　　种`) included.
      'no-irregular-whitespace': ['error', { skipComments: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // The layers. A zone's `target` may not import anything under its `from`.
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './core', from: ['./pwa', './extension'], message: 'imports point extension → pwa → core: the core imports neither' },
            {
              target: './pwa',
              from: './extension',
              message: 'imports point extension → pwa → core: the PWA does not import the extension',
            },
          ],
        },
      ],
    },
  },

  {
    // Destructured names are all let or all const (`let [i, f] = …` where only f changes). Svelte files keep the
    // plugin's own rule, which knows `let { … } = $props()`.
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    rules: { 'prefer-const': ['error', { destructuring: 'all' }] },
  },

  // Type-aware rules for the TypeScript the project compiles (tsconfig.json).
  {
    files: ['**/*.ts', '**/*.svelte'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname, extraFileExtensions: ['.svelte'] } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        parser: tseslint.parser,
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
  },

  // A database upgrade runs on data older code wrote: it names the shapes it needs itself and imports nothing
  // of the project (the live types move on; an upgrade written today must still run after they change).
  {
    files: ['core/db/upgrades/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['./**', '../**'], message: 'an upgrade imports nothing of the project: name the shapes it reads here' }] },
      ],
    },
  },
  // Only core/db talks to IndexedDB through Dexie.
  {
    files: ['core/**/*.ts'],
    ignores: ['core/db/**', ...TESTS],
    rules: {
      'no-restricted-imports': ['error', { paths: restricted('only core/db imports Dexie', 'dexie') }],
    },
  },
  // The pure core: no Dexie, Comlink, Svelte or Node module, and no DOM or chrome.* global.
  {
    files: ['core/**/*.ts'],
    ignores: [...IMPURE_CORE, ...TESTS],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: restricted('the pure core imports no Dexie, Comlink or Svelte', 'dexie', 'comlink', 'svelte'),
          patterns: [
            { group: ['node:*'], message: 'the pure core runs in the browser too: no node: module' },
            { group: ['dexie/*', 'svelte/*', 'comlink/*'], message: 'the pure core imports no Dexie, Comlink or Svelte' },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...DOM_GLOBALS],
    },
  },
  // The MV3 background is a service worker: there is no window (and no document) to reach.
  {
    files: ['extension/background/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'the background is a service worker: use globalThis or self, never window' },
        { name: 'document', message: 'the background is a service worker: DOM work belongs in the offscreen document' },
      ],
    },
  },

  // The lead is changing core/reconcile on main; these two one-character findings are fixed after that lands
  // (match.ts: `[^a-z0-9_\\-]` → `[^a-z0-9_-]`; properties.test.ts: `let carried` → `const carried`).
  { files: ['core/reconcile/match.ts'], rules: { 'no-useless-escape': 'off' } },
  { files: ['core/reconcile/properties.test.ts'], rules: { 'prefer-const': 'off' } },

  // Plain JavaScript (scripts, the CLI launcher, the vendored generator) is not in tsconfig: no type-aware rules.
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
