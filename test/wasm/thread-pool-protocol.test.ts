/**
 * The thread pool's hand-over protocol under a random mix of what callers do: one-thread and
 * two-thread sync calls (a one-thread call moves the job word to "set up" while a worker may be
 * busy-waiting for the next job), async calls fired together with sync ones, the busy-wait cap
 * changed between calls (0: workers sleep at once; 1 ms; 20 ms), and the workers restarted. Every
 * result must equal one-thread numbers bitwise, whatever interleaving happened.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { convGeometry, convTransposeGeometry } from '../../src/geometry/torch.js';
import { wasmEngine } from '../../src/engine/wasm/engine.js';
import type { ConvGeometry } from '../../src/geometry/types.js';
import { prod, randomData, rng } from './helpers.js';

const engine = wasmEngine()!;
afterAll(() => { engine.setThreads(2, { spinMs: 20 }); });

// Big enough for the worker threads (≥ 2^18 multiply-adds) and small ones that stay on the caller.
const shapes: ConvGeometry[] = [
  convGeometry({ inputShape: [1, 32, 24, 24], weightShape: [32, 32, 3, 3], biasShape: [32] }, { padding: 1 }),
  convGeometry({ inputShape: [1, 64, 20, 20], weightShape: [32, 64, 1, 1] }, {}),
  convGeometry({ inputShape: [1, 64, 28, 28], weightShape: [64, 1, 3, 3] }, { stride: 2, padding: 1, groups: 64 }),
  convTransposeGeometry({ inputShape: [1, 32, 12, 12], weightShape: [32, 16, 4, 4] }, { stride: 2, padding: 1 }),
  convGeometry({ inputShape: [1, 3, 9, 9], weightShape: [4, 3, 3, 3] }, { padding: 1 }),
  // 16 groups, K in one block: tasks computed in place, which a steal may compute twice.
  convGeometry({ inputShape: [1, 64, 20, 20], weightShape: [64, 4, 3, 3] }, { padding: 1, groups: 16 }),
];

describe('thread pool protocol', () => {
  it('gives one-thread numbers bitwise over 250 random mixes of sync, async, thread counts and busy-wait caps', async () => {
    const r = rng(4242);
    const data = shapes.map((g) => ({ g, x: randomData(prod(g.inputShape), r), w: randomData(prod(g.weightShape), r), b: g.hasBias ? randomData(g.outChannels, r) : null }));
    engine.setThreads(2);
    const expected = data.map((d) => engine.conv(d.g, d.x, d.w, d.b, 1));
    let checked = 0;
    for (let i = 0; i < 250; i++) {
      const pick = (): number => Math.floor(r() * data.length);
      const roll = r();
      if (roll < 0.05) engine.setThreads(2, { spinMs: [0, 1, 20][Math.floor(r() * 3)] });
      else if (roll < 0.07) { engine.setThreads(1); engine.setThreads(2); } // fresh workers
      const k = pick();
      const d = data[k];
      if (r() < 0.3) {
        // Async calls in flight while sync calls run (those use a private engine meanwhile).
        const j = pick();
        const pending = [engine.convAsync(d.g, d.x, d.w, d.b), engine.convAsync(data[j].g, data[j].x, data[j].w, data[j].b, 2)];
        const m = pick();
        expect(engine.conv(data[m].g, data[m].x, data[m].w, data[m].b, r() < 0.5 ? 1 : 2)).toEqual(expected[m]);
        const [a, b] = await Promise.all(pending);
        expect(a).toEqual(expected[k]);
        expect(b).toEqual(expected[j]);
        checked += 3;
      } else {
        expect(engine.conv(d.g, d.x, d.w, d.b, r() < 0.3 ? 1 : undefined)).toEqual(expected[k]);
        checked++;
      }
      if (r() < 0.1) await new Promise((res) => setTimeout(res, Math.floor(r() * 4))); // gaps: waits end, workers sleep
    }
    expect(checked).toBeGreaterThan(250);
    expect(engine.runner?.threads).toBe(2);
  }, 60_000);
});
