/**
 * A Winograd convolution on the fast engine: the layout of winograd-plan.ts (cached by everything
 * it depends on; it holds tables, never data), run as two jobs (job.ts) back to back on the same
 * memory and threads — the weight transform, then the tile blocks that read it. Nothing can run
 * between them: the sync calls follow each other directly, and the async ones are queued together.
 */
import type { ConvGeometry } from '../../geometry/types.js';
import type { WasmEngine } from './engine.js';
import { copyOut, type Job, type JobLayout } from './job.js';
import { PlanCache } from './plan-cache.js';
import { kernelShape } from './plan.js';
import type { KernelExports } from './runtime.js';
import { planWinograd, type WinogradPlan } from './winograd-plan.js';

/** Plans kept: a network's distinct layers. */
const plans = new PlanCache<WinogradPlan>(32);

function cachedPlan(g: ConvGeometry, slots: number, k: KernelExports): WinogradPlan {
  const ks = kernelShape(k);
  let key = `${g.batch},${g.inChannels},${g.outChannels},${g.paddingMode},${slots},${ks.tileRows}`;
  for (const a of g.axes) key += `|${a.input},${a.dilation},${a.equivalent.padBefore},${a.equivalent.padAfter}`;
  return plans.get(key, () => planWinograd(g, slots, ks, k));
}

/**
 * The two jobs of the eligible conv `g` (algorithm.ts) on x, w and bias. Both report the same
 * work, so the engine gives both the same threads and thus the same plan (its scratch slots).
 */
function winogradJobs(g: ConvGeometry, x: Float32Array, w: Float32Array, bias: Float32Array | null, into: Float32Array | null): [Job, Job] {
  const macs = g.batch * g.outChannels * g.inChannels * 9 * g.axes.reduce((p, a) => p * a.output, 1);
  const layout = (p: WinogradPlan, second: boolean): JobLayout => ({
    bytes: p.bytes,
    tasks: second ? p.tasks : p.weightTasks,
    scratchPtr: p.scratchPtr,
    scratchPer: p.scratchPer,
    prepare: second ? (mem, k) => p.prepare(mem, k, x, bias) : (mem, k) => p.prepareWeights(mem, k, w),
    read: second ? (mem, made) => copyOut(mem, p.outPtr, p.outLength, into ?? made) : () => new Float32Array(0),
    freshLength: second && !into ? p.outLength : undefined,
  });
  return [
    { macs, plan: (slots, k) => layout(cachedPlan(g, slots, k), false) },
    { macs, plan: (slots, k) => layout(cachedPlan(g, slots, k), true) },
  ];
}

/**
 * Computes the eligible conv `g` by Winograd F(4×4, 3×3) on `engine` (threads as for any job);
 * `into`: the caller's buffer for the result, else a fresh array.
 */
export function runWinograd(engine: WasmEngine, g: ConvGeometry, x: Float32Array, w: Float32Array, bias: Float32Array | null, threads?: number, into: Float32Array | null = null): Float32Array {
  return engine.runJobs(winogradJobs(g, x, w, bias, into), threads);
}

/** runWinograd without blocking: both jobs are queued at once, so no other job runs between them. */
export async function runWinogradAsync(engine: WasmEngine, g: ConvGeometry, x: Float32Array, w: Float32Array, bias: Float32Array | null, into: Float32Array | null = null): Promise<Float32Array> {
  return engine.runJobsAsync(winogradJobs(g, x, w, bias, into));
}
