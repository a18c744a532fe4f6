/**
 * The kernel presets of the image mode, as numbers (one row-major array of kH·kW weights). The
 * classic 3 × 3 ones (sharpen, Sobel, Laplacian, emboss) sit at the centre of a larger kernel with
 * zeros around — or, where a side is even and has no centre, half a cell before it (presetAnchor);
 * identity, box and Gaussian blur are built at the kernel's own size.
 */
export type PresetName = 'identity' | 'box' | 'gaussian' | 'sharpen' | 'sobelX' | 'sobelY' | 'laplacian' | 'emboss';
export const PRESETS: readonly PresetName[] = ['identity', 'box', 'gaussian', 'sharpen', 'sobelX', 'sobelY', 'laplacian', 'emboss'];

const CLASSIC: Partial<Record<PresetName, number[]>> = {
  sharpen: [0, -1, 0, -1, 5, -1, 0, -1, 0],
  // Sobel x responds to a rise from left to right (PyTorch's conv is a correlation: no flip).
  sobelX: [-1, 0, 1, -2, 0, 2, -1, 0, 1],
  sobelY: [-1, -2, -1, 0, 0, 0, 1, 2, 1],
  laplacian: [0, 1, 0, 1, -4, 1, 0, 1, 0],
  emboss: [-2, -1, 0, -1, 1, 1, 0, 1, 2],
};

/** Row n of Pascal's triangle, normalised: the binomial approximation of a Gaussian. */
function binomial(n: number): number[] {
  let row = [1];
  for (let i = 1; i < n; i++) row = [...row, 0].map((v, j) => v + (j > 0 ? row[j - 1] : 0));
  const sum = row.reduce((a, b) => a + b, 0);
  return row.map((v) => v / sum);
}

/**
 * Whether preset `name` exists at kh × kw: the classic 3 × 3 ones need three taps on each axis (a
 * 2 × 2 cut of Sobel x, [0 2; 0 1], would be a blur under an edge detector's name).
 */
export function presetFits(name: PresetName, kh: number, kw: number): boolean {
  return !(name in CLASSIC) || (kh >= 3 && kw >= 3);
}

/**
 * The cell (row, column, from 0) where identity's 1 and a classic 3 × 3's centre go in a kh × kw
 * kernel: its centre on an odd axis; on an even one, which has no centre cell, the cell before
 * the middle (row 1 of 4: a 4 × 4 kernel holds a 3 × 3 in its top-left corner).
 */
export function presetAnchor(kh: number, kw: number): [number, number] {
  return [(kh - 1) >> 1, (kw - 1) >> 1];
}

/**
 * The rows and columns (from 0, first and last) that preset `name` fills in a kh × kw kernel
 * where it leaves the rest zero: identity's one cell, a classic one's 3 × 3. Null where it fills
 * the whole kernel (box and Gaussian blur, and the others at their own size) or does not fit.
 */
export function presetSpan(name: PresetName, kh: number, kw: number): { rows: [number, number]; cols: [number, number] } | null {
  if (name === 'box' || name === 'gaussian' || !presetFits(name, kh, kw)) return null;
  const r = name === 'identity' ? 0 : 1;
  if ((name === 'identity' && kh * kw === 1) || (r === 1 && kh === 3 && kw === 3)) return null;
  const [ch, cw] = presetAnchor(kh, kw);
  return { rows: [ch - r, ch + r], cols: [cw - r, cw + r] };
}

/** The weights of preset `name` for a kernel of kh × kw taps (a classic one: at least 3 × 3, presetFits). */
export function presetKernel(name: PresetName, kh: number, kw: number): Float32Array {
  const k = new Float32Array(kh * kw);
  const [ch, cw] = presetAnchor(kh, kw);
  switch (name) {
    case 'identity':
      k[ch * kw + cw] = 1;
      return k;
    case 'box':
      return k.fill(1 / (kh * kw));
    case 'gaussian': {
      const gh = binomial(kh);
      const gw = binomial(kw);
      for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) k[y * kw + x] = gh[y] * gw[x];
      return k;
    }
    default: {
      if (!presetFits(name, kh, kw)) throw new RangeError(`preset ${name} needs a kernel of at least 3 × 3, not ${kh} × ${kw}`);
      const c = CLASSIC[name] as number[];
      for (let y = 0; y < 3; y++) for (let x = 0; x < 3; x++) k[(ch + y - 1) * kw + cw + x - 1] = c[y * 3 + x];
      return k;
    }
  }
}

/** Whether these weights are preset `name`'s at kh × kw. */
export function isPreset(name: PresetName, k: ArrayLike<number>, kh: number, kw: number): boolean {
  return presetFits(name, kh, kw) && presetKernel(name, kh, kw).every((v, i) => Math.abs(v - k[i]) < 1e-6);
}

/** The preset these weights are, if any (so the menu shows it after an edit that lands on one). */
export function presetOf(k: ArrayLike<number>, kh: number, kw: number): PresetName | null {
  return PRESETS.find((name) => isPreset(name, k, kh, kw)) ?? null;
}

/**
 * Whether the kernel's weights sum to zero (an edge or curvature detector): its output is signed,
 * so it is shown around mid-grey rather than clipped at black.
 */
export function isZeroSum(k: ArrayLike<number>): boolean {
  let s = 0;
  let m = 0;
  for (let i = 0; i < k.length; i++) {
    s += k[i];
    m = Math.max(m, Math.abs(k[i]));
  }
  return m > 0 && Math.abs(s) < 1e-6 * m * k.length;
}
