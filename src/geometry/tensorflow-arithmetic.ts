/**
 * The per-axis size and padding arithmetic of TensorFlow and TF.js convolutions (docs/semantics.md,
 * "TensorFlow" and "TensorFlow.js"): SAME / VALID / explicit / numeric / causal, with tfjs's rounding modes and quirks.
 */
import { samePaddingTotal, splitPadding, windowSpan } from './sizes.js';
import type { Ctx, PadKind, TfRounding } from './tensorflow-options.js';

function roundBy(v: number, mode: TfRounding | undefined): number {
  switch (mode) {
    case 'floor':
      return Math.floor(v);
    case 'round':
      return Math.round(v);
    case 'ceil':
      return Math.ceil(v);
    default:
      return Math.trunc(v);
  }
}

export interface Forward {
  /** Padding before/after as the framework computes it (may be negative for tfjs conv3d 'same'). */
  pb: number;
  pa: number;
  out: number;
}

/** Forward convolution size and padding on one axis, by the dialect's own arithmetic. */
export function forwardAxis(pad: PadKind, input: number, ke: number, stride: number, ax: number, ctx: Ctx): Forward {
  const tfjs = ctx.dialect === 'tfjs';
  switch (pad.kind) {
    case 'same': {
      const out = Math.ceil(input / stride);
      let total = samePaddingTotal(input, stride, ke);
      // TF and 2-D tfjs clamp at 0; tfjs's 3-D path (get3DPadAndOutInfo) does not (docs/semantics.md, "TensorFlow.js").
      if (!(tfjs && ctx.rank === 3)) total = Math.max(0, total);
      const [pb, pa] = splitPadding(total, 'after');
      return { pb, pa, out };
    }
    case 'valid':
      // TF: (I − Ke + s) / s in C++ integer division; tfjs: ceil((I − Ke + 1) / s).
      return { pb: 0, pa: 0, out: tfjs ? Math.ceil((input - ke + 1) / stride) : Math.trunc((input - ke + stride) / stride) };
    case 'causal':
      return { pb: ke - 1, pa: 0, out: Math.floor((input - 1) / stride) + 1 };
    case 'number': {
      const p = pad.p;
      if (ctx.rank === 3) {
        // computeOutputShape4D: an axis whose padded input is shorter than the kernel gets size 0.
        return { pb: p, pa: p, out: input + 2 * p >= ke ? roundBy((input - ke + 2 * p) / stride + 1, ctx.rounding) : 0 };
      }
      // computeOutputShape2D sizes every axis with the first axis's kernel and stride (a tfjs quirk).
      return { pb: p, pa: p, out: roundBy((input - ctx.refKe + 2 * p) / ctx.refStride + 1, ctx.rounding) };
    }
    case 'explicit': {
      const [pb, pa] = pad.pairs[ax];
      const out = tfjs ? roundBy((input - ke + pb + pa) / stride + 1, ctx.rounding) : Math.trunc((input + pb + pa - ke + stride) / stride);
      return { pb, pa, out };
    }
  }
}

/**
 * The padding after that makes floor((I + pb + pa − Ke)/s) + 1 equal the framework's size `out`:
 * the nominal one when it already does, else the cells the framework actually reads (rounding up
 * reads zeros past the end; the quirks above may read fewer).
 */
export function effectiveAfter(f: Forward, input: number, ke: number, stride: number): number {
  const nominal = Math.floor((input + f.pb + f.pa - ke) / stride) + 1;
  return nominal === f.out && input + f.pb + f.pa >= ke ? f.pa : windowSpan(f.out, stride, ke) - input - f.pb;
}
