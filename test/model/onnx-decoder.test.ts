/**
 * The library's ONNX decoder is generated ahead of time from src/model/onnx-subset.proto
 * (scripts/onnx-decoder.mjs): the committed module must be what the .proto gives, contain no
 * run-time code generation, run where code generation from strings is forbidden (as under a page
 * CSP without 'unsafe-eval'), and agree with the pre-scan's layout.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { onnxToNetwork } from '../../src/model/onnx.js';
import { SCAN_LAYOUT } from '../../src/model/onnx-schema.js';
import { onnxRoot } from './onnx-proto.js';

const GENERATED_JS = 'src/model/onnx-subset.pb.js';
const GENERATED_DTS = 'src/model/onnx-subset.pb.d.ts';
const FIXTURES = 'test/fixtures/onnx';

/** Every .ts/.js file under src/, recursively. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|js|mjs)$/.test(e.name) ? [p] : [];
  });
}

describe('generated ONNX decoder', () => {
  it('is what protobufjs-cli generates from onnx-subset.proto now (regenerate with node scripts/onnx-decoder.mjs)', () => {
    const fresh = JSON.parse(execFileSync(process.execPath, ['scripts/onnx-decoder.mjs', '--print'], { encoding: 'utf8' })) as { js: string; dts: string };
    expect(fresh.js).toBe(readFileSync(GENERATED_JS, 'utf8'));
    expect(fresh.dts).toBe(readFileSync(GENERATED_DTS, 'utf8'));
    expect(fresh.js).toContain('ModelProto.decode = function decode(');
  });

  it('contains no run-time code generation and needs only protobufjs/minimal; no library module loads protobufjs reflection', () => {
    const js = readFileSync(GENERATED_JS, 'utf8');
    expect(js).not.toMatch(/\bFunction\s*\(|\beval\s*\(|new\s+Function\b/);
    expect([...js.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1])).toEqual(['protobufjs/minimal.js']);
    const heavy = sources('src').filter((p) => /from ['"]protobufjs(\/light(\.js)?|\/full(\.js)?)?['"]/.test(readFileSync(p, 'utf8')));
    expect(heavy).toEqual([]);
  });

  it('reads every fixture in a Node that forbids code generation from strings, as it does here', () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.onnx')).map((f) => join(FIXTURES, f));
    expect(files.length).toBeGreaterThanOrEqual(4);
    const script = `
      import { readFileSync } from 'node:fs';
      import { onnxToNetwork } from './src/model/onnx.ts';
      const files = ${JSON.stringify(files)};
      process.stdout.write(JSON.stringify(files.map((f) => onnxToNetwork(new Uint8Array(readFileSync(f))))));`;
    const run = (code: string) => spawnSync(process.execPath, ['--disallow-code-generation-from-strings', '--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' });
    const r = run(script);
    expect(r.stderr).toBe('');
    const here = files.map((f) => onnxToNetwork(new Uint8Array(readFileSync(f))));
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(here)));
    // The flag does forbid what protobufjs's reflection decoder needs (the failure the page had).
    const control = run(`import protobuf from 'protobufjs'; protobuf.loadSync('src/model/onnx-subset.proto');`);
    expect(control.status).not.toBe(0);
    expect(control.stderr).toMatch(/EvalError: Code generation from strings disallowed/);
  });

  it('has the messages and field numbers the pre-scan walks (SCAN_LAYOUT)', () => {
    const names: Record<string, string> = { TypeProtoTensor: 'TypeProto.Tensor', Dimension: 'TensorShapeProto.Dimension' };
    const protoName = (scanName: string) => names[scanName] ?? scanName;
    const fromProto: Record<string, Record<number, unknown>> = {};
    const walk = (ns: protobuf.NamespaceBase, prefix: string) => {
      for (const t of ns.nestedArray) {
        if (!(t instanceof protobuf.Type)) continue;
        const name = prefix + t.name;
        fromProto[name] = {};
        for (const f of t.fieldsArray) {
          f.resolve();
          if (f.resolvedType instanceof protobuf.Type) fromProto[name][f.id] = { message: f.resolvedType.fullName.replace(/^\.onnx\./, ''), repeated: f.repeated };
          else if (f.repeated) fromProto[name][f.id] = { scalarRepeated: true };
        }
        walk(t, `${name}.`);
      }
    };
    walk(onnxRoot().lookup('onnx') as protobuf.Namespace, '');
    const fromScan = Object.fromEntries(
      Object.entries(SCAN_LAYOUT).map(([type, fields]) => [
        protoName(type),
        Object.fromEntries(Object.entries(fields).map(([id, f]) => [id, 'message' in f ? { ...f, message: protoName(f.message) } : f])),
      ]),
    );
    expect(fromScan).toEqual(fromProto);
    expect(Object.keys(fromProto)).toContain('TensorShapeProto.Dimension');
  });
});
