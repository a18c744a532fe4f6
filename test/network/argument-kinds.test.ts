/**
 * Easy mistakes with the network functions' arguments — a path where the file's bytes go, a
 * definition where a built network goes, text not yet parsed — are refused with a ConvError that
 * says what to pass, not a TypeError from deep inside (README: nothing but ConvError is thrown).
 */
import { describe, expect, it } from 'vitest';
import { buildNetwork, continuousField, dependencySet, exactField, onnxToNetwork, outputRegion, parseLayerList, receptiveField, summarize } from '../../src/index.js';
import { ConvError } from '../../src/geometry/errors.js';
import { refusal } from '../support/refusal.js';

const text = 'input: [1, 1, 8, 8]\nlayers:\n  - {type: conv, name: c, out: 1, kernel: 3}\n';


/** The message without the hint the ConvError appends to it. */
const said = (e: ConvError): string => (e.hint ? e.message.slice(0, -(e.hint.length + 2)) : e.message);

describe('network functions refuse the wrong kind of argument', () => {
  it('onnxToNetwork: a path is not the bytes; an ArrayBuffer or any byte view is read', () => {
    const e = refusal(() => onnxToNetwork('model.onnx' as unknown as Uint8Array));
    expect(e.code).toBe('MODEL_FILE');
    expect(e.message).toMatch(/takes the model file's bytes, but got the string "model\.onnx" \(a path\?\)/);
    expect(e.hint).toMatch(/readFileSync/);
    // Bytes in any wrapping reach the decoder, which then judges the content.
    expect(refusal(() => onnxToNetwork(new ArrayBuffer(0))).message).toMatch(/the model file is empty/);
    expect(refusal(() => onnxToNetwork(new DataView(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0]).buffer) as unknown as Uint8Array)).message).toMatch(/ZIP archive/);
  });

  it('the analyses take a built network, not its definition', () => {
    const def = parseLayerList(text);
    const net = buildNetwork(def);
    const calls: [string, (n: never) => unknown][] = [
      ['receptiveField', (n) => receptiveField(n)],
      ['summarize', (n) => summarize(n)],
      ['continuousField', (n) => continuousField(n)],
      ['exactField', (n) => exactField(n, 'c', 0)],
      ['dependencySet', (n) => dependencySet(n, 'c', 0, [0], true)],
      ['outputRegion', (n) => outputRegion(n, [0, 0])],
    ];
    for (const [name, call] of calls) {
      const e = refusal(() => call(def as never));
      expect(said(e)).toBe(`${name} takes a built network, but got its definition (layers, not analysed nodes)`);
      expect(e.hint).toMatch(/buildNetwork\(parseLayerList\(text\)\)/);
      expect(said(refusal(() => call(undefined as never)))).toBe(`${name} takes a built network, but got undefined`);
      expect(() => call(net as never)).not.toThrow();
    }
  });

  it('buildNetwork takes a definition: not text, not an object without input and layers', () => {
    expect(refusal(() => buildNetwork(text as never)).hint).toBe('parse it first: buildNetwork(parseLayerList(text))');
    expect(said(refusal(() => buildNetwork(undefined as never)))).toBe('buildNetwork takes a network definition, but got undefined');
    expect(refusal(() => buildNetwork({} as never)).message).toMatch(/needs input: \{ name, shape \} with a shape of whole numbers, but got input undefined/);
    expect(refusal(() => buildNetwork({ input: { name: 'x', shape: [1, 1, 8, 8] } } as never)).message).toMatch(/needs a list of layers, but got layers undefined/);
    expect(refusal(() => buildNetwork({ input: { name: 'x', shape: [1, 1, 8, 8] } } as never)).code).toBe('MODEL_GRAPH');
  });
});
