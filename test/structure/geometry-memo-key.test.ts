/**
 * The compute functions' geometry memo (src/ops/geometry-memo.ts) keys on, and hands the parser,
 * only the options it lists. An option the parser reads but the lists lack would be silently
 * ignored (the parser sees the memo's snapshot) or served stale (a change to it would still hit).
 * The type checks in geometry-memo.ts cover the parser's declared option types; this test covers
 * what the parser actually reads, by watching every property it touches on the options object.
 */
import { describe, expect, it } from 'vitest';
import { convGeometry, convTransposeGeometry } from '../../src/geometry/torch.js';
import type { ConvGeometry } from '../../src/geometry/types.js';
import { CONV_FIELDS, GeometryMemo, TRANSPOSE_FIELDS } from '../../src/ops/geometry-memo.js';

/** The property names `run` reads from the options object it is given ('*' when it lists them). */
function propertiesRead(options: Record<string, unknown>, run: (o: Record<string, unknown>) => void): Set<string> {
  const read = new Set<string>();
  const note = (p: string | symbol): void => {
    if (typeof p === 'string') read.add(p);
  };
  const proxy = new Proxy(options, {
    get(target, p, receiver) {
      note(p);
      return Reflect.get(target, p, receiver);
    },
    has(target, p) {
      note(p);
      return Reflect.has(target, p);
    },
    getOwnPropertyDescriptor(target, p) {
      note(p);
      return Reflect.getOwnPropertyDescriptor(target, p);
    },
    ownKeys(target) {
      read.add('*');
      return Reflect.ownKeys(target);
    },
  });
  run(proxy);
  return read;
}

const shapes2d = { inputShape: [2, 4, 9, 8], weightShape: [6, 2, 3, 3] }; // groups: 2
const transposeShapes2d = { inputShape: [2, 4, 5, 6], weightShape: [4, 3, 3, 3] };

/** Options that between them take every branch of the parser that reads an option. */
const DIRECT: Record<string, unknown>[] = [
  { groups: 2 },
  { stride: 2, padding: 1, dilation: 1, groups: 2, paddingMode: 'zeros' },
  { stride: [1, 2], padding: [1, 0], dilation: [2, 1], groups: 2, paddingMode: 'reflect' },
  { padding: [[1, 2], [0, 1]], groups: 2, paddingMode: 'replicate' },
  { padding: 'same', dilation: 2, groups: 2, paddingMode: 'circular' },
  { padding: 'valid', stride: 3, groups: 2 },
  { stride: undefined, padding: null, dilation: undefined, groups: 2, paddingMode: undefined },
];
const TRANSPOSED: Record<string, unknown>[] = [
  {},
  { stride: 2, padding: 1, outputPadding: 1, dilation: 1, groups: 2, paddingMode: 'zeros' },
  { stride: [2, 3], padding: [[1, 0], [0, 2]], outputPadding: [1, 2], dilation: [1, 2] },
  { stride: 2, padding: 1, outputSize: [10, 12] },
  { stride: 2, outputSize: [2, 3, 12, 14] },
  { stride: undefined, padding: undefined, outputPadding: null, dilation: undefined, groups: undefined, outputSize: null, paddingMode: null },
];

describe('the geometry memo keys every option the parser reads', () => {
  it('convGeometry reads no option missing from the direct key', () => {
    const read = new Set<string>();
    for (const o of DIRECT) for (const p of propertiesRead(o, (x) => convGeometry(shapes2d, x, 2))) read.add(p);
    expect([...read].filter((p) => !(CONV_FIELDS as readonly string[]).includes(p)).sort()).toEqual([]);
    // The watch sees reads at all (else the check above would pass vacuously).
    expect([...read].sort()).toEqual([...CONV_FIELDS].sort());
  });

  it('convTransposeGeometry reads no option missing from the transposed key', () => {
    const read = new Set<string>();
    for (const o of TRANSPOSED) for (const p of propertiesRead(o, (x) => convTransposeGeometry(transposeShapes2d, x, 2))) read.add(p);
    expect([...read].filter((p) => !(TRANSPOSE_FIELDS as readonly string[]).includes(p)).sort()).toEqual([]);
    expect([...read].sort()).toEqual([...TRANSPOSE_FIELDS].sort());
  });

  it('each keyed option, changed alone, misses the memo', () => {
    const fake = { outputShape: [1] } as unknown as ConvGeometry;
    const cases: [boolean, readonly string[], Record<string, unknown>][] = [
      [false, CONV_FIELDS, { stride: 2, padding: 1, dilation: 1, groups: 2, paddingMode: 'zeros' }],
      [true, TRANSPOSE_FIELDS, { stride: 2, padding: 1, outputPadding: 1, dilation: 1, groups: 2, outputSize: [10, 12], paddingMode: 'zeros' }],
    ];
    for (const [transposed, fields, options] of cases) {
      const memo = new GeometryMemo();
      const shapes = transposed ? transposeShapes2d : shapes2d;
      const snap = memo.snapshot(transposed, options);
      expect(snap).not.toBeNull();
      memo.set(fake, transposed, 2, shapes.inputShape, shapes.weightShape, null, snap!);
      expect(memo.get(transposed, 2, shapes.inputShape, shapes.weightShape, null, { ...options })).toBe(fake);
      for (const f of fields) {
        const changed = { ...options, [f]: 'changed' };
        expect(memo.get(transposed, 2, shapes.inputShape, shapes.weightShape, null, changed), f).toBeNull();
        // And the snapshot the parser would be given carries the option.
        expect(memo.snapshot(transposed, changed)?.[f], f).toBe('changed');
      }
    }
  });
});
