/** The words of a picture: title, plane labels, parameter lines, built from the trace's numbers. */
import { gluedRuns } from '../../i18n/line-breaks.js';
import { label, type Lang } from '../labels.js';
import { textWidth } from '../raster/font.js';
import type { DrawnChannel, LayerChannels } from '../options.js';
import type { Trace } from '../../trace/types.js';

/** Per-axis values as the pictures write sizes: "3×3", or one number when every axis agrees. */
export function dims(values: readonly number[]): string {
  return values.join('×');
}

function perAxis(values: readonly number[]): string {
  return values.every((v) => v === values[0]) ? String(values[0]) : values.join('×');
}

function padText(before: readonly number[], after: readonly number[]): string {
  if (before.every((b, i) => b === after[i])) return perAxis(before);
  return before.map((b, i) => `(${b},${after[i]})`).join('×');
}

export function titleOf(tr: Trace, lang: Lang): string {
  if (tr.op === 'avgPool') return label(lang, 'avgPool');
  if (tr.op === 'maxPool') return label(lang, 'maxPool');
  return label(lang, tr.transposed ? 'transposed' : 'convolution');
}

/**
 * The parameter lines under the planes (one to three). `layer`: the channels of the layer the trace
 * is a copy of (the layerChannels option), given with the copy's as the ones drawn; `channel`: the
 * channel pair drawn (the channel option), named at the end of the channels line.
 */
export function paramLines(tr: Trace, lang: Lang, layer: LayerChannels | null = null, channel: DrawnChannel = { input: 0, output: 0 }): string[] {
  const L = (k: Parameters<typeof label>[1]) => label(lang, k);
  const ax = tr.axes;
  const sep = lang === 'zh' ? '，' : ' · ';
  const k = tr.op === 'maxPool' || tr.op === 'avgPool' ? L('window') : L('kernel');
  const parts = [
    `${k} ${dims(ax.map((a) => a.kernel))}`,
    `${L('stride')} ${perAxis(ax.map((a) => a.stride))}`,
    `${L('padding')} ${padText(ax.map((a) => a.padBefore), ax.map((a) => a.padAfter))}${tr.paddingMode !== 'zeros' ? L('paddingMode').replace('{mode}', L(tr.paddingMode)) : ''}`,
  ];
  if (tr.transposed) parts.push(`${L('outputPadding')} ${perAxis(ax.map((a) => a.outputPadding))}`);
  if (ax.some((a) => a.dilation !== 1) || tr.op === 'conv' || tr.op === 'convTranspose') parts.push(`${L('dilation')} ${perAxis(ax.map((a) => a.dilation))}`);
  const lines = [parts.join(sep)];
  if (tr.transposed && tr.view === 'direct') {
    // The paper's primed quantities of the equivalent direct convolution (relationship 14), split
    // as the geometry stores it: p′ on each side, then the layer's output padding a at the end.
    lines.push(
      `ĩ′ = ${dims(ax.map((a) => a.dilatedInput))}` + sep +
      `p′ = ${padText(ax.map((a) => a.pPrime[0]), ax.map((a) => a.pPrime[1]))}` + sep +
      `a = ${perAxis(ax.map((a) => a.outputPadding))}` + sep + `s′ = 1`,
    );
  }
  const line = channelsLine(tr.channels, layer, channel, lang);
  if (line) lines.push(line);
  return lines;
}

/**
 * The key line of the channels ('' for one channel in and out): the drawn trace's, or with `layer`
 * the layer's counts and, where they differ, the drawn copy's beside them; then the channel pair
 * the picture draws.
 */
function channelsLine(drawn: LayerChannels, layer: LayerChannels | null, channel: DrawnChannel, lang: Lang): string {
  const c = layer ?? drawn;
  if (c.inChannels === 1 && c.outChannels === 1) return '';
  const which = channel.input === channel.output
    ? label(lang, 'channelDrawn', { c: channel.input })
    : label(lang, 'channelPairDrawn', { ci: channel.input, co: channel.output });
  const same = c.inChannels === drawn.inChannels && c.outChannels === drawn.outChannels && c.groups === drawn.groups;
  if (same) return label(lang, 'channels', { in: c.inChannels, out: c.outChannels, groups: c.groups, drawn: which });
  const groups = c.groups === drawn.groups ? String(c.groups) : label(lang, 'groupsDrawn', { n: c.groups, d: drawn.groups });
  return label(lang, 'channelsOfLayer', { in: c.inChannels, out: c.outChannels, dIn: drawn.inChannels, dOut: drawn.outChannels, groups, drawn: which });
}

/** Closing punctuation, which never starts a line. */
const CLOSING = /^[，。、：；！？）」』》]$/;
const CJK = /[\u3000-\u9fff\uff00-\uffef]/;
/** A CJK character, or a word, each with the space before it; or a space that ends a run. */
const PIECES = /\s*[\u3000-\u9fff\uff00-\uffef]|\s*[^\s\u3000-\u9fff\uff00-\uffef]+|\s+/g;

/**
 * `text` broken into lines no wider than `maxW` at `size` (a single word wider than that keeps its
 * own line): between words, and between Chinese characters, which have no spaces between them,
 * never inside a run the page's prose holds too (gluedRuns: a glossary term such as 步长, a size, a
 * text's end; a phone's tour broke the transposed figure's subtitle as "…做步 / 长为 1 的卷积").
 * Words are balanced: as many lines as the width needs, each as short as that count allows, so
 * two lines break near the middle of the sentence ("drawn as a stride-1 convolution / over the
 * zero-inserted input") rather than leave the last words alone on the second line. Chinese is
 * set as Chinese is typeset, each line filled to the width, never starting with closing
 * punctuation.
 */
export function wrapLine(text: string, size: number, maxW: number): string[] {
  if (textWidth(text, size) <= maxW) return [text];
  // Pieces: each run gluedRuns holds, and PIECES in the rest; closing punctuation joins the piece
  // before it, and a space the piece after it.
  const pieces: string[] = [];
  for (const run of gluedRuns(text)) {
    for (const p of run.keep ? [run.text] : run.text.match(PIECES) ?? []) {
      const last = pieces.length - 1;
      if (last >= 0 && (CLOSING.test(p) || /^\s+$/.test(pieces[last]))) pieces[last] += p;
      else pieces.push(p);
    }
  }
  const fill = (w: number): string[] => {
    const lines: string[] = [];
    let line = '';
    for (const p of pieces) {
      const next = line + p;
      if (line !== '' && textWidth(next, size) > w) {
        lines.push(line);
        line = p.trimStart();
      } else line = next;
    }
    if (line !== '') lines.push(line);
    return lines;
  };
  const greedy = fill(maxW);
  if (CJK.test(text)) return greedy;
  // The narrowest width that needs no more lines than maxW does (bisection to a tenth of a pixel).
  let lo = Math.max(...pieces.map((p) => textWidth(p.trimStart(), size)));
  let hi = maxW;
  if (lo >= hi) return greedy;
  while (hi - lo > 0.1) {
    const mid = (lo + hi) / 2;
    if (fill(mid).length <= greedy.length) hi = mid;
    else lo = mid;
  }
  return fill(hi);
}
