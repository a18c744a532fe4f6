/**
 * The numbers a picture of the library's renderer prints (the classic figure on the stage, the
 * classic and flat files of the Export tab): one home for what they are.
 *
 * The renderer draws one input channel and one output channel (its `channel` option) and takes the
 * values of that pair only: the input channel's plane and the pair's kernel slice. It prints the
 * reference engine's output of that input channel alone. The page gives it the pair it shows (the
 * output channel picked, the first input channel of its group: `channelSlice`) with the page's own
 * numbers, so the input and kernel printed are the grids'. Where the output channel reads one
 * input channel (one channel in, or one per group) the output printed is the grids' too; where it
 * reads several, the picture's output is that input channel's share of the grids' sum, and the
 * picture must say so (`outputShare`).
 */
import { t } from './i18n.js';
import type { Lang } from './state.js';
import { channelSlice } from './stage-scene.js';
import type { StageScene } from './stage-scene.js';

/** The renderer's `values`: the shown pair's input plane and kernel slice, or undefined without numbers. */
export function rendererValues(s: StageScene): { input: Float32Array; weight: Float32Array } | undefined {
  if (!s.values) return undefined;
  const sl = channelSlice(s);
  const [H, W] = s.geometry.axes;
  const taps = H.kernel * W.kernel;
  return { input: s.values.x.subarray(sl.x, sl.x + sl.inCells), weight: s.values.w.subarray(sl.w, sl.w + taps) };
}

/** Where a picture's printed output is one input channel's share of the page's sum. */
export interface OutputShare {
  /** The input channel drawn, whose share is printed. */
  ic: number;
  /** The output channel drawn. */
  oc: number;
  /** The input channels the output channel adds (of the drawn copy), first and last. */
  from: number;
  to: number;
}

/**
 * The share a numeric picture prints, or null where its output is the page's output itself (no
 * numbers, or an output channel that reads one input channel).
 */
export function outputShare(s: StageScene): OutputShare | null {
  if (!s.values) return null;
  const { ic, oc } = channelSlice(s);
  const feeds = s.trace.channels.feeds[oc];
  if (feeds.length < 2) return null;
  return { ic, oc, from: feeds[0], to: feeds[feeds.length - 1] };
}

/**
 * The lines a numeric file adds under its picture where it prints a share: what its outputs are, as
 * two short sums. A GIF or PNG prints them through the renderer's raster font, which holds ASCII,
 * a few symbols (Σ, –, full-width brackets) and the characters of the renderer's labels only, so
 * their Chinese is written with those characters (export-numbers35 checks each one).
 */
export function shareLines(share: OutputShare, lang: Lang): string[] {
  return [t(lang, 'shareFileDrawn', { ic: share.ic }), t(lang, 'shareFileSum', { oc: share.oc, from: share.from, to: share.to })];
}
