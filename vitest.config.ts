import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // expect.poll waits for what the page or a worker does a moment later. Its own default gives up
    // after 1 s, which a loaded CI machine can spend on one redraw; a poll ends at its first match,
    // so the longer limit costs a passing test nothing.
    expect: { poll: { timeout: 15_000 } },
    // One scratch directory per run, so test/support/pack.ts packs the tarball once for all files.
    globalSetup: ['test/support/pack-setup.ts'],
  },
});
