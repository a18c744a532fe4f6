/**
 * The Export tab's buttons: SVG / PNG of the step, GIF of the animation, as the classic figure or
 * flat grids (the library's renderer) or as on screen (the page's own SVG); the PNG at 1×, 2× or
 * 3× its picture's size; and "copy link".
 */
import { isConvError } from '../../src/geometry/errors.js';
import { sceneLayoutOf } from '../../src/render/scene-of.js';
import { byId, select } from './dom-write.js';
import { channelsCutText } from './drawn-channels.js';
import { composeSvg, download, gifBlob, pngBlob, rasterise } from './export.js';
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
 * instead. The on-screen style draws at most `SCREEN_GIF_MAX` (each frame is a page rasterised).
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

function fileBase(): string {
  const s = store.scene!.geometry;
  const [H, W] = s.axes;
  return `convkit-${s.transposed ? 'transposed-' : ''}i${H.input}x${W.input}-k${H.kernel}x${W.kernel}-s${H.stride}x${W.stride}`;
}

/**
 * Export through the library's renderer (src/render: the same pictures as `convkit animate`),
 * loaded on first use so it costs nothing at page load. The "as on screen" style, and any
 * configuration the renderer refuses (over 64 cells per axis), use the page's own SVG instead.
 */
async function exportWithRenderer(kind: ExportKind, style: 'classic' | 'flat', frames: number): Promise<{ blob: Blob; name: string }> {
  const { frame } = store;
  const r = await import('../../src/render/index.js');
  const tr = store.scene!.trace;
  const options = rendererOptions(style);
  if (kind === 'svg') return { blob: new Blob([r.renderSvg(tr, { ...options, frame })], { type: 'image/svg+xml' }), name: `${fileBase()}-step${frame + 1}.svg` };
  if (kind === 'png') return { blob: new Blob([new Uint8Array(r.renderPng(tr, { ...options, frame, scale: pngScale() }))], { type: 'image/png' }), name: pngName(frame) };
  if (frames >= tr.frames.length) return { blob: new Blob([new Uint8Array(r.renderGif(tr, options))], { type: 'image/gif' }), name: `${fileBase()}.gif` };
  // The first steps only: the renderer's scene with its later frames left out.
  const scene = r.sceneOf(tr, options);
  return { blob: new Blob([new Uint8Array(r.sceneToGif({ ...scene, frames: scene.frames.slice(0, frames) }))], { type: 'image/gif' }), name: gifName(frames) };
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
  return { theme: style, lang: state.lang, numeric: state.numbers, palette: state.colorBlind ? 'colorblind' as const : 'default' as const, emptyCells: 'joined' as const, layerChannels, channel: { input: ic, output: oc } };
}

/**
 * The bytes of the GIF of the first `k` frames, made as the export makes the GIF of `frames` frames:
 * by the renderer (classic, flat) or from the page's own SVG (on screen, and where the renderer
 * refuses, as `run` falls back to the page's then too). For the size estimate before a long GIF;
 * `kind` tells two samplers that make the same GIF apart.
 */
async function gifSampler(views: Views, style: string, frames: number): Promise<{ kind: string; encode(k: number): Promise<number> }> {
  const screen = { kind: 'screen', encode: async (k: number) => (await screenGif(views, k)).size };
  if (style !== 'classic' && style !== 'flat') return screen;
  const r = await import('../../src/render/index.js');
  try {
    const { frameCount, frame, ...rest } = sceneLayoutOf(store.scene!.trace, rendererOptions(style));
    // Every frame past the renderer's limit is refused; the first 100 never are.
    if (Math.min(frames, frameCount) > r.MAX_FRAMES) return screen;
    return { kind: 'renderer', encode: async (k) => r.sceneToGif({ ...rest, frames: Array.from({ length: k }, (_, i) => frame(i)) }).length };
  } catch (e) {
    if (!isConvError(e)) throw e;
    return screen;
  }
}

/**
 * The estimated bytes of the GIF of all `n` frames and of the first GIF_FIRST (gif-estimate.ts:
 * the first frames encoded, the rest extrapolated), each first frames encoded once.
 */
