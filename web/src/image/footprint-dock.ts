/**
 * On a wider screen, where the footprint of the output pixel pointed at (or picked with the arrow
 * keys) is, while its outline on the input picture is out of view: a transposed layer's output is
 * twice the input's size, so at 1280 × 800 it sits below the input, ~960 px tall, and a pixel near
 * its bottom reads input pixels a screen above, with the sentence and the enlargement above those.
 * The phone's docked bar answers this with the whole input small beside the enlargement
 * (where-map.ts); this panel shows the same three (map, enlargement, sentence) over the output's
 * top corner, on the side away from the picked pixel, fixed to the window while the output scrolls
 * by. Copies only: the page's own sentence stays the one live region (announced once), so the
 * panel is hidden from screen readers, and it lets the pointer through to the output.
 */
import { h } from '../dom.js';
import { setHidden, setText } from '../dom-write.js';

/** Screen pixels between the panel and the output's edges, and kept between it and the picked pixel. */
const INSET = 8;
const CLEAR = 24;
/** The panel's widest (CSS px): the two pictures and a sentence of ~4 lines. */
const MAX_W = 460;
/** Below this width the page is laid out for a phone (image.css), whose docked bar does this job. */
const PHONE = '(max-width: 720px)';

export interface DockScene {
  /** The input picture's canvas, its size in picture pixels, and the part of it read (picture pixels, inclusive). */
  input: HTMLCanvasElement;
  read: { top: number; left: number; bottom: number; right: number } | null;
  /** The output picture's canvas and the picked pixel on it. */
  output: HTMLCanvasElement;
  y: number;
  x: number;
}

export class FootprintDock {
  readonly root = h('div', { class: 'image-dock', 'data-image-dock': '', 'aria-hidden': 'true' });
  private readonly map = h('canvas', { class: 'dock-where', 'data-dock-where': '' });
  private readonly zoom = h('canvas', { class: 'dock-zoom' });
  private readonly label = h('span', { class: 'dock-label' });
  private readonly text = h('p', { class: 'dock-text', 'data-dock-text': '' });
  private readonly key = h('p', { class: 'dock-key' });
  /** The output corner it sits in: it moves to the other when the picked pixel comes under it. */
  private side: 'left' | 'right' = 'right';
  /** Its copies are of the last pick (false: redrawn when it next shows). */
  private fresh = false;
  /** The pointer is over the output; the output has the keyboard's focus (or was tapped) and keeps it. */
  private pointerOn = false;
  private focused = false;
  private frame = 0;

  constructor(
    /** The pictures and the pick now on screen, or null before the first output. */
    private readonly scene: () => DockScene | null,
    /** The originals the panel copies: the map of the whole input, the enlargement, the sentence and its key. */
    private readonly from: { where: HTMLCanvasElement; zoom: HTMLCanvasElement; said: HTMLElement; label: () => string },
  ) {
    this.root.hidden = true;
    const pics = h('div', { class: 'dock-pics' });
    const whereBox = h('div', { class: 'dock-where-box' });
    whereBox.append(this.map, this.label);
    pics.append(whereBox, this.zoom);
    const words = h('div', { class: 'dock-words' });
    words.append(this.text, this.key);
    this.root.append(pics, words);
  }

