/**
 * Raster-order helpers for N-d coordinates (row-major, last axis fastest): the one convention the
 * trace, the matrix and the pictures share for "frame n" / "cell n".
 */

/** Product of extents (1 for none). */
export function count(shape: readonly number[]): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

/** Flat row-major index of `coords` in `shape`. */
export function flatIndex(coords: readonly number[], shape: readonly number[]): number {
  let f = 0;
  for (let ax = 0; ax < shape.length; ax++) f = f * shape[ax] + coords[ax];
  return f;
}

/** Coordinates of flat row-major index `flat` in `shape`. */
export function coordsOf(flat: number, shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  let rem = flat;
  for (let ax = shape.length - 1; ax >= 0; ax--) {
    out[ax] = rem % shape[ax];
    rem = (rem - out[ax]) / shape[ax];
  }
  return out;
}

/** Every coordinate of `shape`, in raster order. */
export function allCoords(shape: readonly number[]): number[][] {
  const n = count(shape);
  const out = new Array<number[]>(n);
  for (let f = 0; f < n; f++) out[f] = coordsOf(f, shape);
  return out;
}
