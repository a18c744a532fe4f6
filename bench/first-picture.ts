/**
 * Two costs the page pays once, in headless Chromium (Debian's), on the built page served by
 * web/serve.mjs (cross-origin isolated, as the page is deployed):
 *
 *  - first picture: a fresh page opened on the image mode (`?view=image`, RGB 512 × 512, 3 × 3).
 *    Per load: navigation → page ready (`convkit-ready`), → the first output requested, → drawn,
 *    and the page's own split of request → result (`data-ms`) and drawing (`data-draw-ms`), the
 *    "Updated in … ms" the reader is shown; then, on the same page, a later change's result time
 *    (the same layer, another preset) for contrast; and the same from a press of the Pictures
 *    button on a page opened without the mode, with the main thread's CPU time (ThreadTime: work,
 *    not waiting for a core) and time in script (ScriptDuration) from the press to the picture;
 *  - tour step 13 (`?tour=13`, the 'uses' step: a transposed 4 × 4 stride-2 layer) with its try-it
 *    input set to 32 (and back to 31 between, so each change redraws): change → next animation
 *    frame, and the main thread's time in script per change (CDP Performance.getMetrics
 *    ScriptDuration; on a loaded machine it still counts a script's waits for a core);
 *  - tour step 12 (`?tour=12`, the stacked-layers figure, stack-figure.ts), its try-it dilation
 *    stepped 1 → 8: the same two numbers.
 *
 * With `--profile` the page is built unminified, one more run of each is recorded with the CDP
 * Profiler (1 ms sampling) and the functions with the most self time are printed: where the main
 * thread's time goes (the timed numbers of such a run are of the unminified page).
 *
 *   npx tsx bench/first-picture.ts [--loads 9] [--changes 20] [--profile] [--json out.json]
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { startPageBench } from './page-server.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const LOADS = arg('loads', 9);
const CHANGES = arg('changes', 20);
const PROFILE = process.argv.includes('--profile');
const JSON_OUT = (() => {
  const i = process.argv.indexOf('--json');
  return i >= 0 ? process.argv[i + 1] : null;
})();

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}
const f = (x: number) => x.toFixed(1);

/** Times (performance.now()) at which the output was first requested and first drawn, recorded from the document's start. */
const RECORD_FIRST = () => {
  const w = window as unknown as { firstRequested?: number; firstDrawn?: number };
  new MutationObserver(() => {
    const c = document.querySelector<HTMLCanvasElement>('canvas[data-image-output]');
    if (!c) return;
    if (w.firstRequested === undefined && c.dataset.requested) w.firstRequested = performance.now();
    if (w.firstDrawn === undefined && c.dataset.drawn) w.firstDrawn = performance.now();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-requested', 'data-drawn'] });
};

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; }

/** Self time per function (ms), most first, leaving out idle and the program's own bookkeeping. */
function selfTimes(p: Profile, top = 14): string[] {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const ms = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const n = byId.get(id);
    if (!n) return;
    const { functionName, url, lineNumber } = n.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') return;
    const file = url.split('/').pop() ?? '';
    const key = `${functionName || '(anonymous)'} ${file}${file ? `:${lineNumber + 1}` : ''}`;
    ms.set(key, (ms.get(key) ?? 0) + (p.timeDeltas[i + 1] ?? 0) / 1000);
  });
  const total = [...ms.values()].reduce((a, b) => a + b, 0);
  return [`busy ${f(total)} ms`, ...[...ms.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `${f(v).padStart(7)} ms  ${k}`)];
}

async function profiled<T>(cdp: CDPSession, run: () => Promise<T>): Promise<string[]> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  await run();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  return selfTimes(profile);
}

const drawnNow = (page: Page) => page.waitForFunction(() => {
  const c = document.querySelector<HTMLCanvasElement>('canvas[data-image-output]');
  return !!c?.dataset.requested && c.dataset.drawn === c.dataset.requested;
}, null, { timeout: 60_000 });

