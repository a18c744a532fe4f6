/**
 * The fast engine's worker threads (Node worker_threads, browser Web Workers), which
 * instantiate the same kernels over the same shared WebAssembly.Memory and take phase-2 tasks
 * from a shared cursor. The calling thread works too (thread 0), so `threads` = workers + 1.
 *
 * Protocol (all on one small SharedArrayBuffer of Int32 control words):
 * - a job is published seqlock-style: GEN goes odd (setting up), the caller waits until no worker
 *   is still inside the previous job (ACTIVE = 0), writes the job fields, then GEN goes even and
 *   workers are woken;
 * - the caller claims tasks from the front (i = CURSOR++), the workers from the back (i = −−BACK;
 *   from the front too in a fed job, whose input arrives in order; in an async job the async
 *   worker, below, takes the caller's end), each by moving the task from
 *   free (0) to claimed (owner + 1) in the task table with a compare-exchange, so where the two
 *   ends meet exactly one thread gets each task. Each thread thus keeps about the same part of a
 *   job from call to call: writing memory another core has read costs about twice a plain write
 *   (bench/cross-core-writes.mjs), so a part that moves between cores is paid for again at the
 *   next call. The thread runs the task, marks it done (−1) and bumps COMPLETED. A worker
 *   computes a GEMM task into its own scratch and publishes it (copyOut) only after moving the
 *   task from "claimed" to "copying" (−2) with a compare-exchange; so when the caller runs out
 *   of tasks while a worker is descheduled (this machine is shared), the caller steals the task
 *   (claimed → −3), computes and publishes it itself, and the straggler's copy is skipped: each
 *   task is published exactly once;
 * - before any call writes memory, `quiesce` waits until no worker is inside a job;
 * - after a job a worker busy-waits for the next one (about the last gap between jobs, capped by
 *   SPIN_US) before it sleeps on GEN, so calls in a steady rhythm find it awake;
 * - the caller blocks on COMPLETED (sync: Atomics.wait, Node only) or awaits it
 *   (async: Atomics.waitAsync or polling; it computes only single tasks, between yields, while a
 *   fresh set of workers is still starting);
 * - an async caller leaves its share to one more worker (in Node by default: asyncWorkerByDefault),
 *   the async worker (index workers + 1, its own scratch slot, which every plan on threads
 *   reserves: scratch-slots.ts). It sleeps on ASYNC_GEN, which only async publishes bump, and
 *   joins a job only if ASYNC_JOB names the published one, so a sync job never wakes it or sees
 *   it; after a job it watches for the next only until another call begins (it is a thread more
 *   than a sync call's, and must not take a core from one). An async call thus computes on as
 *   many threads as a sync one, and the caller's thread (a page's main thread) stays free.
 * Robustness: workers are unref'd (never keep a process alive). A worker that exits is dropped
 * from the set; if one dies holding a task, the caller sees no progress for `stallMs` and runs
 * every unfinished task itself — tasks write their whole output range from scratch, so redoing
 * one gives the same numbers.
 */
import { runTask } from './plan.js';
import { GEMM_TASK, STEAL_RERUN_KINDS, stealable, TASK_ARGS, TASK_CALLS_SOURCE, TASK_GEMM, TASK_WORDS, type KernelExports, type Task } from './layouts.generated.js';
import type { TaskRunner } from './task-runner.js';

/** While feeding a job's input, the caller computes one fed task after this many fed (see runSync). */
const FEED_PER_OWN_TASK = 4;
/** How long the async worker keeps watching while a call is being set up (ms; see WORKER_SOURCE). */
const SETUP_MS = 0.5;
const GEN = 0, CURSOR = 1, COUNT = 2, TABLE = 3, SCRATCH = 4, SCRATCH_PER = 5, COMPLETED = 6, STOP = 7, ACTIVE = 8, READY = 9, SPIN_US = 10, STARTED = 11, BACK = 12, FRONT = 13, ASYNC_GEN = 14, ASYNC_JOB = 15, ASYNC_TASKS = 16;
const CTL_WORDS = 20;
export { TASK_WORDS };

