/**
 * Loads the compiled kernels and detects what the runtime offers: SIMD (required, else the
 * reference engine is used), relaxed-SIMD FMA (used when it validates), shared memory (needed
 * for threads).
 *
 * The bytes come from bin/kernels.generated.ts (written by assembly/build.mjs from
 * assembly/kernels.ts): an ordinary module, so every bundler includes them without
 * configuration and Node needs neither fs nor import.meta.url. They are compiled synchronously
 * on first use where the runtime allows it (Node, workers, current browsers); a browser that
 * refuses to compile large modules on its main thread gets them compiled asynchronously instead
 * (started at once in the background, and awaited by fastEngineReady()).
 *
 * Users who prefer to serve the .wasm files (dist/engine/wasm/bin/) name them with
 * fastEngineReady({ wasm }) before the first convolution; see KernelSource.
 */
import { KERNELS_BASE64 } from './bin/kernels.generated.js';
import type { KernelExports } from './layouts.generated.js';

/** The kernels' exports, generated from their AssemblyScript signatures (assembly/generate.mjs). */
export type { KernelExports };

export type VariantName = 'kernels-simd' | 'kernels-relaxed' | 'kernels-simd-shared' | 'kernels-relaxed-shared';


export const SHARED_MAX_PAGES = 32768;

export interface Features {
  simd: boolean;
  relaxed: boolean;
  shared: boolean;
}

/** Bytes of one compiled kernel variant. */
type KernelBytes = ArrayBuffer | ArrayBufferView;

/**
 * Where fastEngineReady({ wasm }) takes the kernels from instead of the copy built into the
 * library: the URL of a folder holding the four files of dist/engine/wasm/bin/
 * (kernels-simd.wasm, kernels-relaxed.wasm, kernels-simd-shared.wasm,
 * kernels-relaxed-shared.wasm; a relative URL is resolved against the page), or one entry per
 * variant, each a URL or the bytes. Only 'kernels-simd' is required; a variant left out is
 * treated as unsupported (no relaxed FMA, or no threads).
 *
 * @example
 * ```ts
 * // With node_modules/convkit/dist/engine/wasm/bin/*.wasm copied to the site's /convkit/ folder, a
 * // page calls `await fastEngineReady({ wasm })` with one of these before its first convolution:
 * const folder = '/convkit/';
 * const perVariant = { 'kernels-simd': '/convkit/kernels-simd.wasm', 'kernels-simd-shared': '/convkit/kernels-simd-shared.wasm' };
 * ```
 */
export type KernelSource = string | URL | Partial<Record<VariantName, string | URL | ArrayBuffer | ArrayBufferView>>;

export const VARIANTS: readonly VariantName[] = ['kernels-simd', 'kernels-relaxed', 'kernels-simd-shared', 'kernels-relaxed-shared'];

const modules = new Map<VariantName, WebAssembly.Module>();
/** A load that failed for good: 'auto' keeps the reference engine and nothing is retried. */
const NONE: Features = { simd: false, relaxed: false, shared: false };
let features: Features | null = null;
/** Why the fast engine is not (yet) in use; null once it is, or before anything was tried. */
let problem: string | null = null;
/** The explicit source in use or being loaded (fastEngineReady({ wasm })); null: the built-in copy. */
let explicit: { key: unknown; done: Promise<Features | null> } | null = null;
/** A background compile started after the main thread refused a synchronous one. */
let pendingAsync: Promise<Features | null> | null = null;
let warned = false;
/** Why the loaded kernels run on one thread only (no shared memory or no shared variant), or null. */
let sharedProblem: string | null = null;
/** Why the kernels of fastEngineReady({ wasm }) are not the ones in use (they could not be read), or null. */
let sourceProblem: string | null = null;

function warnOnce(message: string): void {
  if (warned) return;
  warned = true;
  const c = (globalThis as { console?: { warn?(m: string): void } }).console;
  c?.warn?.(`convkit: ${message}`);
}

function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function builtIn(): Map<VariantName, Uint8Array> {
  const bytes = new Map<VariantName, Uint8Array>();
  for (const n of VARIANTS) bytes.set(n, fromBase64(KERNELS_BASE64[n]));
  return bytes;
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
  const sharedKernels = simd && valid('kernels-simd-shared');
  const sharedMemory = sharedMemoryWorks();
  sharedProblem = !simd || (sharedKernels && sharedMemory) ? null
    : !sharedMemory ? 'no shared WebAssembly memory, so one thread: a browser page needs cross-origin isolation (serve it with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp)'
      : 'the shared-memory kernels (kernels-simd-shared) are missing or do not validate, so one thread';
  return { simd, relaxed: simd && valid('kernels-relaxed'), shared: sharedKernels && sharedMemory };
}

