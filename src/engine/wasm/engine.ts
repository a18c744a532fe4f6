/**
 * The fast engine: owns one WebAssembly memory (shared when threads are possible) and the main
 * thread's kernel instance, plans each conv (plan.ts) and runs its tasks on the calling thread
 * or, when worker threads are attached, on all threads (thread-pool.ts). Memory only grows to the largest call
 * seen, so repeated calls never grow it further.
 */
import type { ConvGeometry } from '../../geometry/types.js';
import { kernelShape, planConv, runTask, type KernelShape, type Layout, type Task } from './plan.js';
import { holdEventLoop } from './keep-alive.js';
import { asyncWorkerByDefault, canBlock, canSpawnWorkers, TASK_WORDS, WorkerThreads, yieldToEventLoop } from './thread-pool.js';
import { instantiate, kernelModule, loadAsync, loadedFeatures, loadSync, SHARED_MAX_PAGES, type KernelExports } from './runtime.js';
import type { TaskRunner } from './task-runner.js';
import { copyOut, type Job, type JobLayout } from './job.js';
import { outputCopy } from './output-copy.js';
import { PlanCache } from './plan-cache.js';
import { detached, keptIn, ResidentBlock, ResidentRegion, type InputData } from './resident.js';

export { runTask };

/** Floats of a fresh async result touched between two turns of the event loop (1 MiB). */
const FAULT_SLICE = 1 << 18;

/**
 * Runs an async job on the threads and, while the workers compute, makes its fresh result of
 * `length` floats (null when it is at most one slice, or the caller gave a buffer: length 0). Its
 * first touches (a page fault per 4 KiB: ~30 ms for 12.8 MB on these VMs) are made a slice at a
 * time between other events, instead of in one block at the copy after the join.
 */
async function runMaking(runner: TaskRunner, tasks: Task[], layout: { scratchPtr: number; scratchPer: number }, tablePtr: number, length: number): Promise<Float32Array | null> {
  const run = runner.runAsync(tasks, layout.scratchPtr, layout.scratchPer, tablePtr);
  let made: Float32Array | null = null;
  if (length > FAULT_SLICE) {
    made = new Float32Array(length);
    for (let i = 0; i < length; i += FAULT_SLICE) {
      made.fill(0, i, i + FAULT_SLICE);
      await yieldToEventLoop();
    }
  }
  await run;
  return made;
}

/** Below this many multiply-adds a call stays on the calling thread (waking workers costs more). */
const PARALLEL_MIN_MACS = 1 << 18;
/**
 * An async call with no workers computes on the caller's thread: from this many multiply-adds
 * (about a millisecond) it is planned as for two threads, which cuts it into many tasks, and runs
 * them in slices of about SLICE_MS, yielding to the event loop between slices (runSliced).
 */
const SLICED_MIN_MACS = 1 << 24;
const SLICE_MS = 8;

/**
 * Runs `tasks` on the calling thread, yielding after each SLICE_MS of work: an async call without
 * worker threads (one thread set, or a page without cross-origin isolation, hence no shared memory
 * for workers) then leaves timers and a page's input running while it computes, as one with
 * workers does. The tasks are the caller's share of a plan for threads, run one after another.
 */
async function runSliced(k: KernelExports, tasks: readonly Task[], scratchPtr: number): Promise<void> {
  let t0 = performance.now();
  for (const t of tasks) {
    runTask(k, t, scratchPtr, false);
    if (performance.now() - t0 >= SLICE_MS) {
      await yieldToEventLoop();
      t0 = performance.now();
    }
  }
}
/** Plans kept (a network's distinct layers); the oldest is dropped first. */
const PLAN_CACHE_SIZE = 64;

function macsOf(g: ConvGeometry): number {
  let m = g.batch * g.outChannels * (g.inChannels / g.groups);
  for (const a of g.axes) m *= a.kernel * (g.transposed ? a.input : a.output);
  return m;
}

export class WasmEngine {
  readonly memory: WebAssembly.Memory;
  readonly kernels: KernelExports;
  readonly shared: boolean;
  runner: TaskRunner | null = null;