/**
 * The worker's program, as a string so it needs no separate file in Node or the browser. It reads
 * a task's words through the generated calls (TASK_CALLS_SOURCE, layouts.generated.ts), the same
 * that runTask uses, and the task-table layout from the same table.
 */
const WORKER_SOURCE = String.raw`
${TASK_CALLS_SOURCE}
// asyncOnly: the pool's async worker, which sleeps through synchronous jobs (their caller computes
// beside the other workers) and joins async ones, whose caller computes nothing. It watches
// ASYNC_GEN (ctl[14], bumped for async jobs only) instead of GEN, and joins the published job only
// if it is the async one (ctl[15] holds its GEN value): a sync job has no scratch slot for it.
function start(module, memory, ctl, index, gen0, onExit, asyncOnly) {
  const k = new WebAssembly.Instance(module, { env: { memory, abort() { throw new Error('kernel abort'); } } }).exports;
  // The generation of the watched word when this worker was created, not the one it finds now: a
  // job published while the worker was still starting must wake it (its wait returns at once),
  // or the job would run without it until the caller gave up on it.
  const word = asyncOnly ? 14 : 0;
  let gen = gen0;
  Atomics.add(ctl, 11, 1); // started: an async caller stops computing tasks itself
  let spinning = false, jobEnd = 0, lastGap = -1, lastJob = -1;
  for (;;) {
    if (spinning) {
      // After a job: watch for the next one before sleeping. A thread that sleeps lets its core
      // idle, and a shared VM's host may then take milliseconds to run it again, so a two-thread
      // conv after a short gap ran at one-thread speed (bench/results/engine-design.md).
      // How long: the gap between the last two jobs ×1.5 + 1 ms, within the cap ctl[10] (µs);
      // half the cap before any gap is known; 1 ms after a gap beyond the cap (waiting would not
      // reach the next job, so calls far apart cost no CPU). GEN odd (a call on the caller's
      // thread alone, or a job being set up) keeps the watch going: only a published job, a
      // stop, or the time ends it.
      const cap = Atomics.load(ctl, 10) / 1000;
      const want = lastGap < 0 ? cap / 2 : lastGap <= cap ? Math.min(cap, 1.5 * lastGap + 1) : Math.min(cap, 1);
      const end = jobEnd + want;
      if (!asyncOnly) {
        for (let g = Atomics.load(ctl, 0); (g === gen || (g & 1)) && !Atomics.load(ctl, 7) && performance.now() < end; g = Atomics.load(ctl, 0)) {}
      } else {
        // The async worker is one thread more than the cores a sync call uses: watching through
        // a sync job, or a long call on the caller's thread alone, would take a core from it. So
        // it watches only until another call begins and is not its own: a sync job published, or
        // GEN odd (a call being set up, or a one-thread call) for more than SETUP_MS.
        let oddSince = -1;
        for (let now = performance.now(); Atomics.load(ctl, 14) === gen && !Atomics.load(ctl, 7) && now < end; now = performance.now()) {
          const g = Atomics.load(ctl, 0);
          if (g === lastJob) continue;
          if ((g & 1) === 0) { if (Atomics.load(ctl, 15) !== g) break; continue; }
          if (oddSince < 0) oddSince = now;
          else if (now - oddSince > ${SETUP_MS}) break;
        }
      }
    }
    Atomics.wait(ctl, word, gen);
    if (Atomics.load(ctl, 7)) break;
    const g = Atomics.load(ctl, word);
    if (!asyncOnly && (g & 1)) { gen = g; spinning = false; continue; }
    gen = g;
    if (spinning) lastGap = performance.now() - jobEnd;
    Atomics.add(ctl, 8, 1);
    const job = Atomics.load(ctl, 0);
    if (asyncOnly ? (job & 1) === 0 && Atomics.load(ctl, 15) === job : job === gen) {
      lastJob = job;
      const asyncJob = Atomics.load(ctl, 15) === job;
      const n = Atomics.load(ctl, 2), tab = Atomics.load(ctl, 3) >> 2;
      const scratch = Atomics.load(ctl, 4) + index * Atomics.load(ctl, 5);
      // The async worker takes the caller's end of an async job (the front), the others their
      // usual one, so each thread keeps its part from call to call as in sync jobs.
      const front = asyncOnly || Atomics.load(ctl, 13) !== 0;
      for (;;) {
        // From the back (BACK), or from the front (CURSOR: fed jobs, and the async worker); a
        // task another thread claimed first (the entry's compare-exchange fails) means the two
        // ends met.
        const i = front ? Atomics.add(ctl, 1, 1) : Atomics.sub(ctl, 12, 1) - 1;
        if (i >= n || i < 0) break;
        const m = new Int32Array(memory.buffer);
        const e = tab + i * ${TASK_WORDS}, w = e + ${TASK_ARGS};
        if (Atomics.compareExchange(m, e, 0, index + 1) !== 0) break;
        // Task i's input may still be being copied in by the caller (ctl[9] = tasks ready).
        for (let spin = 0, r = Atomics.load(ctl, 9); r <= i; r = Atomics.load(ctl, 9)) {
          if (++spin > 2000) Atomics.wait(ctl, 9, r, 1);
        }
        const kind = m[e + 1];
        if (kind === ${TASK_GEMM}) {
          // Private block, then publish only if nobody stole the task meanwhile.
          // Word final = 1: the task's writes are final, so it computes in place.
          const inPlace = m[w + ${GEMM_TASK.final}] === 1;
          if (m[w + ${GEMM_TASK.xin}] !== 0) callGemmPlanes(k, m, w); // the plane rows it reads
          callConvGemm(k, m, w, scratch, inPlace ? 0 : 1);
          if (Atomics.compareExchange(m, e, index + 1, -2) !== index + 1) continue;
          if (!inPlace) callCopyOut(k, m, w, scratch);
          if (m[w + ${GEMM_TASK.out}] !== 0) callScatter(k, m, w);
        } else if (${STEAL_RERUN_KINDS.map((k) => `kind === ${k}`).join(' || ') || 'false'}) {
          // A kind the caller may rerun (layouts.mjs steal: 'rerun'): if it took the task over,
          // it counts the task, and this thread's identical writes are left uncounted.
          callTask(k, kind, m, w, scratch);
          if (Atomics.compareExchange(m, e, index + 1, -2) !== index + 1) continue;
        } else {
          callTask(k, kind, m, w, scratch);
        }
        Atomics.store(m, e, -1);
        if (asyncOnly) Atomics.add(ctl, 16, 1);
        // A sync caller wakes at each task done (it copies finished output out while it waits);
        // an async one only at the last: each wake-up runs its event loop, on a core the
        // workers compute on.
        if (Atomics.add(ctl, 6, 1) + 1 === n || !asyncJob) Atomics.notify(ctl, 6);
      }
    }
    Atomics.sub(ctl, 8, 1);
    Atomics.notify(ctl, 8);
    jobEnd = performance.now();
    spinning = true;
  }
  onExit();
}
`;

