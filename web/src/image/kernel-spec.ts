/**
 * The image mode's kernel in a link (`ik`): a preset's name ("sobelX"), or the weights row by row,
 * comma-separated, each in the fewest digits that give back the same float32 ("0.1,-2,1e-5").
 * The size is the layer's (`k`): numbers of another count are refused with the link's other bad
 * values (state.ts `parseQuery`). A link is untrusted input: anything else is refused too.
 */
import { PRESETS, presetOf } from './kernels.js';
import type { PresetName } from './kernels.js';

export type KernelSpec = { preset: PresetName } | { weights: Float32Array };

/** The largest kernel the form allows is 9 × 9. */
const MAX_WEIGHTS = 81;
const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

export function parseKernelSpec(text: string): KernelSpec | null {
  // A preset's name in any case: a link typed by hand says sobelx as often as sobelX.
  const preset = PRESETS.find((name) => name.toLowerCase() === text.toLowerCase());
  if (preset) return { preset };
  const parts = text.split(',');
  if (parts.length < 1 || parts.length > MAX_WEIGHTS || !parts.every((p) => NUMBER.test(p))) return null;
  const w = Float32Array.from(parts, Number);
  return w.every(Number.isFinite) ? { weights: w } : null;
}

/** The shortest decimal that is this float32 again. */
function shortest(v: number): string {
  for (let p = 1; p < 9; p++) {
    const t = Number(v.toPrecision(p));
    if (Math.fround(t) === v) return String(t);
  }
  return String(Number(v.toPrecision(9)));
}

/** The link text for these weights: the preset they are at kh × kw, else the numbers. */
export function kernelSpecText(w: Float32Array, kh: number, kw: number): string {
  return presetOf(w, kh, kw) ?? Array.from(w, shortest).join(',');
}