  constructor(private readonly module: WebAssembly.Module, shared: boolean) {
    this.shared = shared;
    this.memory = shared
      ? new WebAssembly.Memory({ initial: 1, maximum: SHARED_MAX_PAGES, shared: true })
      : new WebAssembly.Memory({ initial: 1 });
    this.kernels = instantiate(module, this.memory);
    this.resident = new ResidentRegion(this.memory, (bytes) => this.grow(bytes));
    this.shape = kernelShape(this.kernels);
  }

  private readonly shape: KernelShape;

  /**
   * Makes [0, bytes) free for a job's layout: grows memory (never shrinks) and moves the kept
   * data (resident.ts) above it where the layout would reach into it.
   */
  ensure(bytes: number): void {
    this.resident.clear(bytes);
    this.grow(bytes);
    if (bytes > this.highWater) this.highWater = bytes;
  }

  private grow(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / 65536));
  }

  /** The largest layout laid out so far (bytes from 0). */
  private highWater = 0;

  /** Data kept in memory between calls (engine tensors), above every layout. */
  private readonly resident: ResidentRegion;

  /** Keeps a copy of `data` in this engine's memory until `release` (ops/engine-tensor.ts). */
  keep(data: Float32Array): ResidentBlock {
    // Safe while an async job runs: the block goes above every layout laid out so far (the
    // running job's included), and a later job's setup moves the region if it needs the room.
    return this.resident.keep(data, this.highWater);
  }

  /**
   * Frees kept data. Freeing moves the blocks above it down, so while async jobs are queued or
   * running (they may read a block in place) it waits behind them in the queue.
   */
  release(block: ResidentBlock): void {
    if (this.asyncBusy === 0) { this.resident.free(block); return; }
    this.queue = this.queue.then(() => this.resident.free(block));
  }

  /** Bytes of kept data (tests). */
  get keptBytes(): number {
    return this.resident.bytes;
  }

  /** Memory size in bytes (for the bounded-memory test). */
  get memoryBytes(): number {
    return this.memory.buffer.byteLength;
  }

  /**
   * Plans are cached by everything they depend on (geometry numbers, thread slots); they hold
   * no data, only the layout and index tables. Weights are copied and packed on every call.
   */
  private readonly plans = new PlanCache<Layout>(PLAN_CACHE_SIZE);
  private lastLayout: Layout | null = null;

  /** The numbers of the last plan's key: a repeated call skips building the key string. */
  private lastKey: (number | string | boolean)[] = [];
  private lastPlan: Layout | null = null;

  private keyValues(g: ConvGeometry, slots: number, into: (number | string | boolean)[]): void {
    into.push(g.transposed, g.batch, g.inChannels, g.outChannels, g.groups, g.paddingMode, g.hasBias, slots);
    for (const a of g.axes) into.push(a.input, a.kernel, a.stride, a.dilation, a.equivalent.padBefore, a.equivalent.padAfter, a.outputPadding);
  }

  private sameKey(g: ConvGeometry, slots: number): boolean {
    const k = this.lastKey;
    if (k.length !== 8 + 7 * g.axes.length) return false;
    if (k[0] !== g.transposed || k[1] !== g.batch || k[2] !== g.inChannels || k[3] !== g.outChannels || k[4] !== g.groups ||
      k[5] !== g.paddingMode || k[6] !== g.hasBias || k[7] !== slots) return false;
    for (let i = 0, j = 8; i < g.axes.length; i++, j += 7) {
      const a = g.axes[i];
      if (k[j] !== a.input || k[j + 1] !== a.kernel || k[j + 2] !== a.stride || k[j + 3] !== a.dilation ||
        k[j + 4] !== a.equivalent.padBefore || k[j + 5] !== a.equivalent.padAfter || k[j + 6] !== a.outputPadding) return false;
    }
    return true;
  }

  private plan(g: ConvGeometry, slots: number): Layout {
    // Same numbers as the last call (a layer called again): the same plan, found without the map.
    if (this.lastPlan && this.sameKey(g, slots)) return this.lastPlan;
    const layout = this.planByKey(g, slots);
    this.lastKey = [];
    this.keyValues(g, slots, this.lastKey);
    this.lastPlan = layout;
    return layout;
  }

  private planByKey(g: ConvGeometry, slots: number): Layout {
    let key = `${g.transposed ? 't' : 'd'}${g.batch},${g.inChannels},${g.outChannels},${g.groups},${g.paddingMode},${g.hasBias ? 1 : 0},${slots}`;
    for (const a of g.axes) key += `|${a.input},${a.kernel},${a.stride},${a.dilation},${a.equivalent.padBefore},${a.equivalent.padAfter},${a.outputPadding}`;
    return this.plans.get(key, () => planConv(g, slots, this.shape));
  }

  /** `x`: an array, or a block kept in this engine's memory (read where it lies: see `inPlace`). */
  private setup(g: ConvGeometry, x: Float32Array | ResidentBlock, w: Float32Array, bias: Float32Array | null, slots: number, copyInput = true) {
    this.runner?.quiesce(); // a straggling worker may still be computing a stolen task
    const layout = this.plan(g, slots);
    // The task table (for workers) follows the layout.
    const tablePtr = (layout.bytes + 63) & ~63;
    this.ensure(slots > 1 ? tablePtr + layout.tasks.length * TASK_WORDS * 4 : layout.bytes);
    // A kept block's address only after ensure(), which may move the kept region above the layout.
    const input = x instanceof ResidentBlock ? x.ptr : x;
    const tasks = layout.prepare(this.memory.buffer as ArrayBuffer, this.kernels, input, w, bias, this.lastLayout === layout, copyInput);
    this.lastLayout = layout;
    return { layout, tablePtr, tasks };
  }

  /** The input as this engine reads it: a block kept in its own memory as it is, anything else as an array. */
  private inPlace(x: InputData): Float32Array | ResidentBlock {
    return keptIn(x, this.memory) ?? detached(x);
  }

  private pick(macs: number, threads: number | undefined, sync: boolean): TaskRunner | null {
    const r = this.runner;
    if (!r || r.threads < 2 || threads === 1) return null;
    if (sync && !canBlock()) return null; // a browser's main thread may not wait: compute here
    if (threads !== undefined) return r; // explicitly asked for threads
    return macs >= PARALLEL_MIN_MACS ? r : null;
  }

  private read(layout: { outPtr: number; outLength: number }, into: Float32Array | null): Float32Array {
    return copyOut(this.memory.buffer, layout.outPtr, layout.outLength, into);
  }

  /**
   * Computes a conv. `threads`: 1 = the calling thread only; otherwise the worker threads when
   * some are attached and the conv is big enough. Synchronous: blocks on the workers (Node). `into`: the
   * array the result is written to (the caller's reused buffer), else a fresh one.
   */
  conv(g: ConvGeometry, x: InputData, w: Float32Array, bias: Float32Array | null, threads?: number, into: Float32Array | null = null): Float32Array {
    // An async job owns the memory until it resolves: a sync call meanwhile uses a private engine.
    if (this.asyncBusy > 0) return this.spareEngine().conv(g, detached(x), w, bias, 1, into);
    const input = this.inPlace(x);
    const runner = this.pick(macsOf(g), threads, true);
    // With threads, a layout with a taskFeed (depthwise: each task reads one span of channels)
    // has its input copied in task by task: tasks are published first and each is released as
    // its input lands, so the copy overlaps the other threads' compute instead of preceding it.
    // (Dense GEMM tasks read rows of every channel; feeding them in bands measured no faster.)
    // A kept input is already in memory: nothing to feed.
    const feedTable = runner && input instanceof Float32Array ? this.plan(g, runner.slots).taskFeed : undefined;
    const { layout, tablePtr, tasks } = this.setup(g, input, w, bias, runner ? runner.slots : 1, !feedTable);
    if (runner) {
      const mem = new Float32Array(this.memory.buffer);
      const copy = outputCopy(layout, mem, into);
      runner.runSync(tasks, layout.scratchPtr, layout.scratchPer, tablePtr, copy.drain, feedTable && inputFeed(feedTable, input as Float32Array, mem, layout.inPtr >> 2), copy.meanwhile);
      layout.finish(this.kernels);
      return copy.result();
    }
    for (const t of tasks) runTask(this.kernels, t, layout.scratchPtr, false);
    layout.finish(this.kernels);
    return this.read(layout, into);
  }

  /**
   * Never blocks: waits for the workers with Atomics.waitAsync (or polling). Calls must not
   * overlap on one engine (the memory holds one job at a time), so they are queued.
   */
  convAsync(g: ConvGeometry, x: InputData, w: Float32Array, bias: Float32Array | null, threads?: number, into: Float32Array | null = null): Promise<Float32Array> {
    this.asyncBusy++;
    const release = holdEventLoop(); // from queueing to settling: a queued job keeps Node alive too
    // A kept block is read when the job runs: its release waits behind the queue (release()).
    const input = this.inPlace(x);
    const job = this.queue.then(async () => {
      const runner = this.pick(macsOf(g), threads, false);
      const sliced = !runner && macsOf(g) >= SLICED_MIN_MACS;
      const { layout, tablePtr, tasks } = this.setup(g, input, w, bias, runner ? runner.slots : sliced ? 2 : 1);
      let made: Float32Array | null = null;
      if (runner) made = await runMaking(runner, tasks, layout, tablePtr, into ? 0 : layout.outLength);
      else if (sliced) await runSliced(this.kernels, tasks, layout.scratchPtr);
      else for (const t of tasks) runTask(this.kernels, t, layout.scratchPtr, false);
      layout.finish(this.kernels);
      return this.read(layout, into ?? made);
    });
    this.queue = job.then(() => undefined, () => undefined).then(() => { this.asyncBusy--; release(); });
    return job;
  }

  /**
   * Lays out a job (job.ts) in memory; the conv plans' tables there are overwritten. `feedable`:
   * a synchronous threaded call, where a layout with `feed` gets its input task by task (`fed`).
   */
  private setupJob(job: Job, slots: number, feedable = false): { layout: JobLayout; tablePtr: number; fed: boolean } {
    this.runner?.quiesce();
    const layout = job.plan(slots, this.kernels, this.memory);
    const tablePtr = (layout.bytes + 63) & ~63;
    this.ensure(slots > 1 ? tablePtr + layout.tasks.length * TASK_WORDS * 4 : layout.bytes);
    this.lastLayout = null;
    const fed = feedable && !!layout.feed;
    layout.prepare(this.memory.buffer as ArrayBuffer, this.kernels, !fed);
    return { layout, tablePtr, fed };
  }

  /** Runs a job other than a forward conv (e.g. a weight gradient) as conv() runs a conv: same threads, same rules. */
  runJob(job: Job, threads?: number): Float32Array {
    if (this.asyncBusy > 0) return this.spareEngine().runJob(job, 1);
    const runner = this.pick(job.macs, threads, true);
    const { layout, tablePtr, fed } = this.setupJob(job, runner ? runner.slots : 1, !!runner);
    const mem = this.memory.buffer as ArrayBuffer;
    if (runner) {
      const drain = layout.drain && ((i0: number, i1: number) => layout.drain!(mem, i0, i1));
      runner.runSync(layout.tasks, layout.scratchPtr, layout.scratchPer, tablePtr, drain, fed ? (i) => layout.feed!(mem, i) : undefined);
    } else for (const t of layout.tasks) runTask(this.kernels, t, layout.scratchPtr, false);
    return layout.read(mem);
  }

  /** runJob without blocking (see convAsync): queued behind the engine's other async calls. */
  runJobAsync(job: Job, threads?: number): Promise<Float32Array> {
    this.asyncBusy++;
    const release = holdEventLoop();
    const result = this.queue.then(async () => {
      const runner = this.pick(job.macs, threads, false);
      const sliced = !runner && job.macs >= SLICED_MIN_MACS;
      const { layout, tablePtr } = this.setupJob(job, runner ? runner.slots : sliced ? 2 : 1);
      let made: Float32Array | null = null;
      if (runner) made = await runMaking(runner, layout.tasks, layout, tablePtr, layout.freshLength ?? 0);
      else if (sliced) await runSliced(this.kernels, layout.tasks, layout.scratchPtr);
      else for (const t of layout.tasks) runTask(this.kernels, t, layout.scratchPtr, false);
      return layout.read(this.memory.buffer as ArrayBuffer, made);
    });
    this.queue = result.then(() => undefined, () => undefined).then(() => { this.asyncBusy--; release(); });
    return result;
  }

  /**
   * Jobs that build on each other in memory (a Winograd conv's weight transform, then its tiles),
   * run one after the other with the same threads; the last one's result.
   */
  runJobs(jobs: readonly Job[], threads?: number): Float32Array {
    let result: Float32Array = new Float32Array(0);
    for (const job of jobs) result = this.runJob(job, threads);
    return result;
  }

  /** runJobs without blocking: every job is queued at once, so no other job runs between them. */
  async runJobsAsync(jobs: readonly Job[]): Promise<Float32Array> {
    const runs = jobs.map((job) => this.runJobAsync(job));
    for (const run of runs) run.catch(() => {}); // awaited below, in order: the first failure is the one reported
    let result: Float32Array = new Float32Array(0);
    for (const run of runs) result = await run;
    return result;
  }

  private queue: Promise<void> = Promise.resolve();
  private asyncBusy = 0;
  private spare: WasmEngine | null = null;

  private spareEngine(): WasmEngine {
    if (!this.spare) this.spare = new WasmEngine(kernelModule(false) ?? this.module, false);
    return this.spare;
  }

  /** Busy-wait after a job (ms) for worker threads this engine starts; undefined = their default. */
  private spinMs: number | undefined;
  /** Whether pools this engine starts keep an async worker (WorkerThreadsOptions.asyncWorker). */
  private asyncWorker = asyncWorkerByDefault();

  /**
   * Sets the number of threads (caller included). 1 = no workers. Needs shared memory; without
   * it the engine stays single-threaded. `spinMs`: how long workers busy-wait for the next job
   * (WorkerThreadsOptions.spinMs). Returns the number of threads in effect.
   */
  setThreads(n: number, options: { stallMs?: number; spinMs?: number; asyncCallerHelps?: boolean; asyncWorker?: boolean } = {}): number {
    if (options.spinMs !== undefined) {
      this.spinMs = options.spinMs;
      this.runner?.setSpin(options.spinMs);
    }
    // Kept for the pools started later, as spinMs is: a new thread count keeps the choice.
    const asyncWorkerChanged = options.asyncWorker !== undefined && options.asyncWorker !== this.asyncWorker;
    if (options.asyncWorker !== undefined) this.asyncWorker = options.asyncWorker;
    // Same count, all workers alive, no new stall or async-worker option: keep the workers (starting them is costly).
    if (this.runner && this.runner.threads === n && this.runner.slots === n && options.stallMs === undefined && options.asyncCallerHelps === undefined && !asyncWorkerChanged) return n;
    if (this.runner) { this.runner.close(); this.runner = null; }
    const module = kernelModule(true);
    if (n > 1 && this.shared && module && canSpawnWorkers()) {
      this.runner = new WorkerThreads(module, this.memory, this.kernels, { workers: n - 1, stallMs: options.stallMs, spinMs: this.spinMs, asyncCallerHelps: options.asyncCallerHelps, asyncWorker: this.asyncWorker });
    }
    return this.runner ? this.runner.threads : 1;
  }
}

