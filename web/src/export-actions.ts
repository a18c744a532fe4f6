/**
 * The Export tab's buttons: SVG / PNG of the step, GIF of the animation, as the classic figure or
 * flat grids (the library's renderer) or as on screen (the page's own SVG); the PNG at 1×, 2× or
 * 3× its picture's size; and "copy link".
 */
import { isConvError } from '../../src/geometry/errors.js';
import { MAX_FRAMES } from '../../src/render/options.js';
import { textWidth } from '../../src/render/raster/font.js';
import type { Prim, SceneLayout, TextPrim } from '../../src/render/scene.js';
import { sceneLayoutOf } from '../../src/render/scene-of.js';
import { byId, select } from './dom-write.js';
import { channelsCutText } from './drawn-channels.js';
import { composeSvg, download, gifBlob, pngBlob, rasterise, type KeyEntry } from './export.js';
import { exportBase, type ExportStyle } from './export-name.js';
import { outputShare, rendererValues, shareLines } from './figure-numbers.js';
import { renderRefusalText } from './export-refusal.js';
import { GIF_SAMPLE_FRAMES, estimateGifBytes, sizeText } from './gif-estimate.js';
import { t } from './i18n.js';
import { paletteOf } from './palette.js';
import { channelSlice } from './stage-scene.js';
import { frameTotal, store } from './store.js';
import type { Views } from './views.js';

type ExportKind = 'svg' | 'png' | 'gif';

/**
 * A GIF has one frame per step, and a layer may have a thousand steps (a 32×32 output): the
 * on-screen style took 54 s and wrote 29 MB for one, with nothing said first. Past `GIF_ASK`
 * frames the Export tab first says how many there will be and offers the first `GIF_FIRST` steps
 * instead. The on-screen style draws at most `SCREEN_GIF_MAX` (each frame is a page rasterised),
 * the renderer at most its MAX_FRAMES: past them the question says so and offers that many (gifPlan).
 */
const GIF_ASK = 100;
const GIF_FIRST = 100;
const SCREEN_GIF_MAX = 400;

/**
 * How many times larger the PNG is drawn (the Export tab's PNG size): the library's renderer draws
 * it at that scale (`renderPng`'s `scale`), the on-screen style rasterises its SVG so.
 */
function pngScale(): number {
  const k = Number(select('export-scale').value);
  return Number.isInteger(k) && k >= 1 ? k : 2;
}

/** The file's name up to its step, for the picture drawn in `style` (export-name.ts). */
function fileBase(style: ExportStyle): string {
  const scene = store.scene!;
  return exportBase(scene.layer, channelSlice(scene).oc, store.state, style);
}

/**
 * Export through the library's renderer (src/render: the same pictures as `convkit animate`),
 * loaded on first use so it costs nothing at page load. The "as on screen" style, and any
 * configuration the renderer refuses (over 64 cells per axis), use the page's own SVG instead.
 * A GIF holds the first `frames` steps (gifPlan keeps them within the renderer's MAX_FRAMES).
 */
async function exportWithRenderer(kind: ExportKind, style: 'classic' | 'flat', frames: number): Promise<{ blob: Blob; name: string }> {
  const { frame } = store;
  const r = await import('../../src/render/index.js');
  const layout = notedLayout(sceneLayoutOf(store.scene!.trace, rendererOptions(style)));
  const { frameCount, frame: frameOf, ...rest } = layout;
  const at = Math.min(frame, frameCount - 1);
  if (kind === 'svg') return { blob: new Blob([r.sceneFrameSvg({ ...rest, frames: [frameOf(at)] }, 0)], { type: 'image/svg+xml' }), name: `${fileBase(style)}-step${frame + 1}.svg` };
  if (kind === 'png') return { blob: new Blob([new Uint8Array(r.sceneToPng({ ...rest, frames: [frameOf(at)] }, 0, pngScale()))], { type: 'image/png' }), name: pngName(style, frame) };
  const k = Math.min(frames, frameCount);
  const scene = { ...rest, frames: Array.from({ length: k }, (_, i) => frameOf(i)) };
  // Never past the renderer's limit: a GIF the reader was not told about is refused, not made.
  r.checkAnimatable(scene);
  return { blob: new Blob([new Uint8Array(r.sceneToGif(scene))], { type: 'image/gif' }), name: gifName(style, k) };
}

/** Text under a file's picture: the size of the renderer's smaller labels, a line apart. */
const NOTE_SIZE = 12;
const NOTE_LINE = 16;

/**
 * The renderer's picture with what its numbers are written under it, where its output is one
 * input channel's share of the sum the page shows (figure-numbers.ts): the file then says so, in
 * the picture itself (the PNG and GIF as well as the SVG), at the left of the key line.
 */
