import { defineConfig } from 'vitest/config';

// End-to-end tests: the real built PWA and extension in Debian's Chromium (npm run build first).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