/**
 * One fresh page's first picture: opened by a link to the image mode (`?view=image`), or (`button`)
 * by the reader pressing "Pictures" on the page opened without it, timed from the press.
 */
async function firstPicture(browser: Browser, base: string, profile: boolean, button = false) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.addInitScript(RECORD_FIRST);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  /** The main thread's CPU time (ThreadTime: work, not waiting for a core) and time in script (ScriptDuration) so far, ms. */
  const busy = async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    const get = (n: string) => (metrics.find((m) => m.name === n)?.value ?? NaN) * 1000;
    return { task: get('ThreadTime'), script: get('ScriptDuration') };
  };
  let prof: string[] = [];
  // Pressed: the page is loaded first, and the press alone is timed (and profiled).
  if (button) {
    await page.goto(`${base}?lang=en&k=3&s=1&p=1`);
    await page.waitForSelector('body[data-ready="1"]');
  }
  const go = async () => {
    if (!button) await page.goto(`${base}?view=image&lang=en&k=3&s=1&p=1`);
    else {
      await page.evaluate(() => {
        (window as unknown as { pressed: number }).pressed = performance.now();
        document.getElementById('image-open')!.click();
      });
    }
    await drawnNow(page);
  };
  const b0 = await busy();
  if (profile) prof = await profiled(cdp, go);
  else await go();
  const b1 = await busy();
  const r = await page.evaluate(() => {
    const w = window as unknown as { firstRequested: number; firstDrawn: number };
    const c = document.querySelector<HTMLCanvasElement>('canvas[data-image-output]') as HTMLCanvasElement;
    const ready = performance.getEntriesByName('convkit-ready')[0]?.startTime ?? NaN;
    const pressed = (window as unknown as { pressed?: number }).pressed ?? 0;
    return { ready, requested: w.firstRequested - pressed, drawn: w.firstDrawn - pressed, result: Number(c.dataset.ms), draw: Number(c.dataset.drawMs) };
  });
  // A later change on the same page: another preset, the same layer.
  await page.selectOption('#image-kernel-preset', 'box');
  await drawnNow(page);
  const later = await page.$eval('canvas[data-image-output]', (c) => Number((c as HTMLCanvasElement).dataset.ms) + Number((c as HTMLCanvasElement).dataset.drawMs));
  await context.close();
  return { ...r, shown: r.result + r.draw, later, task: b1.task - b0.task, script: b1.script - b0.script, prof };
}

/** Changes of the tour step's try-it control, alternating between two values; per change: wall to the next frame, and script ms. */
async function tourChanges(browser: Browser, base: string, query: string, values: number[], profile: boolean) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const script = async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    return (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? NaN) * 1000;
  };
  await page.goto(`${base}${query}`);
  await page.waitForSelector('body[data-ready="1"]');
  const change = (v: number) => page.evaluate((v) => new Promise<number>((res) => {
    const inp = document.getElementById('try-control') as HTMLInputElement;
    const t0 = performance.now();
    inp.value = String(v);
    inp.dispatchEvent(new Event('input', { bubbles: true }));
    // The next frame after the change has been laid out and painted.
    requestAnimationFrame(() => setTimeout(() => res(performance.now() - t0), 0));
  }), v);
  // Warm-up: every value once.
  for (const v of values) await change(v);
  const wall: number[] = [];
  const scriptMs: number[] = [];
  for (let i = 0; i < CHANGES; i++) {
    const v = values[i % values.length];
    const s0 = await script();
    wall.push(await change(v));
    scriptMs.push((await script()) - s0);
  }
  let prof: string[] = [];
  if (profile) prof = await profiled(cdp, async () => { for (let i = 0; i < CHANGES; i++) await change(values[i % values.length]); });
  await context.close();
  return { wall: median(wall), script: median(scriptMs), prof };
}

