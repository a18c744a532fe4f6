import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // One scratch directory per run, so test/support/pack.ts packs the tarball once for all files.
    globalSetup: ['test/support/pack-setup.ts'],
  },
});
