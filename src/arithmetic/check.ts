/** Checks of solver inputs: whole numbers within a range, per axis (ConvError otherwise). */
import { axisNames } from '../geometry/build.js';
import { ConvError } from '../geometry/errors.js';
import { int, perAxis } from '../geometry/validate.js';

/** One value per axis, each an integer ≥ `min` (sizes ≥ 1, paddings ≥ 0). */
export function perAxisAtLeast(v: unknown, name: string, rank: number, fallback: number, min: number): number[] {
  const values = perAxis(v, name, rank, fallback, min);
  const names = axisNames(rank);
  values.forEach((x, i) => {
    if (x < min) {
      throw new ConvError(min === 0 ? 'INVALID_NUMBER' : name === 'stride' ? 'STRIDE' : name === 'dilation' ? 'DILATION' : 'INVALID_NUMBER', `${name} must be at least ${min}, but got ${x} on axis ${names[i]}`, {
        axis: names[i],
        values: { [name]: values },
        hint: `use ${name} ≥ ${min}`,
      });
    }
  });
  return values;
}

/** An integer within [min, max] (bounds of a search). */
export function intIn(v: unknown, name: string, fallback: number, min: number, max: number): number {
  const x = int(v ?? fallback, name, min);
  if (x < min || x > max) {
    throw new ConvError('INVALID_OPTION', `${name} must be between ${min} and ${max}, but got ${x}`, { values: { [name]: x }, hint: `use ${name} from ${min} to ${max}` });
  }
  return x;
}
