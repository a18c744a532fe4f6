/**
 * An ONNX pooling window longer than its padded input, swept over small 1-D nodes (kernel, stride,
 * dilation, pads, ceil_mode, auto_pad). The counts are written out here from the operator spec
 * (opset 22 MaxPool / AveragePool) and from ONNX Runtime's rule, not taken from convkit:
 *
 *   spec, floor mode:  floor((P − k̂)/s + 1)        P = I + pads, k̂ = (k − 1)·d + 1
 *   spec, ceil mode:   ceil((P − k̂)/s + 1), less a last window that starts in the end padding
 *   ONNX Runtime:      ceil mode as the spec; floor mode truncates (P − k̂)/s toward zero (C++
 *                      integer division, as ONNX's own shape inference does), so a window up to
 *                      s − 1 cells past the padded input still counts once where the spec gives 0
 *
 * convkit follows ONNX Runtime (docs/semantics.md, "ONNX pooling"): it must never refuse what the
 * spec computes, must say so where it computes a window the spec's floor formula does not, and a
 * refusal's hint must name the limit itself (the largest kernel, dilation or smallest pads that
 * ONNX Runtime runs), not a stricter one. pool-peers.test.ts checks the same limit against ONNX
 * Runtime's recorded outputs.
 */
import { describe, expect, it } from 'vitest';
import { fromOnnxPool, type OnnxPoolSpec } from '../../src/geometry/onnx-pool.js';
import { ConvError } from '../../src/geometry/errors.js';

type Pool1d = { op: 'MaxPool' | 'AveragePool'; I: number; k: number; s: number; d: number; pb: number; pe: number; ceil: 0 | 1 };

const extent = (k: number, d: number) => (k - 1) * d + 1;

/** The operator spec's output size for explicit pads. */
function specCount({ I, k, s, d, pb, pe, ceil }: Pool1d): number {
  const x = (I + pb + pe - extent(k, d)) / s + 1;
  if (!ceil) return Math.floor(x);
  const o = Math.ceil(x);
  // "Sliding windows that would start in the right padded region are ignored."
  return (o - 1) * s >= I + pb ? o - 1 : o;
}

/** ONNX Runtime's: the spec's in ceil mode, truncation toward zero in floor mode. */
function ortCount(n: Pool1d): number {
  return n.ceil ? specCount(n) : Math.trunc((n.I + n.pb + n.pe - extent(n.k, n.d)) / n.s) + 1;
}

const spec = (n: Pool1d, over: Partial<OnnxPoolSpec> = {}): OnnxPoolSpec => ({
  op: n.op, xShape: [1, 1, n.I], kernel_shape: [n.k], strides: [n.s], dilations: [n.d], pads: [n.pb, n.pe], ceil_mode: n.ceil, ...over,
});

function run(s: OnnxPoolSpec): { count: number; notes: string[] } | ConvError {
  try {
    const r = fromOnnxPool(s);
    return { count: r.geometry.outputShape[2], notes: r.notes };
  } catch (e) {
    if (e instanceof ConvError) return e;
    throw e;
  }
}
const accepted = (s: OnnxPoolSpec) => !(run(s) instanceof ConvError);

/** Every small node whose pads are below the kernel (ONNX Runtime's own rule, checked elsewhere). */
function* nodes(): Generator<Pool1d> {
  for (const op of ['MaxPool', 'AveragePool'] as const)
    for (let I = 1; I <= 6; I++) for (let k = 1; k <= 6; k++) for (let s = 1; s <= 4; s++) for (let d = 1; d <= 3; d++)
      for (let pb = 0; pb < Math.min(k, 3); pb++) for (let pe = 0; pe < Math.min(k, 3); pe++) for (const ceil of [0, 1] as const) yield { op, I, k, s, d, pb, pe, ceil };
}

