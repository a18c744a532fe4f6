/**
 * The classic figure's text as the stage shows it, for the tests of its legibility
 * (figure-text, key-text54).
 */
import type { Page } from 'playwright-core';

/**
 * Each text the figure shows and its size in CSS pixels: the base's and the overlay's texts where
 * the <svg> shows them (inside its viewBox, and inside the planes' clip where the key is shown
 * apart), and the base's texts again as each window onto it (a <use> in a clipped, scaled <g>)
 * shows them. A text none of these shows is listed with size 0, so nothing can pass by hiding.
 * `inKey`: its largest size is a window's (the key beside the planes).
 */
export async function shownText(page: Page): Promise<{ text: string; px: number; inKey: boolean }[]> {
  return page.evaluate(() => {
    const svg = document.querySelector<SVGSVGElement>('#svg-classic')!;
    const vb = svg.viewBox.baseVal;
    const rectOf = (r: SVGRectElement | null) => (r ? { x: r.x.baseVal.value, y: r.y.baseVal.value, w: r.width.baseVal.value, h: r.height.baseVal.value } : null);
    const inside = (b: DOMRect, r: { x: number; y: number; w: number; h: number }) => {
      const cx = b.x + b.width / 2, cy = b.y + b.height / 2;
      return cx >= r.x && cx <= r.x + r.w && cy >= r.y && cy <= r.y + r.h;
    };
    const planesClip = rectOf(svg.querySelector<SVGRectElement>('#classic-clip-planes rect'));
    const view = planesClip ?? { x: vb.x, y: vb.y, w: vb.width, h: vb.height };
    const scale = svg.getScreenCTM()!.a;
    const texts = Array.from(svg.querySelectorAll<SVGTextElement>('text'));
    const seen = new Map<SVGTextElement, number>();
    const keyed = new Set<SVGTextElement>();
    const see = (t: SVGTextElement, px: number, key = false) => {
      if (px <= (seen.get(t) ?? 0)) return;
      seen.set(t, px);
      if (key) keyed.add(t);
      else keyed.delete(t);
    };
    for (const t of texts) if (inside(t.getBBox(), view)) see(t, Number(t.getAttribute('font-size')) * scale);
    // The key's windows beside the planes: the <use> of the base, clipped to one part.
    for (const use of Array.from(svg.querySelectorAll<SVGUseElement>('use'))) {
      const g = use.parentElement as unknown as SVGGElement;
      const id = /url\(#([^)]+)\)/.exec(g.getAttribute('clip-path') ?? '')?.[1];
      const clip = rectOf(id ? svg.querySelector<SVGRectElement>(`#${id} rect`) : null);
      if (!clip) continue;
      const k = g.getScreenCTM()!.a;
      for (const t of texts) if (t.closest('#classic-base') && inside(t.getBBox(), clip)) see(t, Number(t.getAttribute('font-size')) * k, true);
    }
    return texts.map((t) => ({ text: t.textContent ?? '', px: seen.get(t) ?? 0, inKey: keyed.has(t) }));
  });
}
