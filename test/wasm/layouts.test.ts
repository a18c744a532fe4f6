/**
 * The engine's task interface is generated from one table (assembly/layouts.mjs): these tests fail
 * when a generated file is stale (the table or a kernel changed without `npm run build:wasm`),
 * when a descriptor word is written at another offset than the kernels read it from, when a task
 * word reaches a kernel parameter of another name (in the engine's calls or in the workers'
 * copy of them), and they show that a call that does not match its kernel is refused.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkTables, fieldsOf, kernelExports, staleFiles } from '../../assembly/generate.mjs';
import { DESCRIPTORS, TASKS, type TaskLayout } from '../../assembly/layouts.mjs';
import * as generated from '../../src/engine/wasm/layouts.generated.js';
import type { KernelExports, Task } from '../../src/engine/wasm/layouts.generated.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const kernels = kernelExports(root);
const pascal = (s: string): string => s[0].toUpperCase() + s.slice(1);
const lookup = generated as unknown as Record<string, unknown>;
const fn = <T>(name: string): T => {
  const f = lookup[name];
  if (typeof f !== 'function') throw new Error(`layouts.generated.ts has no function ${name}`);
  return f as T;
};

/** The kernels' descriptor constants, read from the AssemblyScript file itself: name → offset. */
function assemblyOffsets(): Map<string, number> {
  const src = readFileSync(`${root}assembly/layouts.generated.ts`, 'utf8');
  return new Map([...src.matchAll(/^export const (\w+): i32 = (\d+);/gm)].map((m) => [m[1], Number(m[2])]));
}

/** A kernel stand-in that records each call's arguments by parameter name. */
function recorder(): { k: KernelExports; calls: { name: string; args: Record<string, number> }[] } {
  const calls: { name: string; args: Record<string, number> }[] = [];
  const k = new Proxy({}, {
    get: (_t, name: string) => (...values: number[]) => {
      const params = kernels.get(name)!.params.map(([n]) => n);
      expect(values).toHaveLength(params.length);
      calls.push({ name, args: Object.fromEntries(params.map((p, i) => [p, values[i]])) });
    },
  }) as KernelExports;
  return { k, calls };
}

const SCRATCH = -7, PRIV = -9;
/** Word i of every task holds 100 + i, so a value names the word it came from. */
const wordValue = (i: number): number => 100 + i;

/** Each recorded call got, for every parameter, the task word of that name (or the runtime value). */
function expectNamedArguments(t: TaskLayout, calls: { name: string; args: Record<string, number> }[]): void {
  expect(calls.map((c) => c.name)).toEqual(Object.keys(t.calls));
  for (const c of calls) {
    for (const [param, value] of Object.entries(c.args)) {
      const i = t.words.findIndex(([n]) => n === param);
      const want = param === 'scratch' ? SCRATCH : param === 'priv' ? PRIV : wordValue(i);
      expect([t.name, c.name, param, value]).toEqual([t.name, c.name, param, want]);
    }
  }
}

type Calls = {
  callTask(k: KernelExports, kind: number, w: ArrayLike<number>, o: number, scratch: number): boolean;
  callGemmPlanes(k: KernelExports, w: ArrayLike<number>, o: number): void;
  callConvGemm(k: KernelExports, w: ArrayLike<number>, o: number, scratch: number, priv: number): void;
  callCopyOut(k: KernelExports, w: ArrayLike<number>, o: number, scratch: number): void;
  callScatter(k: KernelExports, w: ArrayLike<number>, o: number): void;
};

/** Runs every task kind through `calls` over words at offset `o` of `w` and checks the arguments. */
function checkCalls(calls: Calls, entry: (t: Task) => { w: ArrayLike<number>; o: number }): void {
  for (const t of TASKS) {
    const task = fn<(v: Record<string, number>) => Task>(`${t.name}Task`)(Object.fromEntries(t.words.map(([n], i) => [n, wordValue(i)])));
    expect(task.kind).toBe(t.kind);
    expect(task.args).toEqual(t.words.map((_, i) => wordValue(i)));
    const { w, o } = entry(task);
    const r = recorder();
    if (t.name === 'gemm') {
      expect(calls.callTask(r.k, t.kind, w, o, SCRATCH)).toBe(false);
      calls.callGemmPlanes(r.k, w, o);
      calls.callConvGemm(r.k, w, o, SCRATCH, PRIV);
      calls.callCopyOut(r.k, w, o, SCRATCH);
      calls.callScatter(r.k, w, o);
    } else {
      expect(calls.callTask(r.k, t.kind, w, o, SCRATCH)).toBe(true);
    }
    expectNamedArguments(t, r.calls);
  }
}