/** Copies task i's input in (see Layout.taskFeed): the channel spans its feed entry names. */
function inputFeed(table: Int32Array, x: Float32Array, mem: Float32Array, inBase: number): (i: number) => void {
  return (i) => {
    const start = table[5 * i], channels = table[5 * i + 1], plane = table[5 * i + 2];
    const from = table[5 * i + 3], to = table[5 * i + 4];
    if (to <= from) return;
    for (let c = 0, s = start; c < channels; c++, s += plane) mem.set(x.subarray(s + from, s + to), inBase + s + from);
  };
}

let engine: WasmEngine | null | undefined;

/** All cores (at most 8): Node's availableParallelism, else navigator.hardwareConcurrency. */
function defaultThreads(): number {
  const proc = (globalThis as { process?: { getBuiltinModule?(n: string): unknown } }).process;
  const os = proc?.getBuiltinModule?.('os') as { availableParallelism?(): number } | undefined;
  const n = os?.availableParallelism?.() ?? (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
  return Math.max(1, Math.min(8, n));
}

/** The process-wide engine, or null when wasm SIMD is unavailable (→ reference engine). */
export function wasmEngine(): WasmEngine | null {
  if (engine !== undefined) return engine;
  const f = loadedFeatures() ?? loadSync();
  if (!f) return null; // not reachable synchronously (browser before readyWasm()): try again later
  if (!f.simd) return (engine = null);
  const shared = f.shared;
  const module = kernelModule(shared) ?? kernelModule(false);
  engine = module ? new WasmEngine(module, shared && !!kernelModule(shared)) : null;
  if (engine) engine.setThreads(defaultThreads());
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
