/**
 * Model panel speed in headless Chromium (Debian's), on the built page served by web/serve.mjs:
 * file chosen → table drawn (read and analysed in the worker, table built on the page), median
 * over several loads per model, and the longest task the page's own thread ran meanwhile (a long
 * task blocks input; the bar for "stays responsive" is well under 100 ms).
 *
 *   npx tsx bench/playground-model.ts [--runs 5] [--layers 3000]
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { startPageBench } from './page-server.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 5);
const LAYERS = arg('layers', 3000);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const { base, browser, close } = await startPageBench('model');
  const long = `input: [1, 4, 32, 32]\nlayers:\n${Array.from({ length: LAYERS }, (_, i) => (i % 2 ? '  - {type: relu}' : '  - {type: conv, out: 4, kernel: 3, padding: 1}')).join('\n')}\n`;
  const models: [string, Buffer][] = [
    ...['resnet_tiny', 'unet_tiny', 'deeplab_head', 'fpn_tiny'].map((m): [string, Buffer] => [`${m}.onnx`, readFileSync(`test/fixtures/onnx/${m}.onnx`)]),
    ['deeplab-rates.yaml', readFileSync('test/model/examples/deeplab-rates.yaml')],
    [`long-${LAYERS}.yaml`, Buffer.from(long)],
  ];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(base + '?lang=en');
    await page.waitForSelector('body[data-ready="1"]');
    console.log(`model panel: file chosen → table drawn (median of ${RUNS}), longest main-thread task meanwhile; Chromium ${browser.version()}`);
    for (const [name, bytes] of models) {
      const times: number[] = [];
      const longest: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        await page.evaluate(() => {
          performance.clearMarks();
          const w = window as unknown as { longTasks: number[]; obs?: PerformanceObserver };
          w.longTasks = [];
          w.obs?.disconnect();
          w.obs = new PerformanceObserver((l) => l.getEntries().forEach((e) => w.longTasks.push(e.duration)));
          w.obs.observe({ type: 'longtask' });
        });
        await page.setInputFiles('#model-file', { name: basename(name), mimeType: 'application/octet-stream', buffer: bytes });
        await page.waitForFunction(() => performance.getEntriesByName('convkit-model-shown').length > 0, undefined, { timeout: 60_000 });
        const m = await page.evaluate(async () => {
          await new Promise((res) => setTimeout(res, 50)); // let the observer deliver
          const open = performance.getEntriesByName('convkit-model-open')[0].startTime;
          const shown = performance.getEntriesByName('convkit-model-shown')[0].startTime;
          const w = window as unknown as { longTasks: number[] };
          return { ms: shown - open, longest: Math.max(0, ...w.longTasks) };
        });
        times.push(m.ms);
        longest.push(m.longest);
      }
      console.log(`  ${name.padEnd(22)} ${(bytes.length / 1024).toFixed(1).padStart(7)} KiB  table in ${median(times).toFixed(1).padStart(7)} ms  longest main-thread task ${Math.max(...longest).toFixed(0)} ms`);
    }
  } finally {
    await close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
