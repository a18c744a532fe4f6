/**
 * Small tensors computed inside a graph from constants and from the shapes of other tensors.
 *
 * Exporters write static sizes as arithmetic on shapes: torch turns `F.interpolate(x, size=y.shape[-2:])`
 * into Shape(y) → Slice → Concat → Resize, and `x.view(x.size(0), -1)` into Shape → Gather → Unsqueeze
 * → Concat → Reshape. Every such size is known once the network's shapes are, so the ONNX reader keeps
 * it as a {@link ValueExpr} and `buildNetwork` evaluates it here with the shapes it has derived (also
 * after an `--input-shape` override, which a value folded at read time would get wrong).
 *
 * Only what shape arithmetic needs is modelled: tensors of at most one dimension (plus scalars) for
 * Gather, Slice and Concat along axis 0, elementwise Add/Sub/Mul/Div/Max/Min with NumPy broadcasting,
 * Cast, Floor/Ceil/Neg/Abs/Round, and the ops that only change dims. Anything else evaluates to a
 * reason string, which the caller reports ("not analysed: …"), never a guess.
 */
import type { ValueExpr } from './types.js';

/** A small tensor: dims (row-major) and its elements. */
export interface Value {
  dims: number[];
  data: number[];
  /** Elements are integers (int64/int32 tensors): Div truncates, as ONNX's integer Div does. */
  integer: boolean;
}

/** Most elements a computed value may have (shape vectors are short; this bounds hostile graphs). */
export const MAX_VALUE_ELEMENTS = 4096;

/**
 * Most ops in one value, counted as a tree (a sub-expression used twice counts twice). Shape
 * arithmetic needs a few dozen; the bound keeps evaluation, traversal and JSON of a hostile graph
 * (a chain of Add(v, v) doubles the tree at every node) linear and the recursion shallow.
 */
export const MAX_VALUE_OPS = 256;

/** Ops of a value as a tree, or `limit + 1` as soon as it exceeds `limit` (so the walk stays bounded). */
export function valueOps(e: ValueExpr, limit = MAX_VALUE_OPS): number {
  let n = 0;
  const walk = (x: ValueExpr): void => {
    if (++n > limit) return;
    for (const c of children(x)) {
      walk(c);
      if (n > limit) return;
    }
  };
  walk(e);
  return Math.min(n, limit + 1);
}

function children(e: ValueExpr): ValueExpr[] {
  switch (e.op) {
    case 'const':
    case 'shape':
      return [];
    case 'gather':
      return [e.data, e.indices];
    case 'slice':
      return [e.data, e.starts, e.ends, ...(e.axes ? [e.axes] : []), ...(e.steps ? [e.steps] : [])];
    case 'concat':
      return e.parts;
    case 'reshape':
      return e.arg ? [e.data, e.arg] : [e.data];
    case 'cast':
    case 'unary':
      return [e.data];
    case 'binary':
      return [e.a, e.b];
  }
}

const numel = (dims: number[]) => dims.reduce((a, b) => a * b, 1);

class Fail {
  constructor(readonly reason: string) {}
}

function need(cond: boolean, reason: string): void {
  if (!cond) throw new Fail(reason);
}

/** ONNX index rules: negative counts from the end; Slice clamps (steps > 0 only). */
function sliceRange(len: number, start: number, end: number, step: number): number[] {
  need(step !== 0 && Number.isFinite(step), 'Slice with step 0');
  const norm = (v: number) => (v < 0 ? v + len : v);
  const out: number[] = [];
  if (step > 0) {
    const s = Math.min(Math.max(norm(start), 0), len);
    const e = Math.min(Math.max(norm(end), 0), len);
    for (let i = s; i < e; i += step) out.push(i);
  } else {
    const s = Math.min(Math.max(norm(start), -1), len - 1);
    const e = Math.min(Math.max(norm(end), -1), len - 1);
    for (let i = s; i > e; i += step) out.push(i);
  }
  return out;
}

function rank1(v: Value, what: string): number[] {
  need(v.dims.length <= 1, `${what} of a ${v.dims.length}-D value`);
  return v.data;
}

