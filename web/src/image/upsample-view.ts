/**
 * The upsampling comparison on the middle of the picture (the whole of one smaller than the crop),
 * or of the landscape where the page shows the test card (image-mode.ts says why; the intro says so):
 * four ×2 results side by side at their true scale (upsample.ts computes them with the library),
 * with the transposed layers' overlap counts from the library beside their names.
 */
import { h } from '../dom.js';
import type { Lang } from '../state.js';
import { CLIP, displayZoom, drawPlanes } from './canvas.js';
import { it } from './image-text.js';
import type { Picture } from './picture.js';
import { centreCrop } from './resize.js';
import { UPSAMPLE_WAYS, overlapCounts, upsample } from './upsample.js';
import type { UpsampleWay } from './upsample.js';
import { Latest } from './latest.js';
import type { Tensor } from '../../../src/tensor/tensor.js';

export const UPSAMPLE_CROP = 128;

export class UpsampleView {
  readonly root = h('section', { class: 'image-section', 'data-image-upsample': '', 'aria-labelledby': 'image-up-title' });
  private readonly title = h('h3', { id: 'image-up-title' });
  private readonly intro = h('p');
  private readonly noteEl = h('p');
  private readonly panels = new Map<UpsampleWay, { canvas: HTMLCanvasElement; caption: HTMLElement; counts: HTMLElement }>();
  /** A crop and whether it is the whole picture (one no larger than the crop's side). */
  private readonly runner: Latest<{ crop: Picture; whole: boolean; scene: boolean }, Tensor[]>;
  private lang: Lang = 'en';
  /** The crop on screen (the middle of the picture, smaller when the picture is) and its display factor. */
  private shown = { w: UPSAMPLE_CROP, h: UPSAMPLE_CROP, zoom: 1, whole: false, scene: false };
  /**
   * The crop's side: UPSAMPLE_CROP, or less where two results (twice the crop each) would not fit
   * side by side at true scale — on a phone, where a downscaled checkerboard would alias away.
   */
  private side = UPSAMPLE_CROP;
  private picture: Picture | null = null;
  /** Whether the picture is the landscape standing in for the test card. */
  private scene = false;

  constructor() {
    // Two by two: the transposed convolutions side by side above the two resizes, so each pair
    // compares in a row (four in one wrapping row left the last alone on a second line).
    const row = h('div', { class: 'upsample-grid' });
    for (const way of UPSAMPLE_WAYS) {
      const fig = h('figure', { class: 'image-figure', 'data-upsample': way });
      const canvas = h('canvas', { role: 'img' });
      const caption = h('figcaption');
      const counts = h('span', { class: 'counts' });
      fig.append(canvas, caption, counts);
      row.append(fig);
      this.panels.set(way, { canvas, caption, counts });
    }
    this.root.append(this.title, this.intro, row, this.noteEl);
    if (typeof ResizeObserver !== 'undefined') {
      new ResizeObserver(() => {
        const width = this.root.clientWidth;
        if (width === 0) return; // not laid out (another view): keep the crop
        const gap = parseFloat(getComputedStyle(row).columnGap) || 0; // .upsample-grid's, image.css
        const side = Math.max(32, Math.min(UPSAMPLE_CROP, Math.floor((width - gap) / 4 / 8) * 8));
        if (side === this.side) return;
        this.side = side;
        if (this.picture) this.setPicture(this.picture, this.scene);
      }).observe(this.root);
    }
    this.runner = new Latest<{ crop: Picture; whole: boolean; scene: boolean }, Tensor[]>(
      ({ crop }) => Promise.all(UPSAMPLE_WAYS.map((w) => upsample(crop, w))),
      (ys, { crop, whole, scene }, id) => {
        // The four results are twice the crop; a tiny picture's are shown enlarged, as its layer's
        // are, but never wider than two columns allow.
        const [oh, ow] = [ys[0].shape[2], ys[0].shape[3]];
        const zoom = Math.max(1, Math.min(displayZoom(ow, oh), Math.floor((2 * this.side) / Math.max(ow, oh))));
        UPSAMPLE_WAYS.forEach((w, i) => drawPlanes((this.panels.get(w) as { canvas: HTMLCanvasElement }).canvas, ys[i], CLIP, zoom));
        this.shown = { w: crop.width, h: crop.height, zoom, whole, scene };
        this.sayIntro();
        this.root.dataset.drawn = String(id);
      },
      (e) => { throw e; },
    );
  }

  setLang(lang: Lang): void {
    this.lang = lang;
    this.title.textContent = it(lang, 'upTitle');
    this.sayIntro();
    this.noteEl.textContent = it(lang, 'upNote');
    for (const [way, p] of this.panels) {
      p.caption.textContent = it(lang, way);
      p.canvas.setAttribute('aria-label', it(lang, way));
      if (way === 'transposed3' || way === 'transposed4') {
        const c = overlapCounts(way);
        p.counts.textContent = it(lang, 'overlaps', { counts: c.join(lang === 'zh' ? '、' : ', ') });
        p.counts.dataset.counts = c.join(',');
      }
    }
  }

  private sayIntro(): void {
    const { w, h: ht, zoom, whole, scene } = this.shown;
    // "The middle" only of a picture that was cropped: a 40 × 30 one is taken whole.
    this.intro.textContent = it(this.lang, scene ? 'upScene' : whole ? 'upWhole' : 'upIntro', { w, h: ht }) + (zoom > 1 ? it(this.lang, 'imagesLarger', { z: zoom }) : '');
  }

  /** The picture to upsample; `scene`: the landscape, taken in place of the test card. */
  setPicture(p: Picture, scene = false): void {
    this.picture = p;
    this.scene = scene;
    const crop = centreCrop(p, this.side);
    this.runner.request({ crop, whole: crop.width === p.width && crop.height === p.height, scene });
  }
}
