#!/usr/bin/env node
/**
 * `npm start` / `npm run playground`: builds the page (Vite) and serves it from a plain Node http
 * server on localhost, with a Content-Security-Policy that forbids every request to another host
 * and the two headers that make the page cross-origin isolated (threads for the fast engine).
 *
 *   node web/serve.mjs [--port 5173] [--no-build]
 *
 * Exports buildPlayground() and startServer() for the browser tests and the benchmark.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
export const defaultOutDir = join(here, 'dist');

/** The policy the page also carries in a meta tag; the header adds what a meta tag cannot. */
export const CSP = [
  "default-src 'self'",
  // WebAssembly compilation only (the fast engine), never JavaScript eval.
  "script-src 'self' 'wasm-unsafe-eval'",
  // The fast engine starts its worker threads from its own code as blob: URLs.
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
};

/**
 * The page imports the fast engine's compiled kernels (src/engine/wasm/bin/, ignored by git and
 * written by assembly/build.mjs). `npm start` builds them first; this script run on its own in a
 * fresh clone would otherwise fail deep inside Vite on a missing module, so it builds them too.
 */
function ensureKernels() {
  if (existsSync(join(here, '..', 'src', 'engine', 'wasm', 'bin', 'kernels.generated.ts'))) return;
  console.log('compiling the WebAssembly kernels first (node assembly/build.mjs) …');
  const r = spawnSync(process.execPath, [join(here, '..', 'assembly', 'build.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`node assembly/build.mjs failed (exit ${r.status ?? r.signal}): the page needs its kernels; run it to see why`);
}

/** Builds web/ into outDir with Vite (its JS API: no shell, works the same from a clean clone). */
export async function buildPlayground({ outDir = defaultOutDir, quiet = true } = {}) {
  ensureKernels();
  const { build } = await import('vite');
  await build({
    configFile: join(here, 'vite.config.ts'),
    logLevel: quiet ? 'warn' : 'info',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

/** Serves `root` on 127.0.0.1:`port` (0 = any free port). Resolves to { server, port, url }. */
export function startServer({ root = defaultOutDir, port = 0, host = '127.0.0.1' } = {}) {
  const base = resolve(root);
  const server = createServer((req, res) => {
    const headers = {
      'Content-Security-Policy': CSP,
      // Cross-origin isolation: without both headers a browser hides SharedArrayBuffer, and the
      // fast engine runs on one thread. The CSP already keeps every request on this origin, so
      // require-corp blocks nothing the page uses.
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-cache',
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400, headers);
      res.end('bad request');
      return;
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(base, path));
    if (!(file === base || file.startsWith(base + sep)) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const addr = server.address();
      const p = typeof addr === 'object' && addr ? addr.port : port;
      resolvePromise({ server, port: p, url: `http://localhost:${p}/` });
    });
  });
}

async function main() {
  const args = process.argv.slice(2);
  const portArg = args.indexOf('--port');
  const wanted = portArg >= 0 ? Number(args[portArg + 1]) : Number(process.env.PORT ?? 5173);
  if (!Number.isInteger(wanted) || wanted < 0 || wanted > 65535) {
    console.error(`convkit playground: --port must be a number from 0 to 65535, got ${args[portArg + 1]}`);
    process.exit(2);
  }
  if (!args.includes('--no-build')) {
    const t0 = Date.now();
    process.stdout.write('convkit playground: building the page… ');
    await buildPlayground();
    process.stdout.write(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  if (!existsSync(join(defaultOutDir, 'index.html'))) {
    console.error('convkit playground: web/dist/index.html is missing; run without --no-build');
    process.exit(1);
  }
  // Take the next free port if the wanted one is busy (another playground, a dev server…).
  let started;
  for (let p = wanted, tries = 0; tries < 20; p++, tries++) {
    try {
      started = await startServer({ port: p });
      break;
    } catch (e) {
      if (e && e.code === 'EADDRINUSE' && wanted !== 0) continue;
      throw e;
    }
  }
  if (!started) {
    console.error(`convkit playground: ports ${wanted}–${wanted + 19} are all busy; try --port 0`);
    process.exit(1);
  }
  console.log(`convkit playground: open ${started.url}  (Ctrl+C to stop)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e) => {
    console.error(`convkit playground: ${e && e.message ? e.message : e}`);
    process.exit(1);
  });
}
