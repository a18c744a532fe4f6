/**
 * The stage's "stacked layers" figure (tour step 12, stacking rates and gridding): one output of
 * three stacked 3×3-style layers and the input cells it reads, for the layer's rate repeated
 * (d, d, d) beside rates 1, 2, 5. Which cells are read is the library's exact receptive field
 * (`receptiveField` over a network of the three layers); the 2-D pattern is the product of the two
 * axes' patterns, since every layer is separable in its cells. Read cells are filled, the holes —
 * the gridding pattern — are left empty, and the cell at the output's own position is outlined; the
 * key under the cells names all three (review R4: the outline had no entry).
 */
import { el } from './dom.js';
import { t } from './i18n.js';
import { phraseNodes, plainText } from './keep-together.js';
import { listText } from './list-text.js';
import { stackReach } from './stack-reach.js';
import type { Palette } from './palette.js';
import type { StageScene } from './stage-scene.js';
import type { Lang } from './state.js';

export class StackFigure {
  readonly element: HTMLElement;
  private readonly svg: SVGSVGElement;
  /** The panels' words, as page text above the cells: scaled with the cells they came out at 7 px on a phone. */
  private readonly captions: HTMLElement;
  /** The figure's key, as page text under the cells (the grids' legend is not shown with this figure). */
  private readonly key: HTMLUListElement;
  private size = { w: 1, h: 1 };

  constructor(host: HTMLElement, private readonly look: () => { palette: Palette; lang: Lang }) {
    this.element = document.createElement('figure');
    this.element.id = 'stack-figure';
    this.element.className = 'stack-figure';
    this.element.hidden = true;
    this.svg = el('svg', { role: 'img' });
    // The svg's label says the same for screen readers.
    this.captions = document.createElement('div');
    this.captions.className = 'stack-captions';
    this.captions.setAttribute('aria-hidden', 'true');
    this.key = document.createElement('ul');
    this.key.className = 'legend stack-key';
    this.element.append(this.captions, this.svg, this.key);
    host.append(this.element);
  }

