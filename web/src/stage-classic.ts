/**
 * The classic figure on the stage: the slanted input and output planes of Dumoulin & Visin's GIFs,
 * exactly as the library's renderer draws them for `convkit animate` (src/render: `sceneLayoutOf`,
 * the scene with frames built on demand → primitives → SVG). The page only places the renderer's
 * primitives in an <svg> and swaps the current frame's overlay; it draws nothing of its own.
 *
 * The background (planes, labels, legend) is parsed once per configuration; a step replaces only
 * the frame's few primitives (window, current output cell, the four lines).
 */
import { isConvError } from '../../src/geometry/errors.js';
import type { ConvError } from '../../src/geometry/errors.js';
import { FONT_FAMILY } from '../../src/render/font/family.js';
import type { SceneLayout } from '../../src/render/scene.js';
import { sceneLayoutOf } from '../../src/render/scene-of.js';
import { mergePolygons, svgElementOf } from '../../src/render/svg.js';
import { classicCrop } from './classic-crop.js';
import type { PathPrim } from '../../src/render/svg.js';
import type { Prim } from '../../src/render/scene.js';
import type { Lang } from './state.js';
import type { StageScene } from './stage-scene.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** The smallest text the figure prints on a phone, in CSS pixels. */
const MIN_TEXT_PX = 11;

/** Primitives → SVG elements, named and attributed by the library's own writer (`svgElementOf`). */
function nodesOf(prims: readonly (Prim | PathPrim)[]): Element[] {
  return prims.map((p) => {
    const spec = svgElementOf(p);
    const e = document.createElementNS(SVG_NS, spec.name);
    for (const [k, v] of spec.attrs) e.setAttribute(k, v);
    if (spec.text !== undefined) e.textContent = spec.text;
    return e;
  });
}

export interface ClassicOptions {
  lang: Lang;
  colorBlind: boolean;
}

export class ClassicStage {
  private scene: SceneLayout | null = null;
  private key = '';
  private readonly base: SVGGElement;
  private readonly overlay: SVGGElement;
  private shown = -1;
  /** Why the renderer refused the current configuration (too many cells), or null. */
  refusal: ConvError | null = null;

  /** Where the planes end and the key (parameters, legend, kernel) begins, for a phone. */
  private crop: ReturnType<typeof classicCrop> | undefined = undefined;
  /** The configuration drawn, kept to lay it out again at another text scale. */
  private drawn: { s: StageScene; o: ClassicOptions } | null = null;
  /** The renderer's textScale of the current layout: above 1 where a phone shrinks the figure. */
  private textScale = 1;
  /** The frame asked for last: shown again after a layout at another text scale. */
  private painted = -1;

  /**
   * `keySvg` is a second <svg> that shows the key part of the same drawing (a <use> of the base) on a
   * phone, where the stage shows the planes alone.
   */
  constructor(readonly svg: SVGSVGElement, private readonly title: Element, private readonly keySvg: SVGSVGElement) {
    this.base = document.createElementNS(SVG_NS, 'g');
    this.base.id = 'classic-base';
    this.overlay = document.createElementNS(SVG_NS, 'g');
    svg.append(this.base, this.overlay);
    svg.setAttribute('font-family', FONT_FAMILY);
    const use = document.createElementNS(SVG_NS, 'use');
    use.setAttribute('href', '#classic-base');
    keySvg.append(use);
    keySvg.setAttribute('font-family', FONT_FAMILY);
  }

  /** Lays out the figure for a scene (once per configuration, language and palette). */
  draw(s: StageScene, o: ClassicOptions): boolean {
    const key = `${JSON.stringify(s.state)}|${o.lang}|${o.colorBlind}`;
    if (key === this.key) return this.scene !== null;
    this.key = key;
    this.drawn = { s, o };
    // The text scale of the last phone fit is the best first guess: fit() corrects it.
    return this.layout();
  }

  private layout(): boolean {
    const { s, o } = this.drawn!;
    this.shown = -1;
    this.overlay.replaceChildren();
    try {
      this.scene = sceneLayoutOf(s.trace, {
        theme: 'classic',
        lang: o.lang,
        numeric: s.values !== null,
        palette: o.colorBlind ? 'colorblind' : 'default',
        values: s.values ? { input: s.values.x, weight: s.values.w } : undefined,
        textScale: this.textScale,
      });
      this.refusal = null;
    } catch (e) {
      if (!isConvError(e)) throw e;
      this.scene = null;
      this.crop = undefined;
      this.refusal = e;
      this.base.replaceChildren();
      return false;
    }
    const sc = this.scene;
    this.crop = undefined;
    this.svg.setAttribute('viewBox', `0 0 ${sc.width} ${sc.height}`);
    this.svg.setAttribute('data-width', String(sc.width));
    this.svg.setAttribute('data-height', String(sc.height));
    this.title.textContent = `${sc.title}. ${sc.description}`;
    const bg: Prim = { type: 'rect', x: 0, y: 0, w: sc.width, h: sc.height, fill: sc.background };
    // The base's cells as a few merged paths: a 16×16 transposed layer has 2 400 cells, and as many
    // elements cost more to create, style and lay out than the whole rest of a change.
    this.base.replaceChildren(...nodesOf([bg, ...mergePolygons(sc.base)]));
    return true;
  }

