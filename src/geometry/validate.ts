/** Checks of raw user values (numbers, shapes, per-axis options) shared by every dialect. */
import { ConvError, counted, show } from './errors.js';

/** Largest extent or option value accepted: keeps every derived size an exact double. */
export const MAX_DIM = 2 ** 31 - 1;

export function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/**
 * A finite integer within ±MAX_DIM, else INVALID_NUMBER naming `what`. `least` is the smallest
 * value the caller takes (its own check refuses a smaller one, with its own code and words): the
 * out-of-range hint names only values from it up, not a range of negatives for a size. The
 * default, −MAX_DIM, is for the few options that take any sign.
 */
export function int(v: unknown, what: string, least = -MAX_DIM): number {
  if (!isInt(v)) {
    throw new ConvError('INVALID_NUMBER', `${what} must be an integer, but got ${show(v)}`, {
      values: { [what]: v },
      hint: 'give a whole number such as 1, 2 or 3',
    });
  }
  if (Math.abs(v) > MAX_DIM) {
    const from = least < 0 ? `−${-least}` : String(least);
    throw new ConvError('INVALID_NUMBER', `${what} ${v} is out of range`, { values: { [what]: v }, hint: `use a value from ${from} to ${MAX_DIM}` });
  }
  return v === 0 ? 0 : v; // normalise −0
}

/** A shape: an array of non-negative integers (each ≤ MAX_DIM). */
export function shapeOf(v: unknown, what: string): number[] {
  if (Array.isArray(v) && v.length <= 8) {
    // Fast path for the usual case, a plain array of valid sizes: no per-element message strings.
    // Anything else falls through to the checks below, which give the exact error.
    const out: number[] = [];
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (typeof x !== 'number' || !(x >= 0 && x <= MAX_DIM) || !Number.isInteger(x)) break;
      out.push(x === 0 ? 0 : x); // normalise −0, as int() does
    }
    if (out.length === v.length) return out;
  }
  if (!Array.isArray(v) && !ArrayBuffer.isView(v)) {
    throw new ConvError('INVALID_OPTION', `${what} must be an array of sizes, but got ${show(v)}`, { values: { [what]: v }, hint: 'e.g. [1, 3, 5, 5]' });
  }
  const arr = Array.from(v as ArrayLike<unknown>);
  if (arr.length > 8) {
    throw new ConvError('INVALID_OPTION', `${what} has ${arr.length} dimensions`, { values: { [what]: arr.length }, hint: 'convolutions have 1 to 3 spatial axes: at most 5 dimensions' });
  }
  // A shape takes 0 (an empty batch or channel dimension), but a convolution's spatial and kernel
  // sizes do not: the hints name sizes from 1, which every shape takes.
  return arr.map((x, i) => {
    const n = int(x, `${what}[${i}]`, 1);
    if (n < 0) {
      throw new ConvError('INVALID_NUMBER', `${what}[${i}] is ${n}; sizes cannot be negative`, { values: { [what]: arr }, hint: 'use sizes ≥ 1' });
    }
    return n;
  });
}

/**
 * Expand an int-or-tuple option to one value per spatial axis (PyTorch's rule: 1 or `rank` entries).
 * `least`: the smallest value the caller takes, for int's out-of-range hint.
 */
export function perAxis(v: unknown, name: string, rank: number, fallback: number, least = -MAX_DIM): number[] {
  if (v === undefined || v === null) return Array(rank).fill(fallback);
  if (typeof v === 'number') return Array(rank).fill(int(v, name, least));
  if (Array.isArray(v) || ArrayBuffer.isView(v)) {
    if (Array.isArray(v) && (v.length === 1 || v.length === rank)) {
      // Fast path: every entry already a valid integer (no message strings built); else the
      // checks below give the exact error.
      const nums: number[] = [];
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (typeof x !== 'number' || !(Math.abs(x) <= MAX_DIM) || !Number.isInteger(x)) break;
        nums.push(x === 0 ? 0 : x);
      }
      if (nums.length === v.length) return nums.length === 1 ? Array(rank).fill(nums[0]) : nums;
    }
    const arr = Array.from(v as ArrayLike<unknown>);
    if (arr.length !== 1 && arr.length !== rank) {
      throw new ConvError('OPTION_LENGTH', `${name} has ${arr.length} values but the convolution has ${counted(rank, 'spatial axis', 'spatial axes')}`, {
        values: { [name]: arr, rank },
        hint: `give a single integer or a list of ${rank} values`,
      });
    }
    const nums = arr.map((x, i) => int(x, `${name}[${i}]`, least));
    return nums.length === 1 ? Array(rank).fill(nums[0]) : nums;
  }
  throw new ConvError('INVALID_OPTION', `${name} must be an integer or a list of integers, but got ${show(v)}`, {
    values: { [name]: v },
    hint: `give a single integer or a list of ${rank} values`,
  });
}

/** Greatest common divisor of two integers (of their magnitudes; gcd(a, 0) = |a|). */
export function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

/** The divisors of n ≥ 1, ascending, the first 12 of them (a hint lists at most that many). */
export function divisors(n: number): number[] {
  const out: number[] = [];
  for (let d = 1; d <= n && out.length < 12; d++) if (n % d === 0) out.push(d);
  return out;
}

export function product(xs: readonly number[]): number {
  let p = 1;
  for (const x of xs) p *= x;
  return p;
}

/** Most elements one tensor may hold (1 GiB of float32): refused before allocating. */
export const MAX_ELEMENTS = 2 ** 28;

export function assertAllocatable(shape: readonly number[], what: string): void {
  const n = product(shape);
  if (n > MAX_ELEMENTS) {
    throw new ConvError('TOO_LARGE', `${what} of shape [${shape.join(', ')}] would hold ${n.toExponential(3)} elements`, {
      values: { shape: [...shape], elements: n, limit: MAX_ELEMENTS },
      // A layer's result also grows with its padding and, transposed, with its stride: name them
      // where they can be the cause (a 1×1 input padded by 20000 is not "a large input").
      hint: `convkit computes tensors of at most ${MAX_ELEMENTS} elements (1 GiB of float32); use a smaller input, batch or channel count${what === 'tensor' ? '' : ', less padding or a smaller stride (transposed)'}`,
    });
  }
}
