/**
 * The stage's "every input channel" figure (issue 10, item 6): for the output channel shown, each
 * input channel's plane with the step's window, the kernel slice that multiplies it, each
 * channel's share and their sum — the channel view drawn on the stage, its cells sized to the
 * stage's space (one size for planes and slices, so they compare at a glance). Under them, the
 * layer's output planes, one per output channel (output-strip.ts): picking one draws its own
 * kernel slices above. A layer with one input channel has nothing more to show: the grids are
 * shown instead.
 */
import { ChannelPlanes, NUMBER_CELL, PLANES_DRAWN } from './channel-planes.js';
import { OutputStrip, STRIP_BUTTON, STRIP_BUTTON_NARROW, STRIP_HEAD, STRIP_HEAD_NARROW } from './output-strip.js';
import type { Palette } from './palette.js';
import type { StageScene } from './stage-scene.js';
import type { Lang } from './state.js';

export class StageChannels {
  readonly element: HTMLElement;
  private readonly planes: ChannelPlanes;
  private scene: StageScene | null = null;
  private readonly strip: OutputStrip;
  private frame = 0;
  /** How many output planes the strip has room for (fit). */
  private room = 16;

  /** `pick` chooses the output channel shown (state.channel). */
  constructor(host: HTMLElement, private readonly look: () => { palette: Palette; lang: Lang }, pick: (oc: number) => void) {
    this.element = document.createElement('div');
    this.element.id = 'stage-channels';
    this.element.className = 'stage-channels';
    this.element.hidden = true;
    host.append(this.element);
    this.planes = new ChannelPlanes(this.element, null, 'stage-channel-planes', 16);
    this.strip = new OutputStrip(this.element, pick);
  }

  draw(s: StageScene): boolean {
    if (s.geometry.inChannels === 1) return false;
    this.scene = s;
    return true;
  }

  /** The largest cell (6–48 px) that fits every drawn channel in `w` × `h`, in one to three rows. */
  fit(w: number, h: number): void {
    const s = this.scene;
    if (!s) return;
    const [GH, GW] = s.trace.grid.shape;
    const [kH, kW] = [s.geometry.axes[0].kernel, s.geometry.axes[1].kernel];
    const n = Math.min(PLANES_DRAWN, s.trace.channels.feeds[Math.min(s.state.channel, s.geometry.outChannels - 1)].length);
    // Narrow: short captions and no visible title (the Figure menu names the figure).
    const compact = w < 560;
    this.planes.compact = compact;
    // Per channel: its plane or its captions, whichever is wider, with the "+" between channels
    // (~46 px with the gaps); in height the captions, "×" and the share (~84 px), and once the
    // title and the sum line.
    // On a phone the "+" between channels takes ~26 px rather than 46 (tutorial-views.css): the planes' digits were
    // 11 px there, three channels to a 390 px row.
    const capW = compact ? 72 : 120;
    const plus = compact ? 26 : 46;
    // The output planes under the sum: one row of them, two where one holds fewer than the layer
    // has (narrow: one row, small planes).
    const O = s.geometry.outChannels;
    this.strip.compact = compact;
    const stripRows = !compact && O > OutputStrip.capacity(w, 1) ? 2 : 1;
    this.room = OutputStrip.capacity(w, stripRows, compact);
    const strip = compact ? STRIP_HEAD_NARROW + STRIP_BUTTON_NARROW.h + 6 : STRIP_HEAD + stripRows * (STRIP_BUTTON.h + STRIP_BUTTON.gap) + 10;
    // Narrow, "×" sits beside the slice and the share beside its index (channel-planes.ts): the
    // captions take ~50 px a row rather than ~84, and the sum one short line (~28 px with its margins).
    const captions = compact ? 50 : 84;
    const fits = (cell: number, rows: number): boolean => {
      const cols = Math.ceil(n / rows);
      const width = cols * Math.max(Math.max(GW, kW) * cell + 2, capW) + (cols - 1) * plus;
      const height = (compact ? 28 : 90) + rows * ((GH + kH) * cell + captions) + strip;
      return width <= w && height <= h;
    };
    let best = 6;
    for (let cell = 48; cell > 6 && best === 6; cell--) {
      for (let rows = 1; rows <= Math.min(3, n); rows++) if (fits(cell, rows)) { best = cell; break; }
    }
    // A phone keeps the cells that print their numbers (NUMBER_CELL), which the shares under the
    // planes and the step's prose count on, even where the output planes' counting line above the
    // row leaves the estimate a few pixels short: the estimate is generous, and the step's control
    // stays on the first screen (review36-channels-pictures).
    this.planes.cellPx = Math.min(48, compact ? Math.max(best, NUMBER_CELL) : best);
    // The room it was given and the cell it chose, for tests.
    this.element.dataset.fit = `${Math.round(w)}x${Math.round(h)}:${this.planes.cellPx}`;
    this.paint(this.frame);
  }

  paint(frame: number): void {
    this.frame = frame;
    if (!this.scene) return;
    const { palette, lang } = this.look();
    this.planes.draw(this.scene, frame, palette, lang);
    const g = this.scene.geometry;
    this.strip.draw(this.scene, Math.min(this.scene.state.channel, g.outChannels - 1), frame, palette, lang, this.room);
  }
}
