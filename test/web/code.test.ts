/**
 * The PyTorch code the playground shows builds the same layer: run it with Debian's python3-torch
 * (when installed) and compare the printed shape with the library's geometry.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { defaultState } from '../../web/src/state.js';
import type { State } from '../../web/src/state.js';
import { buildLayer, writtenLayer } from '../../web/src/layer.js';
import { tfCode, torchCode } from '../../web/src/code.js';

const PY = '/usr/bin/python3';
const hasTorch = spawnSync(PY, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;

function state(patch: Partial<State>): State {
  return { ...defaultState(), ...patch };
}

const CASES: Partial<State>[] = [
  {},
  { input: [7, 6], kernel: [3, 2], stride: [2, 1], dilation: [1, 2], padMode: 'axis', pad: [1, 1, 0, 0] },
  { input: [6, 6], kernel: [3, 3], stride: [1, 1], padMode: 'asym', pad: [0, 2, 1, 0] },
  { input: [9, 8], kernel: [4, 3], stride: [1, 1], dilation: [2, 1], padMode: 'same' },
  { input: [5, 5], padMode: 'valid', inChannels: 4, outChannels: 6, groups: 2 },
  { input: [4, 4], kernel: [3, 3], stride: [2, 2], padMode: 'number', pad: [1, 1, 1, 1], transposed: true, outputPadding: [1, 0] },
  { input: [3, 5], kernel: [4, 3], stride: [2, 3], dilation: [2, 1], padMode: 'asym', pad: [1, 0, 2, 1], transposed: true, outputPadding: [1, 2], inChannels: 2, outChannels: 4, groups: 2 },
  { input: [4, 4], kernel: [3, 3], stride: [2, 2], padMode: 'number', pad: [1, 1, 1, 1], transposed: true, useTarget: true, target: [8, 7] },
  // 1-D layers (a model's Conv1d, drawn as one row): written as Conv1d / ConvTranspose1d.
  { line: true, input: [1, 9], kernel: [1, 3], stride: [1, 2], padMode: 'axis', pad: [0, 0, 1, 1], inChannels: 2, outChannels: 4 },
  { line: true, input: [1, 8], kernel: [1, 4], stride: [1, 1], dilation: [1, 2], padMode: 'asym', pad: [0, 0, 2, 1] },
  { line: true, input: [1, 7], kernel: [1, 3], stride: [1, 1], padMode: 'same', inChannels: 4, outChannels: 4, groups: 4 },
  { line: true, input: [1, 5], kernel: [1, 3], stride: [1, 3], dilation: [1, 2], padMode: 'asym', pad: [0, 0, 1, 2], transposed: true, outputPadding: [0, 1] },
  { line: true, input: [1, 4], kernel: [1, 3], stride: [1, 2], padMode: 'axis', pad: [0, 0, 1, 1], transposed: true, useTarget: true, target: [1, 8] },
];

describe('generated code', () => {
  it.skipIf(!hasTorch)('PyTorch code prints the output shape the library computes', () => {
    const snippets: string[] = [];
    const expected: string[] = [];
    for (const c of CASES) {
      const s = state(c);
      const r = buildLayer(s);
      if (!r.ok) throw r.error;
      const g = writtenLayer(s, r.geometry);
      expect(g.axes.length).toBe(s.line ? 1 : 2);
      snippets.push(torchCode(g, s));
      expected.push(`torch.Size([${g.outputShape.join(', ')}])`);
    }
    const runner = 'import json, sys\nfor code in json.load(sys.stdin):\n    exec(compile(code, "<playground>", "exec"), {})\n';
    const out = execFileSync(PY, ['-c', runner], { input: JSON.stringify(snippets), encoding: 'utf8', timeout: 120_000 });
    expect(out.trim().split('\n')).toEqual(expected);
  }, 150_000);

  it('TensorFlow code states the same output shape and pads explicitly when PyTorch would', () => {
    const s = state(CASES[2]);
    const r = buildLayer(s);
    if (!r.ok) throw r.error;
    const code = tfCode(r.geometry, s, Infinity);
    expect(code).toContain('ZeroPadding2D(padding=((0, 2), (1, 0)))');
    expect(code).toContain(`# (1, ${r.geometry.axes[0].output}, ${r.geometry.axes[1].output}, 1)`);
    // An undilated transposed layer keeps Keras's Conv2DTranspose and crops as PyTorch's padding does.
    const tr = state({ ...CASES[6], dilation: [1, 1] });
    const rt = buildLayer(tr);
    if (!rt.ok) throw rt.error;
    const tcode = tfCode(rt.geometry, tr, Infinity);
    expect(tcode).toContain('Cropping2D(cropping=((1, 0), (2, 1)))');
    expect(tcode).toContain('has no groups: one Conv2DTranspose per group');
    // No snippet says Keras refuses the layer and then builds it anyway (review A5).
    for (const c of CASES) {
      const st = state(c);
      const rc = buildLayer(st);
      if (!rc.ok) throw rc.error;
      expect(tfCode(rc.geometry, st, Infinity)).not.toMatch(/Note:|needs output_padding < strides/);
    }
  });
});
