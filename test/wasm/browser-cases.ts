/**
 * Cases computed identically in Node and in headless Chromium (browser.test.ts): the same seeds,
 * the same public API calls. Returns each output as a plain array.
 */
import type * as Api from '../../src/index.js';
import { prod, randomData, rng } from './helpers.js';

type ApiLike = Pick<typeof Api, 'conv1d' | 'conv2d' | 'conv3d' | 'convTranspose2d' | 'conv2dAsync' | 'convTranspose2dAsync'>;

interface Spec { op: keyof ApiLike; x: number[]; w: number[]; bias?: boolean; o: Record<string, unknown> }

export const SPECS: Spec[] = [
  { op: 'conv2d', x: [1, 16, 30, 30], w: [24, 16, 3, 3], bias: true, o: { padding: 1 } },
  { op: 'conv2d', x: [2, 12, 21, 19], w: [12, 4, 3, 3], o: { stride: 2, dilation: 2, padding: 2, groups: 3, paddingMode: 'reflect' } },
  { op: 'conv2d', x: [1, 32, 17, 17], w: [32, 1, 3, 3], bias: true, o: { padding: 1, groups: 32 } },
  { op: 'convTranspose2d', x: [1, 16, 12, 12], w: [16, 8, 4, 4], bias: true, o: { stride: 2, padding: 1 } },
  { op: 'conv1d', x: [2, 5, 40], w: [7, 5, 5], o: { padding: 'same', paddingMode: 'circular' } },
  { op: 'conv3d', x: [1, 4, 6, 7, 8], w: [6, 4, 3, 3, 3], o: { padding: 1, stride: [1, 2, 2] } },
  { op: 'conv2dAsync', x: [1, 32, 40, 40], w: [32, 32, 3, 3], bias: true, o: { padding: 1 } },
  { op: 'convTranspose2dAsync', x: [1, 32, 20, 20], w: [32, 16, 3, 3], o: { stride: 2, padding: 1, outputPadding: 1 } },
];

export async function computeAll(api: ApiLike, engine: 'auto' | 'reference' = 'auto'): Promise<number[][]> {
  const out: number[][] = [];
  for (let i = 0; i < SPECS.length; i++) {
    const s = SPECS[i];
    const r = rng(1000 + i);
    const x = { shape: s.x, data: randomData(prod(s.x), r) };
    const w = { shape: s.w, data: randomData(prod(s.w), r) };
    const oc = s.op.startsWith('convTranspose') ? s.w[1] * ((s.o.groups as number) ?? 1) : s.w[0];
    const bias = s.bias ? { shape: [oc], data: randomData(oc, r) } : null;
    const f = api[s.op] as (x: unknown, w: unknown, o: unknown) => Api.Tensor | Promise<Api.Tensor>;
    const y = await f(x, w, { ...s.o, bias, engine });
    out.push(Array.from(y.data));
  }
  return out;
}
