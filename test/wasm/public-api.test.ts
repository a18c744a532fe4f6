/** The fast engine through the public API: info, thread control, async variants. */
import { describe, expect, it } from 'vitest';
import { conv2d, conv2dAsync, convTranspose1d, convTranspose1dAsync, conv3dAsync, fastEngineInfo, isConvError, setFastEngineThreads } from '../../src/index.js';
import { randomData, relError, rng } from './helpers.js';

describe('fast engine public API', () => {
  it('reports SIMD in use and sets threads', () => {
    const info = fastEngineInfo();
    expect(info.simd).toBe(true);
    expect(setFastEngineThreads(1)).toBe(1);
    expect(fastEngineInfo().threads).toBe(1);
    expect(fastEngineInfo().asyncWorker).toBe(false); // no pool, no async worker
    expect(setFastEngineThreads(2)).toBe(2);
    expect(fastEngineInfo().threads).toBe(2);
    expect(fastEngineInfo().asyncWorker).toBe(true); // Node's default (browsers': browser.test.ts)
    let err: unknown;
    try { setFastEngineThreads(0); } catch (e) { err = e; }
    expect(isConvError(err)).toBe(true);
  });

  it('refuses more threads than it can use at once, before starting any (1000 took minutes of worker start-ups: review R5)', () => {
    const before = fastEngineInfo().threads;
    let err: unknown;
    try { setFastEngineThreads(1000); } catch (e) { err = e; }
    expect(isConvError(err) && err.code).toBe('INVALID_OPTION');
    expect((err as Error).message).toMatch(/^threads must be an integer from 1 to 64, but got 1000;/);
    expect(isConvError(err) && err.hint).toMatch(/^use at most the number of cores/);
    expect(fastEngineInfo().threads).toBe(before);
  });

  it('takes a busy-wait time for the workers, and refuses a bad one saying what is valid', () => {
    expect(setFastEngineThreads(2, { spinMs: 0 })).toBe(2);
    const x = { shape: [1, 16, 30, 30], data: randomData(16 * 900, rng(5)) };
    const w = { shape: [16, 16, 3, 3], data: randomData(16 * 16 * 9, rng(6)) };
    const sleeping = conv2d(x, w, { padding: 1 }).data;
    expect(setFastEngineThreads(2, { spinMs: 10 })).toBe(2);
    expect(conv2d(x, w, { padding: 1 }).data).toEqual(sleeping);
    for (const bad of [-1, 1001, Number.NaN, '5' as unknown as number]) {
      let err: unknown;
      try { setFastEngineThreads(2, { spinMs: bad }); } catch (e) { err = e; }
      expect(isConvError(err)).toBe(true);
      expect((err as Error).message).toMatch(/spinMs must be a number of milliseconds from 0 to 1000/);
    }
  });

  it('takes asyncWorker on or off with the same numbers, and refuses a non-boolean saying what is valid', async () => {
    const x = { shape: [1, 16, 30, 30], data: randomData(16 * 900, rng(7)) };
    const w = { shape: [16, 16, 3, 3], data: randomData(16 * 16 * 9, rng(8)) };
    const want = conv2d(x, w, { padding: 1, engine: 'reference' }).data;
    for (const asyncWorker of [false, true]) {
      expect(setFastEngineThreads(2, { asyncWorker })).toBe(2);
      expect(fastEngineInfo().asyncWorker).toBe(asyncWorker);
      expect(relError((await conv2dAsync(x, w, { padding: 1 })).data, want)).toBeLessThan(1e-5);
    }
    for (const bad of [1, 'yes', null]) {
      let err: unknown;
      try { setFastEngineThreads(2, { asyncWorker: bad as unknown as boolean }); } catch (e) { err = e; }
      expect(isConvError(err)).toBe(true);
      expect((err as Error).message).toMatch(/asyncWorker must be true or false/);
    }
  });

  it('async variants equal the sync ones and the reference', async () => {
    const r = rng(21);
    const x = { shape: [2, 6, 20, 18], data: randomData(2 * 6 * 20 * 18, r) };
    const w = { shape: [8, 3, 3, 3], data: randomData(8 * 3 * 9, r) };
    const bias = { shape: [8], data: randomData(8, r) };
    const o = { stride: 2, padding: 1, groups: 2, bias };
    const a = await conv2dAsync(x, w, o);
    expect(a.shape).toEqual(conv2d(x, w, o).shape);
    expect(a.data).toEqual(conv2d(x, w, o).data);
    expect(relError(a.data, conv2d(x, w, { ...o, engine: 'reference' }).data)).toBeLessThan(1e-4);
    const xt = { shape: [3, 11], data: randomData(33, r) };
    const wt = { shape: [3, 2, 4], data: randomData(24, r) };
    const t = await convTranspose1dAsync(xt, wt, { stride: 3, padding: 1 });
    expect(relError(t.data, convTranspose1d(xt, wt, { stride: 3, padding: 1, engine: 'reference' }).data)).toBeLessThan(1e-4);
    await expect(conv3dAsync(x, w)).rejects.toSatisfy(isConvError);
  });
});
