/**
 * Why the reference engine's forward loop (engine/reference/conv.ts) and its weight-gradient loop
 * (engine/reference/backward.ts) each spell out their (n, oc, ic, tap) loops, which `duplicates`
 * reports as a shared run: the same forward computed with those loops behind a per-(n, oc, ic)
 * visitor both passes could share, timed against the plain loops in one run. The reference is
 * what every test compares against, so its speed is the test suite's.
 *
 * Usage: npx tsx bench/reference-loops.ts [--budget-ms N]
 */
import { loadavg } from 'node:os';
import { rng, timeAll, relErr } from './timing.js';
import { convGeometry } from '../src/geometry/torch.js';
import { forEachOutput, loopSizes, referenceConv, weightBase, type LoopSizes } from '../src/engine/reference/conv.js';
import type { ConvGeometry } from '../src/geometry/types.js';

const args = process.argv.slice(2);
const budgetMs = Number(args[args.indexOf('--budget-ms') + 1] || 2000);

/** The (n, oc, ic) loops as a visitor: what a shared helper for both passes would look like. */
function forEachPair(g: ConvGeometry, s: LoopSizes, visit: (n: number, oc: number, xBase: number, wBase: number) => void): void {
  for (let n = 0; n < s.N; n++) {
    for (let oc = 0; oc < g.outChannels; oc++) {
      const group = Math.floor(oc / s.ocPerGroup);
      for (let icl = 0; icl < s.icPerGroup; icl++) {
        const ic = group * s.icPerGroup + icl;
        visit(n, oc, (n * g.inChannels + ic) * s.inSpatial, weightBase(g, s, oc, ic));
      }
    }
  }
}

function viaVisitor(g: ConvGeometry, x: Float32Array, w: Float32Array): Float32Array {
  const s = loopSizes(g);
  const out = new Float32Array(s.N * g.outChannels * s.outSpatial);
  const acc = new Float64Array(s.N * g.outChannels);
  forEachOutput(g, s, (pos, offsets) => {
    acc.fill(0);
    forEachPair(g, s, (n, oc, xBase, wBase) => {
      let a = 0;
      for (let t = 0; t < s.taps; t++) {
        const off = offsets[t];
        if (off >= 0) a += x[xBase + off] * w[wBase + t];
      }
      acc[n * g.outChannels + oc] += a;
    });
    for (let i = 0; i < acc.length; i++) out[i * s.outSpatial + pos] = acc[i];
  });
  return out;
}

const r = rng(1);
const cases = [
  { label: '16→16 24×24 k3 p1', g: convGeometry({ inputShape: [1, 16, 24, 24], weightShape: [16, 16, 3, 3] }, { padding: 1 }) },
  { label: '3→8 32×32 k5 s2', g: convGeometry({ inputShape: [1, 3, 32, 32], weightShape: [8, 3, 5, 5] }, { stride: 2 }) },
  { label: 'depthwise 32 20×20 k3', g: convGeometry({ inputShape: [1, 32, 20, 20], weightShape: [32, 1, 3, 3] }, { padding: 1, groups: 32 }) },
];
console.log(`# Reference loops: plain vs behind a shared visitor\n\n- command: \`npx tsx bench/reference-loops.ts\`; ${new Date().toISOString()}; 1-min load ${loadavg()[0].toFixed(1)}\n- medians of interleaved batches (bench/timing.ts), ms per call; err: the two outputs' largest difference over the output's scale\n\n| case | plain | visitor | visitor / plain |\n|---|---|---|---|`);
for (const c of cases) {
  const x = Float32Array.from({ length: c.g.inputShape.reduce((a, b) => a * b) }, r);
  const w = Float32Array.from({ length: c.g.weightShape.reduce((a, b) => a * b) }, r);
  const err = relErr(viaVisitor(c.g, x, w), referenceConv(c.g, x, w, null));
  const t = await timeAll([{ name: 'plain', run: () => referenceConv(c.g, x, w, null) }, { name: 'visitor', run: () => viaVisitor(c.g, x, w) }], budgetMs);
  const [p, v] = [t.get('plain')!.median, t.get('visitor')!.median];
  console.log(`| ${c.label} | ${p.toFixed(2)} | ${v.toFixed(2)} | ${(v / p).toFixed(2)}× (err ${err.toExponential(1)}) |`);
}