/** The variants the engine uses: the relaxed build when it validates, and its shared twin for threads. */
function wanted(f: Features): VariantName[] {
  const want: VariantName[] = [f.relaxed ? 'kernels-relaxed' : 'kernels-simd'];
  if (f.shared) want.push(f.relaxed ? 'kernels-relaxed-shared' : 'kernels-simd-shared');
  return want;
}

function noSimd(from: string): string {
  return `this runtime has no WebAssembly SIMD (the kernels ${from} do not validate), so 'auto' uses the reference engine: same numbers, much slower. SIMD needs Node 16.4+, Chrome 91+, Firefox 89+ or Safari 16.4+.`;
}

/** Records the outcome of a load: the features, or why there are none (warned once). */
function settle(f: Features | null, why: string | null): Features | null {
  features = f;
  problem = f?.simd ? null : why;
  if (problem) warnOnce(problem);
  return f;
}

/**
 * Compiles synchronously: 'ok', 'refused' (a RangeError: Chrome's main thread refuses large
 * modules; an asynchronous compile may work), or the error (e.g. a Content-Security-Policy
 * without 'wasm-unsafe-eval'), which the caller reports instead of throwing it at a convolution.
 */
function compileSync(bytes: Map<VariantName, Uint8Array>, f: Features): 'ok' | 'refused' | Error {
  try {
    for (const n of wanted(f)) if (!modules.has(n)) modules.set(n, new WebAssembly.Module(bytes.get(n)! as BufferSource));
    return 'ok';
  } catch (e) {
    return e instanceof RangeError ? 'refused' : e instanceof Error ? e : new Error(String(e));
  }
}

function compileFailed(e: unknown, where: string): string {
  return `the WebAssembly kernels ${where} did not compile (${e instanceof Error ? e.message : String(e)}), so 'auto' uses the reference engine; a Content-Security-Policy must allow 'wasm-unsafe-eval'`;
}

async function compileAsync(bytes: Map<VariantName, Uint8Array>, f: Features): Promise<void> {
  await Promise.all(wanted(f).map(async (n) => {
    if (!modules.has(n)) modules.set(n, await WebAssembly.compile(bytes.get(n)! as BufferSource));
  }));
}

/**
 * Synchronous load from the built-in copy (the first convolution calls it). Returns the features,
 * or null when they are not available synchronously: an explicit source is still loading, or the
 * main thread refused to compile (then the asynchronous compile is started here).
 */
export function loadSync(): Features | null {
  if (features || explicit || pendingAsync) return features;
  const bytes = builtIn();
  const f = detect(bytes);
  if (!f.simd) return settle(f, noSimd('built into convkit'));
  const compiled = compileSync(bytes, f);
  if (compiled === 'ok') return settle(f, null);
  if (compiled !== 'refused') return settle(NONE, compileFailed(compiled, 'built into convkit'));
  problem = 'the fast engine is still compiling (this browser compiles large WebAssembly modules only asynchronously on the main thread); await fastEngineReady() before the first convolution to use it from the start';
  pendingAsync = compileAsync(bytes, f).then(() => settle(f, null), (e: unknown) => settle(NONE, compileFailed(e, 'built into convkit')));
  return null;
}

/** Asynchronous load (fastEngineReady): never blocks; resolves to the features. */
export async function loadAsync(): Promise<Features | null> {
  if (features) return features;
  if (explicit) return explicit.done;
  if (loadSync()) return features;
  return pendingAsync ?? features;
}

function sourceKey(source: KernelSource): unknown {
  return typeof source === 'string' || source instanceof URL ? String(source) : source;
}

function resolveUrl(u: string | URL, base?: string | URL): URL {
  const page = (globalThis as { location?: { href?: string } }).location?.href;
  return base !== undefined ? new URL(u, resolveUrl(base)) : new URL(u, page);
}

/**
 * The bytes at `url`. A `file:` URL in Node is read from disk: Node's fetch does not read files,
 * and a folder of the installed package is the natural `{ wasm }` there. The file system is
 * reached through process.getBuiltinModule, as the worker threads are (a static import of a Node
 * module would break browser bundles).
 */
async function fetchBytes(url: URL): Promise<Uint8Array> {
  if (url.protocol === 'file:') {
    const proc = (globalThis as { process?: { getBuiltinModule?(n: string): unknown } }).process;
    const fs = proc?.getBuiltinModule?.('fs') as { promises: { readFile(u: URL): Promise<Uint8Array> } } | undefined;
    if (fs) return new Uint8Array(await fs.promises.readFile(url));
  }
  const r = await fetch(url);
  if (!r.ok) throw new Error(`HTTP ${r.status} for ${url.href}`);
  return new Uint8Array(await r.arrayBuffer());
}

