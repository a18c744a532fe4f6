/**
 * What every page benchmark starts with: the playground built into a temporary folder, served by
 * web/serve.mjs (cross-origin isolated, as the page is deployed), and Debian's Chromium driven by
 * playwright-core. `close` undoes all three.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
// @ts-expect-error: plain ESM script without type declarations
import { buildPlayground, startServer } from '../web/serve.mjs';

export interface PageBench {
  /** The page's URL, on 127.0.0.1. */
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

/** `minify: false` builds the page unminified, so that a CPU profile names its functions. */
export async function startPageBench(name: string, { minify = true } = {}): Promise<PageBench> {
  const outDir = mkdtempSync(join(tmpdir(), `convkit-bench-${name}-`));
  if (minify) await buildPlayground({ outDir });
  else {
    const { build } = await import('vite');
    await build({ configFile: join(import.meta.dirname, '../web/vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true, minify: false } });
  }
  const { server, url } = (await startServer({ root: outDir, port: 0 })) as { server: { close(): void }; url: string };
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  return {
    base: url.replace('localhost', '127.0.0.1'),
    browser,
    async close() {
      await browser.close();
      server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
