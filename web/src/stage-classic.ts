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
 * Where the whole figure, fitted to a wide screen's stage, would print text below MIN_TEXT_PX (a
 * 1280×800 laptop printed the kernel's w₀₀ … at 6–7 px), the stage shows the planes with the key
 * beside them instead of under them: the stage is wider than the figure there, and text drawn
 * larger in the whole figure makes it taller, so the planes would shrink as fast as the text grew.
 * Beside the planes, the key's parts (parameter lines, legend, kernel) are windows onto the same
 * drawing (a <use> of the base), each at the scale that prints its smallest text at the minimum,
 * and the planes' own text reaches it through the renderer's textScale. A screen that shows the
 * whole figure large enough keeps it as the library's gallery draws it (textScale 1).
 *
 * In the tour's z = Cx steps the planes' titles carry the tutorial's letters ("input z 2×2",
 * stage-scene.ts planeLetters): the one place the page changes the library's drawing, two titles'
 * text (and the text alternative's), as the renderer has no option for it.
 *
 * In the phone tour the step's prose and control take the screen's height below the figure, and the
 * planes, fitted to the height left, spanned about half its width: the legend and the kernel go
 * in that width, beside the planes at KEY_TEXT_PX ('beside', as on a small desktop stage), and the
 * parameter lines under the figure as the page's text, so the kernel the step's prose speaks of is
 * on the first screen in both languages. Where the planes would keep less than PHONE_MIN_PLANES of
 * the width, the phone's own split layout stays, its key under the planes.
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
import { label } from '../../src/render/labels.js';
import { textWidth } from '../../src/render/raster/font.js';
import { mergeShapes, svgElementOf } from '../../src/render/svg.js';
import { classicCrop } from './classic-crop.js';
import { isLine, lineFigureText } from './line-layer.js';
import type { KeyParts, Part } from './classic-crop.js';
import type { PathPrim } from '../../src/render/svg.js';
import type { Prim } from '../../src/render/scene.js';
import { rendererValues } from './figure-numbers.js';
import { figureTapFills, figureTapLabels, tapsShown } from './palette.js';
import { onTabShown } from './side-tabs.js';
import type { Lang } from './state.js';
import { channelSlice, lettered, planeLetters } from './stage-scene.js';
import type { PlaneLetters, StageScene } from './stage-scene.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** The smallest text the figure prints on a phone, in CSS pixels. */
const MIN_TEXT_PX = 11;
/** The smallest text of the key (legend, kernel; under the planes on a phone, beside them on a wider screen), in CSS pixels. */
const KEY_TEXT_PX = 12;
/**
 * The smallest text of the key shown beside the planes on a wider screen: the phone key's size.
 * The key is where the reader looks things up (the kernel's w₀₀ …, the parameter lines' i′, p′,
 * s′), so it is printed above the planes' minimum, as far as that leaves the planes no smaller than
 * the whole figure would show them. A hair above, as the figure's size in whole pixels can take
 * its scale a little under the one asked for.
 */
const SIDE_TEXT_PX = KEY_TEXT_PX * 1.03;
/** The gap between the planes and the key beside them, in CSS pixels. */
const SIDE_GAP = 16;
/** The same on a phone, whose width the planes' cells need (the kernel's own margin adds to it). */
const PHONE_SIDE_GAP = 8;
/** The least share of the stage's width the planes keep when the key goes beside them. */
const SIDE_MIN_PLANES = 0.35;
/**
 * The least share of a phone's width the planes keep, in the split layout (place()) and with the
 * legend and the kernel beside them (the phone tour).
 */
const PHONE_MIN_PLANES = 0.5;

/**
 * The least scale of the planes (view `view`) on a phone `w` wide: PHONE_MIN_PLANES of the width,
 * even when the tour's prose leaves the stage little height, but no more than 60 % of the screen's
 * height and 0.8 (a small figure grows no further). Both phone layouts (place, placeBeside) keep it.
 */
function phonePlanesFloor(view: { w: number; h: number }, w: number): number {
  return Math.min((PHONE_MIN_PLANES * w) / view.w, (0.6 * window.innerHeight) / view.h, 0.8);
}

/** How the figure is shown: whole, the planes with the key beside them, or the planes alone (a phone: the key goes below, as the page's own text). */
type Layout = 'whole' | 'beside' | 'split';

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

/**
 * The scene with the planes' titles ("input 2×2", "output 4×4", as the renderer writes them) named
 * by the tutorial's letters: "input z 2×2". Only those two texts change.
 */
function withLetters(sc: SceneLayout, s: StageScene, lang: Lang, letters: PlaneLetters): SceneLayout {
  const titles = new Map([
    [`${label(lang, 'input')} ${s.trace.inputShape.join('×')}`, letters.input],
    [`${label(lang, 'output')} ${s.trace.outputShape.join('×')}`, letters.output],
  ]);
  const outTitle = `${label(lang, 'output')} ${s.trace.outputShape.join('×')}`;
  const base = sc.base.map((p) => {
    const letter = p.type === 'text' ? titles.get(p.text) : undefined;
    if (letter === undefined || p.type !== 'text') return p;
    const text = lettered(p.text, letter);
    // The step counter stands right of the output's title (in the frames, placed for the title as
    // drawn): the longer title grows to the left only, so the two never meet.
    const x = p.text === outTitle && p.anchor === 'middle' ? p.x - (textWidth(text, p.size) - textWidth(p.text, p.size)) / 2 : p.x;
    return { ...p, text, x };
  });
  // The figure's text alternative names them the same way.
  let description = sc.description;
  for (const [title, letter] of titles) description = description.replace(title, lettered(title, letter));
  return { ...sc, base, description };
}

/**
 * The scene of a 1-D layer's row with its texts written as the 1-D layer's (line-layer.ts
 * lineFigureText: "input 9", "kernel 3 · stride 2", w₀ w₁ w₂), as the grids' captions and the
 * Formula tab write it. The output's title keeps its right end, where the step counter stands.
 */
function asLine(sc: SceneLayout, s: StageScene, lang: Lang): SceneLayout {
  const outTitle = `${label(lang, 'output')} ${s.trace.outputShape.join('×')}`;
  const base = sc.base.map((p) => {
    if (p.type !== 'text') return p;
    const text = lineFigureText(p.text);
    if (text === p.text) return p;
    const x = p.text.startsWith(outTitle) && p.anchor === 'middle' ? p.x - (textWidth(text, p.size) - textWidth(p.text, p.size)) / 2 : p.x;
    return { ...p, text, x };
  });
  return { ...sc, base, title: lineFigureText(sc.title), description: lineFigureText(sc.description) };
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

/** Whether the box fitted last is a phone's (fit's `split`). */
function isPhone(fitted: [number, number, boolean] | null): boolean {
  return fitted?.[2] === true;
}

/** The page is in the tour (body[data-mode], which style.css follows too). */
function inTour(): boolean {
  return document.body.dataset.mode === 'tour';
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
  /** Holds the base: clipped to the planes where the key is shown beside them. */
  private readonly planes: SVGGElement;
  /** The key's windows beside the planes (empty unless the layout is 'beside'). */
  private readonly side: SVGGElement;
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
  /** Whether the whole figure at textScale 1 prints its text legibly in the box asked for (`asked`: configuration and box). */
  private plain: { asked: string; legible: boolean } | null = null;
  /** Whether draw() laid the figure out since it was last fitted. */
  private unfitted = false;

  /** Whether the planes are shown as their body (crop.body: no title, no step counter), the phone tour's layout. */
  private bodyShown = false;
  /** Whether the legend is among the key's parts shown beside the planes. */
  private besideLegend = false;
  /** The parameter lines shown now under the figure (rebuilt only when they change). */
  private linesShown: string[] | null = null;

  /**
   * `key` holds the key on a phone, where the stage shows the planes alone: the parameter lines as
   * text, and two <svg>s that show the legend and the kernel of the same drawing (a <use> of the base).
   */
  constructor(readonly svg: SVGSVGElement, private readonly title: Element, private readonly keyEls: ClassicKey) {
    this.base = document.createElementNS(SVG_NS, 'g');
    this.base.id = 'classic-base';
    this.overlay = document.createElementNS(SVG_NS, 'g');
    this.planes = document.createElementNS(SVG_NS, 'g');
    this.side = document.createElementNS(SVG_NS, 'g');
    // The overlay (window, current cell, lines, step counter) lies on the planes: it needs no clip.
    this.planes.append(this.base);
    svg.append(this.side, this.planes, this.overlay);
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
    return tapsShown() ? figureTapFills(this.theme()) : null;
  }

  /** The labels for those fills: picked for the dark filter when the page is dark (null: the renderer's own). */
  private labelsNow(): string[] | null {
    return tapsShown() ? figureTapLabels(this.theme()) : null;
  }

  private theme(): 'dark' | 'light' {
    return document.body.dataset.theme === 'dark' ? 'dark' : 'light';
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
    const key = `${JSON.stringify(s.state)}|${o.lang}|${o.colorBlind}|${this.fillsNow()?.join() ?? ''}|${JSON.stringify(planeLetters(s))}`;
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
    // The channel pair the grids and the note under the figure show, named in the key line.
    const { ic, oc } = channelSlice(s);
    try {
      this.scene = sceneLayoutOf(s.trace, {
        theme: 'classic',
        lang: o.lang,
        numeric: s.values !== null,
        palette: o.colorBlind ? 'colorblind' : 'default',
        // The pair's own plane and kernel slice, the grids' numbers: the renderer takes no other
        // channel's (figure-numbers.ts; it refused the whole tensors of several channels).
        values: rendererValues(s),
        textScale: this.textScale,
        emptyCells: 'joined',
        kernelFills: this.fillsNow() ?? undefined,
        kernelLabels: this.labelsNow() ?? undefined,
        channel: { input: ic, output: oc },
      });
      this.refusal = null;
      const letters = planeLetters(s);
      if (letters) this.scene = withLetters(this.scene, s, o.lang, letters);
      if (isLine(s.state)) this.scene = asLine(this.scene, s, o.lang);
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
    let prims = sc.frame(Math.max(0, Math.min(frame, sc.frameCount - 1)));
    // The planes' body (the phone tour) leaves the step counter out, as the player bar counts.
    const body = this.bodyShown ? this.crop?.body : undefined;
    if (body) prims = prims.filter((p) => p.type !== 'text' || p.y > body.planeTop);
    this.overlay.replaceChildren(...nodesOf(prims));
    this.svg.setAttribute('data-frame', String(frame));
  }

  /**
   * Scales the figure to the largest size that fits `w` × `h` CSS pixels (aspect kept). On a phone
   * (`split`) the stage gets the planes' window and the key shows below at its own scale, as long
   * as that makes the planes larger. On a wider screen the figure is shown whole at textScale 1
   * where its smallest text comes out at MIN_TEXT_PX or more, and otherwise with the key beside the
   * planes (or, where the stage is too narrow for that, whole with its text drawn larger).
   */
  fit(w: number, h: number, split = false): void {
    this.fitted = [w, h, split];
    this.unfitted = false;
    if (!this.scene) return;
    // The phone tour: the legend and the kernel beside the planes, where that leaves the planes
    // their half of the width (fitText falls back to the split layout otherwise).
    if (split) this.fitText(w, h, inTour() && this.place(w, h, 'beside') > 0 ? 'beside' : 'split');
    else {
      // The whole figure as the gallery draws it, when its text is legible at the size it fits
      // (found once per configuration and box: a refit of the same one lays nothing out again).
      const asked = `${this.key}|${w}x${h}`;
      if (this.plain?.asked !== asked || (this.plain.legible && this.textScale !== 1)) {
        if (this.textScale !== 1) {
          this.textScale = 1;
          if (!this.layout()) return;
        }
        this.plain = { asked, legible: this.scaleFor(this.place(w, h, 'whole'), 'whole') === 1 };
      }
      if (this.plain.legible) this.place(w, h, 'whole');
      else this.fitText(w, h, this.place(w, h, 'beside') > 0 ? 'beside' : 'whole');
    }
    this.svg.setAttribute('data-text-scale', String(this.textScale));
    if (this.shown === -1 && this.painted !== -1) this.paint(this.painted);
  }

  /**
   * Fits the figure in a layout whose text the renderer draws larger until the smallest comes out
   * at MIN_TEXT_PX: larger text can widen or heighten what is fitted, so the figure is fitted again.
   */
  private fitText(w: number, h: number, how: Layout): void {
    for (let i = 0; i < 6; i++) {
      const k = this.place(w, h, how);
      // The key no longer fits beside planes drawn with larger text: whole, as a narrow stage shows
      // it, or on a phone split, the key under the planes.
      if (k === 0) {
        how = isPhone(this.fitted) ? 'split' : 'whole';
        continue;
      }
      const want = this.scaleFor(k, how);
      // Up to a step of 0.05 more than needed is kept: laying out again only to shrink text a
      // little could need the larger scale back (the narrower figure then fits larger).
      if (want <= this.textScale && want >= this.textScale - 0.1) break;
      // Once raised, not lowered again in this fit: larger text can hide the small 'a' marks of
      // narrow cells, whose return would ask for the larger scale once more.
      if (i > 0 && want < this.textScale) break;
      this.textScale = want;
      if (!this.layout()) return;
      // A new layout shows the whole drawing until it is placed again.
      if (i === 5) this.place(w, h, how);
    }
  }

  /**
   * The text scale at which the smallest text shown at figure scale `k` is MIN_TEXT_PX: the
   * planes' text where the key is shown apart from them (at its own scale), all text otherwise.
   */
  private scaleFor(k: number, how: Layout): number {
    const sc = this.scene!;
    const body = how === 'beside' && isPhone(this.fitted) ? this.crop?.body : undefined;
    const view = how === 'whole' ? undefined : body ?? this.crop?.planes;
    // The body shows no step counter (the frame's text above the planes).
    const frame = sc.frame(0).filter((p) => !body || p.type !== 'text' || p.y > body.planeTop);
    let smallest = Infinity;
    for (const p of [...sc.base, ...frame]) {
      if (p.type !== 'text' || (view && (p.y > view.y + view.h || p.y < view.y))) continue;
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
    if (this.linesShown !== parts.lines) {
      this.linesShown = parts.lines;
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

  /**
   * Sizes the <svg>s for the current layout; the figure's scale (for 'beside', the planes' scale,
   * or 0 where the key does not fit beside them).
   */
  private place(w: number, h: number, how: Layout): number {
    const sc = this.scene!;
    const whole = { x: 0, y: 0, w: sc.width, h: sc.height };
    // Found once per layout, and only where the key is shown apart (the frames it reads cost a little).
    // The step counter is widest on the last frame: both ends bound the planes' window.
    if (how !== 'whole' && this.crop === undefined) this.crop = classicCrop(sc, [...sc.frame(0), ...sc.frame(sc.frameCount - 1)]);
    const crop = how === 'whole' ? null : this.crop ?? null;
    // On a phone the key's box holds what is not in the stage's figure: all of the key (split), or
    // the parameter lines where the legend and the kernel are beside the planes.
    const phone = isPhone(this.fitted);
    this.keyEls.box.toggleAttribute('hidden', !phone || how === 'whole' || crop === null);
    if (how === 'beside') {
      const k = crop ? this.placeBeside(w, h, crop, phone) : 0;
      // What is not beside the planes stays under them: the lines, and the legend where only the kernel fits beside.
      if (k > 0 && phone) this.placeKey({ ...crop!.parts, legend: this.besideLegend ? null : crop!.parts.legend, kernel: null }, w);
      return k;
    }
    this.showBeside(null);
    const view = crop?.planes ?? whole;
    let k = Math.max(0.3, Math.min(w / view.w, h / view.h));
    // On a phone the planes span at least half the width even when the tour's prose leaves the
    // stage little height; above that they take the height the prose and the step's control leave
    // (stage-fit.ts), so the control stays on the first screen (tour steps 6 and 13, whose prose is
    // long, needed a scroll at 65 %). Their text stays legible at any of these sizes (fit() has the
    // renderer print it larger). A small figure grows to 0.8 at most.
    if (crop) k = Math.max(k, phonePlanesFloor(view, w));
    // Never wider than the stage (the 0.3 floor above could overflow a phone).
    k = Math.min(k, w / view.w);
    this.svg.setAttribute('viewBox', `${view.x} ${view.y} ${view.w} ${view.h}`);
    this.svg.style.width = `${Math.floor(view.w * k)}px`;
    this.svg.style.height = `${Math.floor(view.h * k)}px`;
    // The key's own width (its card's padding inside the stage's width), read once it is shown.
    if (crop) this.placeKey(crop.parts, this.keyEls.legend.parentElement?.clientWidth || w);
    // The scale on screen (the sizes above are whole pixels).
    return Math.floor(view.w * k) / view.w;
  }

  /**
   * The planes with the key at their right, each part at the scale that prints its smallest text
   * at SIDE_TEXT_PX: the parameter lines, the legend and the kernel in a column centred on the
   * planes, or, where that lets the planes be larger, the legend and the kernel beside them and
   * the parameter lines (the key's widest part) under them. The planes take the rest of the room,
   * unless that leaves them under SIDE_MIN_PLANES of the width (0).
   */
  private placeBeside(w: number, h: number, crop: NonNullable<ReturnType<typeof classicCrop>>, phone = false): number {
    // On a phone the planes without the figure's title: in the tour (the one place a phone shows
    // them beside the key) the card says what is drawn, and the title's lines, a third of the
    // planes' height at the text scale a phone needs, left the cells 9–16 px wide (review 40, tour
    // step 10: the `a` of the output padding dropped, its cells too narrow to hold it).
    const view = phone ? crop.body : crop.planes;
    // On a phone the legend and the kernel at the phone key's text size, the parameter lines
    // under the figure as text (placeKey), and the planes no smaller than a phone shows them.
    const textPx = phone ? KEY_TEXT_PX : SIDE_TEXT_PX;
    const gap = phone ? PHONE_SIDE_GAP : SIDE_GAP;
    const minPlanes = phone ? PHONE_MIN_PLANES : SIDE_MIN_PLANES;
    const sized = (ps: (Part | null)[]) => ps.filter((p): p is Part => p !== null).map((p) => ({ p, s: p.minText > 0 ? textPx / p.minText : 1 }));
    const width = (ps: { p: Part; s: number }[]) => Math.max(0, ...ps.map(({ p, s }) => p.w * s));
    const height = (ps: { p: Part; s: number }[]) => ps.reduce((sum, { p, s }) => sum + p.h * s, 0) + 8 * Math.max(0, ps.length - 1);
    const { linesBox, legend, kernel } = crop.parts;
    let best: { k: number; col: { p: Part; s: number }[]; under: { p: Part; s: number }[] } | null = null;
    // On a phone the first way that fits: the legend and the kernel, or, where the two leave the
    // planes too little width (the transposed steps' legend is wide), the kernel alone.
    const ways = phone ? [[sized([legend, kernel]), []], [sized([kernel]), []]] : [[sized([linesBox, legend, kernel]), []], [sized([legend, kernel]), sized([linesBox])]];
    for (const [col, under] of ways) {
      if (phone && best) break;
      const room = w - gap - width(col);
      const underH = under.length ? height(under) + 8 : 0;
      if (col.length === 0 || room < minPlanes * w || height(col) > h || width(under) > w) continue;
      let k = Math.min(room / view.w, (h - underH) / view.h);
      // As in the split layout (place()): at least half the width, when the prose leaves little height.
      if (phone) k = Math.min(room / view.w, Math.max(k, phonePlanesFloor(view, w)));
      if (!best || k > best.k) best = { k, col, under };
    }
    if (!best) return 0;
    const { k, col, under } = best;
    this.besideLegend = legend !== null && col.some(({ p }) => p === legend);
    const colH = height(col);
    const top = Math.max(view.h * k, colH);
    const W = Math.floor(Math.max(view.w * k + gap + width(col), width(under)));
    const H = Math.floor(top + (under.length ? height(under) + 8 : 0));
    this.svg.setAttribute('viewBox', `${view.x} ${view.y} ${W / k} ${H / k}`);
    this.svg.style.width = `${W}px`;
    this.svg.style.height = `${H}px`;
    const at: { p: Part; x: number; y: number; r: number }[] = [];
    const stack = (ps: { p: Part; s: number }[], x: number, y: number) => {
      for (const { p, s } of ps) {
        at.push({ p, x: view.x + x / k, y: view.y + y / k, r: s / k });
        y += p.h * s + 8;
      }
    };
    stack(col, view.w * k + gap, (top - colH) / 2);
    stack(under, 0, top + 8);
    this.showBeside(view, at, phone);
    return k;
  }

  /**
   * Shows the key's windows beside the planes (`at`: each part, where it goes and its scale, in
   * the figure's units) and clips the drawing to the planes' window `view`; null: the whole drawing.
   */
  private showBeside(view: { x: number; y: number; w: number; h: number } | null, at: { p: Part; x: number; y: number; r: number }[] = [], body = false): void {
    // The step counter comes or goes with the body: the frame is drawn again (fit() paints it).
    if (body !== this.bodyShown) {
      this.bodyShown = body;
      this.shown = -1;
    }
    if (!view) {
      this.planes.removeAttribute('clip-path');
      if (this.side.firstChild) this.side.replaceChildren();
      this.svg.setAttribute('data-layout', this.crop === undefined || this.keyEls.box.hidden ? 'whole' : 'split');
      return;
    }
    const clip = (id: string, b: { x: number; y: number; w: number; h: number }) => {
      const c = document.createElementNS(SVG_NS, 'clipPath');
      c.id = id;
      const r = document.createElementNS(SVG_NS, 'rect');
      for (const [k, v] of [['x', b.x], ['y', b.y], ['width', b.w], ['height', b.h]] as const) r.setAttribute(k, String(v));
      c.append(r);
      return c;
    };
    const defs = document.createElementNS(SVG_NS, 'defs');
    defs.append(clip('classic-clip-planes', view));
    const windows = at.map(({ p, x, y, r }, i) => {
      defs.append(clip(`classic-clip-${i}`, p));
      const g = document.createElementNS(SVG_NS, 'g');
      g.setAttribute('transform', `translate(${x} ${y}) scale(${r}) translate(${-p.x} ${-p.y})`);
      const inner = document.createElementNS(SVG_NS, 'g');
      inner.setAttribute('clip-path', `url(#classic-clip-${i})`);
      const use = document.createElementNS(SVG_NS, 'use');
      use.setAttribute('href', '#classic-base');
      inner.append(use);
      g.append(inner);
      return g;
    });
    this.side.replaceChildren(defs, ...windows);
    this.planes.setAttribute('clip-path', 'url(#classic-clip-planes)');
    this.svg.setAttribute('data-layout', 'beside');
  }
}
