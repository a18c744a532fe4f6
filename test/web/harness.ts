/**
 * Shared set-up of the browser tests: build the page once into a temporary folder, serve it with
 * the playground's own server (CSP header included) on a free port, and drive Debian's Chromium
 * through playwright-core. Every request the page makes is recorded, so tests can assert that
 * nothing went to another host.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
// @ts-expect-error: plain ESM script without type declarations
import { buildPlayground, startServer } from '../../web/serve.mjs';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export interface Harness {
  url: string;
  browser: Browser;
  /** Every URL requested by any page of this harness. */
  requests: string[];
  /**
   * A page in a fresh context. Motion is reduced unless asked for: the page autoplays its animation
   * otherwise, and tests that check one step at a time need it to stand still.
   */
  newPage(options?: { width?: number; height?: number; motion?: boolean }): Promise<{ page: Page; context: BrowserContext; dialogs: string[]; errors: string[] }>;
  /** A new page (as newPage) opened at the page's URL + `query`, once the page says it is ready (body[data-ready]). */
  open(query: string, options?: { width?: number; height?: number; motion?: boolean }): Promise<{ page: Page; context: BrowserContext; dialogs: string[]; errors: string[] }>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const outDir = mkdtempSync(join(tmpdir(), 'convkit-web-'));
  await buildPlayground({ outDir });
  const { server, url } = (await startServer({ root: outDir, port: 0 })) as { server: Server; url: string };
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const requests: string[] = [];
  const harness: Harness = {
    url: url.replace('localhost', '127.0.0.1'),
    browser,
    requests,
    async newPage({ width = 1400, height = 1000, motion = false } = {}) {
      const context = await browser.newContext({ viewport: { width, height }, reducedMotion: motion ? 'no-preference' : 'reduce' });
      const page = await context.newPage();
      const dialogs: string[] = [];
      const errors: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      return { page, context, dialogs, errors };
    },
    async open(query, options) {
      const p = await harness.newPage(options);
      await p.page.goto(harness.url + query);
      await p.page.waitForSelector('body[data-ready="1"]');
      return p;
    },
    async close() {
      await browser.close();
      await new Promise<void>((r) => server.close(() => r()));
      rmSync(outDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/**
 * The harness of one test file, started before its tests and closed after them (what every browser
 * test file sets up); its members reach the started harness.
 */
export function fileHarness(timeout = 180_000): Harness {
  let h: Harness | undefined;
  beforeAll(async () => { h = await startHarness(); }, timeout);
  afterAll(async () => { await h?.close(); });
  const live = (): Harness => {
    if (!h) throw new Error('fileHarness: the harness starts in beforeAll');
    return h;
  };
  return {
    get url() { return live().url; },
    get browser() { return live().browser; },
    get requests() { return live().requests; },
    newPage: (options) => live().newPage(options),
    open: (query, options) => live().open(query, options),
    close: () => live().close(),
  };
}