function broadcast(a: Value, b: Value, f: (x: number, y: number) => number, op: string): Value {
  need(a.dims.length <= 1 && b.dims.length <= 1, `${op} of values with more than one dimension`);
  const la = a.data.length;
  const lb = b.data.length;
  need(la === lb || la === 1 || lb === 1, `${op} of values of lengths ${la} and ${lb}`);
  const n = Math.max(la, lb);
  const dims = a.dims.length >= b.dims.length ? (la >= lb ? a.dims : [n]) : lb >= la ? b.dims : [n];
  return { dims: [...dims], data: Array.from({ length: n }, (_, i) => f(a.data[la === 1 ? 0 : i], b.data[lb === 1 ? 0 : i])), integer: a.integer && b.integer };
}

function evaluate(e: ValueExpr, shapeOf: ((name: string) => number[] | undefined) | undefined, depth: number): Value {
  need(depth <= MAX_VALUE_OPS, `a shape computation of more than ${MAX_VALUE_OPS} ops`);
  const ev = (x: ValueExpr) => evaluate(x, shapeOf, depth + 1);
  switch (e.op) {
    case 'const':
      need(e.data.length === numel(e.dims), 'a constant whose data does not fill its dims');
      return { dims: [...e.dims], data: [...e.data], integer: e.data.every(Number.isInteger) };
    case 'shape': {
      const s = shapeOf?.(e.of);
      need(s !== undefined, `the shape of "${e.of}", which is not known here`);
      const r = s!.length;
      const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + r : v, 0), r);
      const dims = s!.slice(clamp(e.start ?? 0), clamp(e.end ?? r));
      return { dims: [dims.length], data: dims, integer: true };
    }
    case 'gather': {
      const src = ev(e.data);
      const data = rank1(src, 'Gather');
      need(e.axis === 0 || e.axis === -1, `Gather along axis ${e.axis}`);
      const idx = ev(e.indices);
      need(idx.dims.length <= 1, 'Gather with indices of more than one dimension');
      const picked = idx.data.map((i) => {
        const j = i < 0 ? i + data.length : i;
        need(Number.isInteger(j) && j >= 0 && j < data.length, `Gather index ${i} outside a value of length ${data.length}`);
        return data[j];
      });
      return { dims: idx.dims.length === 0 ? [] : [picked.length], data: picked, integer: src.integer };
    }
    case 'slice': {
      const v = ev(e.data);
      const data = rank1(v, 'Slice');
      need(v.dims.length === 1, 'Slice of a scalar');
      const starts = ev(e.starts).data;
      const ends = ev(e.ends).data;
      const axes = e.axes ? ev(e.axes).data : [0];
      const steps = e.steps ? ev(e.steps).data : [1];
      need(starts.length === 1 && ends.length === 1 && axes.length === 1 && steps.length === 1 && (axes[0] === 0 || axes[0] === -1), 'Slice over more than the one axis of a shape vector');
      const picked = sliceRange(data.length, starts[0], ends[0], steps[0]).map((i) => data[i]);
      return { dims: [picked.length], data: picked, integer: v.integer };
    }
    case 'concat': {
      need(e.axis === 0 || e.axis === -1, `Concat of values along axis ${e.axis}`);
      const parts = e.parts.map(ev);
      for (const p of parts) need(p.dims.length === 1, 'Concat of scalars (ONNX needs 1-D parts)');
      const data = parts.flatMap((p) => p.data);
      return { dims: [data.length], data, integer: parts.every((p) => p.integer) };
    }
    case 'reshape': {
      const v = ev(e.data);
      if (e.how === 'identity') return v;
      if (e.how === 'flatten') return { ...v, dims: [1, v.data.length] };
      if (e.how === 'unsqueeze' || e.how === 'squeeze') {
        const axes = e.arg ? ev(e.arg).data : e.axis !== undefined ? [e.axis] : undefined;
        if (e.how === 'unsqueeze') {
          need(axes !== undefined, 'Unsqueeze without axes');
          const r = v.dims.length + axes!.length;
          const at = new Set(axes!.map((a) => (a < 0 ? a + r : a)));
          const dims: number[] = [];
          let k = 0;
          for (let i = 0; i < r; i++) dims.push(at.has(i) ? 1 : v.dims[k++]);
          need(k === v.dims.length, 'Unsqueeze with repeated or out-of-range axes');
          return { ...v, dims };
        }
        const drop = new Set((axes ?? v.dims.map((d, i) => (d === 1 ? i : -1)).filter((i) => i >= 0)).map((a) => (a < 0 ? a + v.dims.length : a)));
        return { ...v, dims: v.dims.filter((_, i) => !drop.has(i)) };
      }
      need(e.arg !== undefined, 'Reshape without a shape');
      const target = ev(e.arg!).data;
      const dims = resolveReshape(v.dims, target);
      if (typeof dims === 'string') throw new Fail(dims);
      return { ...v, dims };
    }
    case 'cast': {
      const v = ev(e.data);
      return { dims: v.dims, data: e.integer ? v.data.map(Math.trunc) : v.data, integer: e.integer || v.data.every(Number.isInteger) };
    }
    case 'binary': {
      const a = ev(e.a);
      const b = ev(e.b);
      const integer = a.integer && b.integer;
      const f = {
        Add: (x: number, y: number) => x + y,
        Sub: (x: number, y: number) => x - y,
        Mul: (x: number, y: number) => x * y,
        // ONNX's Div of integers truncates towards zero, as C does.
        Div: (x: number, y: number) => {
          need(y !== 0 || !integer, 'an integer division by zero');
          return integer ? Math.trunc(x / y) : x / y;
        },
        Max: Math.max,
        Min: Math.min,
      }[e.fn];
      return broadcast(a, b, f, e.fn);
    }
    case 'unary': {
      const v = ev(e.data);
      // Round: half to even, as ONNX rounds.
      const even = (x: number) => (Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : Math.round(x));
      const f = { Floor: Math.floor, Ceil: Math.ceil, Neg: (x: number) => -x, Abs: Math.abs, Round: even }[e.fn];
      return { ...v, data: v.data.map(f) };
    }
  }
}

