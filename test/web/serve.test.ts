/** `npm run playground` (web/serve.mjs): builds the page, serves it with the CSP, prints the address. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));

describe('playground server script', () => {
  it('builds, prints its local address and serves the built page with the CSP header', async () => {
    const child = spawn(process.execPath, ['web/serve.mjs', '--port', '0'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
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
      const html = await r.text();
      const script = /<script type="module"[^>]*src="\.\/([^"]+)"/.exec(html);
      expect(script).not.toBeNull();
      const js = await fetch(base + script![1]);
      expect(js.status).toBe(200);
      expect(js.headers.get('content-type')).toMatch(/javascript/);
      expect((await fetch(base + 'no-such-file')).status).toBe(404);
      expect((await fetch(base, { method: 'POST' })).status).toBe(405);
    } finally {
      child.kill('SIGTERM');
    }
  }, 120_000);

  it('refuses a bad port with a clear message', async () => {
    const child = spawn(process.execPath, ['web/serve.mjs', '--port', 'abc', '--no-build'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => { err += String(d); });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain('--port must be a number');
  });
});
