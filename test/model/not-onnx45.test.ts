/**
 * A file that is not an ONNX model (a picture renamed .onnx, a PDF, random bytes) is refused with
 * what it is and what convkit reads, not with the protobuf decoder's words.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convMatrix } from '../../src/matrix/build.js';
import { readModelDef } from '../../src/model/load.node.js';
import { onnxToNetwork } from '../../src/model/onnx.js';
import { renderMatrixPng } from '../../src/render/index.js';
import { refusal } from '../support/refusal.js';


const png = renderMatrixPng(convMatrix({ input: 3, kernel: 2 }));
const bytes = (...b: number[]) => Uint8Array.from([...b, ...Array.from({ length: 64 }, (_, i) => (i * 53 + 7) % 256)]);

describe('a file that is not an ONNX model', () => {
  it('a PNG (the CLI draws them) is named as a PNG image, with what would be valid', () => {
    const e = refusal(() => onnxToNetwork(png));
    expect(e.code).toBe('MODEL_FILE');
    expect(e.message).toMatch(/^this is not an ONNX file: it starts with the PNG signature \(89 50 4E 47\), so it is a PNG image/);
    expect(e.hint).toMatch(/give an \.onnx model exported from PyTorch \(torch\.onnx\.export\), TensorFlow \(tf2onnx\) or Keras/);
    expect(e.message).not.toMatch(/field number|wire type|cannot be decoded/);
  });

  it('other common files are named too', () => {
    const cases: [Uint8Array, RegExp][] = [
      [bytes(0xff, 0xd8, 0xff, 0xe0), /JPEG image/],
      [bytes(...Buffer.from('GIF89a')), /GIF image/],
      [bytes(...Buffer.from('%PDF-1.7')), /PDF document/],
      [bytes(0x1f, 0x8b, 0x08, 0x00), /gzip archive/],
      [bytes(0x18, 0, 0, 0, ...Buffer.from('TFL3')), /TensorFlow Lite model/],
    ];
    for (const [b, what] of cases) expect(refusal(() => onnxToNetwork(b)).message).toMatch(what);
  });

  it('bytes that do not start as an ONNX ModelProto are said not to be one', () => {
    const e = refusal(() => onnxToNetwork(bytes(0xfe, 0xfe, 0xfe, 0x7f)));
    expect(e.message).toMatch(/^this is not an ONNX file: it does not decode as an ONNX ModelProto \(it starts with FE FE FE 7F/);
    expect(e.hint).toMatch(/\.json, \.yaml or \.yml layer list/);
  });

  it('the CLI reader says the same for a PNG named model.onnx', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-not-onnx-'));
    writeFileSync(join(dir, 'model.onnx'), png);
    expect(refusal(() => readModelDef(join(dir, 'model.onnx'))).message).toMatch(/PNG image/);
  });
});
