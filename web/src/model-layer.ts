/**
 * A model layer (its geometry's numbers) → the playground's controls.
 *
 * Policy for layers beyond the controls' bounds (state.ts BOUNDS):
 * - the input size, and channel counts beyond the form's 4096, are **clamped**, with a visible
 *   note; channels within the form's bounds are kept (the pictures draw a copy with fewer and say
 *   so: drawn-channels.ts, the same rule). The kernel, stride, padding and dilation — what makes
 *   the layer what it is — stay exact, so every step shows the same window arithmetic as the real
 *   layer, on a smaller map;
 * - a kernel, stride, dilation, padding or output padding beyond the bounds is **refused** with a
 *   message naming the value: drawing another layer under this one's name would mislead.
 * 1-D layers are drawn as 1 × L and written as 1-D (line-layer.ts); 3-D layers are refused.
 */
import type { LayerAxis, LayerConfig } from './model-load.js';
import type { MessageKey } from './i18n.js';
import { fitChannels } from './drawn-channels.js';
import { BOUNDS, cloneState } from './state.js';
import type { PadMode, State } from './state.js';

export interface Note {
  key: MessageKey;
  vars: Record<string, string | number>;
}

export type LayerLoad = { ok: true; state: State; notes: Note[] } | { ok: false; reason: Note };

const pairText = (a: readonly number[]) => (a.every((x) => x === a[0]) ? String(a[0]) : a.join('×'));

export function stateFromLayer(cfg: LayerConfig, base: State): LayerLoad {
  if (cfg.rank > 2 || cfg.rank < 1) return { ok: false, reason: { key: 'modelRank', vars: { name: cfg.name, rank: cfg.rank } } };
  const one: LayerAxis = { input: 1, kernel: 1, stride: 1, dilation: 1, padding: [0, 0], outputPadding: 0, output: 1 };
  const axes = cfg.rank === 1 ? [one, cfg.axes[0]] : cfg.axes;
  const notes: Note[] = [];
  // That a 1-D layer is drawn as one row is said on the stage for every 1-D layer, a link's too
  // (stage-fit.ts, the line note), not here; its length by the input note below where the row is
  // shortened to the controls' 32.

  // `what` names a word of the library's picture labels (render.kernel, …), translated by the panel.
  const exact: [string, number[], readonly [number, number]][] = [
    ['kernel', axes.map((a) => a.kernel), BOUNDS.kernel],
    ['stride', axes.map((a) => a.stride), BOUNDS.stride],
    ['dilation', axes.map((a) => a.dilation), BOUNDS.dilation],
    ['padding', axes.flatMap((a) => a.padding), BOUNDS.pad],
    ['outputPadding', axes.map((a) => a.outputPadding), BOUNDS.outputPadding],
  ];
  for (const [what, values, [lo, hi]] of exact) {
    if (values.some((v) => v < lo || v > hi)) {
      return { ok: false, reason: { key: 'modelTooLarge', vars: { name: cfg.name, what, value: pairText(values), lo, hi } } };
    }
  }

  const s = cloneState(base);
  const [H, W] = axes;
  const input: [number, number] = [Math.min(H.input, BOUNDS.input[1]), Math.min(W.input, BOUNDS.input[1])];
  if (input[0] !== H.input || input[1] !== W.input) {
    // A 1-D layer's length alone, as the figure's captions and the Formula tab write it ("100", not "1×100").
    const size = (h: number, w: number) => (cfg.rank === 1 ? String(w) : `${h}×${w}`);
    notes.push({ key: 'modelClampedInput', vars: { from: size(H.input, W.input), to: size(input[0], input[1]) } });
  }
  s.input = input;
  s.kernel = [H.kernel, W.kernel];
  s.stride = [H.stride, W.stride];
  s.dilation = [H.dilation, W.dilation];
  s.pad = [...H.padding, ...W.padding];
  const symmetric = H.padding[0] === H.padding[1] && W.padding[0] === W.padding[1];
  const mode: PadMode = !symmetric ? 'asym' : H.padding[0] === W.padding[0] ? 'number' : 'axis';
  s.padMode = mode;
  s.transposed = cfg.kind === 'convTranspose';
  // Its texts write a 1-D layer as one (Conv1d), its pictures as the row it equals (line-layer.ts).
  s.line = cfg.rank === 1;
  s.outputPadding = [H.outputPadding, W.outputPadding];
  s.useTarget = false;

  // Channels: the form's bounds (a real layer's fit them; the pictures draw fewer, drawn-channels.ts),
  // by the one rule that keeps the grouping as far as it goes.
  const fit = fitChannels(cfg, BOUNDS.layerChannels[1], BOUNDS.layerGroups[1]);
  s.groups = fit.groups;
  s.inChannels = fit.inChannels;
  s.outChannels = fit.outChannels;
  if (s.inChannels !== cfg.inChannels || s.outChannels !== cfg.outChannels || s.groups !== cfg.groups) {
    notes.push({ key: 'modelClampedChannels', vars: { from: `${cfg.inChannels}→${cfg.outChannels}, g=${cfg.groups}`, to: `${s.inChannels}→${s.outChannels}, g=${s.groups}`, max: BOUNDS.layerChannels[1] } });
  }
  s.channel = 0;
  s.frame = 0;
  if (cfg.kind === 'pool') notes.push({ key: cfg.poolMode === 'avg' ? 'modelPoolAvg' : 'modelPoolMax', vars: {} });
  if (cfg.ceilMode) notes.push({ key: 'modelCeil', vars: { o: pairText(axes.map((a) => a.output)) } });
  return { ok: true, state: s, notes };
}
