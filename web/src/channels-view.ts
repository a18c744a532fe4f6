/**
 * The stacked-channel view: input channels on the left, output channels on the right, a line from
 * every input channel to every output channel that reads it (the trace's `channels.feeds`),
 * coloured by group — so groups and depthwise convolutions show as separate bundles.
 */
import type { TraceChannels } from '../../src/trace/index.js';
import type { Palette } from './palette.js';
import { el } from './dom.js';

const GROUP_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#7a5195', '#999933'];

/**
 * `layer`: the layer as set, when the diagram draws a copy with fewer channels (drawn-channels.ts):
 * a last box under each column says how many of the layer's channels are not drawn.
 */
export function drawChannels(svg: SVGSVGElement, ch: TraceChannels, p: Palette, labels: { input: string; output: string }, focusOut: number | null, layer?: { inChannels: number; outChannels: number }): void {
  const rowH = 22;
  const moreIn = layer ? layer.inChannels - ch.inChannels : 0;
  const moreOut = layer ? layer.outChannels - ch.outChannels : 0;
  const n = Math.max(ch.inChannels, ch.outChannels) + (moreIn > 0 || moreOut > 0 ? 1 : 0);
  const h = n * rowH + 30;
  const w = 300;
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  svg.setAttribute('width', String(w));
  svg.setAttribute('height', String(h));
  const frag = document.createDocumentFragment();
  frag.append(el('rect', { x: 0, y: 0, width: w, height: h, fill: p.background }));
  const yIn = (i: number) => 24 + i * rowH + ((n - ch.inChannels) * rowH) / 2;
  const yOut = (i: number) => 24 + i * rowH + ((n - ch.outChannels) * rowH) / 2;
  const head = (x: number, text: string) => {
    const t = el('text', { x, y: 14, 'font-size': 12, 'text-anchor': 'middle', fill: p.text, 'font-family': 'system-ui, sans-serif' });
    t.textContent = text;
    return t;
  };
  frag.append(head(50, labels.input), head(250, labels.output));
  ch.feeds.forEach((ins, oc) => {
    const group = Math.floor(oc / ch.outPerGroup);
    const colour = GROUP_COLOURS[group % GROUP_COLOURS.length];
    for (const ic of ins) {
      const dim = focusOut !== null && focusOut !== oc;
      frag.append(el('line', { x1: 78, y1: yIn(ic) + 8, x2: 222, y2: yOut(oc) + 8, stroke: colour, 'stroke-width': dim ? 1 : 2, 'stroke-opacity': dim ? 0.25 : 0.9 }));
    }
  });
  const box = (x: number, y: number, text: string, colour: string, dashed = false) => {
    frag.append(el('rect', { x, y, width: 56, height: 16, rx: 3, fill: p.background, stroke: colour, 'stroke-width': 2, ...(dashed ? { 'stroke-dasharray': '3 2' } : {}) }));
    const t = el('text', { x: x + 28, y: y + 12, 'font-size': 11, 'text-anchor': 'middle', fill: p.text, 'font-family': 'system-ui, sans-serif' });
    t.textContent = text;
    frag.append(t);
  };
  // Short box names in the page's language (set on <html> before anything is drawn).
  const zh = document.documentElement.lang.startsWith('zh');
  const [inName, outName] = zh ? ['输入', '输出'] : ['in', 'out'];
  for (let ic = 0; ic < ch.inChannels; ic++) box(22, yIn(ic), `${inName} ${ic}`, GROUP_COLOURS[Math.floor(ic / ch.inPerGroup) % GROUP_COLOURS.length]);
  for (let oc = 0; oc < ch.outChannels; oc++) box(222, yOut(oc), `${outName} ${oc}`, GROUP_COLOURS[Math.floor(oc / ch.outPerGroup) % GROUP_COLOURS.length]);
  // The layer's channels the copy leaves out: one dashed box under each column, with their count
  // (the note under the diagram says it in words).
  if (moreIn > 0) box(22, yIn(ch.inChannels), `+${moreIn}`, p.line, true);
  if (moreOut > 0) box(222, yOut(ch.outChannels), `+${moreOut}`, p.line, true);
  svg.replaceChildren(frag);
}
