/**
 * How refusals write values and counts: typed arrays and buffers by kind and length (JSON wrote a
 * Float32Array as {"0":1,…}, which says neither), and a count's noun singular for exactly one.
 */
import { describe, expect, it } from 'vitest';
import { conv2d, convGeometry, tensor, zeros } from '../../src/index.js';
import { counted, show } from '../../src/geometry/errors.js';

const said = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('show', () => {
  it('writes binary data by kind and length, alone or inside an object', () => {
    expect(show(new Float32Array(1))).toBe('a Float32Array of 1 value');
    expect(show(new Float64Array(4))).toBe('a Float64Array of 4 values');
    expect(show(new Int32Array(0))).toBe('an Int32Array of 0 values');
    expect(show(new ArrayBuffer(16))).toBe('an ArrayBuffer of 16 bytes');
    expect(show(new DataView(new ArrayBuffer(1)))).toBe('a DataView of 1 byte');
    expect(show({ shape: [2], data: new Float32Array(2) })).toBe('{"shape":[2],"data":"a Float32Array of 2 values"}');
    expect(show([1, 'a'])).toBe('[1, "a"]');
  });

  it('counted: singular for exactly one, an irregular plural when given', () => {
    expect([counted(0, 'value'), counted(1, 'value'), counted(2, 'input channel')]).toEqual(['0 values', '1 value', '2 input channels']);
    expect([counted(1, 'spatial axis', 'spatial axes'), counted(3, 'spatial axis', 'spatial axes')]).toEqual(['1 spatial axis', '3 spatial axes']);
  });
});

describe('refusals that quote typed arrays and counts', () => {
  it('say what was passed instead of its indices', () => {
    expect(said(() => conv2d(zeros([1, 1, 4, 4]), zeros([1, 1, 3, 3]), { bias: new Float32Array([1]) as never }))).toMatch(/^bias must be a tensor \(\{ shape, data \}\), but got a Float32Array of 1 value;/);
    expect(said(() => conv2d(zeros([1, 1, 4, 4]), zeros([1, 1, 3, 3]), { out: new Float64Array(4) as never }))).toMatch(/^out must be a Float32Array, but got a Float64Array of 4 values;/);
  });

  it('word one channel, element or value in the singular', () => {
    expect(said(() => conv2d(zeros([1, 2, 4, 4]), zeros([1, 1, 3, 3])))).toMatch(/expects 1 input channel, but the input of shape \[1, 2, 4, 4\] has 2; give the input 1 channel, or/);
    expect(said(() => convGeometry({ inputShape: [1, 1, 4, 4], weightShape: [1, 1, 3, 3], biasShape: [2] }, {}))).toMatch(/needs a 1-D bias of 1 element, but the bias has shape \[2\]; give a bias of 1 value, one per output channel/);
    expect(said(() => tensor([1], [2]))).toMatch(/^tensor data has 1 value but shape \[2\] needs 2; give 2 values/);
    expect(said(() => conv2d(zeros([1, 1, 3, 3]), zeros([1, 1, 3, 3]), { out: new Float32Array(2) }))).toMatch(/^out has 2 values, but the output \[1, 1, 1, 1\] has 1; pass a Float32Array of 1 value$/);
  });
});
