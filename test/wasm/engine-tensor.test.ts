/**
 * Engine tensors (src/ops/engine-tensor.ts, src/engine/wasm/resident.ts): a tensor kept in the fast
 * engine's memory, which poolings read in place. Each pooling of one must give exactly what the
 * same pooling of the plain tensor gives (on the calling thread and on the workers, sync and
 * async), also after a larger job made the engine move the kept data, after another kept tensor
 * was freed below it, during an async job (a sync call then runs on the engine's private copy),
 * and when released while an async call still reads it. A released tensor is refused.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { wasmEngine } from '../../src/engine/wasm/engine.js';
import { ResidentRegion } from '../../src/engine/wasm/resident.js';
import { ConvError } from '../../src/geometry/errors.js';
import { fromTensorFlowPool } from '../../src/geometry/tensorflow-pool.js';
import {
  avgPool1d, avgPool2d, avgPool2dAsync, avgPool3d, computePoolGeometry, conv2d, engineTensor, maxPool1d, maxPool2d, maxPool2dAsync, maxPool3d, tensor,
  type Tensor,
} from '../../src/index.js';
import { prod, randomData, rng } from './helpers.js';

const engine = wasmEngine();
const random = (shape: number[], seed: number): Tensor => tensor(randomData(prod(shape), rng(seed)), shape);

/** The same numbers, bit for bit (poolings of kept data run the very same kernel). */
const bits = (t: Tensor): number[] => Array.from(new Uint32Array(t.data.buffer, t.data.byteOffset, t.data.length));