function toBytes(b: KernelBytes): Uint8Array {
  return b instanceof ArrayBuffer ? new Uint8Array(b) : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** Whether a value can be a KernelSource (checked by the public API before useSource). */
export function isKernelSource(v: unknown): v is KernelSource {
  if (typeof v === 'string' || v instanceof URL) return true;
  if (v === null || typeof v !== 'object' || Array.isArray(v) || ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return false;
  const entries = Object.entries(v as Record<string, unknown>);
  return entries.length > 0 && entries.every(([k, x]) => (VARIANTS as readonly string[]).includes(k)
    && (typeof x === 'string' || x instanceof URL || x instanceof ArrayBuffer || ArrayBuffer.isView(x)))
    && 'kernels-simd' in (v as object);
}

async function loadFrom(source: KernelSource): Promise<Features | null> {
  let where = 'given to fastEngineReady({ wasm })';
  if (typeof source === 'string' || source instanceof URL) {
    try {
      where = `from ${resolveUrl(source).href}`;
    } catch {
      return fromBuiltIn(`fastEngineReady({ wasm: ${JSON.stringify(String(source))} }) is not a URL convkit can resolve here (a relative URL needs a page to resolve against), so convkit uses the kernels built into it; give an absolute URL, or leave out { wasm }`);
    }
  }
  const bytes = new Map<VariantName, Uint8Array>();
  let failure: string | null = null;
  // Without shared memory (a page that is not cross-origin isolated) the shared variants are never used.
  const needed = sharedMemoryWorks() ? VARIANTS : VARIANTS.filter((n) => !n.endsWith('-shared'));
  await Promise.all(needed.map(async (n) => {
    try {
      if (typeof source === 'string' || source instanceof URL) bytes.set(n, await fetchBytes(resolveUrl(`${n}.wasm`, String(source).replace(/\/?$/, '/'))));
      else {
        const v = source[n];
        if (v === undefined) return;
        bytes.set(n, typeof v === 'string' || v instanceof URL ? await fetchBytes(resolveUrl(v)) : toBytes(v));
      }
    } catch (e) {
      if (n === 'kernels-simd') failure = e instanceof Error ? e.message : String(e);
      /* another unreachable variant only loses relaxed FMA or threads */
    }
  }));
  if (failure !== null || !bytes.has('kernels-simd')) {
    return fromBuiltIn(`the WebAssembly kernels could not be loaded ${where} (${failure ?? 'no kernels-simd entry'}), so convkit uses the kernels built into it; serve the files of dist/engine/wasm/bin/ there, or leave out { wasm }`);
  }
  return compileFrom(bytes, where);
}

/** Validates and compiles `bytes` (from `where`, for the messages) off the main thread's limits, then settles. */
async function compileFrom(bytes: Map<VariantName, Uint8Array>, where: string): Promise<Features | null> {
  const f = detect(bytes);
  if (!f.simd) return settle(f, noSimd(where));
  try {
    await compileAsync(bytes, f);
  } catch (e) {
    return settle(NONE, compileFailed(e, where));
  }
  return settle(f, null);
}

/**
 * An explicit source that could not be read (`why`): the copy built into convkit, which every
 * bundle holds anyway (runtime.ts imports it), computes the same numbers as the served files
 * would, where the reference engine took 1–3 s for what the kernels do in tens of ms. `why`
 * stays reported (fastEngineInfo().reason, one warning) so the site can fix its path.
 */
async function fromBuiltIn(why: string): Promise<Features | null> {
  sourceProblem = why;
  warnOnce(why);
  return compileFrom(builtIn(), 'built into convkit');
}

/**
 * Loads the kernels from an explicit source instead of the built-in copy. Returns null when that
 * is too late: kernels from another source are already in use (or compiling).
 */
export function useSource(source: KernelSource): Promise<Features | null> | null {
  const key = sourceKey(source);
  if (explicit) return explicit.key === key ? explicit.done : null;
  if (features || pendingAsync) return null;
  problem = 'the fast engine is still loading its kernels from the source given to fastEngineReady({ wasm })';
  explicit = { key, done: loadFrom(source) };
  return explicit.done;
}

export function loadedFeatures(): Features | null {
  return features;
}

/** Why the fast engine is not in use (not yet, or not at all), or null when it is or was not tried. */
export function loadProblem(): string | null {
  return problem;
}

/** Why the kernels in use are the built-in copy although fastEngineReady({ wasm }) named others, or null. */
export function kernelSourceProblem(): string | null {
  return sourceProblem;
}

/** Why the loaded kernels cannot use threads, or null when they can (or nothing is loaded). */
export function threadsProblem(): string | null {
  return features?.simd ? sharedProblem : null;
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
