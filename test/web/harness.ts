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
import { REFIT_AFTER_MS } from '../../web/src/resize-refit.js';

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
  /**
   * A new page (as newPage) opened at the page's URL + `query`, once the page says it is ready
   * (body[data-ready]) and its first side-panel draw is in (settled): main.ts sets data-ready at the
   * end of start(), before the side panels' first draw, which waits a frame (side-panels.ts schedule).
   */
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
      // CONVKIT_CPU_THROTTLE=4 (say) slows the page's CPU that many times, as a loaded CI machine
      // does, to shake out tests that read what the page draws a moment later (see settled).
      const throttle = Number(process.env.CONVKIT_CPU_THROTTLE ?? 1);
      if (throttle > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: throttle });
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
      await settled(p.page);
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
 * Waits until the page has caught up with the last change: the side panels (formula, code, matrix,
 * channel diagram, tutorial views) are drawn a frame after the figure (side-panels.ts schedule marks
 * the wait with body[data-pending]), and two more frames let work queued for the next frame (the
 * matrix box's fit, the side column's scroll) run. Read side-panel material after an action only
 * after this, or poll for the content expected.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForSelector('body:not([data-pending])', { state: 'attached' });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/**
 * Waits `ms` by the page's own clock, then for settled(): for a check that something does NOT
 * happen (a number not applied after the typing pause, a menu's pick kept, a box not scrolled).
 * A sleep in the test's process proves nothing when the page runs late on a loaded machine: the
 * page's timer could still be waiting when the test reads. A timer set in the page now, for at
 * least as long as the page's own, runs after it (the page runs its timers in the order they fall
 * due), so whatever that timer would do has been done, and drawn, when this returns.
 */
export async function afterPageTimers(page: Page, ms: number): Promise<void> {
  await page.evaluate(`new Promise((done) => setTimeout(done, ${ms}))`);
  await settled(page);
}

/**
 * Resizes the window and waits until the page has refitted itself to the new size. The page refits
 * its header and figure REFIT_AFTER_MS after the last resize event (resize-refit.ts), so a read
 * after a fixed sleep could come before the refit on a loaded machine. This waits for the resize
 * event, then a little longer than the page's own rest after the last one, then for settled().
 */
export async function resizeAndSettle(page: Page, size: { width: number; height: number }): Promise<void> {
  // A script as text: the page gets it as written, whatever the test's transpiler adds to functions.
  // It ends with 0: the promise itself would be awaited here, before the resize that settles it.
  await page.evaluate(`window.convkitRefit = new Promise((done) => {
    let timer;
    const onResize = () => {
      clearTimeout(timer);
      timer = setTimeout(() => { removeEventListener('resize', onResize); done(); }, ${REFIT_AFTER_MS + 50});
    };
    addEventListener('resize', onResize);
  }); 0`);
  // The same size again sends no resize event, and there is nothing to refit.
  const same = page.viewportSize();
  await page.setViewportSize(size);
  if (same?.width !== size.width || same?.height !== size.height) await page.evaluate('window.convkitRefit');
  await settled(page);
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
