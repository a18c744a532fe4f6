/**
 * Playground speed in headless Chromium (Debian's), on the built page served by web/serve.mjs:
 *  - redraw: one parameter change on a 32×32 input, applied and fully redrawn (geometry, trace,
 *    matrix, explanation, every SVG) plus the browser's style and layout — median and p95 over
 *    many changes (the bar: one frame, 16 ms); the side panels are the Formula tab's (the page's
 *    default) unless the case opens the Matrix tab, whose 1 024×1 024 C is then rebuilt each change;
 *  - hover: a pointer move over an input or output cell, highlight of what connects drawn;
 *  - load: navigation start → page ready (first picture drawn), median over fresh loads (bar: 1 s).
 *
 * The machine is shared and loaded, so beside wall time each case also reports the renderer main
 * thread's CPU time per change (CDP Performance.getMetrics ThreadTime over the whole loop, divided
 * by the number of changes: it leaves out waiting for a core, and includes the paint after each
 * change, so it is a mean, not a median).
 *
 *   npx tsx bench/playground.ts [--changes 200] [--loads 15] [--json out.json]
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { startPageBench } from './page-server.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const CHANGES = arg('changes', 200);
const LOADS = arg('loads', 15);
const JSON_OUT = (() => {
  const i = process.argv.indexOf('--json');
  return i >= 0 ? process.argv[i + 1] : null;
})();

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p95: q(0.95), min: s[0], max: s[s.length - 1] };
}

const fmt = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)} ms` : "n/a");

async function main() {
  const { base, browser, close } = await startPageBench('web');
  const load0 = loadavg();
  const results: Record<string, unknown> = {};
  try {
    // The stage's size on a 1440×900 screen; motion reduced so the autoplaying animation does not
    // redraw between the measured changes.
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const threadTime = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return (metrics.find((m: { name: string; value: number }) => m.name === 'ThreadTime')?.value ?? NaN) * 1000;
    };
    // Parameter changes on a 32×32 input, cycling through controls (each one a real redraw).
    const scenarios: Record<string, string> = {
      'direct 32×32, numbers off': '?i=32x32&k=3&s=1&p=1&lang=en',
      'direct 32×32, numbers on': '?i=32x32&k=3&s=1&p=1&n=1&lang=en',
      'transposed 32×32 (s2 → 65×65 grid)': '?i=32x32&k=3&s=2&p=1&t=1&op=1&lang=en',
      'transposed 32×32, scatter view': '?i=32x32&k=3&s=2&p=1&t=1&op=1&v=scatter&lang=en',
      'classic figure 5×5 (fills the stage)': '?i=5&k=3&s=2&p=1&fig=classic&lang=en',
      'classic figure 16×16 transposed s2': '?i=16&k=3&s=2&p=1&t=1&op=1&fig=classic&lang=en',
      'direct 32×32, Matrix tab open': '?i=32x32&k=3&s=1&p=1&lang=en',
    };
    // The matrix is drawn only while its tab is shown: these cases open it first.
    const matrixTab = new Set(['direct 32×32, Matrix tab open']);
    console.log(`playground redraw after one parameter change (${CHANGES} changes each, Chromium ${browser.version()})`);
    for (const [name, q] of Object.entries(scenarios)) {
      await page.goto(base + q);
      await page.waitForSelector('body[data-ready="1"]');
      if (matrixTab.has(name)) await page.click('#tab-matrix');
      const cpu0 = await threadTime();
      const times = await page.evaluate(async (n) => {
        const pg = (window as unknown as { convkitPlayground: { benchChange(p: Record<string, unknown>): void; flushSide(): void } }).convkitPlayground;
        const patches: Record<string, unknown>[] = [
          { kernel: [5, 5] }, { kernel: [3, 3] }, { pad: [2, 2, 2, 2] }, { pad: [1, 1, 1, 1] },
          { dilation: [2, 2] }, { dilation: [1, 1] }, { kernel: [3, 4] }, { kernel: [3, 3] },
        ];
        const main: number[] = [];
        const all: number[] = [];
        for (let i = 0; i < n; i++) {
          const t0 = performance.now();
          pg.benchChange(patches[i % patches.length]);
          document.body.getBoundingClientRect(); // force style + layout of what changed
          const t1 = performance.now();
          pg.flushSide(); // formula, code, matrix C and channels, normally drawn after the next paint
          document.body.getBoundingClientRect();
          const t2 = performance.now();
          main.push(t1 - t0);
          all.push(t2 - t0);
          await new Promise((r) => requestAnimationFrame(() => r(null)));
        }
        return { main, all };
      }, CHANGES);
      const cpuPerChange = ((await threadTime()) - cpu0) / CHANGES;
      // Hover: pointer moves over cells of the input grid and of the output (each one a highlight
      // of everything connected, the sentence and the machine-readable copies), plus style and layout.
      // Only where the grids are the stage's figure: under another figure they are not drawn.
      const hover = await page.evaluate(async (n) => {
        const out: number[] = [];
        if (document.querySelector('[data-stage]')?.getAttribute('data-stage') !== 'grids') return [NaN];
        const svgs = ['svg-grid', 'svg-output'].map((id) => document.getElementById(id)!);
        for (let i = 0; i < n; i++) {
          const svg = svgs[i % 2];
          const r = svg.getBoundingClientRect();
          const rows = Number(svg.dataset.rows);
          const cols = Number(svg.dataset.cols);
          const cell = (i * 7919) % (rows * cols);
          const x = r.left + ((cell % cols) + 0.5) * (r.width / cols);
          const y = r.top + (Math.floor(cell / cols) + 0.5) * (r.height / rows);
          const t0 = performance.now();
          svg.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: y, bubbles: true }));
          document.body.getBoundingClientRect();
          out.push(performance.now() - t0);
          await new Promise((res) => requestAnimationFrame(() => res(null)));
        }
        return out;
      }, Math.max(20, Math.floor(CHANGES / 2)));
      // One animation step (what autoplay does every tick): the highlight, the sentence, the
      // classic figure's overlay, plus style and layout.
      const step = await page.evaluate(async (n) => {
        const out: number[] = [];
        const fwd = document.getElementById('btn-forward')!;
        for (let i = 0; i < n; i++) {
          const t0 = performance.now();
          fwd.click();
          document.body.getBoundingClientRect();
          out.push(performance.now() - t0);
          await new Promise((res) => requestAnimationFrame(() => res(null)));
        }
        return out;
      }, Math.max(20, Math.floor(CHANGES / 2)));
      const st = stats(step);
      const hv = stats(hover);
      const m = stats(times.main);
      const a = stats(times.all);
      results[name] = { query: q, picture: m, withSide: a, cpuMeanPerChange: cpuPerChange, hover: hv, step: st };
      console.log(`  ${name.padEnd(38)} picture: median ${fmt(m.median)} p95 ${fmt(m.p95)} | with side panels: median ${fmt(a.median)} p95 ${fmt(a.p95)} | main-thread cpu per change (mean, incl. side panels and paint) ${fmt(cpuPerChange)} | hover: median ${fmt(hv.median)} p95 ${fmt(hv.p95)} | animation step: median ${fmt(st.median)} p95 ${fmt(st.p95)}`);
    }
    await page.close();

    const loads: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      const p = await context.newPage();
      await p.goto(base + '?i=5x5&k=3&s=2&p=1&lang=en');
      await p.waitForSelector('body[data-ready="1"]');
      const ms = await p.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const ready = performance.getEntriesByName('convkit-ready')[0];
        return { ready: ready ? ready.startTime : NaN, load: nav.loadEventEnd };
      });
      loads.push(Number.isNaN(ms.ready) ? ms.load : Math.max(ms.ready, ms.load));
      await context.close();
    }
    const l = stats(loads);
    console.log(`page load from localhost (navigation start → first picture and load event, ${LOADS} fresh contexts): median ${fmt(l.median)}  p95 ${fmt(l.p95)}  max ${fmt(l.max)}`);
    console.log(`load average: start ${load0.map((x) => x.toFixed(2)).join(' ')}, end ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    if (JSON_OUT) {
      writeFileSync(JSON_OUT, JSON.stringify({ chromium: browser.version(), date: new Date().toISOString(), changes: CHANGES, loads: LOADS, loadavgStart: load0, loadavgEnd: loadavg(), redraw: results, load: l }, null, 2) + '\n');
    }
  } finally {
    await close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
