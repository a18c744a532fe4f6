/**
 * One grouped, strided, dilated, padded conv2d with bias and seeded random data, and its answer
 * computed here by the definition (float64 loops written for this test, sharing no code with
 * convkit), so the package's numbers are checked against something it did not produce.
 *
 * The scripts under test read the case from a JSON file and print { shape, data, info, node, cores } as JSON.
 */
import { expect } from 'vitest';
import { mulberry32 } from '../support/mulberry32.js';

export interface ConvCase {
  x: number[];
  xShape: [number, number, number, number];
  w: number[];
  wShape: [number, number, number, number];
  b: number[];
  stride: [number, number];
  padding: [number, number];
  dilation: [number, number];
  groups: number;
}

/** About 200 000 multiply-adds: far above the tiny-call limit, so 'auto' runs the WebAssembly kernels. */
export function makeCase(seed: number): ConvCase {
  const rand = mulberry32(seed);
  const xShape: ConvCase['xShape'] = [2, 8, 23, 19];
  const wShape: ConvCase['wShape'] = [12, 4, 3, 3]; // groups 2: 4 input channels per group
  const values = (n: number) => Array.from({ length: n }, () => Math.round((rand() * 2 - 1) * 1000) / 1000);
  return {
    x: values(xShape.reduce((a, b) => a * b)),
    xShape,
    w: values(wShape.reduce((a, b) => a * b)),
    wShape,
    b: values(wShape[0]),
    stride: [2, 1],
    padding: [1, 2],
    dilation: [1, 2],
    groups: 2,
  };
}

/** conv2d by its definition: out[n,o,i,j] = b[o] + Σ x[n, g·icg + c, i·s + u·d − p, …] · w[o, c, u, v]. */
export function expectedConv(c: ConvCase): { shape: number[]; data: number[] } {
  const [N, C, H, W] = c.xShape;
  const [O, ICG, KH, KW] = c.wShape;
  const outH = Math.floor((H + 2 * c.padding[0] - c.dilation[0] * (KH - 1) - 1) / c.stride[0]) + 1;
  const outW = Math.floor((W + 2 * c.padding[1] - c.dilation[1] * (KW - 1) - 1) / c.stride[1]) + 1;
  const ocPerGroup = O / c.groups;
  const data: number[] = [];
  for (let n = 0; n < N; n++) {
    for (let o = 0; o < O; o++) {
      const g = Math.floor(o / ocPerGroup);
      for (let i = 0; i < outH; i++) {
        for (let j = 0; j < outW; j++) {
          let s = c.b[o]!;
          for (let ci = 0; ci < ICG; ci++) {
            const ch = g * ICG + ci;
            for (let u = 0; u < KH; u++) {
              const y = i * c.stride[0] + u * c.dilation[0] - c.padding[0];
              if (y < 0 || y >= H) continue;
              for (let v = 0; v < KW; v++) {
                const xx = j * c.stride[1] + v * c.dilation[1] - c.padding[1];
                if (xx < 0 || xx >= W) continue;
                s += c.x[((n * C + ch) * H + y) * W + xx]! * c.w[((o * ICG + ci) * KH + u) * KW + v]!;
              }
            }
          }
          data.push(s);
        }
      }
    }
  }
  return { shape: [N, O, outH, outW], data };
}

/** The largest |a − b| over two equally long arrays (Infinity when the lengths differ). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** The body shared by the ESM and CommonJS scripts: `convkit`, `readFileSync`, `availableParallelism` are in scope. */
const SCRIPT_BODY = `
const c = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const x = convkit.tensor(Float32Array.from(c.x), c.xShape);
const w = convkit.tensor(Float32Array.from(c.w), c.wShape);
const b = convkit.tensor(Float32Array.from(c.b), [c.b.length]);
const y = convkit.conv2d(x, w, { bias: b, stride: c.stride, padding: c.padding, dilation: c.dilation, groups: c.groups });
const out = { shape: y.shape, data: Array.from(y.data), info: convkit.fastEngineInfo(), node: process.version, cores: availableParallelism() };
process.stdout.write(JSON.stringify(out));
`;

/** `node use-esm.mjs case.json`: import convkit, compute the case, print the result as JSON. */
export const ESM_SCRIPT = `import * as convkit from 'convkit';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
${SCRIPT_BODY}`;

/** `node use-cjs.cjs case.json`: the same through require(). */
export const CJS_SCRIPT = `const convkit = require('convkit');
const { readFileSync } = require('node:fs');
const { availableParallelism } = require('node:os');
${SCRIPT_BODY}`;

/** What a script printed. */
export interface ScriptResult {
  shape: number[];
  data: number[];
  info: { simd: boolean; shared: boolean; threads: number; reason?: string };
  node: string;
  cores: number;
}

/**
 * Checks a script's output against the definition, and that the fast engine runs with its default
 * threads (all cores, at most 8): Node's os module, reached through process.getBuiltinModule, is
 * what tells the engine the core count, so a Node without it would run on one thread.
 */
export function checkResult(got: ScriptResult, want: { shape: number[]; data: number[] }): void {
  expect(got.shape).toEqual(want.shape);
  expect(maxAbsDiff(got.data, want.data)).toBeLessThan(1e-4);
  expect(got.info.simd, `fast engine not in use: ${got.info.reason}`).toBe(true);
  expect(got.info.threads, `threads on ${got.node}: ${got.info.reason}`).toBe(Math.min(8, got.cores));
}
