/**
 * The tiny-call engine: plain JS loops for convolutions so small that the WebAssembly engine's
 * fixed per-call cost (plan lookup, copies into and out of wasm memory, weight packing) is larger
 * than the arithmetic. 'auto' uses it below TINY_MAX_MACS multiply-adds.
 *
 * It computes exactly what the reference engine computes, in the same order (per output: bias,
 * then input channels, then the taps in row-major order, skipping taps that read no input;
 * float64 accumulation), so its results are bit-identical to the reference engine's. Unlike the
 * reference engine it resolves the tap → input maps once per axis (tab[o·K + k] = tapSource) rather
 * than once per output position, and allocates nothing per output: that is the whole speed-up.
 * The maps come from geometry/taps.ts, as everywhere else.
 */
import { tapSource } from '../geometry/taps.js';
import type { AxisGeometry, ConvGeometry } from '../geometry/types.js';

/**
 * Below this many multiply-adds 'auto' computes here. Measured on the project machine (one core,
 * Node 20): these loops cost ≈ 0.1 µs + 3 ns per multiply-add, the wasm engine ≈ 1.5 µs + far
 * less per multiply-add; they cross near 500 (1→1 8×8 k3, 576: 1.9 vs 1.6 µs; 1→1 5×5 k3 s2,
 * 81: 0.3 vs 2.0 µs), so the limit sits a little below.
 */
export const TINY_MAX_MACS = 384;

/** Multiply-adds of the direct formulation (transposed: by input positions). */
export function macsOf(g: ConvGeometry): number {
  let m = g.batch * g.outChannels * (g.inChannels / g.groups);
  for (const a of g.axes) m *= a.kernel * (g.transposed ? a.input : a.output);
  return m;
}

// One tap map per axis, reused across calls (grown when needed): no allocation per call.
let tabs: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** tab[o·K + k] = input index read by tap k at output o on this axis, or −1. */
function tapMap(i: number, a: AxisGeometry | null, g: ConvGeometry): Int32Array {
  if (!a) {
    tabs[i][0] = 0;
    return tabs[i];
  }
  const n = a.output * a.kernel;
  if (tabs[i].length < n) tabs = tabs.map((t, j) => (j === i ? new Int32Array(n) : t));
  const tab = tabs[i];
  for (let o = 0; o < a.output; o++) for (let k = 0; k < a.kernel; k++) tab[o * a.kernel + k] = tapSource(a, o, k, g.paddingMode);
  return tab;
}

export function tinyConv(g: ConvGeometry, x: Float32Array, w: Float32Array, bias: Float32Array | null): Float32Array {
  // Spatial axes padded to three (leading size-1 axes), as D, H, W.
  const pad = 3 - g.rank;
  const aD = pad >= 1 ? null : g.axes[0];
  const aH = pad >= 2 ? null : g.axes[1 - pad];
  const aW = g.axes[2 - pad];
  const tD = tapMap(0, aD, g), tH = tapMap(1, aH, g), tW = tapMap(2, aW, g);
  const OD = aD ? aD.output : 1, OH = aH ? aH.output : 1, OW = aW.output;
  const KD = aD ? aD.kernel : 1, KH = aH ? aH.kernel : 1, KW = aW.kernel;
  const IH = aH ? aH.input : 1, IW = aW.input;
  const inSp = (aD ? aD.input : 1) * IH * IW;
  const outSp = OD * OH * OW;
  const taps = KD * KH * KW;
  const N = g.batch, OC = g.outChannels, IC = g.inChannels;
  const icg = IC / g.groups, ocg = OC / g.groups;
  const out = new Float32Array(N * OC * outSp);
  for (let n = 0; n < N; n++) {
    for (let oc = 0; oc < OC; oc++) {
      const group = Math.floor(oc / ocg);
      const ocIn = oc - group * ocg;
      const b = bias ? bias[oc] : 0;
      let p = (n * OC + oc) * outSp;
      for (let od = 0; od < OD; od++) for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) {
        let acc = b;
        for (let icl = 0; icl < icg; icl++) {
          const ic = group * icg + icl;
          const xBase = (n * IC + ic) * inSp;
          // Direct weight [OC, IC/g, k…]; transposed weight [IC, OC/g, k…].
          const wBase = g.transposed ? (ic * ocg + ocIn) * taps : (oc * icg + icl) * taps;
          for (let kd = 0; kd < KD; kd++) {
            const sd = tD[od * KD + kd];
            if (sd < 0) continue;
            for (let kh = 0; kh < KH; kh++) {
              const sh = tH[oh * KH + kh];
              if (sh < 0) continue;
              const row = xBase + (sd * IH + sh) * IW;
              const wRow = wBase + (kd * KH + kh) * KW;
              for (let kw = 0; kw < KW; kw++) {
                const sw = tW[ow * KW + kw];
                if (sw >= 0) acc += x[row + sw] * w[wRow + kw];
              }
            }
          }
        }
        out[p++] = acc;
      }
    }
  }
  return out;
}
