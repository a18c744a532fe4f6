/**
 * The stage's "every input channel" figure (issue 10, item 6): for the output channel shown, each
 * input channel's plane with the step's window, the kernel slice that multiplies it, each
 * channel's share and their sum — the channel view drawn on the stage, its cells sized to the
 * stage's space (one size for planes and slices, so they compare at a glance). A layer with one
 * input channel has nothing more to show: the grids are shown instead.
 */
import { ChannelPlanes, PLANES_DRAWN } from './channel-planes.js';
import type { Palette } from './palette.js';
import type { StageScene } from './stage-scene.js';
import type { Lang } from './state.js';

export class StageChannels {
  readonly element: HTMLElement;
  private readonly planes: ChannelPlanes;
  private scene: StageScene | null = null;
  private frame = 0;

  constructor(host: HTMLElement, private readonly look: () => { palette: Palette; lang: Lang }) {
    this.element = document.createElement('div');
    this.element.id = 'stage-channels';
    this.element.className = 'stage-channels';
    this.element.hidden = true;
    host.append(this.element);
    this.planes = new ChannelPlanes(this.element, null, 'stage-channel-planes', 16);
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
    const capW = compact ? 80 : 120;
    const fits = (cell: number, rows: number): boolean => {
      const cols = Math.ceil(n / rows);
      const width = cols * Math.max(Math.max(GW, kW) * cell + 2, capW) + (cols - 1) * 46;
      const height = (compact ? 56 : 90) + rows * ((GH + kH) * cell + 84);
      return width <= w && height <= h;
    };
    let best = 6;
    for (let cell = 48; cell > 6 && best === 6; cell--) {
      for (let rows = 1; rows <= Math.min(3, n); rows++) if (fits(cell, rows)) { best = cell; break; }
    }
    this.planes.cellPx = Math.min(48, best);
    this.paint(this.frame);
  }

  paint(frame: number): void {
    this.frame = frame;
    if (!this.scene) return;
    const { palette, lang } = this.look();
    this.planes.draw(this.scene, frame, palette, lang);
  }
}