const NODE_WORKER = `${WORKER_SOURCE}
const { parentPort, workerData } = process.getBuiltinModule('worker_threads');
const d = workerData;
start(d.module, d.memory, d.ctl, d.index, d.gen0, () => {}, d.asyncOnly);
`;

const BROWSER_WORKER = `${WORKER_SOURCE}
self.onmessage = (ev) => { const d = ev.data; start(d.module, d.memory, d.ctl, d.index, d.gen0, () => self.close(), d.asyncOnly); };
`;

interface WorkerHandle {
  alive: boolean;
  /** Why the worker stopped, when it did on its own (its error, or its exit code). */
  stopped?: string;
  /** Stops it on purpose (close, a new thread count): not reported as stopped. */
  terminate(): void;
  /** Stops it as a crash would (tests): reported. */
  kill(): void;
}

interface NodeWorkerLike {
  on(ev: string, f: (...a: unknown[]) => void): void;
  unref(): void;
  terminate(): Promise<number>;
}

type NodeWorkerCtor = new (src: string, opts: { eval: boolean; workerData: unknown }) => NodeWorkerLike;

function nodeWorkerCtor(): NodeWorkerCtor | null {
  const proc = (globalThis as { process?: { getBuiltinModule?(n: string): unknown } }).process;
  const wt = proc?.getBuiltinModule?.('worker_threads') as { Worker?: NodeWorkerCtor } | undefined;
  return wt?.Worker ?? null;
}