function notedLayout(layout: SceneLayout): SceneLayout {
  const share = store.state.numbers ? outputShare(store.scene!) : null;
  if (!share) return layout;
  const texts = layout.base.filter((p): p is TextPrim => p.type === 'text');
  const starts = texts.filter((p) => (p.anchor ?? 'start') === 'start').map((p) => p.x);
  const left = starts.length > 0 ? Math.min(...starts) : 12;
  const color = texts[0]?.color ?? [0, 0, 0];
  const lines = shareLines(share, store.state.lang);
  const notes: Prim[] = lines.map((text, i) => ({ type: 'text', x: left, y: layout.height + NOTE_LINE * (i + 1) - 2, text, size: NOTE_SIZE, color }));
  const width = Math.max(layout.width, ...lines.map((l) => Math.ceil(left * 2 + textWidth(l, NOTE_SIZE))));
  return { ...layout, width, height: layout.height + NOTE_LINE * lines.length + 8, base: [...layout.base, ...notes], description: `${layout.description} ${lines.join('; ')}.` };
}

/** The renderer's options for the picture on screen, in `style`. */
function rendererOptions(style: 'classic' | 'flat') {
  const { state } = store;
  const { layer } = store.scene!;
  // Empty cells joined, as the page's figure draws them (stage-classic.ts): the file is the picture on screen.
  // The trace is of the drawn copy (at most 16 channels a side, drawn-channels.ts); the key line
  // gives the real layer's channels and says how many are drawn, so a slide states the right layer.
  const layerChannels = { inChannels: layer.inChannels, outChannels: layer.outChannels, groups: layer.groups };
  // The channel pair the reader is looking at (the output channel picked, the first input channel
  // of its group), which the key line then names: it said channel 0 whatever the page showed.
  const { ic, oc } = channelSlice(store.scene!);
  // The page's own numbers of that pair, as the classic figure on screen prints them: the renderer's
  // sample numbers were printed before, not the ones the reader saw (figure-numbers.ts).
  const values = rendererValues(store.scene!);
  return { theme: style, lang: state.lang, numeric: state.numbers, values, palette: state.colorBlind ? 'colorblind' as const : 'default' as const, emptyCells: 'joined' as const, layerChannels, channel: { input: ic, output: oc } };
}

/** Who makes a GIF (the renderer or the page) and how many frames it holds. */
type GifPlan = { kind: 'renderer' | 'screen'; frames: number };

/**
 * How the GIF of the first `want` steps in `style` is made, and how many frames it holds: by the
 * renderer (classic, flat) up to its MAX_FRAMES, or from the page's own SVG up to SCREEN_GIF_MAX
 * (the on-screen style, and where the renderer refuses the layer, as `run` falls back to it then).
 * The question before a long GIF, its size estimate and the export all ask here, so the button
 * says the count that is made.
 */
function gifPlan(style: string, want: number): GifPlan {
  const total = Math.min(want, frameTotal(store.scene!));
  if (style === 'classic' || style === 'flat') {
    try {
      sceneLayoutOf(store.scene!.trace, rendererOptions(style));
      return { kind: 'renderer', frames: Math.min(total, MAX_FRAMES) };
    } catch (e) {
      if (!isConvError(e)) throw e;
    }
  }
  return { kind: 'screen', frames: Math.min(total, SCREEN_GIF_MAX) };
}

/**
 * Encodes the first `k` frames of the GIF `kind` makes in `style` (the renderer's, or the page's
 * own), for the size estimate before a long GIF.
 */
async function gifEncoder(views: Views, style: string, kind: GifPlan['kind']): Promise<(k: number) => Promise<number>> {
  if (kind === 'screen' || (style !== 'classic' && style !== 'flat')) return async (k) => (await screenGif(views, k)).size;
  const r = await import('../../src/render/index.js');
  const { frameCount, frame, ...rest } = notedLayout(sceneLayoutOf(store.scene!.trace, rendererOptions(style)));
  return async (k) => r.sceneToGif({ ...rest, frames: Array.from({ length: Math.min(k, frameCount) }, (_, i) => frame(i)) }).length;
}

/**
 * The estimated bytes of the GIF the longer choice makes (`plan`) and of the first GIF_FIRST
 * (gif-estimate.ts: the first frames encoded, the rest extrapolated), each first frames encoded once.
 */
async function gifSizes(views: Views, style: string, plan: GifPlan): Promise<{ all: number; first: number }> {
  const memo = (encode: (k: number) => Promise<number>) => {
    const done = new Map<number, Promise<number>>();
    return (k: number) => done.get(k) ?? done.set(k, encode(k)).get(k)!;
  };
  const part = gifPlan(style, GIF_FIRST);
  const wholeEncode = memo(await gifEncoder(views, style, plan.kind));
  const partEncode = part.kind === plan.kind ? wholeEncode : memo(await gifEncoder(views, style, part.kind));
  return { all: await estimateGifBytes(plan.frames, wholeEncode), first: await estimateGifBytes(part.frames, partEncode) };
}

