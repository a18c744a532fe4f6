/**
 * A model file whose name does not say what it is (model.txt, no extension) is read by its
 * content, and a failure says which two kinds of file convkit reads instead of calling a
 * mistyped layer list a corrupt ONNX file.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConvError } from '../../src/geometry/errors.js';
import { readModelDef } from '../../src/model/load.node.js';
import { twoSymbolicInputsModel } from './onnx-builder.js';

const dir = mkdtempSync(join(tmpdir(), 'convkit-file-kind-'));
const yaml = new URL('./examples/deeplab-rates.yaml', import.meta.url);

function refusal(path: string): ConvError {
  try {
    readModelDef(path);
  } catch (e) {
    expect(e).toBeInstanceOf(ConvError);
    return e as ConvError;
  }
  throw new Error(`${path} was read`);
}

describe('model files named for something else', () => {
  it('reads a layer list saved as .txt or without extension as the same network as its .yaml', () => {
    const want = readModelDef(yaml.pathname);
    for (const name of ['rates.txt', 'rates']) {
      copyFileSync(yaml, join(dir, name));
      expect(readModelDef(join(dir, name))).toEqual(want);
    }
  });

  it('reads an ONNX model saved without its extension as the .onnx file is read', () => {
    const bytes = twoSymbolicInputsModel(1);
    writeFileSync(join(dir, 'm.onnx'), bytes);
    writeFileSync(join(dir, 'm.bin'), bytes);
    const shapes = { inputShapes: { x: [1, 2, 8, 8], m: [1, 1, 8, 8] } };
    const want = readModelDef(join(dir, 'm.onnx'), shapes);
    expect(want.layers.length).toBeGreaterThan(0);
    expect(readModelDef(join(dir, 'm.bin'), shapes)).toEqual(want);
  });

  it('says what it read a broken one as and which files it reads', () => {
    writeFileSync(join(dir, 'notes.txt'), 'layers:\n  - conv: {kernel: 3}\n');
    const text = refusal(join(dir, 'notes.txt'));
    expect(text.message).toContain('has the extension .txt; read as a layer list (it is text)');
    expect(text.message).toContain('missing field "input"');
    expect(text.hint).toContain('convkit reads .onnx models and .json, .yaml or .yml layer lists');

    writeFileSync(join(dir, 'noise.dat'), Uint8Array.from({ length: 300 }, (_, i) => (i * 37 + 11) % 256));
    const binary = refusal(join(dir, 'noise.dat'));
    expect(binary.message).toContain('has the extension .dat; read as an ONNX file (it is not text)');
    expect(binary.message).toContain('ONNX file cannot be decoded');
  });

  it('keeps the plain ONNX message for a file named .onnx', () => {
    writeFileSync(join(dir, 'bad.onnx'), readFileSync(yaml));
    expect(refusal(join(dir, 'bad.onnx')).message).not.toContain('has the extension');
  });
});