describe.skipIf(!engine)('engine tensors: poolings read them in place', () => {
  const cases = [
    { name: 'max 3×3 s2 p1 (ResNet stem, on the workers)', f: maxPool2d, shape: [1, 64, 56, 56], o: { kernelSize: 3, stride: 2, padding: 1 } },
    { name: 'avg 3×3 s2 p1, padding not counted, ceil mode', f: avgPool2d, shape: [2, 8, 15, 17], o: { kernelSize: 3, stride: 2, padding: 1, countIncludePad: false, ceilMode: true } },
    { name: 'max 1-D, dilation 2', f: maxPool1d, shape: [3, 5, 40], o: { kernelSize: 3, dilation: 2, padding: 1 } },
    { name: 'avg 1-D, unbatched', f: avgPool1d, shape: [4, 33], o: { kernelSize: 4, stride: 3 } },
    { name: 'max 3-D', f: maxPool3d, shape: [1, 4, 9, 10, 11], o: { kernelSize: 2, stride: 2, ceilMode: true } },
    { name: 'avg 3-D, divisor override', f: avgPool3d, shape: [1, 2, 6, 7, 8], o: { kernelSize: 3, padding: 1, divisorOverride: 5 } },
  ];
  afterAll(() => { engine?.setThreads(2); });

  for (const threads of [1, 2]) {
    it(`give the plain tensor's results, on ${threads} thread(s)`, () => {
      engine!.setThreads(threads);
      for (const [i, c] of cases.entries()) {
        const x = random(c.shape, 10 + i);
        const kept = engineTensor(x);
        const pool = c.f as (x: unknown, o: object) => Tensor;
        const want = pool(x, c.o);
        const got = pool(kept, c.o);
        expect([c.name, got.shape]).toEqual([c.name, want.shape]);
        expect([c.name, bits(got)]).toEqual([c.name, bits(want)]);
        // Into a reused buffer, and again (the plan cached), the same.
        const out = new Float32Array(want.data.length).fill(NaN);
        expect(bits(pool(kept, { ...c.o, out }))).toEqual(bits(want));
        kept.release();
      }
    });
  }

  it('the memory reaches 16 bytes past every kept block (a pooling kernel may read that far past a row)', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const grow = (bytes: number): void => {
      const have = memory.buffer.byteLength;
      if (bytes > have) memory.grow(Math.ceil((bytes - have) / 65536));
    };
    const region = new ResidentRegion(memory, grow);
    // 16384 floats fill a 64 KiB page exactly: without the tail the memory would end where the data does.
    const a = region.keep(new Float32Array(16384).fill(1), 0);
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(a.ptr + 16384 * 4 + 16);
    const b = region.keep(new Float32Array(16384).fill(2), 0);
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(b.ptr + 16384 * 4 + 16);
    region.free(a); // b moves down and keeps its tail
    expect(b.view().every((v) => v === 2)).toBe(true);
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(b.ptr + 16384 * 4 + 16);
    region.clear(b.ptr + 65536); // a layout reaching into the region moves it up
    expect(b.view().every((v) => v === 2)).toBe(true);
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(b.ptr + 16384 * 4 + 16);
  });

  it('the async entries read them in place too', async () => {
    const x = random([1, 32, 40, 40], 3);
    const kept = engineTensor(x);
    const o = { kernelSize: 3, stride: 2, padding: 1 };
    expect(bits(await maxPool2dAsync(kept, o))).toEqual(bits(maxPool2d(x, o)));
    expect(bits(await avgPool2dAsync(kept, o))).toEqual(bits(await avgPool2dAsync(x, o)));
    kept.release();
  });

  it('a larger job moves the kept data above its layout; the data and the poolings stay right', () => {
    const x = random([1, 16, 30, 30], 4);
    const kept = engineTensor(x);
    const before = engine!.memoryBytes;
    // A conv whose layout is larger than all memory so far: it must lay itself where the kept data was.
    const n = Math.ceil(before / 4 / 16) + 4096;
    const side = Math.ceil(Math.sqrt(n));
    conv2d(tensor(new Float32Array(16 * side * side).fill(1), [1, 16, side, side]), tensor(new Float32Array(16 * 16 * 9).fill(0.5), [16, 16, 3, 3]), { padding: 1 });
    expect(engine!.memoryBytes).toBeGreaterThan(before);
    expect(bits(kept.read())).toEqual(bits(x));
    const o = { kernelSize: 2 };
    expect(bits(maxPool2d(kept, o))).toEqual(bits(maxPool2d(x, o)));
    kept.release();
  });

  it('freeing one kept tensor keeps the others (the blocks above it move down)', () => {
    const a = random([1, 3, 20, 20], 5), b = random([1, 5, 9, 9], 6), c = random([1, 2, 17, 17], 7);
    const ka = engineTensor(a), kb = engineTensor(b), kc = engineTensor(c);
    const held = engine!.keptBytes;
    kb.release();
    expect(engine!.keptBytes).toBeLessThan(held);
    expect(bits(ka.read())).toEqual(bits(a));
    expect(bits(kc.read())).toEqual(bits(c));
    expect(bits(maxPool2d(kc, { kernelSize: 3 }))).toEqual(bits(maxPool2d(c, { kernelSize: 3 })));
    ka.release();
    kc.release();
    expect(engine!.keptBytes).toBe(0);
  });

  it('released while an async pooling still reads it: that pooling is right, the memory is freed after it', async () => {
    const x = random([1, 32, 48, 48], 8);
    const kept = engineTensor(x);
    const o = { kernelSize: 3, stride: 2 };
    const pending = maxPool2dAsync(kept, o);
    // A sync pooling of it meanwhile runs on the engine's private copy of the memory: the same numbers.
    expect(bits(maxPool2d(kept, o))).toEqual(bits(maxPool2d(x, o)));
    kept.release();
    expect(kept.released).toBe(true);
    expect(bits(await pending)).toEqual(bits(maxPool2d(x, o)));
    await new Promise((r) => setTimeout(r, 0));
    expect(engine!.keptBytes).toBe(0);
  });

  it('computePoolGeometry takes one, in convkit layout or the framework layout', () => {
    const r = fromTensorFlowPool({ op: 'avg', inputShape: [1, 9, 9, 4], poolSize: [3, 3], strides: 2, padding: 'SAME' });
    const nhwc = random([1, 9, 9, 4], 9);
    const nchw = random(r.geometry.inputShape, 10);
    const k1 = engineTensor(nhwc), k2 = engineTensor(nchw);
    expect(bits(computePoolGeometry(r, k1))).toEqual(bits(computePoolGeometry(r, nhwc)));
    expect(bits(computePoolGeometry(r, k2, { layout: 'convkit' }))).toEqual(bits(computePoolGeometry(r, nchw, { layout: 'convkit' })));
    k1.release();
    k2.release();
  });

  it('a released tensor, a wrong read buffer and a wrong shape are refused, saying what would do', () => {
    const kept = engineTensor(random([1, 1, 4, 4], 11));
    expect(() => kept.read(new Float32Array(3))).toThrow(/into has 3 values, but the tensor \[1, 1, 4, 4\] has 16/);
    expect(() => maxPool3d(kept, { kernelSize: 2 })).toThrow(ConvError);
    kept.release();
    kept.release(); // twice: nothing more
    expect(() => maxPool2d(kept, { kernelSize: 2 })).toThrow(/maxPool2d: this engine tensor was released; make a new one with engineTensor/);
    expect(() => kept.read()).toThrow(/released/);
    expect(() => engineTensor({ shape: [2, 2], data: new Float32Array(3) })).toThrow(/has 3 values but its shape \[2, 2\] needs 4/);
    // A convolution takes one as its input, not as its weight: said, with the way out.
    const k = engineTensor(random([1, 1, 2, 2], 12));
    expect(() => conv2d(tensor(new Float32Array(16), [1, 1, 4, 4]), k as never)).toThrow(/weight is an engine tensor, which the compute functions read in place only as an input .*; pass its values as a plain tensor: weight.read\(\)/);
    k.release();
  });
});