  draw(s: StageScene): boolean {
    const { palette: p, lang } = this.look();
    const [H] = s.geometry.axes;
    const d = Math.max(1, H.dilation);
    const k = H.kernel;
    const sets = [[d, d, d], [1, 2, 5]];
    const reach = sets.map((r) => stackReach(r, k));
    const cell = Math.max(6, Math.min(24, Math.floor(360 / Math.max(...reach.map((x) => x.span)))));
    const gap = 48;
    const top = 4;
    let x = 10;
    const frag = document.createDocumentFragment();
    const labels: string[] = [];
    const columns: { x: number; w: number; lines: string[] }[] = [];
    reach.forEach((r, i) => {
      const holes = new Set(r.holes);
      const side = r.span * cell;
      const title = t(lang, 'stackRates', { r: listText(sets[i], lang) });
      // Counts of 1 said as one: a single cell reached, a single row and column unread.
      const note = r.span === 1 ? t(lang, 'stackReachOne') : t(lang, 'stackReach', { span: r.span });
      const holesNote = r.holes.length > 1 ? t(lang, 'stackHoles', { holes: r.holes.length })
        : r.holes.length === 1 ? t(lang, 'stackHole')
        : r.span === 1 ? t(lang, 'stackOneTap') : t(lang, 'stackNoHoles');
      // Chinese punctuation in the Chinese label: a screen reader's pauses follow it.
      labels.push(plainText(lang === 'zh' ? `${title}：${note}，${holesNote}` : `${title}: ${note}, ${holesNote}`));
      columns.push({ x, w: Math.max(side, 240), lines: [title, note, holesNote] });
      const read: string[] = [];
      const empty: string[] = [];
      for (let a = 0; a < r.span; a++) {
        for (let b = 0; b < r.span; b++) {
          const dPath = `M${x + b * cell} ${top + a * cell}h${cell}v${cell}h${-cell}z`;
          (holes.has(a) || holes.has(b) ? empty : read).push(dPath);
        }
      }
      frag.append(el('path', { d: empty.join(''), fill: p.background, stroke: p.line, 'stroke-opacity': 0.35, 'stroke-width': 0.75 }));
      frag.append(el('path', { d: read.join(''), fill: p.input, stroke: p.line, 'stroke-width': 0.75, 'data-read': '' }));
      // The output's own position: the centre of what it reads.
      const c = Math.floor(r.span / 2);
      frag.append(el('rect', { x: x + c * cell, y: top + c * cell, width: cell, height: cell, fill: 'none', stroke: p.current, 'stroke-width': 3 }));
      x += Math.max(side, 240) + gap;
    });
    const w = x - gap + 10;
    const h = top + Math.max(...reach.map((r) => r.span)) * cell + 10;
    this.size = { w, h };
    // Each panel's words over its cells, placed as the panels are (percentages of the figure's width).
    this.captions.replaceChildren(...columns.map((c, i) => {
      const col = document.createElement('div');
      col.className = 'stack-caption';
      // Each column runs from its panel's left edge to the next panel's (or the figure's end).
      const end = i + 1 < columns.length ? columns[i + 1].x - 8 : w;
      col.style.marginLeft = i === 0 ? `${(100 * c.x) / w}%` : '8px';
      // Less the 8 px gap before it: the gap is in screen pixels, the share in figure units, and
      // on a phone the last column's words ran 4 px past the figure's edge and were cut.
      col.style.width = i === 0 ? `${(100 * (end - c.x)) / w}%` : `calc(${(100 * (end - c.x)) / w}% - 8px)`;
      // Each line breaks between its phrases (keep-together.ts): the column is narrow on a phone.
      c.lines.forEach((line, j) => {
        const e = document.createElement(j === 0 ? 'strong' : 'span');
        e.append(...phraseNodes(line));
        col.append(e);
      });
      col.dataset.panel = String(i);
      return col;
    }));
    this.svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
    this.svg.setAttribute('aria-label', lang === 'zh' ? `${labels.join('。')}。` : labels.join('. '));
    this.svg.setAttribute('data-spans', reach.map((r) => r.span).join(','));
    this.svg.setAttribute('data-holes', reach.map((r) => r.holes.length).join(','));
    this.svg.replaceChildren(frag);
    this.key.setAttribute('aria-label', t(lang, 'legend'));
    // The swatches drawn as the cells are: filled, empty (faint edge), and the outline alone.
    const entries: [Record<string, string | number>, 'stackKeyRead' | 'stackKeyHole' | 'stackKeyOutput'][] = [
      [{ fill: p.input, stroke: p.line, 'stroke-width': 0.75 }, 'stackKeyRead'],
      [{ fill: p.background, stroke: p.line, 'stroke-opacity': 0.35, 'stroke-width': 0.75 }, 'stackKeyHole'],
      [{ fill: 'none', stroke: p.current, 'stroke-width': 2.5 }, 'stackKeyOutput'],
    ];
    this.key.replaceChildren(...entries.map(([look, words]) => {
      const li = document.createElement('li');
      const sw = el('svg', { width: 14, height: 14, 'aria-hidden': 'true' });
      sw.append(el('rect', { x: 1.5, y: 1.5, width: 11, height: 11, ...look }));
      const span = document.createElement('span');
      span.textContent = t(lang, words);
      li.append(sw, span);
      return li;
    }));
    return true;
  }

  fit(w: number, h: number): void {
    // The words' height at the width they will get (measured: it depends on the font and language).
    this.captions.style.width = `${Math.floor(w)}px`;
    const capH = this.captions.offsetHeight;
    this.key.style.width = `${Math.floor(w)}px`;
    const keyH = this.key.offsetHeight + 16;
    const k = Math.max(0.3, Math.min(w / this.size.w, (h - capH - keyH - 6) / this.size.h));
    const width = Math.floor(this.size.w * k);
    this.svg.style.width = `${width}px`;
    this.svg.style.height = `${Math.floor(this.size.h * k)}px`;
    this.captions.style.width = `${width}px`;
    this.key.style.width = '';
  }

  paint(): void {
    /* One picture for the whole layer: nothing moves with the step. */
  }
}
