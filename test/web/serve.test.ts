/**
 * `npm start` = `npm run playground` (web/serve.mjs): builds the page, serves it with the CSP and
 * the cross-origin isolation headers, prints the address; Chromium then loads everything the page
 * asks for, isolated (SharedArrayBuffer available, so the fast engine can use threads).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from './harness.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));

describe('playground server script', () => {
  it('npm start builds, prints its local address and serves the built page with the CSP and isolation headers', async () => {
    const child = spawn('npm', ['start', '--', '--port', '0'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => { err += String(d); });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no address printed: ${out} ${err}`)), 90_000);
        child.stdout.on('data', (d) => {
          out += String(d);
          const m = /open (http:\/\/localhost:\d+\/)/.exec(out);
          if (m) { clearTimeout(timer); resolve(m[1]); }
        });
        child.on('exit', (code) => reject(new Error(`exited with ${code}: ${out} ${err}`)));
      });
      const base = url.replace('localhost', '127.0.0.1');
      const r = await fetch(base);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(r.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(r.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
      const html = await r.text();
      const script = /<script type="module"[^>]*src="\.\/([^"]+)"/.exec(html);
      expect(script).not.toBeNull();
      const js = await fetch(base + script![1]);
      expect(js.status).toBe(200);
      expect(js.headers.get('content-type')).toMatch(/javascript/);
      expect((await fetch(base + 'no-such-file')).status).toBe(404);
      expect((await fetch(base, { method: 'POST' })).status).toBe(405);

      // In Chromium: isolated, and every request the page makes succeeds (require-corp blocks nothing).
      const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
      try {
        const page = await browser.newPage();
        const failed: string[] = [];
        const errors: string[] = [];
        page.on('requestfailed', (q) => failed.push(`${q.url()}: ${q.failure()?.errorText}`));
        page.on('response', (q) => { if (q.status() >= 400) failed.push(`${q.url()}: ${q.status()}`); });
        page.on('pageerror', (e) => errors.push(String(e)));
        page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
        await page.goto(base, { waitUntil: 'networkidle' });
        const isolation = await page.evaluate(() => ({ isolated: globalThis.crossOriginIsolated, sab: typeof SharedArrayBuffer }));
        expect(isolation).toEqual({ isolated: true, sab: 'function' });
        expect(failed).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    } finally {
      // npm start runs the server as a child of npm: end the whole process group.
      try { process.kill(-child.pid!, 'SIGTERM'); } catch { child.kill('SIGTERM'); }
    }
  }, 180_000);

  it('refuses a bad port with a clear message', async () => {
    const child = spawn(process.execPath, ['web/serve.mjs', '--port', 'abc', '--no-build'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => { err += String(d); });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain('--port must be a number');
  });
});