/** Whether this runtime can run worker threads at all. */
export function canSpawnWorkers(): boolean {
  if (typeof SharedArrayBuffer === 'undefined' || typeof Atomics === 'undefined') return false;
  if (nodeWorkerCtor()) return true;
  return typeof Worker !== 'undefined' && typeof Blob !== 'undefined' && typeof URL !== 'undefined' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
}

/** Whether the calling thread may block on Atomics.wait (Node main thread: yes; browser main: no). */
export function canBlock(): boolean {
  return !!nodeWorkerCtor() || typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined';
}

/**
 * Whether a pool keeps the async worker unless told (WorkerThreadsOptions.asyncWorker): yes where
 * Node's worker_threads run the pool, no in a browser. There a page's own thread and the
 * browser's threads (compositor, raster) need the cores while an async job computes: in Chromium
 * on two cores the bare async conv and the page's image updates ran slower with it
 * (bench/results/async-threads.md, "In a browser").
 */
export function asyncWorkerByDefault(): boolean {
  return nodeWorkerCtor() !== null;
}

/** Default cap on the time a worker watches for the next job after one ends (WorkerThreadsOptions.spinMs). */
export const DEFAULT_SPIN_MS = 20;

export interface WorkerThreadsOptions {
  /** Extra threads besides the caller. */
  workers: number;
  /**
   * After a job, workers busy-wait for the next one before sleeping (like OpenMP's blocktime),
   * about as long as the last gap between jobs and at most this long (ms): calls in quick
   * succession, such as a network's layers, find them awake; calls further apart than this
   * cost no waiting. 0 = sleep at once (no CPU spent between calls, but a slow wake-up on a
   * busy host).
   */
  spinMs?: number;
  /** No progress for this long while tasks are claimed → the holder is presumed dead. */
  stallMs?: number;
  /**
   * Whether an async call's caller computes tasks (one at a time, yielding between them) while
   * no worker has started yet; default true. false leaves a fresh set's first job to workers
   * that start after it was published (tests use it to pin that they join it).
   */
  asyncCallerHelps?: boolean;
  /**
   * Whether the pool keeps one more worker for async jobs (default: asyncWorkerByDefault()). An
   * async caller computes nothing, so without it an async job runs on one thread fewer than a
   * sync one.
   */
  asyncWorker?: boolean;
}

/** Lets queued events run: setImmediate in Node, a MessageChannel round trip in browsers (not clamped as nested timers are). */
export function yieldToEventLoop(): Promise<void> {
  const g = globalThis as { setImmediate?: (f: () => void) => void };
  if (g.setImmediate) return new Promise((r) => g.setImmediate!(r));
  if (typeof MessageChannel !== 'undefined') {
    return new Promise((r) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { ch.port1.close(); r(); };
      ch.port2.postMessage(0);
    });
  }
  return new Promise((r) => setTimeout(r, 0));
}

export class WorkerThreads implements TaskRunner {
  private readonly ctl = new Int32Array(new SharedArrayBuffer(CTL_WORDS * 4));
  private readonly workers: WorkerHandle[] = [];
  private readonly stallMs: number;
  private pendingDeath = -1;
  private readonly asyncCallerHelps: boolean;
  /** How many times a stalled job was finished by the caller (tests read it). */
  recoveries = 0;

  constructor(
    private readonly module: WebAssembly.Module,
    private readonly memory: WebAssembly.Memory,
    private readonly k: KernelExports,
    options: WorkerThreadsOptions,
  ) {
    this.stallMs = options.stallMs ?? 2000;
    this.asyncCallerHelps = options.asyncCallerHelps ?? true;
    this.setSpin(options.spinMs ?? DEFAULT_SPIN_MS);
    for (let i = 1; i <= options.workers; i++) this.workers.push(this.spawn(i, false));
    // One more worker for async jobs, whose caller only waits: with it they compute on as many
    // threads as sync ones (caller included) do. It sleeps through sync jobs.
    if (options.workers > 0 && (options.asyncWorker ?? asyncWorkerByDefault())) this.asyncWorker = this.spawn(options.workers + 1, true);
  }

