/** The URL form of the playground's state: strict parsing, defaults on bad values, round trips. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BOUNDS, COLOURS, PADDING_MODES, PICTURES, SIDE_TABS, defaultState, parseQuery, toQuery } from '../../web/src/state.js';
import type { State } from '../../web/src/state.js';
import { kernelSpecText, parseKernelSpec } from '../../web/src/image/kernel-spec.js';
import { PRESETS } from '../../web/src/image/kernels.js';
import { hasSingleRow } from '../../web/src/line-layer.js';

const pair = (b: readonly [number, number]) => fc.tuple(fc.integer({ min: b[0], max: b[1] }), fc.integer({ min: b[0], max: b[1] }));

const arbState: fc.Arbitrary<State> = fc.record({
  input: pair(BOUNDS.input),
  kernel: pair(BOUNDS.kernel),
  stride: pair(BOUNDS.stride),
  dilation: pair(BOUNDS.dilation),
  padMode: fc.constantFrom('number', 'axis', 'asym', 'same', 'valid' as const),
  pad: fc.tuple(...Array.from({ length: 4 }, () => fc.integer({ min: BOUNDS.pad[0], max: BOUNDS.pad[1] }))) as fc.Arbitrary<[number, number, number, number]>,
  transposed: fc.boolean(),
  outputPadding: pair(BOUNDS.outputPadding),
  useTarget: fc.boolean(),
  target: pair(BOUNDS.target),
  inChannels: fc.integer({ min: 1, max: 16 }),
  outChannels: fc.integer({ min: 1, max: 16 }),
  line: fc.boolean(),
  row: fc.boolean(),
  groups: fc.integer({ min: 1, max: 16 }),
  channel: fc.integer({ min: 0, max: 15 }),
  numbers: fc.boolean(),
  view: fc.constantFrom('direct', 'scatter' as const),
  matrix: fc.constantFrom('c', 'ct' as const),
  frame: fc.integer({ min: 0, max: 5000 }),
  theme: fc.constantFrom('light', 'dark' as const),
  colorBlind: fc.boolean(),
  lang: fc.constantFrom('en', 'zh' as const),
  figure: fc.constantFrom('grids', 'classic' as const),
  tour: fc.oneof(fc.constant(0), fc.integer({ min: BOUNDS.tour[0], max: BOUNDS.tour[1] })),
  page: fc.constantFrom('grids', 'image' as const),
  picture: fc.constantFrom(...PICTURES),
  colour: fc.constantFrom(...COLOURS),
  paddingMode: fc.constantFrom(...PADDING_MODES),
  imageKernel: fc.constantFrom<string>('', 'numbers', ...PRESETS),
  learnTarget: fc.constantFrom<string>('', 'numbers', ...PRESETS),
  tab: fc.constantFrom(...SIDE_TABS),
  weights: fc.array(fc.float({ noNaN: true, noDefaultInfinity: true }), { minLength: 81, maxLength: 81 }),
}).map(({ weights, row, ...s }) => {
  // Half the states drawn as one row (H: 1 cell, 1 tap, stride and dilation 1, no padding).
  if (row) {
    s.input[0] = 1; s.kernel[0] = 1; s.stride[0] = 1; s.dilation[0] = 1; s.outputPadding[0] = 0; s.target[0] = 1;
    if (s.padMode === 'number' || s.padMode === 'axis') s.padMode = 'asym';
    s.pad[0] = 0; s.pad[1] = 0;
  }
  // Kernel numbers in a link are as many as its kernel size.
  if (s.imageKernel === 'numbers') s.imageKernel = kernelSpecText(Float32Array.from(weights.slice(0, s.kernel[0] * s.kernel[1])), s.kernel[0], s.kernel[1]);
  if (s.learnTarget === 'numbers') s.learnTarget = kernelSpecText(Float32Array.from(weights.slice(72)), 3, 3);
  // Only what the URL can express: padding boxes a mode does not use, and transposed-only values
  // of a direct layer, are not part of the state a link carries.
  const [hb, ha, wb, wa] = s.pad;
  if (s.padMode === 'number') s.pad = [hb, hb, hb, hb];
  if (s.padMode === 'axis') s.pad = [hb, hb, wb, wb];
  if (s.padMode === 'same' || s.padMode === 'valid') s.pad = [0, 0, 0, 0];
  void ha; void wa;
  // The grids' frame is not written in the image view, and the tour is not open there, nor the side tabs.
  if (s.page === 'image') { s.frame = 0; s.tour = 0; s.tab = 'formula'; }
  const d = defaultState();
  if (!s.transposed) { s.useTarget = false; s.outputPadding = d.outputPadding; s.target = d.target; }
  else if (s.useTarget) s.outputPadding = d.outputPadding;
  else s.target = d.target;
  // A link says 1-D only of a layer drawn as a single row (line-layer.ts).
  s.line = s.line && hasSingleRow(s as State);
  return s as State;
});

describe('playground URL state', () => {
  it('round-trips every state through the query string', () => {
    fc.assert(fc.property(arbState, (s) => {
      const { state, problems } = parseQuery(toQuery(s));
      expect(problems).toEqual([]);
      expect(state).toEqual(s);
    }), { numRuns: 500 });
  });

  it('r=1 (a 1-D layer) holds for a single-row layer only', () => {
    expect(parseQuery('?i=1x9&k=1x3&s=1x2&p=0x1&r=1').state.line).toBe(true);
    expect(toQuery(parseQuery('?i=1x9&k=1x3&s=1x2&p=0x1&r=1').state)).toContain('r=1');
    // A second row: the flag read, but not written back (the layer is 2-D).
    expect(toQuery(parseQuery('?i=3x9&k=1x3&r=1').state)).not.toContain('r=');
    expect(toQuery(parseQuery('?i=1x9&k=1x3&p=1&r=1').state)).not.toContain('r=');
    expect(parseQuery('?r=3').problems).toEqual([{ key: 'r', value: '3' }]);
  });

  it('documents its keys with the example from the issue', () => {
    const { state, problems } = parseQuery('?i=5x5&k=3&s=2&p=1&d=1&t=1&op=1&lang=zh');
    expect(problems).toEqual([]);
    expect(state).toMatchObject({ input: [5, 5], kernel: [3, 3], stride: [2, 2], pad: [1, 1, 1, 1], dilation: [1, 1], transposed: true, outputPadding: [1, 1], lang: 'zh' });
    expect(parseQuery('p=0_1x2_3').state).toMatchObject({ padMode: 'asym', pad: [0, 1, 2, 3] });
    expect(parseQuery('p=2x0').state).toMatchObject({ padMode: 'axis', pad: [2, 2, 0, 0] });
    expect(parseQuery('os=9x10&t=1').state).toMatchObject({ useTarget: true, target: [9, 10] });
  });

  it('reads a link to a tour step in the image view as the pictures, out of the tour (its card is the grids\' side)', () => {
    const { state, problems } = parseQuery('?tour=9&i=3&k=3&s=2&t=1&view=image&lang=zh');
    expect(problems).toEqual([]);
    expect(state).toMatchObject({ page: 'image', tour: 0, input: [3, 3], transposed: true });
    expect(parseQuery('?tour=9&view=grids').state.tour).toBe(9);
  });

  it('refuses bad values key by key, keeping the default, and reports them as bounded text', () => {
    const bad = ['i=0', 'i=33', 'i=5x', 'i=x5', 'i=5x5x5', 'i=-1', 'i=NaN', 'i=1e1', 'i=0x10', 'i= 5', 'k=10', 's=0', 'd=9',
      'p=-1', 'p=1_2', 'p=1_2x3', 'p=17', 't=yes', 'op=8', 'ci=0', 'g=1.5', 'n=true', 'v=grid', 'm=x', 'f=-1',
      'theme=blue', 'lang=fr', 'lang=<script>', 'cb=2', 'unknown=1', 's=99999999999999999999',
      'ik=', 'ik=1,,2', 'ik=sobel', 'ik=1e39', 'ik=0x10', 'ik=1;2', `ik=${Array(82).fill(1).join(',')}`,
      'lt=', 'lt=sobel', 'lt=1,2,3,4', `lt=${Array(10).fill(1).join(',')}`, 'lt=1e39,0,0,0,0,0,0,0,0'];
    const d = defaultState();
    for (const q of bad) {
      const { state, problems } = parseQuery(q);
      expect(problems, q).toHaveLength(1);
      expect(state, q).toEqual(d);
    }
    const long = parseQuery(`k=${'<'.repeat(500)}\u0000x`).problems[0];
    expect(long.value.length).toBeLessThanOrEqual(40);
    expect(long.value).not.toContain('\u0000');
    // A good key next to a bad one still applies.
    const mixed = parseQuery('i=7&k=<b>');
    expect(mixed.state.input).toEqual([7, 7]);
    expect(mixed.problems.map((p) => p.key)).toEqual(['k']);
  });

  it('keeps the image mode\'s kernel as a preset name or its numbers, each the float32 it was', () => {
    expect(kernelSpecText(Float32Array.from([-1, 0, 1, -2, 0, 2, -1, 0, 1]), 3, 3)).toBe('sobelX');
    const w = Float32Array.from([0.1, -2, 1 / 65536, 1e-30, 3.4e38, 0, 0.333333343, 5, 7]);
    const text = kernelSpecText(w, 3, 3);
    expect(text).toBe('0.1,-2,0.000015258789,1e-30,3.4e+38,0,0.33333334,5,7');
    const back = parseKernelSpec(text);
    expect(back && 'weights' in back && Array.from(back.weights)).toEqual(Array.from(w));
    expect(parseQuery(`view=image&ik=${encodeURIComponent(text)}`).state.imageKernel).toBe(text);
    // Numbers for another kernel size are refused and reported, whichever key comes first.
    for (const q of ['ik=1,2,3,4&k=3', 'k=3&ik=1,2,3,4', 'ik=1,2,3,4']) {
      const r = parseQuery(q);
      expect([r.state.imageKernel, r.problems], q).toEqual(['', [{ key: 'ik', value: '1,2,3,4' }]]);
    }
    expect(parseQuery('k=2&ik=1,2,3,4').problems).toEqual([]);
    // The learning study's target is 3 × 3 whatever the layer's kernel: nine numbers or a preset.
    expect(parseQuery('k=5&lt=1,2,3,4,5,6,7,8,0.5').state.learnTarget).toBe('1,2,3,4,5,6,7,8,0.5');
    expect(parseQuery('k=2&lt=laplacian').state.learnTarget).toBe('laplacian');
    expect(toQuery({ ...defaultState(), learnTarget: 'emboss' })).toMatch(/[?&]?lt=emboss/);
    expect(toQuery(defaultState())).not.toMatch(/lt=/);
    // Numbers are written with plain commas, as a reader would type them; a preset's name is read
    // in any case and kept in its own spelling.
    expect(toQuery({ ...defaultState(), page: 'image', imageKernel: '1,0,-1', learnTarget: text })).toContain(`ik=1,0,-1&lt=${text.replace('+', '%2B')}`);
    expect(parseQuery('ik=SOBELX&lt=gaussian').state).toMatchObject({ imageKernel: 'sobelX', learnTarget: 'gaussian' });
    expect(parseQuery('lt=sobelxx').problems).toEqual([{ key: 'lt', value: 'sobelxx' }]);
    // The matrix shown is the layer's own unless the link says otherwise: Cᵀ for a transposed layer.
    expect(parseQuery('t=1').state.matrix).toBe('ct');
    expect(parseQuery('t=1&m=c').state.matrix).toBe('c');
    expect(parseQuery('m=ct').state.matrix).toBe('ct');
    expect(toQuery({ ...defaultState(), transposed: true, matrix: 'ct' })).not.toMatch(/(^|&)m=/);
    expect(toQuery({ ...defaultState(), transposed: true, matrix: 'c' })).toMatch(/(^|&)m=c(&|$)/);
    // The grids' frame says nothing in the image view and is left out of its links.
    expect(toQuery({ ...defaultState(), page: 'image', frame: 7 })).not.toMatch(/f=/);
    expect(toQuery({ ...defaultState(), frame: 7 })).toMatch(/f=7/);
  });
});