describe('ONNX pooling: a window past the padded input', () => {
  it('convkit accepts exactly what ONNX Runtime counts, never refuses what the spec counts, and notes where the spec counts none', () => {
    const tally = { specAndOrt: 0, ortOnly: 0, neither: 0 };
    const wrong: string[] = [];
    for (const n of nodes()) {
      const [want, ort, got] = [specCount(n), ortCount(n), run(spec(n))];
      const count = got instanceof ConvError ? got.code : got.count;
      const overrunNote = !(got instanceof ConvError) && got.notes.some((t) => /floor formula gives 0/.test(t));
      let ok: boolean;
      if (want >= 1) {
        tally.specAndOrt++;
        ok = ort === want && count === want && !(got instanceof ConvError) && got.notes.length === 0;
      } else if (ort >= 1) {
        // Floor mode only: the window runs 1 to s − 1 cells past the end; ONNX Runtime computes it once.
        tally.ortOnly++;
        ok = n.ceil === 0 && ort === 1 && count === 1 && overrunNote;
      } else {
        tally.neither++;
        ok = count === 'KERNEL_TOO_LARGE';
      }
      if (!ok) wrong.push(`${JSON.stringify(n)}: spec ${want}, ORT ${ort}, convkit ${count}${overrunNote ? ' (noted)' : ''}`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    // The sweep reaches all three kinds of node, each many times.
    expect(Math.min(tally.specAndOrt, tally.ortOnly, tally.neither)).toBeGreaterThan(200);
  });

  it('a refusal names the limit: the smallest pads, the largest dilation and kernel that run, each alone', () => {
    let checked = 0;
    const kinds = { pads: 0, dilation: 0, kernelWithPads: 0 };
    const wrong: string[] = [];
    const want = (hint: string, what: string, s: OnnxPoolSpec, ok: boolean) => {
      if (accepted(s) !== ok) wrong.push(`${hint} — ${what}: ${JSON.stringify(s)} is ${ok ? 'refused' : 'accepted'}`);
    };
    for (const n of nodes()) {
      const e = run(spec(n));
      if (!(e instanceof ConvError)) continue;
      checked++;
      const hint = e.hint!;
      // Pads adding up to N run, split as the kernel allows; N − 1 do not, however split.
      const pads = /pads adding up to at least (\d+)/.exec(hint);
      if (pads) {
        kinds.pads++;
        const N = Number(pads[1]);
        const split = (t: number): [number, number] => [Math.min(t, n.k - 1), t - Math.min(t, n.k - 1)];
        want(hint, 'pads', spec(n, { pads: split(N) }), true);
        want(hint, 'one pad less', spec(n, { pads: split(N - 1) }), false);
      }
      const dil = /dilation (?:at most )?(\d+)/.exec(hint);
      if (dil) {
        kinds.dilation++;
        const D = Number(dil[1]);
        want(hint, 'dilation', spec(n, { dilations: [D] }), true);
        if (D + 1 < n.d) want(hint, 'dilation + 1', spec(n, { dilations: [D + 1] }), false);
      }
      const kern = /a kernel of (?:at most )?(\d+) taps?(?: with pads (?:of (\d+)|(\d+) and (\d+)))? on this axis$/.exec(hint);
      if (!kern) {
        wrong.push(`${hint} — names no kernel on this axis`);
        continue;
      }
      const K = Number(kern[1]);
      const given = kern[2] !== undefined || kern[3] !== undefined;
      if (given) kinds.kernelWithPads++;
      const withPads: [number, number] = kern[2] !== undefined ? [Number(kern[2]), Number(kern[2])] : given ? [Number(kern[3]), Number(kern[4])] : [n.pb, n.pe];
      want(hint, 'kernel', spec(n, { kernel_shape: [K], pads: withPads }), true);
      // One tap more, with the node's pads where they are below it, is refused: K is the limit.
      if (K + 1 < n.k) want(hint, 'kernel + 1', spec(n, { kernel_shape: [K + 1], pads: [Math.min(n.pb, K), Math.min(n.pe, K)] }), false);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(checked).toBeGreaterThan(500);
    expect(Math.min(kinds.pads, kinds.dilation, kinds.kernelWithPads)).toBeGreaterThan(10);
  });

  it('VALID and SAME: the kernel a refusal names runs, one tap more does not', () => {
    let checked = 0;
    for (const auto_pad of ['VALID', 'SAME_UPPER', 'SAME_LOWER'] as const)
      for (const n of nodes()) {
        if (n.pb || n.pe) continue;
        const base = spec(n, { pads: undefined, auto_pad });
        const e = run(base);
        if (!(e instanceof ConvError) || e.code !== 'KERNEL_TOO_LARGE') continue;
        checked++;
        const hint = e.hint!;
        expect(hint).not.toMatch(/pads/);
        const K = Number(/a kernel of (?:at most )?(\d+) taps? on this axis$/.exec(hint)?.[1]);
        expect({ hint, ok: accepted({ ...base, kernel_shape: [K] }) }).toEqual({ hint, ok: true });
        if (K + 1 < n.k) expect({ hint, ok: accepted({ ...base, kernel_shape: [K + 1] }) }).toEqual({ hint, ok: false });
      }
    expect(checked).toBeGreaterThan(100);
  });

  it('the refusal says how far the window runs past the end where a stride lets it run past at all', () => {
    const e = run({ op: 'MaxPool', xShape: [1, 1, 5], kernel_shape: [7], strides: [2] }) as ConvError;
    // Window 7 on 5 cells: 2 past the end, where stride 2 counts a window at most 1 past it.
    expect(e.message).toBe(`MaxPool: window 7 (kernel 7, dilation 1) runs 2 cells past the padded input 5 on axis L, where stride 2 allows at most 1; ${e.hint}`);
    // Kernel 6 runs 1 past: one window (ONNX Runtime), so the hint names 6, and pads adding up to 1.
    expect(e.hint).toBe('use pads adding up to at least 1 or a kernel of at most 6 taps on this axis');
    const one = run({ op: 'MaxPool', xShape: [1, 1, 5], kernel_shape: [7] }) as ConvError;
    expect(one.message).toBe(`MaxPool: window 7 (kernel 7, dilation 1) does not fit the padded input 5 on axis L; ${one.hint}`);
  });
});