  get frames(): number {
    return this.scene?.frameCount ?? 0;
  }

  /** Hides the phone's key (the figure is not shown). */
  hideKey(): void {
    this.keySvg.setAttribute('hidden', '');
  }

  /** Shows one frame's overlay. */
  paint(frame: number): void {
    this.painted = frame;
    const sc = this.scene;
    if (!sc || frame === this.shown) return;
    this.shown = frame;
    const prims = sc.frame(Math.max(0, Math.min(frame, sc.frameCount - 1)));
    this.overlay.replaceChildren(...nodesOf(prims));
    this.svg.setAttribute('data-frame', String(frame));
  }

  /**
   * Scales the figure to the largest size that fits `w` × `h` CSS pixels (aspect kept). On a phone
   * (`split`) the stage gets the planes' window and the key shows below at its own scale, as long
   * as that makes the planes larger.
   */
  fit(w: number, h: number, split = false): void {
    if (!this.scene) return;
    // Shown at scale k, the figure's smallest text must come out at MIN_TEXT_PX or more: on a phone
    // the renderer draws its text larger (textScale) and the figure is fitted again, as text can
    // widen it; on a wide screen the figure is drawn as the library's gallery draws it.
    for (let i = 0; i < 4; i++) {
      const k = this.place(w, h, split);
      const want = split ? this.scaleFor(k) : 1;
      // Up to a step of 0.05 more than needed is kept: laying out again only to shrink text a
      // little could need the larger scale back (the narrower figure then fits larger).
      if (split ? want <= this.textScale && want >= this.textScale - 0.1 : this.textScale === 1) break;
      // Once raised, not lowered again in this fit: larger text can hide the small 'a' marks of
      // narrow cells, whose return would ask for the larger scale once more.
      if (split && i > 0 && want < this.textScale) break;
      this.textScale = want;
      if (!this.layout()) return;
    }
    if (this.shown === -1 && this.painted !== -1) this.paint(this.painted);
  }

  /** The text scale at which the planes' smallest text is MIN_TEXT_PX at figure scale `k`. */
  private scaleFor(k: number): number {
    const sc = this.scene!;
    const view = this.crop?.planes;
    let smallest = Infinity;
    for (const p of [...sc.base, ...sc.frame(0)]) {
      if (p.type !== 'text' || (view && p.y > view.y + view.h)) continue;
      smallest = Math.min(smallest, p.size / this.textScale);
    }
    if (smallest === Infinity) return 1;
    // In steps of 0.05 up, so a change of a pixel in the stage's box does not lay it out again.
    return Math.min(4, Math.max(1, Math.ceil((MIN_TEXT_PX / (smallest * k)) * 20) / 20));
  }

  /** Sizes the <svg>s for the current layout; the figure's scale. */
  private place(w: number, h: number, split: boolean): number {
    const sc = this.scene!;
    const whole = { x: 0, y: 0, w: sc.width, h: sc.height };
    // Found once per configuration, and only on a phone (the frames it reads cost a little).
    // The step counter is widest on the last frame: both ends bound the planes' window.
    if (split && this.crop === undefined) this.crop = classicCrop(sc, [...sc.frame(0), ...sc.frame(sc.frameCount - 1)]);
    const crop = split ? this.crop ?? null : null;
    const view = crop?.planes ?? whole;
    let k = Math.max(0.3, Math.min(w / view.w, h / view.h));
    // On a phone the planes span at least 65 % of the width even when the tour's prose leaves the
    // stage little height (a wide transposed figure at the height left came out 210 px wide): the
    // step's control then moves down a little. Its text stays legible at any of these sizes (fit()
    // has the renderer print it larger); 65 % rather than the whole width keeps the control of
    // a step with long prose (tour step 7) on the first screen. A small figure grows to 0.8 at most.
    if (crop) k = Math.max(k, Math.min((0.65 * w) / view.w, (0.6 * window.innerHeight) / view.h, 0.8));
    this.svg.setAttribute('viewBox', `${view.x} ${view.y} ${view.w} ${view.h}`);
    this.svg.style.width = `${Math.floor(view.w * k)}px`;
    this.svg.style.height = `${Math.floor(view.h * k)}px`;
    this.keySvg.toggleAttribute('hidden', crop === null);
    if (crop) {
      const kk = Math.min(1, w / crop.key.w);
      this.keySvg.setAttribute('viewBox', `${crop.key.x} ${crop.key.y} ${crop.key.w} ${crop.key.h}`);
      this.keySvg.style.width = `${Math.floor(crop.key.w * kk)}px`;
      this.keySvg.style.height = `${Math.floor(crop.key.h * kk)}px`;
    }
    // The scale on screen (the sizes above are whole pixels).
    return Math.floor(view.w * k) / view.w;
  }
}