  /** The pool's async worker (index workers + 1), or null. */
  private asyncWorker: WorkerHandle | null = null;

  /** Starts worker `index` (its scratch slot); `asyncOnly`: it joins async jobs only. */
  private spawn(index: number, asyncOnly: boolean): WorkerHandle {
    const { module, memory } = this;
    const NodeWorker = nodeWorkerCtor();
    const gen0 = asyncOnly ? Atomics.load(this.ctl, ASYNC_GEN) : Atomics.load(this.ctl, GEN) & ~1;
    const data = { module, memory, ctl: this.ctl, index, gen0, asyncOnly };
    const h: WorkerHandle = { alive: true, terminate: () => {}, kill: () => {} };
    if (NodeWorker) {
      const w = new NodeWorker(NODE_WORKER, { eval: true, workerData: data });
      w.unref();
      w.on('exit', (code: unknown) => { if (h.alive) h.stopped ??= `it exited with code ${String(code)}`; h.alive = false; });
      w.on('error', (e: unknown) => { h.alive = false; h.stopped = e instanceof Error ? e.message : String(e); });
      h.kill = () => void w.terminate();
      h.terminate = () => { h.alive = false; h.kill(); };
    } else {
      const url = URL.createObjectURL(new Blob([BROWSER_WORKER], { type: 'text/javascript' }));
      const w = new Worker(url);
      // A worker the page's Content-Security-Policy forbids (no `worker-src blob:`) fails before
      // it runs a line, with an empty message: say what to allow.
      w.onerror = (e: ErrorEvent) => {
        h.alive = false;
        h.stopped = e.message || (Atomics.load(this.ctl, STARTED) === 0 ? "it could not start: a page's Content-Security-Policy must allow blob: workers (worker-src blob:)" : 'it failed to run');
      };
      w.postMessage(data);
      h.terminate = () => { w.terminate(); h.alive = false; };
      h.kill = () => { h.terminate(); h.stopped = 'it was terminated'; };
    }
    return h;
  }

  /** Sets how long workers busy-wait for the next job after one ends (ms). */
  setSpin(ms: number): void {
    Atomics.store(this.ctl, SPIN_US, Math.round(Math.min(1000, Math.max(0, ms)) * 1000));
  }

  /** Threads working on a job: the caller plus the workers still alive. */
  get threads(): number {
    return 1 + this.workers.filter((w) => w.alive).length;
  }

  /** Workers that take part in async jobs (the caller waits): the alive ones, the async worker included. */
  private get asyncThreads(): number {
    return this.workers.filter((w) => w.alive).length + (this.asyncWorker?.alive ? 1 : 0);
  }

  /** Whether async jobs have the async worker (alive) beside the others (fastEngineInfo reports it). */
  get hasAsyncWorker(): boolean {
    return !!this.asyncWorker?.alive;
  }

  /** Why a worker stopped on its own, if one did (fastEngineInfo reports it). */
  get stoppedReason(): string | undefined {
    return [...this.workers, ...(this.asyncWorker ? [this.asyncWorker] : [])].find((w) => w.stopped !== undefined)?.stopped;
  }

  /**
   * Threads a job is planned for: one per possible thread, dead ones included, but not the async
   * worker, whose scratch slot every plan on threads reserves too (scratch-slots.ts).
   */
  get slots(): number {
    return 1 + this.workers.length;
  }

  /** Ends every worker (the object is unusable afterwards). */
  close(): void {
    Atomics.store(this.ctl, STOP, 1);
    Atomics.add(this.ctl, GEN, 2);
    Atomics.notify(this.ctl, GEN);
    Atomics.add(this.ctl, ASYNC_GEN, 1);
    Atomics.notify(this.ctl, ASYNC_GEN);
    for (const w of this.workers) w.terminate();
    this.asyncWorker?.terminate();
  }

  /** For tests: terminates one worker as if it had crashed. */
  killWorker(i: number): void {
    const w = this.workers[i];
    if (w) w.kill();
  }

  /** For tests: at the next job, worker i claims the first task and dies holding it. */
  simulateDeathHoldingTask(i: number): void {
    this.pendingDeath = i;
  }