  /** Follows the output canvas's pointer and focus, and the window's scrolling and size. */
  bind(output: HTMLCanvasElement): void {
    output.addEventListener('pointerenter', (e) => {
      // A finger's tap is a pick, not a pointer resting on the picture (focus covers it).
      if (e.pointerType === 'touch') return;
      this.pointerOn = true;
      this.place();
    });
    output.addEventListener('pointerleave', () => {
      this.pointerOn = false;
      this.place();
    });
    // The keyboard's focus (a click focuses the output too, but then the pointer is the reader's
    // hand: a panel held after it left would cover the output for nothing), an arrow key, or a tap.
    output.addEventListener('focus', () => {
      this.focused = output.matches(':focus-visible');
      this.place();
    });
    output.addEventListener('keydown', (e) => {
      if (e.key.startsWith('Arrow')) this.focused = true;
    });
    output.addEventListener('pointerdown', (e) => {
      if (e.pointerType !== 'mouse') this.focused = true;
    });
    output.addEventListener('blur', () => {
      this.focused = false;
      this.place();
    });
    // Any scroller (the window, the pictures' panel sideways) moves the pictures under the panel.
    const later = () => {
      if (this.frame || !(this.pointerOn || this.focused)) return;
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.place();
      });
    };
    document.addEventListener('scroll', later, { passive: true, capture: true });
    addEventListener('resize', later);
  }

  /** A new pick (or language): the copies are redrawn now if the panel shows, or when it next does. */
  changed(): void {
    this.fresh = false;
    this.place();
  }

  /** Shows, places or hides the panel for the pictures and the pick on screen. */
  place(): void {
    const s = this.scene();
    const show = !!s && (this.pointerOn || this.focused) && !matchMedia(PHONE).matches && this.needed(s);
    if (!show || !s) {
      setHidden(this.root, true);
      return;
    }
    if (!this.fresh) this.copy();
    const out = s.output.getBoundingClientRect();
    // Narrow enough that one of its two corners is always clear of the pixel and the room around it.
    const w = `${Math.max(0, Math.min(MAX_W, Math.floor(out.width / 2 - INSET - CLEAR - 2)))}px`;
    if (this.root.style.width !== w) this.root.style.width = w;
    setHidden(this.root, false);
    // The picked pixel on screen, and the room kept around it.
    const py = out.top + ((s.y + 0.5) / s.output.height) * out.height;
    const px = out.left + ((s.x + 0.5) / s.output.width) * out.width;
    const at = (side: 'left' | 'right') => {
      const r = this.root.getBoundingClientRect();
      const top = Math.max(INSET, out.top + INSET);
      const left = side === 'left' ? Math.max(0, out.left) + INSET : Math.min(innerWidth, out.right) - INSET - r.width;
      return { top, left, right: left + r.width, bottom: top + r.height };
    };
    let p = at(this.side);
    const covers = (q: typeof p) => px > q.left - CLEAR && px < q.right + CLEAR && py > q.top - CLEAR && py < q.bottom + CLEAR;
    if (covers(p)) {
      const other = this.side === 'left' ? 'right' : 'left';
      const q = at(other);
      if (!covers(q)) {
        this.side = other;
        p = q;
      }
    }
    this.root.dataset.side = this.side;
    const top = `${Math.round(p.top)}px`;
    const left = `${Math.round(p.left)}px`;
    if (this.root.style.top !== top) this.root.style.top = top;
    if (this.root.style.left !== left) this.root.style.left = left;
  }

  /** Whether the outline of the part read (or, reading nothing, the input) lies out of the window, while the output is in it. */
  private needed(s: DockScene): boolean {
    const out = s.output.getBoundingClientRect();
    if (out.bottom <= 0 || out.top >= innerHeight || out.height === 0) return false;
    const r = s.input.getBoundingClientRect();
    if (r.height === 0) return false;
    const sy = r.height / s.input.height;
    const sx = r.width / s.input.width;
    const b = s.read ?? { top: 0, left: 0, bottom: s.input.height - 1, right: s.input.width - 1 };
    const top = r.top + b.top * sy;
    const bottom = r.top + (b.bottom + 1) * sy;
    const left = r.left + b.left * sx;
    const right = r.left + (b.right + 1) * sx;
    return top < 0 || bottom > innerHeight || left < 0 || right > innerWidth;
  }

  /** The originals, copied: the two pictures pixel for pixel, the sentence's and key's text. */
  private copy(): void {
    this.fresh = true;
    for (const [to, src] of [[this.map, this.from.where], [this.zoom, this.from.zoom]] as const) {
      if (to.width !== src.width) to.width = src.width;
      if (to.height !== src.height) to.height = src.height;
      const ctx = to.getContext('2d');
      if (!ctx) continue;
      ctx.clearRect(0, 0, to.width, to.height);
      if (src.width && src.height) ctx.drawImage(src, 0, 0);
    }
    this.map.dataset.frames = this.from.where.dataset.frames ?? '';
    // Its nodes, not only its text: the ranges the page keeps whole on a line (keep-together.ts) stay so.
    const said = this.from.said;
    if (this.text.textContent !== said.textContent) this.text.replaceChildren(...Array.from(said.childNodes, (n) => n.cloneNode(true)));
    setText(this.key, this.from.said.dataset.key ?? '');
    setText(this.label, this.from.label());
    const { y, x } = this.from.said.dataset;
    this.text.dataset.y = y ?? '';
    this.text.dataset.x = x ?? '';
  }
}
