/**
 * The classic figure on the stage: the slanted input and output planes of Dumoulin & Visin's GIFs,
 * exactly as the library's renderer draws them for `convkit animate` (src/render: `sceneLayoutOf`,
 * the scene with frames built on demand → primitives → SVG). The page only places the renderer's
 * primitives in an <svg> and swaps the current frame's overlay; it draws nothing of its own. It asks
 * for the empty cells joined (`emptyCells: 'joined'`): shown large, cells outlined apart made each
 * shared edge two lines a few pixels apart, and a phone's larger text leaves no room for the `a`
 * that marks the output padding, which the joined figure tints instead.
 *
 * The background (planes, labels, legend) is parsed once per configuration; a step replaces only
 * the frame's few primitives (window, current output cell, the four lines).
 *
 * While the Matrix tab is open the kernel's cells take the matrix's tap colours (the renderer's
 * `kernelFills`), as the grids' kernel does, so each w₀₀ … of the figure is found in C or Cᵀ by
 * its colour; the renderer keys each cell by the weight it names, flipped kernel included.
 */
import { isConvError } from '../../src/geometry/errors.js';
import type { ConvError } from '../../src/geometry/errors.js';
import { FONT_FAMILY } from '../../src/render/font/family.js';
import type { SceneLayout } from '../../src/render/scene.js';
import { sceneLayoutOf } from '../../src/render/scene-of.js';
import { mergeShapes, svgElementOf } from '../../src/render/svg.js';
import { classicCrop } from './classic-crop.js';
import type { KeyParts, Part } from './classic-crop.js';
import type { PathPrim } from '../../src/render/svg.js';
import type { Prim } from '../../src/render/scene.js';
import { figureTapFills, tapsShown } from './palette.js';
import { onTabShown } from './side-tabs.js';
import type { Lang } from './state.js';
import type { StageScene } from './stage-scene.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** The smallest text the figure prints on a phone, in CSS pixels. */
const MIN_TEXT_PX = 11;
/** The smallest text of the phone's key (legend, kernel), in CSS pixels. */
const KEY_TEXT_PX = 12;

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

/** Where the phone's key goes: its box, the parameter lines' element, the legend's and the kernel's <svg>. */
export interface ClassicKey {
  box: HTMLElement;
  lines: HTMLElement;
  legend: SVGSVGElement;
  kernel: SVGSVGElement;
}

/**
 * A parameter line as text that wraps only between the parameters ("kernel 3×3 · stride 1 ·" …,
 * "卷积核 4×4，步长 2，" …): each parameter with its separator stays on one line.
 */