  /**
   * Makes the memory the caller's: no worker is inside a job afterwards (GEN stays odd, so a
   * late worker backs off). Every call, threaded or not, runs this before writing memory.
   */
  quiesce(): void {
    const c = this.ctl;
    if ((Atomics.load(c, GEN) & 1) === 0) Atomics.add(c, GEN, 1);
    const t0 = Date.now();
    for (let a = Atomics.load(c, ACTIVE); a > 0; a = Atomics.load(c, ACTIVE)) {
      if (canBlock()) Atomics.wait(c, ACTIVE, a, 5);
      if (Date.now() - t0 > this.stallMs) { Atomics.store(c, ACTIVE, 0); break; } // a dead worker never leaves
    }
    Atomics.store(c, ASYNC_JOB, -1); // no async job published: the async worker joins none
  }

  /**
   * `ready`: tasks whose input is in place (the rest are released by the caller's feed); the
   * workers then claim from the front. An `async` job is the async worker's too.
   */
  private publish(tasks: Task[], tablePtr: number, scratchPtr: number, scratchPer: number, ready = tasks.length, async = false): void {
    const front = ready < tasks.length;
    const c = this.ctl;
    this.quiesce();
    const m = new Int32Array(this.memory.buffer);
    for (let i = 0; i < tasks.length; i++) {
      const e = (tablePtr >> 2) + i * TASK_WORDS;
      m[e] = 0;
      m[e + 1] = tasks[i].kind;
      m.set(tasks[i].args, e + 2);
    }
    Atomics.store(c, COUNT, tasks.length);
    Atomics.store(c, TABLE, tablePtr);
    Atomics.store(c, SCRATCH, scratchPtr);
    Atomics.store(c, SCRATCH_PER, scratchPer);
    Atomics.store(c, COMPLETED, 0);
    Atomics.store(c, CURSOR, 0);
    Atomics.store(c, BACK, tasks.length);
    Atomics.store(c, READY, ready);
    Atomics.store(c, FRONT, front ? 1 : 0);
    if (this.pendingDeath >= 0 && tasks.length > 0) {
      m[tablePtr >> 2] = this.pendingDeath + 2; // claimed by worker index pendingDeath + 1
      Atomics.store(c, CURSOR, 1);
      this.killWorker(this.pendingDeath);
      this.pendingDeath = -1;
    }
    // An async job (the caller only waits) is the async worker's too: its GEN value, then a wake-up.
    if (async) Atomics.store(c, ASYNC_JOB, Atomics.load(c, GEN) + 1);
    Atomics.add(c, GEN, 1); // even: ready
    Atomics.notify(c, GEN);
    if (async) {
      Atomics.add(c, ASYNC_GEN, 1);
      Atomics.notify(c, ASYNC_GEN);
    }
  }

  /**
   * Takes over stealable tasks (layouts.mjs `steal`) still being computed by other threads (claimed → −3),
   * computes each in the caller's scratch and publishes it. Returns how many it took.
   */
  private steal(tasks: Task[], tablePtr: number, scratchPtr: number): number {
    const m = new Int32Array(this.memory.buffer);
    let n = 0;
    for (let i = 0; i < tasks.length; i++) {
      const t = tasks[i];
      if (!stealable(t.kind)) continue;
      const e = (tablePtr >> 2) + i * TASK_WORDS;
      const st = Atomics.load(m, e);
      if (st <= 0 || Atomics.compareExchange(m, e, st, -3) !== st) continue;
      runTask(this.k, t, scratchPtr, true);
      Atomics.store(m, e, -1);
      Atomics.add(this.ctl, COMPLETED, 1);
      n++;
    }
    if (n > 0) this.steals += n;
    return n;
  }

  /** GEMM tasks the caller took over from a slow or dead thread (tests and the bench read it). */
  steals = 0;
  /** Tasks the caller ran from the cursor (diagnostics). */
  callerTasks = 0;

  /** Tasks the async worker has run (tests read it). */
  get asyncWorkerTasks(): number {
    return Atomics.load(this.ctl, ASYNC_TASKS);
  }