async function gifSizes(views: Views, style: string, n: number): Promise<{ all: number; first: number }> {
  const memo = (encode: (k: number) => Promise<number>) => {
    const done = new Map<number, Promise<number>>();
    return (k: number) => done.get(k) ?? done.set(k, encode(k)).get(k)!;
  };
  const whole = await gifSampler(views, style, n);
  const part = await gifSampler(views, style, GIF_FIRST);
  const wholeEncode = memo(whole.encode);
  const partEncode = part.kind === whole.kind ? wholeEncode : memo(part.encode);
  // The page's own GIF stops at SCREEN_GIF_MAX frames (exportScreen).
  const most = whole.kind === 'screen' ? Math.min(n, SCREEN_GIF_MAX) : n;
  return { all: await estimateGifBytes(most, wholeEncode), first: await estimateGifBytes(GIF_FIRST, partEncode) };
}

/** The GIF's file name: `…-first100.gif` when it holds only the first steps. */
function gifName(frames: number): string {
  return frames < frameTotal(store.scene!) ? `${fileBase()}-first${frames}.gif` : `${fileBase()}.gif`;
}

/** The PNG's file name: the step, and the scale when it is not 1× (`…-step3@2x.png`, as slides name them). */
function pngName(frame: number): string {
  const k = pngScale();
  return `${fileBase()}-step${frame + 1}${k === 1 ? '' : `@${k}x`}.png`;
}

async function exportScreen(views: Views, kind: ExportKind, status: HTMLElement, most: number): Promise<{ blob: Blob; name: string }> {
  const compose = screenComposer(views);
  const frame = store.frame;
  if (kind === 'svg') return { blob: new Blob([compose().svg], { type: 'image/svg+xml' }), name: `${fileBase()}-step${frame + 1}.svg` };
  if (kind === 'png') {
    const { svg, width, height } = compose();
    return { blob: await pngBlob(await rasterise(svg, width, height, pngScale())), name: pngName(frame) };
  }
  const total = Math.min(frameTotal(store.scene!), most, SCREEN_GIF_MAX);
  const blob = await screenGif(views, total, (n) => { status.textContent = `${t(store.state.lang, 'exporting')} ${n}/${total}`; });
  return { blob, name: gifName(total) };
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
  return () => composeSvg(panels(), p.background, p.text, byId('step-text').textContent ?? '', note);
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
function gifAsk(status: HTMLElement, make: (frames: number) => void, measure: (frames: number) => Promise<{ all: number; first: number }>): { show(frames: number): void; hide(): void; idle(): Promise<void> } {
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
    show(frames: number) {
      const lang = store.state.lang;
      n = frames;
      text.textContent = t(lang, 'gifAsk', { n: frames });
      size.textContent = t(lang, 'gifSizing');
      all.textContent = t(lang, 'gifAll', { n: frames });
      first.textContent = t(lang, 'gifFirst', { n: GIF_FIRST });
      box.hidden = false;
      first.focus();
      // Only the last question asked writes its answer; a failed measurement says nothing.
      const me = ++asked;
      measuring = measuring.then(() => measure(frames)).then(
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
      if (style === 'classic' || style === 'flat') {
        try {
          out = await exportWithRenderer(kind, style, frames);
        } catch (e) {
          if (!isConvError(e)) throw e;
          status.textContent = e.message;
          out = await exportScreen(views, kind, status, frames);
        }
      } else {
        out = await exportScreen(views, kind, status, frames);
      }
      download(out.blob, out.name);
      status.textContent = t(store.state.lang, 'exportDone', { name: out.name });
    } catch (e) {
      status.textContent = String((e as Error).message);
    }
  };
  byId('export-svg').addEventListener('click', () => void run('svg'));
  byId('export-png').addEventListener('click', () => void run('png'));
  const ask = gifAsk(status, (frames) => void run('gif', frames), (frames) => gifSizes(views, select('export-style').value, frames));
  byId('export-gif').addEventListener('click', () => {
    if (!store.scene) return;
    // The frames the GIF would have: every step (the on-screen style: at most SCREEN_GIF_MAX).
    const n = Math.min(frameTotal(store.scene), select('export-style').value === 'screen' ? SCREEN_GIF_MAX : Infinity);
    if (n > GIF_ASK) {
      status.textContent = '';
      ask.show(n);
    } else void run('gif');
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