describe('task and descriptor layouts (assembly/layouts.mjs)', () => {
  it('the generated files are what the table and the kernels generate (run npm run build:wasm if not)', () => {
    expect(staleFiles(root)).toEqual([]);
  });

  it('every descriptor word is written at the offset the kernels read it from', () => {
    const offsets = assemblyOffsets();
    for (const d of DESCRIPTORS) {
      const S = d.name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
      const fields = fieldsOf(d);
      expect(lookup[`${S}_WORDS`]).toBe(fields.length);
      expect(offsets.get(`${d.prefix}WORDS`)).toBe(fields.length);
      const mem = new ArrayBuffer(8 + fields.length * 4);
      const value = (name: string): number => 1000 + fields.findIndex(([n]) => n === name);
      fn<(m: ArrayBuffer, p: number, v: Record<string, number>) => void>(`write${pascal(d.name)}Desc`)(mem, 8, Object.fromEntries(fields.map(([n]) => [n, value(n)])));
      const words = new Int32Array(mem, 8);
      for (const [name] of fields) {
        const offset = offsets.get(`${d.prefix}${name.toUpperCase()}`);
        expect([d.name, name, offset === undefined ? undefined : words[offset]]).toEqual([d.name, name, value(name)]);
      }
    }
  });

  it("every task word reaches the kernel parameter of its name, in the engine's calls", () => {
    checkCalls(generated, (t) => ({ w: t.args, o: 0 }));
  });

  it("… and in the workers' copy of them (the source text their program runs), read from a task-table entry", () => {
    const workerCalls = new Function(`${generated.TASK_CALLS_SOURCE}\nreturn { callTask, callGemmPlanes, callConvGemm, callCopyOut, callScatter };`)() as Calls;
    expect(generated.TASK_WORDS).toBe(generated.TASK_ARGS + Math.max(...TASKS.map((t) => t.words.length)));
    checkCalls(workerCalls, (t) => {
      const entry = new Int32Array(3 * generated.TASK_WORDS).fill(-1);
      const e = generated.TASK_WORDS; // the second entry of a table
      entry[e + 1] = t.kind;
      entry.set(t.args, e + generated.TASK_ARGS);
      return { w: entry, o: e + generated.TASK_ARGS };
    });
  });

  it('refuses a task whose call does not match its kernel, so such a table cannot build', () => {
    const swapped = TASKS.map((t) => (t.name !== 'pool' ? t : { ...t, calls: { poolPlanes: ['out', 'x', 'p0', 'p1', 'd', 'scratch'] } }));
    expect(() => checkTables(kernels, swapped)).toThrow(/calls poolPlanes\(out, x, p0, p1, d, scratch\), but the kernel is poolPlanes\(x, out, p0, p1, d, scratch\)/);
    const unknown = TASKS.map((t) => (t.name !== 'winograd' ? t : { ...t, calls: { winogradTile: ['d', 't0', 't1', 'scratch'] } }));
    expect(() => checkTables(kernels, unknown)).toThrow(/calls winogradTile, which the kernels do not export/);
    const twice = TASKS.map((t) => (t.name !== 'depthwise' ? t : { ...t, kind: 0 }));
    expect(() => checkTables(kernels, twice)).toThrow(/task kind 0 is used twice/);
    expect(() => checkTables(kernels)).not.toThrow();
  });

  it('which tasks may be stolen comes from the table: its steal field, checked, drives the caller and the workers', () => {
    const privately = TASKS.map((t) => (t.name !== 'depthwise' ? t : { ...t, steal: 'private' as const }));
    expect(() => checkTables(kernels, privately)).toThrow(/task depthwise is stolen 'private' but has no copyOut call/);
    const unknown = TASKS.map((t) => (t.name !== 'pool' ? t : { ...t, steal: 'twice' as unknown as 'rerun' }));
    expect(() => checkTables(kernels, unknown)).toThrow(/task pool: steal is 'twice'/);
    for (const t of TASKS) expect([t.name, generated.stealable(t.kind)]).toEqual([t.name, t.steal !== undefined]);
    expect(generated.STEAL_RERUN_KINDS).toEqual(TASKS.filter((t) => t.steal === 'rerun').map((t) => t.kind));
    expect(generated.STEAL_PRIVATE_KINDS).toEqual(TASKS.filter((t) => t.steal === 'private').map((t) => t.kind));
  });
});