/** The GIF's file name: `…-first100.gif` when it holds only the first steps. */
function gifName(style: ExportStyle, frames: number): string {
  return frames < frameTotal(store.scene!) ? `${fileBase(style)}-first${frames}.gif` : `${fileBase(style)}.gif`;
}

/** The PNG's file name: the step, and the scale when it is not 1× (`…-step3@2x.png`, as slides name them). */
function pngName(style: ExportStyle, frame: number): string {
  const k = pngScale();
  return `${fileBase(style)}-step${frame + 1}${k === 1 ? '' : `@${k}x`}.png`;
}

async function exportScreen(views: Views, kind: ExportKind, status: HTMLElement, most: number): Promise<{ blob: Blob; name: string }> {
  const compose = screenComposer(views);
  const frame = store.frame;
  if (kind === 'svg') return { blob: new Blob([compose().svg], { type: 'image/svg+xml' }), name: `${fileBase('screen')}-step${frame + 1}.svg` };
  if (kind === 'png') {
    const { svg, width, height } = compose();
    return { blob: await pngBlob(await rasterise(svg, width, height, pngScale())), name: pngName('screen', frame) };
  }
  const total = gifPlan('screen', most).frames;
  const blob = await screenGif(views, total, (n) => { status.textContent = `${t(store.state.lang, 'exporting')} ${n}/${total}`; });
  return { blob, name: gifName('screen', total) };
}

/**
 * The on-screen style's picture of the step shown, composed when called (a GIF repaints the page at
 * each step): the three panels with their captions under the step sentence.
 */
function screenComposer(views: Views): () => { svg: string; width: number; height: number } {
  const p = paletteOf(store.state.theme, store.state.colorBlind);
  const panels = () => [
    { svg: views.grid.svg, caption: byId('cap-grid').textContent ?? '' },
    { svg: views.kernel.svg, caption: byId('cap-kernel').textContent ?? '' },
    { svg: views.output.svg, caption: byId('cap-output').textContent ?? '' },
  ];
  // The panels draw the copy of at most 16 channels a side: the file says so, as the page's note does.
  const note = channelsCutText(store.scene!.layer, store.scene!.geometry, store.state.lang);
  return () => composeSvg(panels(), p.background, p.text, byId('step-text').textContent ?? '', note, pageKey());
}

/** The key the page shows under its grids (figure-draw.ts draws it), swatch for swatch. */
function pageKey(): KeyEntry[] {
  return Array.from(byId('legend').querySelectorAll('li'), (li) => {
    const r = li.querySelector('rect');
    return { fill: r?.getAttribute('fill') ?? 'none', stroke: r?.getAttribute('stroke') ?? 'none', dash: r?.getAttribute('stroke-dasharray') ?? null, text: li.querySelector('span')?.textContent ?? '' };
  });
}

/** The on-screen style's GIF of the first `total` steps: the page repainted at each, then put back. */
async function screenGif(views: Views, total: number, onProgress?: (n: number) => void): Promise<Blob> {
  const compose = screenComposer(views);
  const frame = store.frame;
  const savedHover = store.hover;
  store.hover = null;
  const first = compose();
  async function* frames() {
    for (let f = 0; f < total; f++) {
      store.frame = f;
      store.repaint();
      yield compose().svg;
    }
  }
  try {
    return await gifBlob(frames(), first.width, first.height, 600, onProgress);
  } finally {
    store.hover = savedHover;
    store.frame = frame;
    store.repaint();
  }
}

/**
 * The question asked before a long GIF (made on first use, under the status line): how many frames
 * it will have, about how large it will be (`measure`, filled in when measured), and two buttons,
 * all of them or the first steps. `idle()` resolves when no measuring is under way: the on-screen
 * style measures by repainting the page, which an export must not do at the same time.
 */