async function main() {
  // Profiled, the page is built unminified, so that the profile names its functions.
  const { base, browser, close } = await startPageBench('first', { minify: !PROFILE });
  const load0 = loadavg();
  const out: Record<string, unknown> = {};
  try {
    // Links and presses alternate, so both see the same background load.
    const loads: Awaited<ReturnType<typeof firstPicture>>[] = [];
    const presses: Awaited<ReturnType<typeof firstPicture>>[] = [];
    for (let i = 0; i < LOADS; i++) {
      loads.push(await firstPicture(browser, base, false));
      presses.push(await firstPicture(browser, base, false, true));
    }
    type K = 'ready' | 'requested' | 'drawn' | 'result' | 'draw' | 'shown' | 'later' | 'task' | 'script';
    const m = (k: K) => median(loads.map((l) => l[k]));
    const p = (k: K) => median(presses.map((l) => l[k]));
    out.firstPicture = { loads: LOADS, ready: m('ready'), requested: m('requested'), drawn: m('drawn'), result: m('result'), draw: m('draw'), shown: m('shown'), later: m('later') };
    out.firstPictureButton = { requested: p('requested'), drawn: p('drawn'), result: p('result'), draw: p('draw'), shown: p('shown'), later: p('later'), task: p('task'), script: p('script') };
    console.log(`first picture by a link (medians of ${LOADS} fresh pages, ms from navigation): ready ${f(m('ready'))}, first request ${f(m('requested'))}, drawn ${f(m('drawn'))}`);
    console.log(`  the page's "Updated in": ${f(m('shown'))} (request → result ${f(m('result'))} + drawing ${f(m('draw'))}); a later change on the same page: ${f(m('later'))}`);
    console.log(`  per load, Updated in: ${loads.map((l) => f(l.shown)).join(', ')}`);
    console.log(`first picture by the Pictures button (medians of ${LOADS}, ms from the press): first request ${f(p('requested'))}, drawn ${f(p('drawn'))}; "Updated in" ${f(p('shown'))} (result ${f(p('result'))} + drawing ${f(p('draw'))}); a later change ${f(p('later'))}`);
    console.log(`  the main thread from the press to the picture (CDP ThreadTime, ScriptDuration): CPU ${f(p('task'))}, in script ${f(p('script'))}`);
    console.log(`  per press, drawn: ${presses.map((l) => f(l.drawn)).join(', ')}; CPU: ${presses.map((l) => f(l.task)).join(', ')}`);
    const tour13 = await tourChanges(browser, base, '?tour=13&lang=en', [32, 31], PROFILE);
    out.tour13 = { wall: tour13.wall, script: tour13.script };
    console.log(`tour step 13, input 32 ⇄ 31 (${CHANGES} changes, medians): change → next frame ${f(tour13.wall)} ms, script ${f(tour13.script)} ms`);
    const tour12 = await tourChanges(browser, base, '?tour=12&lang=en', [1, 2, 3, 4, 5, 6, 7, 8], PROFILE);
    out.tour12 = { wall: tour12.wall, script: tour12.script };
    console.log(`tour step 12 (stack figure), dilation 1 … 8 (${CHANGES} changes, medians): change → next frame ${f(tour12.wall)} ms, script ${f(tour12.script)} ms`);
    if (PROFILE) {
      const first = await firstPicture(browser, base, true, true);
      console.log(`\nprofile, first picture by the button (one press, drawn ${f(first.drawn)} ms after it):\n  ${first.prof.join('\n  ')}`);
      console.log(`\nprofile, tour step 13 (${CHANGES} changes):\n  ${tour13.prof.join('\n  ')}`);
      console.log(`\nprofile, tour step 12 (${CHANGES} changes):\n  ${tour12.prof.join('\n  ')}`);
    }
  } finally {
    await close();
  }
  const load1 = loadavg();
  console.log(`load average before ${load0.map((x) => x.toFixed(1)).join(' ')}, after ${load1.map((x) => x.toFixed(1)).join(' ')}`);
  if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify({ loads: LOADS, changes: CHANGES, load: [load0, load1], ...out }, null, 2));
}

await main();
