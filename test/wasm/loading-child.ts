/**
 * Run by loading.test.ts in a fresh Node per mode, since where the kernels come from is decided
 * once per process. Prints one JSON line: what fastEngineInfo() said at each step, the warnings
 * convkit printed, and whether 'auto' matched the reference engine.
 *   sync-refused  WebAssembly.Module refuses buffers over 4 KB, as Chrome's main thread did
 *   csp           WebAssembly.Module throws a CompileError, as under a Content-Security-Policy
 *                 without 'wasm-unsafe-eval'
 *   url <base>    fastEngineReady({ wasm: base }), base served over http by the test
 *   bytes <file>  fastEngineReady({ wasm: { 'kernels-simd': bytes of file } })
 *   late <base>   a convolution first, then fastEngineReady({ wasm: base })
 *   bad           fastEngineReady({ wasm: { simd: … } }) (not a variant name)
 */
import { readFileSync } from 'node:fs';

const [mode, arg] = process.argv.slice(2);
const warnings: string[] = [];
console.warn = (...a: unknown[]) => { warnings.push(a.map(String).join(' ')); };

if (mode === 'sync-refused') {
  const Native = WebAssembly.Module;
  const Limited = function (this: unknown, bytes: BufferSource) {
    if (bytes.byteLength > 4096) throw new RangeError('WebAssembly.Compile is disallowed on the main thread, if the buffer size is larger than 4KB');
    return new Native(bytes);
  } as unknown as typeof WebAssembly.Module;
  Limited.prototype = Native.prototype;
  (WebAssembly as { Module: typeof WebAssembly.Module }).Module = Limited;
} else if (mode === 'csp') {
  const refuse = (): never => { throw new WebAssembly.CompileError("WebAssembly.Module(): Refused to compile or instantiate WebAssembly module because 'wasm-unsafe-eval' is not an allowed source"); };
  (WebAssembly as { Module: unknown }).Module = refuse;
  (WebAssembly as { compile: unknown }).compile = async () => refuse();
}

const api = await import('../../src/index.js');
const r = (n: number, seed: number): Float32Array => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + seed) * 0.5);
const x = api.tensor(r(8 * 30 * 30, 1), [1, 8, 30, 30]);
const w = api.tensor(r(16 * 8 * 9, 2), [16, 8, 3, 3]);
const ref = api.conv2d(x, w, { padding: 1, engine: 'reference' }).data;
/** Largest difference from the reference engine, relative to its largest value. */
const err = (y: Float32Array): number => {
  let e = 0, s = 1e-9;
  for (let i = 0; i < ref.length; i++) { e = Math.max(e, Math.abs(y[i] - ref[i])); s = Math.max(s, Math.abs(ref[i])); }
  return y.length === ref.length ? e / s : Infinity;
};
const identical = (y: Float32Array): boolean => y.length === ref.length && y.every((v, i) => Object.is(v, ref[i]));
const out: Record<string, unknown> = { mode };

if (mode === 'sync-refused') {
  out.before = api.fastEngineInfo();
  out.beforeIdentical = identical(api.conv2d(x, w, { padding: 1 }).data);
  out.ready = await api.fastEngineReady();
  out.afterErr = err((await api.conv2dAsync(x, w, { padding: 1 })).data);
} else if (mode === 'csp') {
  out.identical = identical(api.conv2d(x, w, { padding: 1 }).data);
  out.identical2 = identical((await api.conv2dAsync(x, w, { padding: 1 })).data);
  out.ready = await api.fastEngineReady();
} else if (mode === 'url' || mode === 'bytes') {
  const wasm = mode === 'url' ? arg : { 'kernels-simd': readFileSync(arg) };
  out.ready = await api.fastEngineReady({ wasm });
  out.again = await api.fastEngineReady({ wasm: mode === 'url' ? arg : wasm });
  out.afterErr = err(api.conv2d(x, w, { padding: 1 }).data);
  out.asyncErr = err((await api.conv2dAsync(x, w, { padding: 1 })).data);
  out.identical = identical(api.conv2d(x, w, { padding: 1 }).data);
  api.fastEngineInfo();
} else if (mode === 'late' || mode === 'bad') {
  api.conv2d(x, w, { padding: 1 });
  try {
    await api.fastEngineReady({ wasm: mode === 'late' ? arg : { simd: new Uint8Array(8) } as never });
    out.refused = null;
  } catch (e) {
    out.refused = { convError: api.isConvError(e), code: (e as { code?: string }).code, message: (e as Error).message, hint: (e as { hint?: string }).hint };
  }
  out.info = api.fastEngineInfo();
}
out.warnings = warnings;
process.stdout.write(`${JSON.stringify(out)}\n`);
