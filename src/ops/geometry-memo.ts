/**
 * The compute functions' memo of the last geometry they resolved. A network calls the same layer
 * over and over, and for a tiny conv validating the shapes and options costs more than the
 * arithmetic, so the last successful (shapes, options) → ConvGeometry is kept.
 *
 * Why it can never go stale: the key is the *values* the geometry was computed from — every
 * shape entry and every option value read by convGeometry / convTransposeGeometry, flattened into
 * primitives — compared with === on each call, never an object's identity (the caller may mutate
 * an options array or a shape in place between calls). Values that are not plain primitives or
 * plain arrays of them (one nesting level, for padding pairs) are not memoised: such calls always
 * take the full path. On a miss the option values are read once into a snapshot (plain copies)
 * and the geometry is computed from that snapshot, so the stored geometry is a function of the
 * stored key alone, whatever getters or later mutations do. Only successes are stored; a call
 * that would throw never matches, because its values differ from those of a call that succeeded
 * (NaN never equals itself; −0 === 0 is a hit, and both resolve to the same geometry since the
 * validators normalise −0 to 0).
 * The geometry is only used internally (the compute functions never hand it to the caller),
 * so sharing it between calls is safe.
 */
import { convGeometry, convTransposeGeometry, type ConvShapeOptions, type ConvTransposeShapeOptions } from '../geometry/torch.js';
import type { ConvGeometry } from '../geometry/types.js';

type Prim = number | string | boolean | undefined | null;
/** Marks "an array of this length follows" in the flattened key (compared by identity: ours). */
const ARRAY = Symbol('array');

/**
 * The options keyed, and handed to the parser through the snapshot: every option of the parser's
 * own option types (src/geometry/torch.ts). An option added there and not here fails to compile
 * (the `Exhaustive` checks below), and test/structure/geometry-memo-key.test.ts fails when
 * convGeometry / convTransposeGeometry read a property these lists lack.
 */
export const CONV_FIELDS = ['stride', 'padding', 'dilation', 'groups', 'paddingMode'] as const satisfies readonly (keyof ConvShapeOptions)[];
export const TRANSPOSE_FIELDS = [
  'stride', 'padding', 'outputPadding', 'dilation', 'groups', 'outputSize', 'paddingMode',
] as const satisfies readonly (keyof ConvTransposeShapeOptions)[];

/** `true` when `Fields` names every key of `T`, else the keys it lacks (which then fail `Assert`). */
type Exhaustive<T, Fields extends readonly PropertyKey[]> = [Exclude<keyof T, Fields[number]>] extends [never] ? true : Exclude<keyof T, Fields[number]>;
type Assert<T extends true> = T;
type ConvFieldsComplete = Assert<Exhaustive<ConvShapeOptions, typeof CONV_FIELDS>>;
type TransposeFieldsComplete = Assert<Exhaustive<ConvTransposeShapeOptions, typeof TRANSPOSE_FIELDS>>;

function isPrim(v: unknown): v is Prim {
  return v === null || (typeof v !== 'object' && typeof v !== 'function' && typeof v !== 'symbol' && typeof v !== 'bigint');
}

const NO = Symbol('not keyable');

/** A plain copy of a primitive, or of a dense plain array of them (one nesting level); else NO. */
function copyOf(v: unknown, depth: number): unknown {
  if (isPrim(v)) return v;
  if (!Array.isArray(v) || depth > 1) return NO;
  const out: unknown[] = [];
  for (let i = 0; i < v.length; i++) {
    if (!(i in v)) return NO; // a hole: map/some skip it, a copy would not — leave it to the full path
    const c = copyOf(v[i], depth + 1);
    if (c === NO) return NO;
    out.push(c);
  }
  return out;
}

type Options = Record<string, unknown>;
type Shape = readonly number[] | null;

export class GeometryMemo {
  private key: (Prim | typeof ARRAY)[] = [];
  private i = 0;
  private last: ConvGeometry | null = null;

  /** Compares one primitive with the key at the cursor. */
  private eq(v: unknown): boolean {
    return this.i < this.key.length && this.key[this.i++] === v;
  }

  private eqValue(v: unknown, depth: number): boolean {
    if (isPrim(v)) return this.eq(v);
    if (!Array.isArray(v) || depth > 1 || !this.eq(ARRAY) || !this.eq(v.length)) return false;
    for (let j = 0; j < v.length; j++) if (!this.eqValue(v[j], depth + 1)) return false;
    return true;
  }

  private eqShape(s: Shape): boolean {
    if (!s) return this.eq(null);
    if (!this.eq(ARRAY) || !this.eq(s.length)) return false;
    for (let j = 0; j < s.length; j++) if (!this.eq(s[j])) return false;
    return true;
  }

  /** The remembered geometry if this call's values are exactly those it was computed from. */
  get(transposed: boolean, rank: number | undefined, x: Shape, w: Shape, b: Shape, o: Options): ConvGeometry | null {
    if (!this.last) return null;
    this.i = 0;
    if (!this.eq(transposed) || !this.eq(rank) || !this.eqShape(x) || !this.eqShape(w) || !this.eqShape(b)) return null;
    const fields = transposed ? TRANSPOSE_FIELDS : CONV_FIELDS;
    for (let f = 0; f < fields.length; f++) if (!this.eqValue(o[fields[f]], 0)) return null;
    return this.i === this.key.length ? this.last : null;
  }

  /**
   * The option values the dialect reads, each read once and copied, or null when one cannot be
   * keyed (then the call takes the full path with the caller's own object, and is not memoised).
   */
  snapshot(transposed: boolean, o: Options): Options | null {
    const fields = transposed ? TRANSPOSE_FIELDS : CONV_FIELDS;
    const snap: Options = {};
    for (let f = 0; f < fields.length; f++) {
      const c = copyOf(o[fields[f]], 0);
      if (c === NO) return null;
      snap[fields[f]] = c;
    }
    return snap;
  }

  /**
   * The geometry of these shapes and options: the remembered one when every value matches,
   * otherwise parsed (from a snapshot of the option values when they can be keyed) and
   * remembered. What the compute functions call; get, snapshot and set are its steps.
   */
  resolve(transposed: boolean, rank: number | undefined, x: readonly number[], w: readonly number[], b: Shape, o: Options): ConvGeometry {
    const hit = this.get(transposed, rank, x, w, b, o);
    if (hit) return hit;
    const snap = this.snapshot(transposed, o);
    const shapes = { inputShape: x, weightShape: w, biasShape: b };
    const use = (snap ?? o) as ConvShapeOptions & ConvTransposeShapeOptions;
    const g = transposed ? convTransposeGeometry(shapes, use, rank) : convGeometry(shapes, use, rank);
    if (snap) this.set(g, transposed, rank, x, w, b, snap);
    return g;
  }

  /** Remembers `g`, computed from these shapes and this snapshot (ours: nobody else mutates it). */
  set(g: ConvGeometry, transposed: boolean, rank: number | undefined, x: Shape, w: Shape, b: Shape, snap: Options): void {
    const key: (Prim | typeof ARRAY)[] = [transposed, rank];
    const shape = (s: Shape): void => {
      if (!s) key.push(null);
      else key.push(ARRAY, s.length, ...s);
    };
    const value = (v: unknown): void => {
      if (Array.isArray(v)) {
        key.push(ARRAY, v.length);
        for (const e of v) value(e);
      } else key.push(v as Prim);
    };
    shape(x);
    shape(w);
    shape(b);
    for (const f of transposed ? TRANSPOSE_FIELDS : CONV_FIELDS) value(snap[f]);
    this.key = key;
    this.last = g;
  }
}
