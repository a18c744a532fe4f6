/**
 * The browser build gives the same numbers: the public API bundled for the browser (esbuild; the
 * kernels travel inside the bundle, no .wasm file is served), served with COOP/COEP (so shared
 * memory and Web Worker threads are available), run in headless Chromium, compared with Node's
 * fast engine and with the reference engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import * as api from '../../src/index.js';
import { computeAll } from './browser-cases.js';

const CHROMIUM = '/usr/bin/chromium';
const here = fileURLToPath(new URL('.', import.meta.url));

let dir = '';
let server: Server | null = null;
let browser: Browser | null = null;

function scaleErr(a: number[], b: number[]): number {
  let scale = 1e-6, err = 0;
  for (let i = 0; i < b.length; i++) { scale = Math.max(scale, Math.abs(b[i])); err = Math.max(err, Math.abs(a[i] - b[i])); }
  return a.length === b.length ? err / scale : Infinity;
}

describe.skipIf(!existsSync(CHROMIUM))('browser build (headless Chromium)', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'convkit-browser-'));
    await build({ entryPoints: [join(here, 'browser-entry.ts')], bundle: true, format: 'esm', platform: 'browser', outfile: join(dir, 'bundle.js'), logLevel: 'error' });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="bundle.js"></script>');
    server = createServer((req, res) => {
      const path = join(dir, (req.url ?? '/').split('?')[0].replace(/^\/csp\//, '/').replace(/^\/$/, '/index.html'));
      if (!path.startsWith(dir) || !existsSync(path)) { res.writeHead(404).end(); return; }
      const type = path.endsWith('.js') ? 'text/javascript' : path.endsWith('.wasm') ? 'application/wasm' : 'text/html';
      // /csp/…: the same files under a Content-Security-Policy that allows WebAssembly but not
      // blob: workers (the pool's Web Workers start from blob: URLs).
      const csp = (req.url ?? '').startsWith('/csp/') ? { 'content-security-policy': "script-src 'self' 'wasm-unsafe-eval'" } : {};
      res.writeHead(200, { 'content-type': type, 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp', ...csp });
      res.end(readFileSync(path));
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('computes the same numbers as Node, with SIMD, shared memory and worker threads', async () => {
    const addr = server!.address() as { port: number };
    const page = await browser!.newPage();
    await page.goto(`http://127.0.0.1:${addr.port}/`);
    await page.waitForFunction(() => typeof (globalThis as { runChecks?: unknown }).runChecks === 'function');
    const got = (await page.evaluate(() => (globalThis as unknown as { runChecks: () => Promise<unknown> }).runChecks())) as {
      info: { simd: boolean; shared: boolean; threads: number; asyncWorker: boolean }; isolated: boolean; outputs: number[][];
      first: { recoveries: number; callerTasks: number; centre: number };
    };
    expect(got.info.simd).toBe(true);
    expect(got.isolated).toBe(true);
    expect(got.info.shared).toBe(true);
    expect(got.info.threads).toBeGreaterThanOrEqual(2);
    // Off by default in a browser: the page's and the browser's own threads need the cores
    // (thread-pool.ts asyncWorkerByDefault).
    expect(got.info.asyncWorker).toBe(false);
    // The first large async call: the starting Web Workers join it (no stall recovery).
    expect(got.first.centre).toBeCloseTo(64 * 9 * 0.125, 3);
    expect(got.first.recoveries).toBe(0);
    const node = await computeAll(api);
    const ref = await computeAll(api, 'reference');
    expect(got.outputs.length).toBe(node.length);
    for (let i = 0; i < node.length; i++) {
      expect(scaleErr(got.outputs[i], node[i])).toBeLessThan(1e-5);
      expect(scaleErr(got.outputs[i], ref[i])).toBeLessThan(1e-4);
    }
  }, 60_000);

  it('under a CSP that forbids blob: workers: the first async call runs on the caller without waiting out a stall, and the reason says what to allow', async () => {
    const addr = server!.address() as { port: number };
    const page = await browser!.newPage();
    await page.goto(`http://127.0.0.1:${addr.port}/csp/`);
    await page.waitForFunction(() => typeof (globalThis as { cspChecks?: unknown }).cspChecks === 'function');
    const got = (await page.evaluate(() => (globalThis as unknown as { cspChecks: () => Promise<unknown> }).cspChecks())) as {
      first: { recoveries: number; callerTasks: number; centre: number }; after: { simd: boolean; threads: number; reason?: string };
    };
    expect(got.first.centre).toBeCloseTo(64 * 9 * 0.125, 3);
    // 1 = the caller waited stallMs (2 s) for a worker that never ran, then redid the job.
    expect(got.first.recoveries).toBe(0);
    expect(got.first.callerTasks).toBeGreaterThan(0);
    expect(got.after).toMatchObject({ simd: true, threads: 1 });
    expect(got.after.reason).toMatch(/worker-src blob:/);
  }, 60_000);
});
