/**
 * Where the fast engine's kernels come from (src/engine/wasm/runtime.ts): the copy built into the
 * library, compiled asynchronously when the runtime refuses a synchronous compile, or files the
 * user serves (fastEngineReady({ wasm })); and what the user is told when they cannot load
 * (fastEngineInfo().reason, one console warning). Each case runs in its own Node process
 * (loading-child.ts), because the source is chosen once per process.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const child = fileURLToPath(new URL('./loading-child.ts', import.meta.url));
const binDir = fileURLToPath(new URL('../../src/engine/wasm/bin/', import.meta.url));

interface Info { simd: boolean; relaxed: boolean; shared: boolean; threads: number; reason?: string }
interface Out {
  before?: Info; beforeIdentical?: boolean; ready?: Info; again?: Info; info?: Info; afterErr?: number; asyncErr?: number; identical?: boolean; identical2?: boolean;
  refused?: { convError: boolean; code: string; message: string; hint: string } | null; warnings: string[];
}

function run(...args: string[]): Promise<Out> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => { stdout += d; });
    p.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => p.kill(), 60_000);
    p.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`loading-child ${args.join(' ')} exited with ${code}: ${stderr}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop()!) as Out);
    });
  });
}

let server: Server;
let base = '';
const served: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    served.push(url);
    const m = /^\/bin\/(kernels-[a-z-]+\.wasm)$/.exec(url);
    if (!m || !existsSync(binDir + m[1])) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': 'application/wasm' }).end(readFileSync(binDir + m[1]));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => { server?.close(); });

describe('loading the kernels', () => {
  it('compiles asynchronously when the runtime refuses to compile a large module synchronously, and says so until then', async () => {
    const out = await run('sync-refused');
    expect(out.before!.simd).toBe(false);
    expect(out.before!.reason).toMatch(/still compiling.*await fastEngineReady\(\)/);
    expect(out.beforeIdentical).toBe(true); // the reference engine meanwhile
    expect(out.ready).toMatchObject({ simd: true, shared: true });
    expect(out.ready!.threads).toBeGreaterThanOrEqual(2);
    expect(out.ready!.reason).toBeUndefined();
    expect(out.afterErr).toBeLessThan(1e-5);
    expect(out.warnings).toEqual([]);
  }, 70_000);

  it('a compile error (a CSP without wasm-unsafe-eval) is reported, not thrown at a convolution, and warned about once', async () => {
    const out = await run('csp');
    expect(out.identical).toBe(true);
    expect(out.identical2).toBe(true);
    expect(out.ready).toMatchObject({ simd: false, threads: 1 });
    expect(out.ready!.reason).toMatch(/did not compile.*reference engine.*wasm-unsafe-eval/);
    expect(out.warnings).toHaveLength(1);
    expect(out.warnings[0]).toMatch(/^convkit: the WebAssembly kernels built into convkit did not compile/);
  }, 70_000);

  it('loads served .wasm files from a folder URL (all four variants fetched, threads available)', async () => {
    served.length = 0;
    const out = await run('url', `${base}/bin`);
    expect(out.ready).toMatchObject({ simd: true, shared: true });
    expect(out.ready!.threads).toBeGreaterThanOrEqual(2);
    expect(out.again).toEqual(out.ready); // the same source twice is fine
    expect(out.afterErr).toBeLessThan(1e-5);
    expect(out.asyncErr).toBeLessThan(1e-5);
    expect([...served].sort()).toEqual(['/bin/kernels-relaxed-shared.wasm', '/bin/kernels-relaxed.wasm', '/bin/kernels-simd-shared.wasm', '/bin/kernels-simd.wasm']);
    expect(out.warnings).toEqual([]);
  }, 70_000);

  it('in Node, loads the files of a file: folder URL from disk (Node\'s fetch reads no files)', async () => {
    const out = await run('url', new URL('../../src/engine/wasm/bin/', import.meta.url).href);
    expect(out.ready).toMatchObject({ simd: true, shared: true });
    expect(out.ready!.threads).toBeGreaterThanOrEqual(2);
    expect(out.ready!.reason).toBeUndefined();
    expect(out.afterErr).toBeLessThan(1e-5);
    expect(out.asyncErr).toBeLessThan(1e-5);
    expect(out.warnings).toEqual([]);
  }, 70_000);

  it('a file: URL where there are no kernels says which file was missing, and the built-in copy computes', async () => {
    const out = await run('url', new URL('./no-such-folder/', import.meta.url).href);
    expect(out.ready).toMatchObject({ simd: true, shared: true });
    expect(out.ready!.threads).toBeGreaterThanOrEqual(2);
    expect(out.ready!.reason).toMatch(/could not be loaded from file:.*no-such-folder.*ENOENT.*uses the kernels built into it/);
    expect(out.afterErr).toBeLessThan(1e-5);
    expect(out.warnings).toHaveLength(1);
  }, 70_000);

  it('loads bytes handed over per variant; without a shared variant it runs one thread and says why', async () => {
    const out = await run('bytes', `${binDir}kernels-simd.wasm`);
    expect(out.ready).toMatchObject({ simd: true, relaxed: false, shared: false, threads: 1 });
    expect(out.ready!.reason).toMatch(/kernels-simd-shared.*one thread/);
    expect(out.afterErr).toBeLessThan(1e-5);
    expect(out.warnings).toEqual([]);
  }, 70_000);

  it('an unreachable URL leaves the built-in kernels in use (not the reference engine, 20–50× slower: review R5), with the reason and exactly one warning', async () => {
    const out = await run('url', `${base}/missing/`);
    expect(out.ready).toMatchObject({ simd: true, shared: true });
    expect(out.ready!.reason).toContain(`HTTP 404 for ${base}/missing/kernels-simd.wasm`);
    expect(out.afterErr).toBeLessThan(1e-5);
    expect(out.asyncErr).toBeLessThan(1e-5);
    expect(out.warnings).toHaveLength(1);
    expect(out.warnings[0]).toMatch(/^convkit: .*could not be loaded.*HTTP 404.*kernels built into it.*dist\/engine\/wasm\/bin/);
  }, 70_000);

  it('refuses { wasm } after the built-in kernels were loaded, and a source that is not one, saying what is valid', async () => {
    const late = await run('late', `${base}/bin/`);
    expect(late.refused).toMatchObject({ convError: true, code: 'INVALID_OPTION' });
    expect(late.refused!.message).toMatch(/after the fast engine had loaded/);
    expect(late.refused!.hint).toMatch(/before any convolution/);
    expect(late.info).toMatchObject({ simd: true }); // the built-in kernels stay in use
    const bad = await run('bad');
    expect(bad.refused).toMatchObject({ convError: true, code: 'INVALID_OPTION' });
    expect(bad.refused!.message).toMatch(/kernels-simd/);
    expect(bad.refused!.hint).toMatch(/kernels-simd, kernels-relaxed, kernels-simd-shared, kernels-relaxed-shared/);
  }, 70_000);
});
