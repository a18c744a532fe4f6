/**
 * Loads the compiled kernels (assembly/kernels.ts → src|dist/engine/wasm/bin/*.wasm) and detects
 * what the runtime offers: SIMD (required, else the reference engine is used), relaxed-SIMD FMA
 * (used when it validates), shared memory (needed for threads).
 *
 * Node: the bytes are read synchronously (fs via process.getBuiltinModule, so this file still
 * loads in a browser). Browsers: `await readyWasm()` fetches them; until then 'auto' uses the
 * reference engine, which gives the same numbers.
 */

export type VariantName = 'kernels-simd' | 'kernels-relaxed' | 'kernels-simd-shared' | 'kernels-relaxed-shared';

export interface KernelExports {
  packB(d: number, x: number, dst: number, k0: number, kc: number, p0: number, nc: number, ncPad: number): void;
  packA(w: number, dst: number, oc: number, icg: number, taps: number, tapOff: number, ocStride: number, icStride: number): void;
  convGemm(d: number, x: number, wp: number, bias: number, c: number, ldc: number, K: number, OC: number, p0: number, p1: number, scratch: number, priv: number): void;
  copyOut(scratch: number, c: number, ldc: number, OC: number, p0: number, p1: number): void;
  scatter(c: number, ldc: number, out: number, off: number, OC: number, outSp: number, p0: number, p1: number): void;
  fillBias(out: number, off: number, bias: number, OC: number, P: number, outSp: number): void;
  depthwise(x: number, w: number, bias: number, out: number, c0: number, c1: number, desc: number, scratch: number): void;
  buildPlanes(x: number, planes: number, C: number, inH: number, inW: number, rowMap: number, colMap: number, gH: number, gW: number): void;
  buildSplitPlanes(x: number, planes: number, C: number, inH: number, inW: number, rowMap: number, colMap: number, gH: number, gW: number): void;
  peak(iters: number, seed: number): number;
  tileRows(): number;
  gemmScratchBytes(oc: number): number;
  blockPixels(): number;
  kBlock(): number;
}

export const SHARED_MAX_PAGES = 32768;

export interface Features {
  simd: boolean;
  relaxed: boolean;
  shared: boolean;
}

const modules = new Map<VariantName, WebAssembly.Module>();
let features: Features | null = null;

interface NodeProcess {
  getBuiltinModule?(name: string): unknown;
  execArgv?: string[];
}

function wasmUrl(name: VariantName): URL {
  return new URL(`./bin/${name}.wasm`, import.meta.url);
}

function readSync(name: VariantName): Uint8Array | null {
  const proc = (globalThis as { process?: NodeProcess }).process;
  const fs = proc?.getBuiltinModule?.('fs') as { readFileSync(u: URL): Uint8Array } | undefined;
  if (!fs) return null;
  try {
    return fs.readFileSync(wasmUrl(name));
  } catch {
    return null;
  }
}

function sharedMemoryWorks(): boolean {
  if (typeof SharedArrayBuffer === 'undefined') return false;
  try {
    new WebAssembly.Memory({ initial: 1, maximum: SHARED_MAX_PAGES, shared: true });
    return true;
  } catch {
    return false;
  }
}

function detect(bytes: Map<VariantName, Uint8Array>): Features {
  const valid = (n: VariantName): boolean => {
    const b = bytes.get(n);
    return !!b && WebAssembly.validate(b as BufferSource);
  };
  const simd = valid('kernels-simd');
  return { simd, relaxed: simd && valid('kernels-relaxed'), shared: simd && valid('kernels-simd-shared') && sharedMemoryWorks() };
}

function compileAll(bytes: Map<VariantName, Uint8Array>, f: Features): void {
  const want: VariantName[] = [f.relaxed ? 'kernels-relaxed' : 'kernels-simd'];
  if (f.shared) want.push(f.relaxed ? 'kernels-relaxed-shared' : 'kernels-simd-shared');
  for (const n of want) {
    const b = bytes.get(n);
    if (b && !modules.has(n)) modules.set(n, new WebAssembly.Module(b as BufferSource));
  }
}

const ALL: VariantName[] = ['kernels-simd', 'kernels-relaxed', 'kernels-simd-shared', 'kernels-relaxed-shared'];

/** Synchronous load (Node). Returns the features, or null when the bytes are not reachable. */
export function loadSync(): Features | null {
  if (features) return features;
  const bytes = new Map<VariantName, Uint8Array>();
  for (const n of ALL) {
    const b = readSync(n);
    if (b) bytes.set(n, b);
  }
  if (!bytes.has('kernels-simd')) return null;
  const f = detect(bytes);
  if (f.simd) compileAll(bytes, f);
  features = f;
  return f;
}

/** Asynchronous load (browsers; also fine in Node). Never blocks. */
export async function loadAsync(): Promise<Features | null> {
  if (features) return features;
  if (loadSync()) return features;
  const bytes = new Map<VariantName, Uint8Array>();
  await Promise.all(ALL.map(async (n) => {
    try {
      const r = await fetch(wasmUrl(n));
      if (r.ok) bytes.set(n, new Uint8Array(await r.arrayBuffer()));
    } catch {
      /* unreachable variant: treated as unsupported */
    }
  }));
  if (!bytes.has('kernels-simd')) return null;
  const f = detect(bytes);
  if (f.simd) compileAll(bytes, f);
  features = f;
  return f;
}

export function loadedFeatures(): Features | null {
  return features;
}

/** The compiled module for private (shared = false) or shared memory, if loaded. */
export function kernelModule(shared: boolean): WebAssembly.Module | null {
  const f = features;
  if (!f || !f.simd) return null;
  if (shared && !f.shared) return null;
  const name = `kernels-${f.relaxed ? 'relaxed' : 'simd'}${shared ? '-shared' : ''}` as VariantName;
  return modules.get(name) ?? null;
}

export function instantiate(module: WebAssembly.Module, memory: WebAssembly.Memory): KernelExports {
  const instance = new WebAssembly.Instance(module, {
    env: {
      memory,
      abort: () => {
        throw new Error('convkit wasm kernel aborted');
      },
    },
  });
  return instance.exports as unknown as KernelExports;
}
