import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { bufferIO } from '../../src/cli/io.js';
import { encodeModel, twoSymbolicInputsModel } from '../model/onnx-builder.js';

const onnx = (n: string) => new URL(`../fixtures/onnx/${n}.onnx`, import.meta.url).pathname;
const example = (n: string) => new URL(`../model/examples/${n}`, import.meta.url).pathname;

async function run(...args: string[]) {
  const io = bufferIO();
  const code = await runCli(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('convkit rf / summary', () => {
  it('summary of an exported model: text, --json, --csv, --markdown', async () => {
    const t = await run('summary', onnx('unet_tiny'));
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/total\s.*7,562\s+1,626,112/);
    const j = JSON.parse((await run('summary', onnx('unet_tiny'), '--json')).out);
    expect(j.totals.macs).toBe(1626112);
    expect((await run('summary', onnx('unet_tiny'), '--csv')).out.split('\n')[0]).toMatch(/^layer,op,kind/);
    expect((await run('summary', example('unet-decoder.json'), '--markdown')).out).toMatch(/^\*\*unet-decoder\*\*/);
  });

  it('--input-shape, repeated: the first input by position, any input by name; mistakes are named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-shapes-'));
    const file = join(dir, 'two-inputs.onnx');
    writeFileSync(file, twoSymbolicInputsModel(1));
    const both = JSON.parse((await run('summary', file, '--json', '--input-shape', '1,2,6,5', '--input-shape', 'm=1,1,6,5')).out);
    expect(both.totals).toMatchObject({ params: 76, macs: 30 * 76 });
    const rf = await run('rf', file, '--input-shape', 'x=1,2,6,5', '--input-shape', 'm=1x1x6x5');
    expect(rf.code).toBe(0);
    expect(rf.out).toMatch(/in input "x" \[1, 2, 6, 5\][\s\S]*axis H: size 3,/);
    expect(rf.out).toMatch(/in input "m" \[1, 1, 6, 5\][\s\S]*axis H: size 1,/);
    const twice = await run('summary', file, '--input-shape', '1,2,6,5', '--input-shape', '1,2,6,5');
    expect(twice.code).not.toBe(0);
    expect(twice.err).toMatch(/first input's shape is already given/);
    const unknown = await run('summary', file, '--input-shape', '1,2,6,5', '--input-shape', 'mask=1,1,6,5');
    expect(unknown.err).toMatch(/no input "mask"[\s\S]*its inputs are "x", "m"/);
  });

  it('rf: exact field, HDC, alignment and the region of one output', async () => {
    const r = await run('rf', example('deeplab-rates.yaml'), '--output-index', '3,4');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/axis H: size 127, jump 4, effective padding 63, centre of output 0 at 0 \(continuous: bounding span, Araujo et al\.\)/);
    expect(r.out).toMatch(/exact \(every cell some path reads, padding positions included\): span 127 cells/);
    expect(r.out).toMatch(/HDC heuristic .* M_2 = 2 ≤ K → passes; exact holes 0/);
    expect(r.out).toMatch(/output 3 on axis H: cells 0…63, centre 31.5/);
    const j = JSON.parse((await run('rf', onnx('unet_tiny'), '--json')).out);
    expect(j.misaligned.length).toBe(2);
    expect(j.axes[0].exact.period).toBe(4);
    expect(j.axes[0].continuous.jump).toBe(1);
  });

  it('summary of a whole model: Linear and unfused BatchNormalization counted, buffers and affine MACs shown', async () => {
    const facts = JSON.parse(readFileSync(new URL('../fixtures/onnx/zoo/resnet18.json', import.meta.url), 'utf8'));
    const t = await run('summary', onnx('zoo/resnet18'));
    expect(t.code).toBe(0);
    const fmt = (n: number) => n.toLocaleString('en-US');
    expect(t.out).toMatch(new RegExp(`^total\\s+${fmt(facts.params)}\\s+${fmt(facts.conv_macs + facts.linear_macs)}$`, 'm'));
    expect(t.out).toContain(`Buffers (running statistics, not parameters) = ${fmt(facts.buffers)}`);
    expect(t.out).toContain(`Affine MACs of unfused BatchNormalization (not in MACs) = ${fmt(facts.bn_elements)}`);
    expect(t.out).toMatch(/^\/fc\/Gemm\s+Gemm\s+\[1, 512\]\s+\[1, 1000\]/m);
    const csv = (await run('summary', onnx('zoo/resnet18'), '--csv')).out.trim().split('\n');
    expect(csv[0].split(',').slice(9, 12)).toEqual(['buffers', 'affine_macs', 'rf_input']);
    expect(csv[csv.length - 1].split(',').slice(9, 11).map(Number)).toEqual([facts.buffers, facts.bn_elements]);
  });

  it("rf without --layer: the network's own outputs (DeepLab's upsampled output, a classifier's Linear), global and exact spans named", async () => {
    const d = JSON.parse((await run('rf', onnx('zoo/deeplabv3_resnet50'), '--json')).out);
    expect(d.outputs).toEqual(['/Resize']);
    expect(d.target).toBe('/Resize');
    expect(d.skippedOutputs).toEqual([]);
    const m = await run('rf', onnx('zoo/mobilenet_v3_small'));
    expect(m.out).toMatch(/^receptive field of "\/classifier\/classifier\.3\/Gemm" in input "input"/);
    expect(m.out).toMatch(/axis H: global — a global pool upstream \(a classifier's pooling, or a squeeze-and-excitation branch\)/);
    expect(m.out).toMatch(/continuous span of the paths that slide with the output \(global branches left out\): \d+/);
    expect(m.out).toMatch(/exact \(every cell some path reads, padding positions included, global branches too\): span \d+ cells/);
  });

  it('rf with several inputs: one field per input; a graph output that is not analysed is named', async () => {
    const t = await run('rf', onnx('zoo/two_inputs_tiny'));
    expect(t.out.match(/^receptive field of "\/head\/Conv" in input "(\w+)"/gm)).toEqual(['receptive field of "/head/Conv" in input "image"', 'receptive field of "/head/Conv" in input "guide"']);
    const j = JSON.parse((await run('rf', onnx('zoo/two_inputs_tiny'), '--json', '--output-index', '2,2')).out);
    expect(j.fields.map((f: { input: { name: string } }) => f.input.name)).toEqual(['image', 'guide']);
    expect(j.fields[0].region[0].output).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'convkit-rf-'));
    const f = join(dir, 'cut.onnx');
    writeFileSync(f, encodeModel({
      initializers: { w: [1, 1, 3, 3] },
      nodes: [
        { op: 'Conv', inputs: ['x', 'w'], outputs: ['a'], attrs: { pads: [1, 1, 1, 1] } },
        { op: 'DepthToSpace', inputs: ['a'], outputs: ['y'], attrs: { blocksize: 2 } },
      ],
      outputs: ['y'],
    }));
    const r = await run('rf', f);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^network output "n1" is not analysed \(DepthToSpace: op DepthToSpace is not analysed\)\nanalysing instead: "n0"/);
  });

  it('transposed with gcd(d, s) > 1: outputs with no input are reported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-rf-'));
    const f = join(dir, 'dead.yaml');
    writeFileSync(f, 'input: [1, 1, 8]\nlayers:\n  - {type: convTranspose, out: 1, kernel: 3, stride: 2, dilation: 2}\n');
    const r = await run('rf', f);
    expect(r.out).toMatch(/output 1: receives no input at all/);
    expect(r.out).toMatch(/1 of every 2 outputs receives no input/);
  });

  it('a file that cannot be read is named with the reason in words, not an error code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-files-'));
    writeFileSync(join(dir, 'plain.yaml'), 'input: [1, 1, 8, 8]\nlayers: [{type: relu}]\n');
    const said = async (path: string) => (await run('rf', path)).err.trim();
    expect(await said(join(dir, 'missing.yaml'))).toBe(`convkit: error: cannot read ${join(dir, 'missing.yaml')}: no such file; check the path`);
    expect(await said(dir)).toBe(`convkit: error: ${dir} is a folder; give an .onnx, .json or .yaml file`);
    expect(await said(join(dir, 'plain.yaml', 'x.yaml'))).toMatch(/: a part of the path is a file, not a folder; check the path$/);
    // Root reads any file: the unreadable case needs an ordinary user.
    if (process.getuid?.() !== 0) {
      const locked = join(dir, 'locked.yaml');
      writeFileSync(locked, 'input: [1, 1, 8, 8]\nlayers: [{type: relu}]\n', { mode: 0o000 });
      expect(await said(locked)).toMatch(/: permission denied; make the file readable/);
    }
  });

  it('errors: one line on stderr, exit code 2', async () => {
    for (const args of [
      ['rf', '/nonexistent/model.onnx'],
      ['summary', example('deeplab-rates.yaml'), '--csv', '--json'],
      ['rf', example('deeplab-rates.yaml'), '--output-index', '99,0'],
      ['rf', example('deeplab-rates.yaml'), '--output-index', 'a,b'],
      ['rf', example('deeplab-rates.yaml'), '--layer', 'nope'],
      ['summary', new URL('../fixtures/onnx/export.py', import.meta.url).pathname],
    ]) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err.trim().split('\n').length, r.err).toBe(1);
      expect(r.err).toMatch(/^convkit: error: /);
    }
  });
});
