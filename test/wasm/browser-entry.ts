/** Bundled for headless Chromium by browser.test.ts. */
import * as api from '../../src/index.js';
import { currentWasmEngine } from '../../src/engine/wasm/engine.js';
import { computeAll } from './browser-cases.js';

/**
 * The page's first large async conv, while the engine's Web Workers are still starting: they must
 * join the job already published, not leave it to the stall recovery.
 */
async function firstAsync(): Promise<{ recoveries: number; callerTasks: number; centre: number }> {
  const x = api.tensor(new Float32Array(64 * 56 * 56).fill(0.5), [1, 64, 56, 56]);
  const w = api.tensor(new Float32Array(64 * 64 * 9).fill(0.25), [64, 64, 3, 3]);
  const y = await api.conv2dAsync(x, w, { padding: 1 });
  const workers = currentWasmEngine()?.runner as unknown as { recoveries: number; callerTasks: number } | undefined;
  return { recoveries: workers?.recoveries ?? -1, callerTasks: workers?.callerTasks ?? -1, centre: y.data[28 * 56 + 28] };
}

(globalThis as unknown as { runChecks: () => Promise<unknown> }).runChecks = async () => {
  const info = await api.fastEngineReady();
  const first = await firstAsync();
  const outputs = await computeAll(api);
  return { info, first, isolated: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated ?? false, outputs };
};

/**
 * The page served under a CSP without blob: workers: the fast engine loads (wasm-unsafe-eval is
 * allowed) but its workers cannot start; the first large call must not wait for them.
 */
(globalThis as unknown as { cspChecks: () => Promise<unknown> }).cspChecks = async () => {
  await api.fastEngineReady();
  const first = await firstAsync();
  return { first, after: api.fastEngineInfo() };
};
