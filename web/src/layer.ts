/**
 * State → the library's geometry and trace. The page never decides what is valid: it asks the
 * library (the same explain-style options the CLI takes), and maps a refusal (a ConvError) to the
 * control that caused it, so the message can sit next to that control.
 */
import { isConvError } from '../../src/geometry/errors.js';
import type { ConvError, ConvErrorCode } from '../../src/geometry/errors.js';
import type { ConvGeometry } from '../../src/geometry/types.js';
import { errorHeadline } from '../../src/i18n/errors.js';
import { resolveSpec } from '../../src/geometry/options.js';
import type { TraceSpecOptions } from '../../src/trace/index.js';
import { modelErrorTextZh, pageErrorText } from './error-text.js';
import { isLine, writtenAxes } from './line-layer.js';
import { paddingOption } from './state.js';
import type { Lang, State } from './state.js';

/** The options handed to the library, exactly as a caller of convkit would write them. */
export function optionsOf(s: State): TraceSpecOptions {
  const o: TraceSpecOptions = {
    input: s.input,
    kernel: s.kernel,
    stride: s.stride,
    dilation: s.dilation,
    padding: paddingOption(s),
    inChannels: s.inChannels,
    outChannels: s.outChannels,
    groups: s.groups,
  };
  if (s.transposed) {
    o.transposed = true;
    if (s.useTarget) o.outputSize = s.target;
    else o.outputPadding = s.outputPadding;
  }
  return o;
}

/**
 * The options of the layer as the texts write it: `optionsOf(s)`, or for a 1-D layer (`isLine`) the
 * W axis alone — what a caller of convkit would write for the reader's Conv1d.
 */
export function writtenOptions(s: State): TraceSpecOptions {
  const o = optionsOf(s);
  if (!isLine(s)) return o;
  const w = (pair: readonly [number, number]) => writtenAxes(s, pair);
  const padding = Array.isArray(o.padding) ? [o.padding[1]] : o.padding;
  const line: TraceSpecOptions = { ...o, input: w(s.input), kernel: w(s.kernel), stride: w(s.stride), dilation: w(s.dilation), padding };
  if (s.transposed) {
    if (s.useTarget) line.outputSize = w(s.target);
    else line.outputPadding = w(s.outputPadding);
  }
  return line;
}

/**
 * The layer as the texts write it: the 1-D layer of the W axis when `isLine`, else `drawn` (the
 * 2-D geometry the library built for the state). Both describe the same numbers: the 1-D layer's
 * output is the drawn row.
 */
export function writtenLayer(s: State, drawn: ConvGeometry): ConvGeometry {
  if (!isLine(s)) return drawn;
  const r = resolveSpec(writtenOptions(s));
  if (r.kind !== 'conv') throw new Error('unexpected pooling geometry');
  return r.geometry;
}

export type LayerResult = { ok: true; geometry: ConvGeometry } | { ok: false; error: ConvError; control: string };

/** `edited`: the control the reader just changed (a refusal about it is shown there). */
export function buildLayer(s: State, edited: string | null = null): LayerResult {
  try {
    const r = resolveSpec(optionsOf(s));
    if (r.kind !== 'conv') throw new Error('unexpected pooling geometry');
    return { ok: true, geometry: r.geometry };
  } catch (e) {
    if (isConvError(e)) return { ok: false, error: e, control: controlFor(e, s, edited) };
    throw e;
  }
}

/**
 * Which control a refusal belongs to: by the error's stable code, and its axis where it names one.
 * Every ConvError code is listed (the Record type makes a new code a type error until it is placed):
 * codes the page's own options cannot produce still point at a sensible control.
 */
