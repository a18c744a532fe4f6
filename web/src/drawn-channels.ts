/**
 * How many channels a picture draws: one rule for the page's two limits.
 *
 * A layer keeps its real channels in the settings (the form takes up to 4096, a link too): the
 * Formula tab, the explanation, the Code tab and the link are the real layer's. The pictures — the
 * grids' example numbers, the classic figure, every-input-channel, the channel diagram, matrix C,
 * whose rows and columns grow with the channels — draw a copy with at most 16 input and 16 output
 * channels (BOUNDS.channels), its grouping kept as far as it goes, and say so in a note. The model
 * panel fits a model's layer to the form's own bounds with the same rule (model-layer.ts).
 */
import type { ConvGeometry } from '../../src/geometry/types.js';
import { t } from './i18n.js';
import { BOUNDS } from './state.js';
import type { Lang, State } from './state.js';

export interface Channels {
  inChannels: number;
  outChannels: number;
  groups: number;
}

/**
 * `c` with at most `maxChannels` input and output channels and `maxGroups` groups: the groups first
 * (as many as allowed), then the channels per group (as many of the layer's as fit). A valid layer
 * stays valid: the groups still divide both counts. Nothing here scales with the channel counts.
 */
export function fitChannels(c: Channels, maxChannels: number, maxGroups: number): Channels {
  const groups = Math.min(c.groups, maxGroups);
  const perIn = Math.max(1, Math.min(c.inChannels / c.groups, Math.floor(maxChannels / groups)));
  const perOut = Math.max(1, Math.min(c.outChannels / c.groups, Math.floor(maxChannels / groups)));
  return { inChannels: groups * perIn, outChannels: groups * perOut, groups };
}

/** The settings the pictures are drawn from: `s` itself, or a copy with the channels fitted to the figures. */
export function drawnState(s: State): State {
  const fit = fitChannels(s, BOUNDS.channels[1], BOUNDS.groups[1]);
  if (fit.inChannels === s.inChannels && fit.outChannels === s.outChannels && fit.groups === s.groups) return s;
  return { ...s, ...fit, channel: Math.min(s.channel, fit.outChannels - 1) };
}

/**
 * The note that says what the pictures show of `layer` when they draw `drawn`, a copy with fewer
 * channels ('' when they draw it whole), in `lang`: "Drawn with 16 of this layer's 64 input
 * channels and 16 of its 32 output channels …".
 */
export function channelsCutText(layer: ConvGeometry, drawn: ConvGeometry, lang: Lang): string {
  const parts: string[] = [];
  const part = (key: 'cutIn' | 'cutOut' | 'cutGroups', d: number, n: number) => {
    if (d !== n) parts.push(t(lang, key, { d, n }));
  };
  part('cutIn', drawn.inChannels, layer.inChannels);
  part('cutOut', drawn.outChannels, layer.outChannels);
  part('cutGroups', drawn.groups, layer.groups);
  if (parts.length === 0) return '';
  return t(lang, 'channelsCut', { parts: parts.join(t(lang, 'cutJoin')), max: BOUNDS.channels[1] });
}
