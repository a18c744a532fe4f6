/** Seeded random 1-D stacks and small DAGs (conv, dilated, transposed, pooling) for brute-force tests. */
import { ConvError } from '../../src/geometry/errors.js';
import { buildNetwork } from '../../src/network/build.js';
import type { LayerDef, NetworkDef } from '../../src/network/types.js';
import { mulberry32 } from '../support/mulberry32.js';

export const rng = mulberry32;

export const pick = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

export function randomLayer(r: () => number, name: string, input: string, allowTransposed = true): LayerDef {
  const t = r();
  if (t < 0.45 || (!allowTransposed && t < 0.7)) {
    const k = pick(r, 1, 5), d = pick(r, 1, 3), s = pick(r, 1, 3);
    const ke = d * (k - 1) + 1;
    return { name, op: 'conv', kind: 'conv', inputs: [input], outChannels: 1, kernel: [k], stride: [s], dilation: [d], padding: { pairs: [[pick(r, 0, ke), pick(r, 0, ke)]] }, groups: 1, bias: false };
  }
  if (t < 0.7) {
    const k = pick(r, 1, 4), d = pick(r, 1, 3), s = pick(r, 1, 3);
    const ke = d * (k - 1) + 1;
    return { name, op: 'convT', kind: 'convTranspose', inputs: [input], outChannels: 1, kernel: [k], stride: [s], dilation: [d], padding: { pairs: [[pick(r, 0, ke - 1), pick(r, 0, ke - 1)]] }, outputPadding: [pick(r, 0, Math.max(s, d) - 1)], groups: 1, bias: false };
  }
  if (t < 0.92) {
    const max = r() < 0.6;
    const k = pick(r, 1, 3), d = max ? pick(r, 1, 2) : 1, s = pick(r, 1, 3);
    const p = pick(r, 0, max ? Math.floor((d * (k - 1) + 1) / 2) : Math.floor(k / 2));
    // Some pools get ONNX-style asymmetric pads (windows of the equivalent depthwise conv).
    const asym = r() < 0.25;
    const pairs: [number, number][] = asym ? [[pick(r, 0, k), pick(r, 0, k)]] : [[p, p]];
    return { name, op: max ? 'maxpool' : 'avgpool', kind: 'pool', mode: max ? 'max' : 'avg', inputs: [input], kernel: [k], stride: [s], dilation: [d], padding: { pairs }, ceilMode: !asym && r() < 0.3, countIncludePad: true };
  }
  if (t < 0.96) {
    const mode = (['zeros', 'reflect', 'replicate'] as const)[pick(r, 0, 2)];
    return { name, op: `pad-${mode}`, kind: 'pad', inputs: [input], pairs: [[pick(r, 0, 3), pick(r, 0, 3)]], mode };
  }
  return { name, op: 'relu', kind: 'elementwise', inputs: [input] };
}

/** A random valid 1-D stack: layers are redrawn until the geometry accepts them. */
export function randomStack(seed: number, allowTransposed = true): { layers: LayerDef[]; length: number } {
  const r = rng(seed);
  const length = pick(r, 8, 40);
  const n = pick(r, 1, 6);
  const layers: LayerDef[] = [];
  let prev = 'x';
  for (let i = 0; i < n; i++) {
    for (let tries = 0; tries < 30; tries++) {
      const l = randomLayer(r, `l${i}`, prev, allowTransposed);
      try {
        const net = buildNetwork({ input: { name: 'x', shape: [1, 1, length] }, layers: [...layers, l] });
        if ((net.byName.get(l.name)?.outputShape[2] ?? 0) > 160) continue;
        layers.push(l);
        prev = l.name;
        break;
      } catch (e) {
        if (!(e instanceof ConvError)) throw e;
      }
    }
  }
  return { layers, length };
}

export function def1d(layers: LayerDef[], batch: number, length: number): NetworkDef {
  return { input: { name: 'x', shape: [batch, 1, length] }, layers };
}
