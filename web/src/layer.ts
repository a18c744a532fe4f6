/**
 * State → the library's geometry and trace. The page never decides what is valid: it asks the
 * library (the same explain-style options the CLI takes), and maps a refusal (a ConvError) to the
 * control that caused it, so the message can sit next to that control.
 */
import { isConvError } from '../../src/index.js';
import type { ConvError, ConvGeometry } from '../../src/index.js';
import { geometryFromOptions } from '../../src/trace/index.js';
import type { TraceSpecOptions } from '../../src/trace/index.js';
import { paddingOption } from './state.js';
import type { State } from './state.js';

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

export type LayerResult = { ok: true; geometry: ConvGeometry } | { ok: false; error: ConvError; control: string };

export function buildLayer(s: State): LayerResult {
  try {
    const r = geometryFromOptions(optionsOf(s));
    if (r.kind !== 'conv') throw new Error('unexpected pooling geometry');
    return { ok: true, geometry: r.geometry };
  } catch (e) {
    if (isConvError(e)) return { ok: false, error: e, control: controlFor(e, s) };
    throw e;
  }
}

/** Which control a refusal belongs to: by the error's stable code, and its axis where it names one. */
export function controlFor(e: ConvError, s: State): string {
  const ax = e.axis === 'W' ? 'w' : 'h';
  switch (e.code) {
    case 'KERNEL_TOO_LARGE':
    case 'KERNEL_SIZE':
      return `kernel-${ax}`;
    case 'STRIDE':
      return `stride-${ax}`;
    case 'DILATION':
      return `dilation-${ax}`;
    case 'SAME_STRIDED':
    case 'PADDING_STRING':
    case 'PADDING_MODE':
    case 'NEGATIVE_PADDING':
      return 'pad-mode';
    case 'OUTPUT_TOO_SMALL':
      if (s.padMode === 'number') return 'pad-hb';
      return `pad-${ax}b`;
    case 'OUTPUT_PADDING':
    case 'NEGATIVE_OUTPUT_PADDING':
      return `op-${ax}`;
    case 'OUTPUT_SIZE':
      return `target-${ax}`;
    case 'GROUPS':
    case 'CHANNELS':
      return 'groups';
    case 'EMPTY_INPUT':
      return `input-${ax}`;
    case 'TOO_LARGE':
      return 'input-h';
    default:
      return 'input-h';
  }
}
