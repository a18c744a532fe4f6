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
import { MAX_LAYER_LIST_BYTES } from '../../src/model/layers.js';
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
    expect(binary.message).toContain('this is not an ONNX file: it does not decode as an ONNX ModelProto');
  });

  it("holds a text file read as a layer list to the layer list's size, as its .yaml name would", () => {
    const big = join(dir, 'big.txt');
    writeFileSync(big, `# ${'x'.repeat(MAX_LAYER_LIST_BYTES)}\n`);
    const e = refusal(big);
    expect(e.message).toContain('bytes of text, read as a layer list');
    expect(e.hint).toContain(`layer lists up to ${MAX_LAYER_LIST_BYTES} bytes`);
  });

  it("keeps the inner error's fields: its values beside the path, its hint once, beside the file-kind hint", () => {
    writeFileSync(join(dir, 'notes2.txt'), 'layers:\n  - conv: {kernel: 3}\n');
    const inner = (() => {
      writeFileSync(join(dir, 'notes2.yaml'), 'layers:\n  - conv: {kernel: 3}\n');
      return refusal(join(dir, 'notes2.yaml'));
    })();
    const e = refusal(join(dir, 'notes2.txt'));
    expect(e.values).toMatchObject({ ...inner.values, path: join(dir, 'notes2.txt') });
    expect(e.axis).toBe(inner.axis);
    expect(inner.hint).toBe('e.g. input: [1, 3, 64, 64]');
    expect(e.hint!.startsWith(`${inner.hint}; `)).toBe(true);
    // The message says each hint once: at its end, as every ConvError does.
    expect(e.message.split(inner.hint!).length - 1).toBe(1);
  });

  it('keeps the plain ONNX message for a file named .onnx', () => {
    writeFileSync(join(dir, 'bad.onnx'), readFileSync(yaml));
    expect(refusal(join(dir, 'bad.onnx')).message).not.toContain('has the extension');
  });
});
