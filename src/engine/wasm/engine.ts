/**
 * The fast engine: owns one WebAssembly memory (shared when threads are possible) and the main
 * thread's kernel instance, plans each conv (plan.ts) and runs its tasks on the calling thread
 * or, when a pool is attached, on all threads (pool.ts). Memory only grows to the largest call
 * seen, so repeated calls never grow it further.
 */
import type { ConvGeometry } from '../../geometry/types.js';
import { planConv, TASK_GEMM, type Task } from './plan.js';
import { GEMM_SCRATCH_BYTES, instantiate, kernelModule, loadAsync, loadedFeatures, loadSync, SHARED_MAX_PAGES, type KernelExports } from './runtime.js';

export function runTask(k: KernelExports, t: Task, scratch: number): void {
  const a = t.args;
  if (t.kind === TASK_GEMM) k.convGemm(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], scratch);
  else k.depthwise(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13], a[14], a[15], a[16], a[17], a[18], a[19], a[20], scratch);
}

/** Runs phase-2 tasks in parallel; resolves when all are done. Implemented by pool.ts. */
export interface TaskRunner {
  readonly threads: number;
  runSync(tasks: Task[], scratchPtr: number, scratchPer: number): void;
  runAsync(tasks: Task[], scratchPtr: number, scratchPer: number): Promise<void>;
}

export class WasmEngine {
  readonly memory: WebAssembly.Memory;
  readonly kernels: KernelExports;
  readonly shared: boolean;
  runner: TaskRunner | null = null;

  constructor(module: WebAssembly.Module, shared: boolean) {
    this.shared = shared;
    this.memory = shared
      ? new WebAssembly.Memory({ initial: 1, maximum: SHARED_MAX_PAGES, shared: true })
      : new WebAssembly.Memory({ initial: 1 });
    this.kernels = instantiate(module, this.memory);
  }

  /** Grows memory to hold `bytes`; never shrinks. */
  ensure(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / 65536));
  }

  /** Memory size in bytes (for the bounded-memory test). */
  get memoryBytes(): number {
    return this.memory.buffer.byteLength;
  }

  private setup(g: ConvGeometry, x: Float32Array, w: Float32Array, bias: Float32Array | null, threads: number) {
    const layout = planConv(g, threads, GEMM_SCRATCH_BYTES);
    this.ensure(layout.bytes);
    layout.prepare(this.memory.buffer as ArrayBuffer, this.kernels, x, w, bias);
    return layout;
  }

  private read(layout: { outPtr: number; outLength: number }): Float32Array {
    return new Float32Array(this.memory.buffer, layout.outPtr, layout.outLength).slice();
  }

  conv(g: ConvGeometry, x: Float32Array, w: Float32Array, bias: Float32Array | null, useThreads = true): Float32Array {
    const runner = useThreads && this.runner && this.runner.threads > 1 ? this.runner : null;
    const layout = this.setup(g, x, w, bias, runner ? runner.threads : 1);
    if (runner) runner.runSync(layout.tasks, layout.scratchPtr, layout.scratchPer);
    else for (const t of layout.tasks) runTask(this.kernels, t, layout.scratchPtr);
    layout.finish(this.kernels);
    return this.read(layout);
  }

  async convAsync(g: ConvGeometry, x: Float32Array, w: Float32Array, bias: Float32Array | null): Promise<Float32Array> {
    const runner = this.runner && this.runner.threads > 1 ? this.runner : null;
    const layout = this.setup(g, x, w, bias, runner ? runner.threads : 1);
    if (runner) await runner.runAsync(layout.tasks, layout.scratchPtr, layout.scratchPer);
    else for (const t of layout.tasks) runTask(this.kernels, t, layout.scratchPtr);
    layout.finish(this.kernels);
    return this.read(layout);
  }
}

let engine: WasmEngine | null | undefined;

/** The process-wide engine, or null when wasm SIMD is unavailable (→ reference engine). */
export function wasmEngine(): WasmEngine | null {
  if (engine !== undefined) return engine;
  const f = loadedFeatures() ?? loadSync();
  if (!f) return null; // not reachable synchronously (browser before readyWasm()): try again later
  if (!f.simd) return (engine = null);
  const shared = f.shared;
  const module = kernelModule(shared) ?? kernelModule(false);
  engine = module ? new WasmEngine(module, shared && !!kernelModule(shared)) : null;
  return engine;
}

/** For tests and the benchmark: the engine if it is already loaded, without loading it. */
export function currentWasmEngine(): WasmEngine | null {
  return engine ?? null;
}

/** Loads the kernels without blocking (browsers must call this once; Node needs not). */
export async function readyWasm(): Promise<WasmEngine | null> {
  await loadAsync();
  return wasmEngine();
}