/**
 * Evaluates a computed value with the shapes known so far (`shapeOf(name)`: a layer's or an input's
 * shape, or undefined). Returns the value, or why it cannot be computed (an op or shape convkit does
 * not fold, a shape not known).
 */
export function evaluateValue(e: ValueExpr, shapeOf?: (name: string) => number[] | undefined): Value | string {
  try {
    const v = evaluate(e, shapeOf, 0);
    if (v.data.length > MAX_VALUE_ELEMENTS) return `a computed value of ${v.data.length} elements`;
    if (v.data.some((x) => !Number.isFinite(x))) return 'a computed value that is not finite';
    return v;
  } catch (err) {
    if (err instanceof Fail) return err.reason;
    throw err;
  }
}

/** The layers and inputs whose shapes a value reads. */
export function shapeSources(e: ValueExpr, into: Set<string> = new Set()): Set<string> {
  if (e.op === 'shape') into.add(e.of);
  for (const c of children(e)) shapeSources(c, into);
  return into;
}

/** Renames the shape sources (ONNX tensor names → layer names) in place; `f` must be idempotent (sub-values may be shared). */
export function mapShapeSources(e: ValueExpr, f: (name: string) => string): void {
  if (e.op === 'shape') e.of = f(e.of);
  for (const c of children(e)) mapShapeSources(c, f);
}

/**
 * ONNX Reshape's target → the new dims: 0 copies the input's dimension at that position
 * (allowzero = 0, what exporters write), one −1 is inferred from the element count. Returns the
 * dims, or why they are invalid.
 */
export function resolveReshape(input: number[], target: number[]): number[] | string {
  const total = numel(input);
  let infer = -1;
  const dims = target.map((t, i) => {
    if (t === 0) {
      if (i >= input.length) infer = -2;
      return input[i];
    }
    if (t === -1) {
      if (infer !== -1) infer = -2;
      else infer = i;
      return 1;
    }
    return t;
  });
  if (infer === -2) return `Reshape to [${target.join(', ')}]: more than one −1, or a 0 beyond the input's dimensions`;
  if (dims.some((d) => !Number.isInteger(d) || d < 0)) return `Reshape to [${target.join(', ')}]: sizes must be whole numbers ≥ −1`;
  if (infer >= 0) {
    const rest = numel(dims);
    if (rest === 0 || total % rest !== 0) return `Reshape of ${total} elements to [${target.join(', ')}]`;
    dims[infer] = total / rest;
  }
  if (numel(dims) !== total) return `Reshape of [${input.join(', ')}] (${total} elements) to [${dims.join(', ')}]`;
  return dims;
}