function gifAsk(status: HTMLElement, make: (frames: number) => void, measure: (plan: GifPlan) => Promise<{ all: number; first: number }>): { show(plan: GifPlan, steps: number): void; hide(): void; idle(): Promise<void> } {
  const box = document.createElement('div');
  box.id = 'gif-ask';
  box.className = 'gif-ask';
  box.setAttribute('role', 'group');
  box.hidden = true;
  const text = document.createElement('p');
  text.id = 'gif-ask-text';
  // The estimate comes a moment after the question: a polite live region, so it is heard too.
  const size = document.createElement('p');
  size.id = 'gif-ask-size';
  size.setAttribute('aria-live', 'polite');
  const buttons = document.createElement('div');
  buttons.className = 'buttons';
  const all = document.createElement('button');
  all.type = 'button';
  all.id = 'gif-all';
  const first = document.createElement('button');
  first.type = 'button';
  first.id = 'gif-first';
  buttons.append(first, all);
  box.append(text, size, buttons);
  box.setAttribute('aria-labelledby', text.id);
  box.setAttribute('aria-describedby', size.id);
  status.after(box);
  let n = 0;
  let asked = 0;
  let measuring: Promise<void> = Promise.resolve();
  const hide = () => { box.hidden = true; };
  all.addEventListener('click', () => { hide(); make(n); });
  first.addEventListener('click', () => { hide(); make(GIF_FIRST); });
  return {
    show(plan: GifPlan, steps: number) {
      const lang = store.state.lang;
      const frames = plan.frames;
      n = frames;
      // Where the style holds fewer frames than the animation has steps, the question says so and
      // the button names the first steps it makes, never "all" of them.
      const cut = frames < steps;
      text.textContent = cut ? t(lang, 'gifAskLimit', { total: steps, n: frames }) : t(lang, 'gifAsk', { n: frames });
      size.textContent = t(lang, 'gifSizing');
      all.textContent = t(lang, cut ? 'gifMost' : 'gifAll', { n: frames });
      first.textContent = t(lang, 'gifFirst', { n: GIF_FIRST });
      box.hidden = false;
      first.focus();
      // Only the last question asked writes its answer; a failed measurement says nothing.
      const me = ++asked;
      measuring = measuring.then(() => measure(plan)).then(
        (b) => { if (me === asked) size.textContent = t(lang, 'gifSize', { all: sizeText(b.all), k: GIF_SAMPLE_FRAMES, f: GIF_FIRST, first: sizeText(b.first) }); },
        () => { if (me === asked) size.textContent = ''; },
      );
    },
    hide,
    idle: () => measuring,
  };
}

export function bindExport(views: Views): void {
  const status = byId('export-status');
  const run = async (kind: ExportKind, frames = Infinity) => {
    if (!store.scene) return;
    ask.hide();
    await ask.idle();
    const style = select('export-style').value;
    status.textContent = t(store.state.lang, 'exporting');
    try {
      let out: { blob: Blob; name: string };
      // Why the renderer refused the style asked for, in the page's language: said with the file
      // made instead, so it stays once the file is saved (export-refusal.ts).
      let why: string | null = null;
      if (style === 'classic' || style === 'flat') {
        try {
          out = await exportWithRenderer(kind, style, frames);
        } catch (e) {
          if (!isConvError(e)) throw e;
          why = renderRefusalText(e, style, store.state, store.state.lang);
          out = await exportScreen(views, kind, status, frames);
        }
      } else {
        out = await exportScreen(views, kind, status, frames);
      }
      download(out.blob, out.name);
      const lang = store.state.lang;
      status.textContent = why === null ? t(lang, 'exportDone', { name: out.name }) : t(lang, 'exportFellBack', { name: out.name, screen: t(lang, 'styleScreen'), why });
    } catch (e) {
      status.textContent = String((e as Error).message);
    }
  };
  byId('export-svg').addEventListener('click', () => void run('svg'));
  byId('export-png').addEventListener('click', () => void run('png'));
  const ask = gifAsk(status, (frames) => void run('gif', frames), (plan) => gifSizes(views, select('export-style').value, plan));
  byId('export-gif').addEventListener('click', () => {
    if (!store.scene) return;
    // The frames the GIF would have: every step, as far as the style holds (gifPlan).
    const steps = frameTotal(store.scene);
    const plan = gifPlan(select('export-style').value, steps);
    if (plan.frames > GIF_ASK) {
      status.textContent = '';
      ask.show(plan, steps);
    } else void run('gif', plan.frames);
  });
  // What the tab says is about the picture it was said of: "Saved {name}" names the last file, the
  // question before a long GIF counts its frames. Once the layer (or anything else the picture
  // shows) changes, that file is no longer the picture on screen: the line is cleared and the
  // question put away (student review 54: "Saved …k3x3…" stayed beside a kernel of 5).
  store.subscribe('layer', () => {
    status.textContent = '';
    ask.hide();
  });
  // The export status sits in a panel that may be hidden (the image view, a phone's closed panel):
  // the button itself says the link was copied, and a failed copy offers the link to copy by hand.
  const copy = byId<HTMLButtonElement>('copy-link');
  let restore: ReturnType<typeof setTimeout> | undefined;
  copy.addEventListener('click', async () => {
    const lang = store.state.lang;
    try {
      await navigator.clipboard.writeText(location.href);
      status.textContent = t(lang, 'copied');
      copy.textContent = t(lang, 'copied');
      clearTimeout(restore);
      restore = setTimeout(() => { copy.textContent = t(store.state.lang, 'copyLink'); }, 2000);
    } catch {
      status.textContent = location.href;
      window.prompt(t(lang, 'copyByHand'), location.href);
    }
  });
}