const CONTROL_OF: Record<ConvErrorCode, (ax: 'h' | 'w', s: State) => string> = {
  KERNEL_TOO_LARGE: (ax) => `kernel-${ax}`,
  KERNEL_SIZE: (ax) => `kernel-${ax}`,
  STRIDE: (ax) => `stride-${ax}`,
  DILATION: (ax) => `dilation-${ax}`,
  SAME_STRIDED: () => 'pad-mode',
  PADDING_STRING: () => 'pad-mode',
  PADDING_MODE: () => 'pad-mode',
  NEGATIVE_PADDING: (ax, s) => padBox(ax, s),
  // Pooling padding beyond half the window (the page draws pooling layers as convs, but a
  // library change could route them here): the padding box of that axis.
  PADDING_TOO_LARGE: (ax, s) => padBox(ax, s),
  // Transposed: the crop (padding) leaves no output.
  OUTPUT_TOO_SMALL: (ax, s) => padBox(ax, s),
  OUTPUT_PADDING: (ax) => `op-${ax}`,
  NEGATIVE_OUTPUT_PADDING: (ax) => `op-${ax}`,
  OUTPUT_SIZE: (ax) => `target-${ax}`,
  GROUPS: () => 'groups',
  CHANNELS: () => 'in-ch',
  BIAS: () => 'out-ch',
  EMPTY_INPUT: (ax) => `input-${ax}`,
  TOO_LARGE: () => 'input-h',
  INPUT_RANK: () => 'input-h',
  WEIGHT_RANK: () => 'kernel-h',
  OPTION_LENGTH: () => 'input-h',
  INVALID_NUMBER: () => 'input-h',
  INVALID_OPTION: () => 'input-h',
  DATA_LENGTH: () => 'input-h',
  MODEL_FILE: () => 'input-h',
  MODEL_GRAPH: () => 'input-h',
};

/**
 * The padding box that holds this axis's value in the current padding type; with before/after
 * boxes, the larger of the two (the one that makes the output too small or the pad too large).
 */
function padBox(ax: 'h' | 'w', s: State): string {
  if (s.padMode === 'number') return 'pad-hb';
  if (s.padMode === 'same' || s.padMode === 'valid') return 'pad-mode';
  if (s.padMode === 'axis') return `pad-${ax}b`;
  const [before, after] = ax === 'h' ? [s.pad[0], s.pad[1]] : [s.pad[2], s.pad[3]];
  return after > before ? `pad-${ax}a` : `pad-${ax}b`;
}

/**
 * The other controls whose values a refusal is about (its axis's): the reader who just changed one
 * of them reads the message there, not under a field they did not touch (dilation 4 makes a 3-tap
 * kernel too large: the message goes under Dilation).
 */
const ALSO_ABOUT: Partial<Record<ConvErrorCode, (ax: 'h' | 'w', s: State) => string[]>> = {
  KERNEL_TOO_LARGE: (ax, s) => [`input-${ax}`, `dilation-${ax}`, ...padBoxes(ax, s)],
  OUTPUT_TOO_SMALL: (ax) => [`input-${ax}`, `kernel-${ax}`, `stride-${ax}`, `dilation-${ax}`],
  OUTPUT_PADDING: (ax) => [`stride-${ax}`, `dilation-${ax}`],
  SAME_STRIDED: (ax) => [`stride-${ax}`],
  GROUPS: () => ['in-ch', 'out-ch'],
};

/** The boxes that hold this axis's padding in the current padding type. */
const padBoxes = (ax: 'h' | 'w', s: State) => (s.padMode === 'number' ? ['pad-hb'] : [`pad-${ax}b`, `pad-${ax}a`]);

/** `edited`: the control the reader just changed, preferred when the refusal is about it. */
export function controlFor(e: ConvError, s: State, edited: string | null = null): string {
  const ax = e.axis === 'W' ? 'w' : 'h';
  if (edited && ALSO_ABOUT[e.code]?.(ax, s).includes(edited)) return edited;
  return (CONTROL_OF[e.code] ?? CONTROL_OF.INVALID_OPTION)(ax, s);
}

/**
 * The message shown for a refusal. A layer's refusal is said in the page's words, in its language,
 * from the code and values (error-text.ts), in every view that shows one; a model file's (a plain code + message from the worker, or a
 * MODEL_* code) keeps the Chinese headline before the library's detail, which names the file's
 * own fields. `axes`: as pageErrorText's ("H and W" for a layer the same on both axes, sameAxes).
 */
export function errorText(e: { code: string; message: string }, lang: Lang, axes: 'one' | 'both' = 'one'): string {
  if (isConvError(e) && !e.code.startsWith('MODEL_')) return pageErrorText(e, lang, axes);
  if (lang !== 'zh') return e.message;
  if (e.code === 'MODEL_FILE' || e.code === 'MODEL_GRAPH') return modelErrorTextZh(e);
  return `${errorHeadline('zh', e.code)}${e.code.startsWith('MODEL_') ? '。' : `：${e.message}`}`;
}
