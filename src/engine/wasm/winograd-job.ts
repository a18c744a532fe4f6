/**
 * A Winograd convolution as a fast-engine job (job.ts): the layout of winograd-plan.ts, cached by
 * everything it depends on (the plan holds tables, never data), bound to one call's tensors.
 */
import type { ConvGeometry } from '../../geometry/types.js';
import type { Job, JobLayout } from './job.js';
import type { KernelShape } from './plan.js';
import type { KernelExports } from './runtime.js';
import { planWinograd, type WinogradPlan } from './winograd-plan.js';

/** Plans kept (a network's distinct layers); the oldest is dropped first. */
const PLAN_CACHE_SIZE = 32;
const plans = new Map<string, WinogradPlan>();

function keyOf(g: ConvGeometry, slots: number, ks: KernelShape): string {
  let key = `${g.batch},${g.inChannels},${g.outChannels},${g.paddingMode},${slots},${ks.tileRows}`;
  for (const a of g.axes) key += `|${a.input},${a.dilation},${a.padBefore},${a.padAfter}`;
  return key;
}

function kernelShape(k: KernelExports): KernelShape {
  return { tileRows: k.tileRows(), blockPixels: k.blockPixels(), kBlock: k.kBlock(), scratchBytes: (oc) => k.gemmScratchBytes(oc) };
}

/** Direct multiply-adds (the work the threads decide on, as for a direct conv). */
function directMacs(g: ConvGeometry): number {
  return g.batch * g.outChannels * g.inChannels * 9 * g.axes.reduce((p, a) => p * a.output, 1);
}

/** The job that computes the eligible conv `g` (winograd-eligibility.ts) of x, w and bias by Winograd F(4×4, 3×3). */
export function winogradJob(g: ConvGeometry, x: Float32Array, w: Float32Array, bias: Float32Array | null): Job {
  return {
    macs: directMacs(g),
    plan(slots, k): JobLayout {
      const ks = kernelShape(k);
      const key = keyOf(g, slots, ks);
      let p = plans.get(key);
      if (!p) {
        p = planWinograd(g, slots, ks, k);
        if (plans.size >= PLAN_CACHE_SIZE) plans.delete(plans.keys().next().value!);
        plans.set(key, p);
      }
      const plan = p;
      return {
        bytes: plan.bytes,
        tasks: plan.tasks,
        scratchPtr: plan.scratchPtr,
        scratchPer: plan.scratchPer,
        prepare: (mem, kx) => plan.prepare(mem, kx, x, w, bias),
        read: (mem) => new Float32Array(mem, plan.outPtr, plan.outLength).slice(),
      };
    },
  };
}
