/**
 * Image mode speed in headless Chromium (Debian's), on the built page served by web/serve.mjs
 * (cross-origin isolated, so the fast engine runs on its worker threads): a setting changes →
 * the new output is on the canvas. The bar (issue 12): a 512 × 512 RGB picture with a 3 × 3 kernel
 * updates within one frame, 16 ms.
 *
 * Per change, measured in the page: `result` = change → the engine's result back on the page's
 * thread (the runner's request → result time), `drawn` = change → output pixels and footprint
 * written (MutationObserver on the canvas's data-drawn), `frame` = change → the next animation
 * frame after that (when the browser can show it); beside them, in the same page and run, the
 * library's bare call for the same picture and layer (`bareAsyncOut` on the workers into one reused
 * buffer, as the page calls it; `bareAsync` the same into a fresh array per call; `bareSync` on the
 * page's thread into a reused buffer), so a loaded machine's inflation can be read off. Changes alternate between kernel presets (the
 * select's change event) and, in `typed`, typing a weight (an input event).
 *
 *   npx tsx bench/image-mode.ts [--changes 60] [--json out.json]
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { startPageBench } from './page-server.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const CHANGES = arg('changes', 60);
const JSON_OUT = (() => {
  const i = process.argv.indexOf('--json');
  return i >= 0 ? process.argv[i + 1] : null;
})();

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p95: q(0.95), min: s[0], max: s[s.length - 1], n: s.length };
}

const SCENARIOS = [
  { name: 'rgb 512x512, 3x3 (the bar)', query: 'view=image&k=3&s=1&p=1', how: 'preset' },
  { name: 'rgb 512x512, 3x3, typed weight', query: 'view=image&k=3&s=1&p=1', how: 'typed' },
  { name: 'grey 512x512, 3x3', query: 'view=image&k=3&s=1&p=1&col=grey', how: 'preset' },
  { name: 'rgb 512x512, 5x5 dilation 2, reflect', query: 'view=image&k=5&s=1&p=4&d=2&pm=reflect', how: 'preset' },
  { name: 'rgb 512x512, 3x3 stride 2', query: 'view=image&k=3&s=2&p=1', how: 'preset' },
  { name: 'rgb 512x512 -> 1024x1024, transposed 4x4 stride 2', query: 'view=image&k=4&s=2&p=1&t=1', how: 'preset' },
] as const;

async function main() {
  const { base, browser, close } = await startPageBench('image');
  const load0 = loadavg();
  const results: Record<string, unknown> = {};
  try {
    for (const sc of SCENARIOS) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
      await page.goto(`${base}?${sc.query}&lang=en`);
      await page.waitForFunction(() => {
        const c = document.querySelector<HTMLCanvasElement>('canvas[data-image-output]');
        return !!c?.dataset.requested && c.dataset.drawn === c.dataset.requested;
      }, null, { timeout: 60_000 });
      const info = await page.evaluate(() => ({ isolated: crossOriginIsolated, cores: navigator.hardwareConcurrency }));
      const runs = await page.evaluate(async ({ n, how }) => {
        const canvas = document.querySelector<HTMLCanvasElement>('canvas[data-image-output]') as HTMLCanvasElement;
        const select = document.querySelector<HTMLSelectElement>('#image-kernel-preset') as HTMLSelectElement;
        const weight = document.querySelector<HTMLInputElement>('[data-kernel-editor="image-kernel"] input') as HTMLInputElement;
        const presets = ['box', 'gaussian', 'sharpen', 'sobelX', 'identity', 'emboss', 'laplacian', 'sobelY'];
        const out: { result: number; drawn: number; frame: number; draw: number }[] = [];
        for (let i = 0; i < n + 5; i++) {
          const t0 = performance.now();
          const seen = new Promise<number>((res) => {
            const obs = new MutationObserver(() => {
              if (canvas.dataset.drawn === canvas.dataset.requested) {
                obs.disconnect();
                res(performance.now());
              }
            });
            obs.observe(canvas, { attributes: true, attributeFilter: ['data-drawn'] });
          });
          if (how === 'typed') {
            weight.value = String((i % 7) / 10);
            weight.dispatchEvent(new Event('input'));
          } else {
            select.value = presets[i % presets.length];
            select.dispatchEvent(new Event('change'));
          }
          const t1 = await seen;
          const t2 = await new Promise<number>((res) => requestAnimationFrame((t) => res(Math.max(t, performance.now()))));
          // The first few warm the workers and the page's code.
          if (i >= 5) out.push({ result: Number(canvas.dataset.ms), drawn: t1 - t0, frame: t2 - t0, draw: Number(canvas.dataset.drawMs) });
          await new Promise((res) => setTimeout(res, 30));
        }
        return out;
      }, { n: CHANGES, how: sc.how });
      // The bare library call on the same picture and layer, in the same page and run: the
      // engine's share of the time (asynchronous on the workers, and synchronous for contrast).
      // `out`: into one reused buffer, as the page calls it; without: a fresh result array per call.
      type Bench = { convkitImage: { benchBare(n: number, sync: boolean, reuse: boolean): Promise<number[]> } };
      const bareRun = (sync: boolean, reuse: boolean) => page.evaluate(([n, s, r]) => (window as unknown as Bench).convkitImage.benchBare(n, s, r), [Math.min(CHANGES, 30), sync, reuse] as [number, boolean, boolean]);
      const bareOut = await bareRun(false, true);
      const bare = await bareRun(false, false);
      const bareSync = await bareRun(true, true);
      const size = await page.$eval('canvas[data-image-output]', (c) => `${(c as HTMLCanvasElement).width}x${(c as HTMLCanvasElement).height}`);
      const r = {
        output: size,
        ...info,
        result: stats(runs.map((x) => x.result)),
        draw: stats(runs.map((x) => x.draw)),
        drawn: stats(runs.map((x) => x.drawn)),
        frame: stats(runs.map((x) => x.frame)),
        bareAsyncOut: stats(bareOut.slice(3)),
        bareAsync: stats(bare.slice(3)),
        bareSync: stats(bareSync.slice(3)),
      };
      results[sc.name] = r;
      const f = (s: { median: number; p95: number }) => `${s.median.toFixed(2)} (p95 ${s.p95.toFixed(2)})`;
      console.log(`${sc.name} [${size}]: result ${f(r.result)} · drawing ${f(r.draw)} · on canvas ${f(r.drawn)} · next frame ${f(r.frame)} · bare conv2dAsync into out ${f(r.bareAsyncOut)} · bare conv2dAsync fresh ${f(r.bareAsync)} · bare sync into out ${f(r.bareSync)} ms`);
      await page.close();
    }
  } finally {
    await close();
  }
  const load1 = loadavg();
  console.log(`load average before ${load0.map((x) => x.toFixed(1)).join(' ')}, after ${load1.map((x) => x.toFixed(1)).join(' ')}`);
  if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify({ changes: CHANGES, load: [load0, load1], results }, null, 2));
}

await main();
