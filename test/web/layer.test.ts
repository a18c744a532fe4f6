/**
 * The refusals the playground's controls can actually produce (found by the library on real
 * states), each placed next to the control that caused it, on the right axis and padding box.
 */
import { describe, expect, it } from 'vitest';
import { buildLayer } from '../../web/src/layer.js';
import { defaultState } from '../../web/src/state.js';
import type { State } from '../../web/src/state.js';

const cases: [string, Partial<State>, string, string][] = [
  ['kernel larger than the padded input (H)', { input: [1, 5], kernel: [9, 3], pad: [0, 0, 0, 0] }, 'KERNEL_TOO_LARGE', 'kernel-h'],
  ['kernel larger than the padded input (W)', { input: [5, 2], kernel: [3, 5], dilation: [1, 2], pad: [0, 0, 0, 0] }, 'KERNEL_TOO_LARGE', 'kernel-w'],
  ["'same' with a stride on W", { padMode: 'same', stride: [1, 2] }, 'SAME_STRIDED', 'pad-mode'],
  ['groups not dividing the channels', { inChannels: 3, groups: 2 }, 'GROUPS', 'groups'],
  ['output padding ≥ stride and dilation (H)', { transposed: true, outputPadding: [3, 0] }, 'OUTPUT_PADDING', 'op-h'],
  ['output padding ≥ stride and dilation (W)', { transposed: true, stride: [2, 1], outputPadding: [0, 1] }, 'OUTPUT_PADDING', 'op-w'],
  ['transposed crop leaves nothing (one number)', { transposed: true, input: [2, 2], pad: [9, 9, 9, 9] }, 'OUTPUT_TOO_SMALL', 'pad-hb'],
  ['transposed crop leaves nothing (after, H)', { transposed: true, input: [2, 2], padMode: 'asym', pad: [0, 9, 0, 0] }, 'OUTPUT_TOO_SMALL', 'pad-ha'],
  ['transposed crop leaves nothing (before, W)', { transposed: true, input: [4, 2], padMode: 'asym', pad: [0, 0, 9, 1] }, 'OUTPUT_TOO_SMALL', 'pad-wb'],
  ['transposed crop leaves nothing (per axis, W)', { transposed: true, input: [4, 2], padMode: 'axis', pad: [0, 0, 9, 9] }, 'OUTPUT_TOO_SMALL', 'pad-wb'],
  ["transposed with 'same'", { transposed: true, padMode: 'same' }, 'PADDING_STRING', 'pad-mode'],
  ['target size out of reach (H)', { transposed: true, useTarget: true, target: [100, 5] }, 'OUTPUT_SIZE', 'target-h'],
  ['target size out of reach (W)', { transposed: true, useTarget: true, target: [9, 1] }, 'OUTPUT_SIZE', 'target-w'],
];

describe('refusals next to their control', () => {
  for (const [what, patch, code, control] of cases) {
    it(what, () => {
      const r = buildLayer({ ...defaultState(), ...patch } as State);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe(code);
      expect(r.control).toBe(control);
    });
  }
});

describe('a refusal goes under the control the reader just changed, when it is about that control', () => {
  const edits: [string, Partial<State>, string, string][] = [
    ['dilation 4 makes a 3-tap kernel too large: under Dilation', { input: [5, 5], dilation: [4, 1], pad: [1, 1, 1, 1] }, 'dilation-h', 'dilation-h'],
    ['a smaller input makes the kernel too large: under Input', { input: [1, 5], pad: [0, 0, 0, 0] }, 'input-h', 'input-h'],
    ['less padding makes the kernel too large: under the padding box', { input: [2, 5], pad: [0, 0, 0, 0] }, 'pad-hb', 'pad-hb'],
    ['a stride that output padding 1 now equals: under Stride', { transposed: true, stride: [1, 1], outputPadding: [1, 0] }, 'stride-h', 'stride-h'],
    ['fewer in channels than groups divide: under In channels', { inChannels: 3, groups: 2 }, 'in-ch', 'in-ch'],
    // A change the refusal is not about (the other axis, an unrelated box) leaves it at its home.
    ['W dilation changed, H refused: under Kernel H', { input: [1, 5], pad: [0, 0, 0, 0] }, 'dilation-w', 'kernel-h'],
    ['groups changed, the kernel refused: under Kernel', { input: [1, 5], pad: [0, 0, 0, 0] }, 'groups', 'kernel-h'],
  ];
  for (const [what, patch, edited, control] of edits) {
    it(what, () => {
      const r = buildLayer({ ...defaultState(), ...patch } as State, edited);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.control).toBe(control);
    });
  }
});
