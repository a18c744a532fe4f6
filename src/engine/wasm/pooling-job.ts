/**
 * A pooling as a fast-engine job (job.ts): the plan of pooling-plan.ts, cached by everything it
 * depends on (the plan holds tables, never data), bound to one call's input.
 */
import type { PoolGeometry } from '../../geometry/pool.js';
import { copyOut, type Job, type JobLayout } from './job.js';
import { POOL_TASK } from './layouts.generated.js';
import { PlanCache } from './plan-cache.js';
import { planPool, poolWork, type PoolPlan } from './pooling-plan.js';
import { arrayOf, keptIn, type InputData } from './resident.js';

/** Plans kept: a network's distinct pooling layers. */
const plans = new PlanCache<PoolPlan>(32);

function keyOf(g: PoolGeometry, slots: number): string {
  let key = `${g.mode}${g.batch},${g.channels},${g.countIncludePad ? 1 : 0},${g.divisorOverride},${g.emptyMax},${g.emptyAverage},${slots}`;
  for (const a of g.axes) key += `|${a.input},${a.kernel},${a.stride},${a.dilation},${a.padBefore},${a.padAfter},${a.output}`;
  return key;
}

function cachedPlan(g: PoolGeometry, slots: number): PoolPlan {
  return plans.get(keyOf(g, slots), () => planPool(g, slots));
}

/**
 * The job that pools `input` (shape g.inputShape, NCHW) as `g` says. Each task reads and writes
 * its own span of planes, so on threads the input is fed in task by task and the result drained
 * out as tasks finish (job.ts), overlapping both copies with the other threads' work. Input kept
 * in the running engine's memory is read where it lies: the tasks point at it and nothing is
 * copied in. `into`: the caller's buffer for the result, else a fresh array.
 */
export function poolJob(g: PoolGeometry, input: InputData, into: Float32Array | null = null): Job {
  return {
    macs: poolWork(g),
    plan(slots, _k, memory): JobLayout {
      const p = cachedPlan(g, slots);
      const out = resultOut(p, into);
      const kept = keptIn(input, memory);
      if (kept) {
        const tasks = p.tasks.map((t) => ({ kind: t.kind, args: [...t.args] }));
        return {
          ...out,
          bytes: p.bytes,
          tasks,
          scratchPtr: p.scratchPtr,
          scratchPer: p.scratchPer,
          prepare(mem) {
            // After the engine made room for the layout, which may have moved the kept data.
            for (const t of tasks) t.args[POOL_TASK.x] = kept.ptr;
            p.writeTables(mem);
          },
        };
      }
      // Kept in another engine's memory (the private engine of a sync call during an async one): copied in.
      const x = arrayOf(input);
      return {
        ...out,
        bytes: p.bytes,
        tasks: p.tasks,
        scratchPtr: p.scratchPtr,
        scratchPer: p.scratchPer,
        prepare(mem, _k, withInput = true) {
          if (withInput) new Float32Array(mem, p.inPtr, x.length).set(x);
          p.writeTables(mem);
        },
        feed(mem, i) {
          const from = p.taskInput[2 * i], to = p.taskInput[2 * i + 1];
          new Float32Array(mem, p.inPtr + from * 4, to - from).set(x.subarray(from, to));
        },
      };
    },
  };
}

/** How the result leaves memory: drained span by span as tasks finish, or read at the end. */
function resultOut(p: PoolPlan, into: Float32Array | null): Pick<JobLayout, 'drain' | 'read' | 'freshLength'> {
  // Made at the first drain (after the job is published) or by read(): a fresh array's page
  // faults then overlap the other threads' work.
  let out: Float32Array | null = into;
  let drained = false;
  return {
    drain(mem, i0, i1) {
      out ??= new Float32Array(p.outLength);
      drained = true;
      const from = p.taskOutput[2 * i0], to = p.taskOutput[2 * i1 - 1];
      out.set(new Float32Array(mem, p.outPtr + from * 4, to - from), from);
    },
    read(mem, made) {
      if (drained) return out!; // every task's span is in
      return copyOut(mem, p.outPtr, p.outLength, out ?? made);
    },
    freshLength: into ? undefined : p.outLength,
  };
}
