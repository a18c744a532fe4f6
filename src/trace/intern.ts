/**
 * One shared array per coordinate tuple of a shape. A trace lists the same few cells many times
 * (a 64×64 transposed trace has ~37k taps reading ~4k grid cells from ~1k input cells); a trace is
 * read-only (types.ts), so every mention of a cell can be the same array, which keeps big traces
 * small and fast to build (allocation was most of their cost). Values are never computed here:
 * callers pass the coordinates they got from geometry/taps.ts, with their row-major flat index.
 */
import { count } from './raster.js';

export class CoordTable {
  private readonly arrays: (number[] | undefined)[];

  constructor(shape: readonly number[]) {
    this.arrays = new Array<number[] | undefined>(count(shape));
  }

  /**
   * The shared array for the cell at row-major index `flat`, whose coordinates are `coords`
   * (copied on first use, so callers may pass a scratch array they reuse).
   */
  at(flat: number, coords: readonly number[]): number[] {
    let a = this.arrays[flat];
    if (a === undefined) {
      a = coords.slice();
      this.arrays[flat] = a;
    }
    return a;
  }
}
