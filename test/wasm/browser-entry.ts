/** Bundled for headless Chromium by browser.test.ts. */
import * as api from '../../src/index.js';
import { computeAll } from './browser-cases.js';

(globalThis as unknown as { runChecks: () => Promise<unknown> }).runChecks = async () => {
  const info = await api.fastEngineReady();
  const outputs = await computeAll(api);
  return { info, isolated: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated ?? false, outputs };
};
