/**
 * A picture (or PDF, gzip, .tflite) given as a model: the library names what it is (not-onnx45), and
 * the page's Chinese says it too, where it said 其他格式 for everything it did not know.
 */
import { describe, expect, it } from 'vitest';
import { onnxToNetwork } from '../../src/model/onnx.js';
import { modelErrorTextZh } from '../../web/src/error-text.js';
import { refusal } from '../support/refusal.js';

const refused = (bytes: number[]) => refusal(() => onnxToNetwork(new Uint8Array([...bytes, ...new Array(32).fill(0)])));

describe('the page names a non-ONNX file in Chinese', () => {
  it.each([
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG 图片'],
    [[0xff, 0xd8, 0xff, 0xe0], 'JPEG 图片'],
    [[0x25, 0x50, 0x44, 0x46], 'PDF 文档'],
    [[0x1f, 0x8b, 0x08, 0x00], 'gzip 压缩文件'],
  ])('%j → %s', (bytes, kind) => {
    const text = modelErrorTextZh(refused(bytes));
    expect(text).toContain(`这不是 ONNX 文件，看起来是${kind}。`);
    expect(text).not.toContain('其他格式');
  });
});