  /**
   * `drain(i0, i1)`: called on the caller's thread for ranges that together cover every task
   * exactly once, once tasks [i0, i1) are done (done = the table entry is −1, read with Atomics,
   * so the task's writes are visible): from the front, and from the back where the workers
   * claim. Lets the caller copy finished output out while others still compute; a range lets it
   * merge adjacent copies.
   */
  private drained = 0;
  private drainedBack = 0;

  private drainDone(tasks: Task[], tablePtr: number, drain: ((i0: number, i1: number) => void) | undefined): void {
    if (!drain) return;
    const m = new Int32Array(this.memory.buffer);
    const done = (i: number): boolean => Atomics.load(m, (tablePtr >> 2) + i * TASK_WORDS) === -1;
    const from = this.drained, to = this.drainedBack;
    while (this.drained < this.drainedBack && done(this.drained)) this.drained++;
    if (this.drained > from) drain(from, this.drained);
    while (this.drainedBack > this.drained && done(this.drainedBack - 1)) this.drainedBack--;
    if (this.drainedBack < to) drain(this.drainedBack, to);
  }

  /** The caller's share: claim and run tasks until the cursor runs out. */
  private work(tasks: Task[], tablePtr: number, scratchPtr: number, drain?: (i0: number, i1: number) => void): void {
    while (this.workOne(tasks, tablePtr, scratchPtr)) this.drainDone(tasks, tablePtr, drain);
  }

  /** Like workOne, but only claims a task below `ready` (fed), and never waits: false if none. */
  private workFed(tasks: Task[], tablePtr: number, scratchPtr: number, ready: number): boolean {
    const c = this.ctl;
    const i = Atomics.load(c, CURSOR);
    if (i >= ready || Atomics.compareExchange(c, CURSOR, i, i + 1) !== i) return false;
    return this.runOwn(tasks, tablePtr, scratchPtr, i);
  }

  /** The caller claims and runs one task; false when none was left. */
  private workOne(tasks: Task[], tablePtr: number, scratchPtr: number): boolean {
    const c = this.ctl;
    const i = Atomics.add(c, CURSOR, 1);
    if (i >= tasks.length) return false;
    return this.runOwn(tasks, tablePtr, scratchPtr, i);
  }

  /**
   * Task i, taken from the cursor: claimed in the task table (false if a worker from the back
   * claimed it first: nothing is left in front), run here, marked done.
   */
  private runOwn(tasks: Task[], tablePtr: number, scratchPtr: number, i: number): boolean {
    const c = this.ctl;
    const m = new Int32Array(this.memory.buffer);
    const e = (tablePtr >> 2) + i * TASK_WORDS;
    if (Atomics.compareExchange(m, e, 0, 1) !== 0) return false;
    runTask(this.k, tasks[i], scratchPtr, false); // the caller's own tasks: nobody steals them
    this.callerTasks++;
    Atomics.store(m, e, -1);
    Atomics.add(c, COMPLETED, 1); // only the caller waits on COMPLETED: no notify needed
    return true;
  }

  /**
   * After a long stall: runs every task not marked done (tasks that cannot be stolen: their
   * holder is presumed dead).
   */
  private recover(tasks: Task[], tablePtr: number, scratchPtr: number): void {
    this.recoveries++;
    const m = new Int32Array(this.memory.buffer);
    for (let i = 0; i < tasks.length; i++) {
      const e = (tablePtr >> 2) + i * TASK_WORDS;
      if (Atomics.load(m, e) !== -1) {
        runTask(this.k, tasks[i], scratchPtr, false);
          Atomics.store(m, e, -1);
      }
    }
  }

