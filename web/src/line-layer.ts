/**
 * A 1-D layer (PyTorch's Conv1d / ConvTranspose1d: input [N, C, L]) on a page whose controls and
 * pictures are 2-D. The pictures draw it as the 2-D layer it equals, a single row (1 × L: its H
 * axis has one cell, a 1-tap kernel, stride and dilation 1, no padding), and the texts that name
 * the layer — the Formula tab's explanation, the Code tab's snippets, the guide's notation — write
 * the 1-D layer itself, whose geometry the library builds from the W axis alone (layer.ts
 * `writtenLayer`).
 *
 * The layer is 1-D while `state.line` is set (a model's 1-D layer, or a link with `r=1`) and its H
 * axis stays that single row; a change that gives H a second cell makes it a 2-D layer
 * (store.ts clears the flag).
 */
import type { State } from './state.js';

/** The H axis is the single row a 1-D layer is drawn as. */
export function hasSingleRow(s: State): boolean {
  const [top, bottom] = s.pad;
  const unpadded = s.padMode === 'same' || s.padMode === 'valid' || (top === 0 && bottom === 0);
  const rowOut = !s.transposed || (s.useTarget ? s.target[0] === 1 : s.outputPadding[0] === 0);
  return s.input[0] === 1 && s.kernel[0] === 1 && s.stride[0] === 1 && s.dilation[0] === 1 && unpadded && rowOut;
}

/** Whether the page writes the layer as a 1-D one. */
export function isLine(s: State): boolean {
  return s.line && hasSingleRow(s);
}

/** A setting's values on the axes the texts write: both (H, W), or a 1-D layer's W alone. */
export function writtenAxes<T>(s: State, pair: readonly [T, T]): T[] {
  return isLine(s) ? [pair[1]] : [...pair];
}

/** A size as the texts write it: both axes ("3×9"), or a 1-D layer's length alone ("9"), as the Formula tab does. */
export function sizeText(s: State, pair: readonly [number, number]): string {
  return writtenAxes(s, pair).join('×');
}

/** A cell's or weight's coordinates as the texts write them: "0,3", or a 1-D layer's one index "3". */
export function cellText(s: State, c: readonly number[]): string {
  return isLine(s) ? String(c[1]) : c.join(',');
}

/**
 * A weight's name in a 1-D layer, from the name of the drawn row's (2-D) weight the library gives
 * (src/matrix/label.ts weightLabel): the row's index is always 0 and is dropped, "w₀₂" → "w₂",
 * "w[1,0]₀₂" → "w[1,0]₂", "w₀,₁₂" (a kernel wider than 10) → "w₁₂", each name of a sum
 * "w₀₀+w₀₂" → "w₀+w₂". The library names the matrix's entries from the geometry it is given, which
 * is the drawn one; the page renames them rather than building a 1-D matrix of other rows.
 */
export function lineWeightName(name: string): string {
  return name.replace(/(w(?:\[\d+,\d+\])?)₀,?/g, '$1');
}

/**
 * A text of the classic figure (the library's drawing of the row) as the 1-D layer's: each H × W
 * pair written as its W alone, "input 1×9" → "input 9", "stride 1×2" → "stride 2", "p′ = 0×3" →
 * "p′ = 3" (the row's H values are 1 or 0: one cell, one tap, stride and dilation 1, no padding or
 * output padding), and the weights named as lineWeightName names them.
 */
export function lineFigureText(text: string): string {
  return lineWeightName(text.replace(/(?<![\d.])[01]×(\d+)/g, '$1'));
}
