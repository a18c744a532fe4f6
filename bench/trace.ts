/**
 * Speed of `trace()` alone on the playground's worst cases (32×32 input): the part of a parameter
 * change the library owns (the playground's redraw budget is one frame, 16 ms, for everything).
 * The geometry is built once per case, outside the timing, as the playground passes a ConvGeometry.
 *
 * Rounds are interleaved (every case once per round, in turn), so all cases see the same
 * background load on the shared machine; medians and p95 are over the rounds. Beside wall time,
 * the process's CPU time per call (process.cpuUsage: user + system, all threads, so GC helper
 * threads count too) is reported: on a loaded machine it leaves out the time the process waited
 * for a core, which wall time includes.
 *
 *   npx tsx bench/trace.ts [--rounds 200] [--cases name,name] [--json out.json]
 */
import { writeFileSync } from 'node:fs';
import { convGeometry, convTransposeGeometry } from '../src/geometry/torch.js';
import type { ConvGeometry } from '../src/geometry/types.js';
import { trace } from '../src/trace/trace.js';
import type { TraceView } from '../src/trace/types.js';

const argOf = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const ROUNDS = Number(argOf('rounds') ?? 200);
const ONLY = argOf('cases')?.split(',');
const JSON_OUT = argOf('json');

interface Case {
  name: string;
  view: TraceView;
  geometry: ConvGeometry;
}

/** conv2d on a 32×32 input with `c` channels in and out, `g` groups. */
function conv(k: number, s: number, p: number | 'same', d: number, c = 1, g = 1, paddingMode?: 'reflect'): ConvGeometry {
  return convGeometry(
    { inputShape: [1, c, 32, 32], weightShape: [c, c / g, k, k] },
    { stride: s, padding: p === 'same' ? 'same' : p, dilation: d, groups: g, paddingMode },
  );
}

/** conv_transpose2d on a 32×32 input. */
function convT(k: number, s: number, p: number, op: number, d = 1, c = 1, g = 1): ConvGeometry {
  return convTransposeGeometry(
    { inputShape: [1, c, 32, 32], weightShape: [c, c / g, k, k] },
    { stride: s, padding: p, outputPadding: op, dilation: d, groups: g },
  );
}

const CASES: Case[] = [
  // Direct convolutions, direct view (one frame per output cell).
  { name: 'direct k3 s1 p1', view: 'direct', geometry: conv(3, 1, 1, 1) },
  { name: 'direct k5 s1 p2', view: 'direct', geometry: conv(5, 1, 2, 1) },
  { name: 'direct k7 s1 p3', view: 'direct', geometry: conv(7, 1, 3, 1) },
  { name: 'direct k7 d3 same', view: 'direct', geometry: conv(7, 1, 'same', 3) },
  { name: 'direct k3 s2 p1', view: 'direct', geometry: conv(3, 2, 1, 1) },
  { name: 'direct k5 s4 p2 d2', view: 'direct', geometry: conv(5, 4, 2, 2) },
  { name: 'direct k3 s1 p1 reflect', view: 'direct', geometry: conv(3, 1, 1, 1, 1, 1, 'reflect') },
  { name: 'direct k3 s1 p1 c8 g4', view: 'direct', geometry: conv(3, 1, 1, 1, 8, 4) },
  // Transposed convolutions, direct (zero-inserted) view.
  { name: 'transp k3 s2 p1 op1 (64²)', view: 'direct', geometry: convT(3, 2, 1, 1) },
  { name: 'transp k4 s2 p1 (64²)', view: 'direct', geometry: convT(4, 2, 1, 0) },
  { name: 'transp k5 s2 p2 op1 d1', view: 'direct', geometry: convT(5, 2, 2, 1) },
  { name: 'transp k3 s3 p0 d2', view: 'direct', geometry: convT(3, 3, 0, 0, 2) },
  { name: 'transp k3 s2 p1 op1 c8 g4', view: 'direct', geometry: convT(3, 2, 1, 1, 1, 8, 4) },
  // Scatter view (one frame per input cell).
  { name: 'scatter transp k3 s2 p1 op1', view: 'scatter', geometry: convT(3, 2, 1, 1) },
  { name: 'scatter transp k5 s2 p2 op1', view: 'scatter', geometry: convT(5, 2, 2, 1) },
  { name: 'scatter transp k7 s4 p3 d3', view: 'scatter', geometry: convT(7, 4, 3, 0, 3) },
  { name: 'scatter direct k3 s1 p1', view: 'scatter', geometry: conv(3, 1, 1, 1) },
  { name: 'scatter direct k3 s1 p1 reflect', view: 'scatter', geometry: conv(3, 1, 1, 1, 1, 1, 'reflect') },
  { name: 'scatter transp k3 s2 c8 g4', view: 'scatter', geometry: convT(3, 2, 1, 1, 1, 8, 4) },
];

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p95: q(0.95), min: s[0] };
}

function main() {
  const cases = ONLY ? CASES.filter((c) => ONLY.some((o) => c.name.includes(o))) : CASES;
  const times = cases.map(() => [] as number[]);
  const cpu = cases.map(() => [] as number[]);
  const sizes = cases.map((c) => {
    const t = trace(c.geometry, { view: c.view });
    return `${t.outputShape.join('×')} out, ${t.frames.length} frames, ${t.tapCount} taps, grid ${t.grid.shape.join('×')}`;
  });
  // Warm-up: let V8 optimise every path before timing.
  for (let r = 0; r < 10; r++) for (const c of cases) trace(c.geometry, { view: c.view });
  for (let r = 0; r < ROUNDS; r++) {
    cases.forEach((c, i) => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      trace(c.geometry, { view: c.view });
      times[i].push(performance.now() - t0);
      const dc = process.cpuUsage(c0);
      cpu[i].push((dc.user + dc.system) / 1000);
    });
  }
  console.log(`trace() on a 32×32 input, ${ROUNDS} interleaved rounds (Node ${process.version})`);
  const rows = cases.map((c, i) => ({ name: c.name, view: c.view, size: sizes[i], ...stats(times[i]), cpuMedian: stats(cpu[i]).median }));
  const ms = (x: number) => `${x.toFixed(2).padStart(6)} ms`;
  for (const r of rows) {
    console.log(`  ${r.name.padEnd(34)} median ${ms(r.median)}  p95 ${ms(r.p95)}  min ${ms(r.min)}  cpu median ${ms(r.cpuMedian)}   (${r.size})`);
  }
  if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify({ node: process.version, rounds: ROUNDS, rows }, null, 2) + '\n');
}

main();