  /**
   * `feed(i)`, if given: copies task i's input in; tasks are published first and released one by
   * one as their input lands, so the other threads compute while the caller still copies.
   * `meanwhile()`, if given: runs on the caller right after the job is published, before it
   * takes tasks (work that does not touch the job's memory, overlapping the other threads).
   */
  runSync(tasks: Task[], scratchPtr: number, scratchPer: number, tablePtr = 0, drain?: (i0: number, i1: number) => void, feed?: (i: number) => void, meanwhile?: () => void): void {
    this.publish(tasks, tablePtr, scratchPtr, scratchPer, feed ? 0 : tasks.length);
    meanwhile?.();
    if (feed) {
      const c = this.ctl;
      try {
        for (let i = 0; i < tasks.length; i++) {
          feed(i);
          Atomics.store(c, READY, i + 1);
          Atomics.notify(c, READY);
          // Copying a task's input in is quicker than computing it: after every FEED_PER_OWN_TASK
          // tasks fed, the caller computes one already fed, so its core is not left copying
          // while the others compute (bench/results/engine-design.md, "Feeding the input").
          if ((i + 1) % FEED_PER_OWN_TASK === 0) this.workFed(tasks, tablePtr, scratchPtr, i + 1);
        }
      } finally {
        Atomics.store(c, READY, tasks.length); // never leave a worker waiting
        Atomics.notify(c, READY);
      }
    }
    this.drained = 0;
    this.drainedBack = tasks.length;
    const t0 = performance.now();
    const before = Atomics.load(this.ctl, COMPLETED);
    this.work(tasks, tablePtr, scratchPtr, drain);
    const c = this.ctl;
    // Out of tasks: give the others about one task's time, then steal what they still hold.
    const mine = Math.max(1, Atomics.load(c, COMPLETED) - before);
    const grace = Math.min(5, Math.max(0.05, (1.5 * (performance.now() - t0)) / mine));
    let last = Atomics.load(c, COMPLETED), since = Date.now(), stolen = false;
    while (last < tasks.length) {
      this.drainDone(tasks, tablePtr, drain);
      Atomics.wait(c, COMPLETED, last, grace);
      const now = Atomics.load(c, COMPLETED);
      if (now !== last) { last = now; since = Date.now(); continue; }
      if (!stolen || Date.now() - since > grace) {
        stolen = true;
        if (this.steal(tasks, tablePtr, scratchPtr) > 0) { last = Atomics.load(c, COMPLETED); since = Date.now(); continue; }
      }
      if (Date.now() - since > this.stallMs) { this.recover(tasks, tablePtr, scratchPtr); break; }
    }
    // Every task is done now (completed, stolen or recovered): hand over what is left.
    if (drain && this.drained < this.drainedBack) { drain(this.drained, this.drainedBack); this.drained = this.drainedBack; }
  }

  /**
   * Never blocks for long: the caller publishes and awaits while the workers compute, so a
   * browser's main thread stays free. The caller computes only while no worker has started yet
   * (one task at a time, yielding between tasks) or when no worker is alive.
   */
  async runAsync(tasks: Task[], scratchPtr: number, scratchPer: number, tablePtr = 0): Promise<void> {
    this.publish(tasks, tablePtr, scratchPtr, scratchPer, tasks.length, true);
    const c = this.ctl;
    // Until the first worker has started (fresh workers: tens of ms for a thread to boot), the
    // caller takes tasks one at a time, yielding to the event loop after each, so the first call
    // costs about what a synchronous one does instead of waiting for the start-up.
    while (this.asyncCallerHelps && Atomics.load(c, STARTED) === 0 && this.asyncThreads > 0 && this.workOne(tasks, tablePtr, scratchPtr)) await yieldToEventLoop();
    let last = Atomics.load(c, COMPLETED), since = Date.now();
    const waitAsync = (Atomics as unknown as { waitAsync?: (a: Int32Array, i: number, v: number, t: number) => { async: boolean; value: Promise<string> | string } }).waitAsync;
    while (last < tasks.length) {
      // No worker alive (none left, or one a CSP refused, which stops before it claims anything):
      // the caller does the rest now rather than after stallMs.
      if (this.asyncThreads === 0) {
        this.work(tasks, tablePtr, scratchPtr);
        if (Atomics.load(c, COMPLETED) < tasks.length) this.recover(tasks, tablePtr, scratchPtr);
        break;
      }
      if (waitAsync) {
        const r = waitAsync(c, COMPLETED, last, 10);
        if (r.async) await r.value;
      } else {
        await new Promise((res) => setTimeout(res, 1));
      }
      const now = Atomics.load(c, COMPLETED);
      if (now !== last) { last = now; since = Date.now(); continue; }
      if (Date.now() - since > this.stallMs) { this.recover(tasks, tablePtr, scratchPtr); break; }
    }
  }
}