function lineNode(line: string): HTMLElement {
  const p = document.createElement('span');
  p.className = 'key-line';
  for (const piece of line.match(/[^·，]+(?:·|，)?\s*/g) ?? [line]) {
    const span = document.createElement('span');
    span.textContent = piece.trimEnd();
    p.append(span, piece.endsWith(' ') ? ' ' : document.createElement('wbr'));
  }
  return p;
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
  /** The box fitted last, to fit a new layout into (the tap colours come and go with the Matrix tab). */
  private fitted: [number, number, boolean] | null = null;
  /** Whether draw() laid the figure out since it was last fitted. */
  private unfitted = false;

  /** The key's parts shown now (its lines are rebuilt only when they change). */
  private keyShown: KeyParts | null = null;

  /**
   * `key` holds the key on a phone, where the stage shows the planes alone: the parameter lines as
   * text, and two <svg>s that show the legend and the kernel of the same drawing (a <use> of the base).
   */
  constructor(readonly svg: SVGSVGElement, private readonly title: Element, private readonly keyEls: ClassicKey) {
    this.base = document.createElementNS(SVG_NS, 'g');
    this.base.id = 'classic-base';
    this.overlay = document.createElementNS(SVG_NS, 'g');
    svg.append(this.base, this.overlay);
    svg.setAttribute('font-family', FONT_FAMILY);
    for (const part of [keyEls.legend, keyEls.kernel]) {
      const use = document.createElementNS(SVG_NS, 'use');
      use.setAttribute('href', '#classic-base');
      part.append(use);
      part.setAttribute('font-family', FONT_FAMILY);
    }
    onTabShown(() => this.retint());
  }

  /**
   * The kernel's tap colours now: the matrix's while its tab is open, given for the dark theme's
   * filter when the page is dark (body[data-theme], which style.css's filter follows).
   */
  private fillsNow(): string[] | null {
    return tapsShown() ? figureTapFills(document.body.dataset.theme === 'dark' ? 'dark' : 'light') : null;
  }

  /**
   * Lays the figure out again, fitted and at its step, when the Matrix tab opens or closes (a tab
   * changes no setting: nothing else draws the stage again).
   */
  private retint(): void {
    if (!this.drawn) return;
    this.draw(this.drawn.s, this.drawn.o);
    if (this.unfitted && this.fitted) this.fit(...this.fitted);
  }

  /** Lays out the figure for a scene (once per configuration, language and palette). */
  draw(s: StageScene, o: ClassicOptions): boolean {
    const key = `${JSON.stringify(s.state)}|${o.lang}|${o.colorBlind}|${this.fillsNow()?.join() ?? ''}`;
    if (key === this.key) return this.scene !== null;
    this.key = key;
    this.drawn = { s, o };
    this.unfitted = true;
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
        emptyCells: 'joined',
        kernelFills: this.fillsNow() ?? undefined,
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
    // The base's cells and the empty cells' edges as a few merged paths: a 16×16 transposed layer
    // has 2 400 cells, and as many elements cost more to create, style and lay out than the whole
    // rest of a change.
    this.base.replaceChildren(...nodesOf([bg, ...mergeShapes(sc.base)]));
    return true;
  }

  get frames(): number {
    return this.scene?.frameCount ?? 0;
  }

  /** Hides the phone's key (the figure is not shown). */
  hideKey(): void {
    this.keyEls.box.setAttribute('hidden', '');
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
    this.fitted = [w, h, split];
    this.unfitted = false;
    if (!this.scene) return;
    // Shown at scale k, the figure's smallest text must come out at MIN_TEXT_PX or more: on a phone
    // the renderer draws its text larger (textScale) and the figure is fitted again, as text can
    // widen it; on a wide screen the figure is drawn as the library's gallery draws it.
    for (let i = 0; i < 6; i++) {
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
      // A new layout shows the whole drawing until it is placed again.
      if (i === 5) this.place(w, h, split);
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
      // Numbers printed in cells grow only as far as their cell holds them, whatever the textScale:
      // asking more of them would only widen the figure (and shrink everything else).
      if (/^×?-?[\d.]+$/.test(p.text)) continue;
      smallest = Math.min(smallest, p.size / this.textScale);
    }
    if (smallest === Infinity) return 1;
    // In steps of 0.05 up, so a change of a pixel in the stage's box does not lay it out again.
    return Math.min(4, Math.max(1, Math.ceil((MIN_TEXT_PX / (smallest * k)) * 20) / 20));
  }

  /**
   * The phone's key, `w` CSS pixels wide: the parameter lines as text, the legend and the kernel
   * each at the scale that prints its smallest text at KEY_TEXT_PX (a pixel above the minimum, so
   * whole-pixel sizes never take it under), as far as the width allows. The planes' textScale can
   * be 2 or more: the key is scaled down from it as well as up.
   */
  private placeKey(parts: KeyParts, w: number): void {
    if (this.keyShown !== parts) {
      this.keyShown = parts;
      this.keyEls.lines.replaceChildren(...parts.lines.map(lineNode));
      this.keyEls.lines.toggleAttribute('hidden', parts.lines.length === 0);
    }
    const place = (el: SVGSVGElement, part: Part | null) => {
      el.toggleAttribute('hidden', part === null);
      if (!part) return;
      const k = Math.min(w / part.w, part.minText > 0 ? KEY_TEXT_PX / part.minText : 1);
      el.setAttribute('viewBox', `${part.x} ${part.y} ${part.w} ${part.h}`);
      el.style.width = `${Math.floor(part.w * k)}px`;
      el.style.height = `${Math.floor(part.h * k)}px`;
    };
    place(this.keyEls.legend, parts.legend);
    place(this.keyEls.kernel, parts.kernel);
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
    // On a phone the planes span at least half the width even when the tour's prose leaves the
    // stage little height; above that they take the height the prose and the step's control leave
    // (stage-fit.ts), so the control stays on the first screen (tour steps 6 and 13, whose prose is
    // long, needed a scroll at 65 %). Their text stays legible at any of these sizes (fit() has the
    // renderer print it larger). A small figure grows to 0.8 at most.
    if (crop) k = Math.max(k, Math.min((0.5 * w) / view.w, (0.6 * window.innerHeight) / view.h, 0.8));
    // Never wider than the stage (the 0.3 floor above could overflow a phone).
    k = Math.min(k, w / view.w);
    this.svg.setAttribute('viewBox', `${view.x} ${view.y} ${view.w} ${view.h}`);
    this.svg.style.width = `${Math.floor(view.w * k)}px`;
    this.svg.style.height = `${Math.floor(view.h * k)}px`;
    this.keyEls.box.toggleAttribute('hidden', crop === null);
    // The key's own width (its card's padding inside the stage's width), read once it is shown.
    if (crop) this.placeKey(crop.parts, this.keyEls.legend.parentElement?.clientWidth || w);
    // The scale on screen (the sizes above are whole pixels).
    return Math.floor(view.w * k) / view.w;
  }
}
