/**
 * The classic figure on the stage: the slanted input and output planes of Dumoulin & Visin's GIFs,
 * exactly as the library's renderer draws them for `convkit animate` (src/render: `sceneOf` →
 * primitives → SVG). The page only places the renderer's primitives in an <svg> and swaps the
 * current frame's overlay; it draws nothing of its own.
 *
 * The background (planes, labels, legend) is parsed once per configuration; a step replaces only
 * the frame's few primitives (window, current output cell, the four lines).
 */
import { isConvError } from '../../src/geometry/errors.js';
import type { ConvError } from '../../src/geometry/errors.js';
import { FONT_FAMILY } from '../../src/render/font/family.js';
import { hex } from '../../src/render/palette.js';
import type { Scene as RenderScene } from '../../src/render/scene.js';
import { sceneOf } from '../../src/render/scene-of.js';
import { primToSvg } from '../../src/render/svg.js';
import type { Lang } from './state.js';
import type { Scene } from './scene.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Primitives (SVG text from the library's own writer) → nodes, without any HTML parsing. */
function nodesOf(svgText: string): Node[] {
  const doc = new DOMParser().parseFromString(`<svg xmlns="${SVG_NS}">${svgText}</svg>`, 'image/svg+xml');
  return Array.from(doc.documentElement.childNodes).map((n) => document.importNode(n, true));
}

export interface ClassicOptions {
  lang: Lang;
  colorBlind: boolean;
}

export class ClassicStage {
  private scene: RenderScene | null = null;
  private key = '';
  private readonly base: SVGGElement;
  private readonly overlay: SVGGElement;
  private shown = -1;
  /** Why the renderer refused the current configuration (too many cells), or null. */
  refusal: ConvError | null = null;

  constructor(readonly svg: SVGSVGElement, private readonly title: Element) {
    this.base = document.createElementNS(SVG_NS, 'g');
    this.overlay = document.createElementNS(SVG_NS, 'g');
    svg.append(this.base, this.overlay);
    svg.setAttribute('font-family', FONT_FAMILY);
  }

  /** Lays out the figure for a scene (once per configuration, language and palette). */
  draw(s: Scene, o: ClassicOptions): boolean {
    const key = `${JSON.stringify(s.state)}|${o.lang}|${o.colorBlind}`;
    if (key === this.key) return this.scene !== null;
    this.key = key;
    this.shown = -1;
    this.overlay.replaceChildren();
    try {
      this.scene = sceneOf(s.trace, {
        theme: 'classic',
        lang: o.lang,
        numeric: s.values !== null,
        palette: o.colorBlind ? 'colorblind' : 'default',
        values: s.values ? { input: s.values.x, weight: s.values.w } : undefined,
      });
      this.refusal = null;
    } catch (e) {
      if (!isConvError(e)) throw e;
      this.scene = null;
      this.refusal = e;
      this.base.replaceChildren();
      return false;
    }
    const sc = this.scene;
    this.svg.setAttribute('viewBox', `0 0 ${sc.width} ${sc.height}`);
    this.svg.setAttribute('data-width', String(sc.width));
    this.svg.setAttribute('data-height', String(sc.height));
    this.title.textContent = `${sc.title}. ${sc.description}`;
    const bg = `<rect width="${sc.width}" height="${sc.height}" fill="${hex(sc.background)}"/>`;
    this.base.replaceChildren(...nodesOf(bg + sc.base.map(primToSvg).join('')));
    return true;
  }

  get frames(): number {
    return this.scene?.frames.length ?? 0;
  }

  /** Shows one frame's overlay. */
  paint(frame: number): void {
    const sc = this.scene;
    if (!sc || frame === this.shown) return;
    this.shown = frame;
    const prims = sc.frames[Math.min(frame, sc.frames.length - 1)] ?? [];
    this.overlay.replaceChildren(...nodesOf(prims.map(primToSvg).join('')));
    this.svg.setAttribute('data-frame', String(frame));
  }

  /** Scales the figure to the largest size that fits `w` × `h` CSS pixels (aspect kept). */
  fit(w: number, h: number): void {
    const sc = this.scene;
    if (!sc) return;
    const k = Math.max(0.3, Math.min(w / sc.width, h / sc.height));
    this.svg.style.width = `${Math.floor(sc.width * k)}px`;
    this.svg.style.height = `${Math.floor(sc.height * k)}px`;
  }
}
