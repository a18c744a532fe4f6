/**
 * ONNX model files → NetworkDef. Decoding is protobufjs with our own descriptor of the needed
 * subset (onnx-schema.ts), after a bounded pre-scan (onnx-scan.ts). Conv, ConvTranspose,
 * MaxPool/AveragePool, GlobalAverage/MaxPool, shape-preserving ops and Add/Concat merges are taken
 * with every attribute ONNX defines for them (semantics.md §5): auto_pad NOTSET/SAME_UPPER/
 * SAME_LOWER/VALID, pads in [x1_begin, x2_begin, …, x1_end, x2_end, …] order, strides, dilations,
 * group, kernel_shape, output_padding, output_shape. Any other op is listed (kind 'unknown'), never
 * dropped; the layers that depend on it are listed too.
 */
import { ConvError, show } from '../geometry/errors.js';
import type { OnnxAutoPad } from '../geometry/onnx.js';
import type { AutoPad, LayerDef, NetworkDef, PaddingDef } from '../network/types.js';
import { MAX_LAYERS } from '../network/build.js';
import { onnxRoot } from './onnx-schema.js';
import { scanOnnx } from './onnx-scan.js';

/** Largest model file accepted (weights included; they are skipped, not decoded). */
export const MAX_ONNX_BYTES = 1024 * 1024 * 1024;

/** Ops that keep the spatial shape and mix nothing across positions (extra inputs are constants). */
export const SHAPE_PRESERVING_OPS = new Set([
  'Relu', 'LeakyRelu', 'PRelu', 'Elu', 'Selu', 'Celu', 'Gelu', 'Sigmoid', 'HardSigmoid', 'HardSwish', 'Tanh', 'Softplus', 'Softsign', 'Mish',
  'Clip', 'BatchNormalization', 'InstanceNormalization', 'Dropout', 'Identity', 'Erf', 'Exp', 'Log', 'Sqrt', 'Abs', 'Neg', 'Reciprocal',
  'Cast', 'Floor', 'Ceil', 'Round', 'Sign', 'ThresholdedRelu', 'Shrink', 'QuantizeLinear', 'DequantizeLinear',
]);
/** Binary ops: a merge when two or more inputs come from the graph, else elementwise with a constant. */
const BINARY_OPS = new Set(['Add', 'Sub', 'Mul', 'Div', 'Sum', 'Max', 'Min', 'Mean', 'Pow']);

interface Attr {
  name: string;
  type: number;
  f?: number;
  i?: unknown;
  s?: Uint8Array;
  t?: Tensor;
  floats?: number[];
  ints?: unknown[];
}
interface Node {
  input?: string[];
  output?: string[];
  name?: string;
  opType?: string;
  domain?: string;
  attribute?: Attr[];
}
interface Dim {
  dimValue?: unknown;
  dimParam?: string;
}
interface ValueInfo {
  name?: string;
  type?: { tensorType?: { shape?: { dim?: Dim[] } } };
}
interface Tensor {
  name?: string;
  dims?: unknown[];
  dataType?: number;
  rawData?: Uint8Array;
}

/** Values of a small constant stored as raw_data (float32, int32, int64, double), else undefined. */
function smallValues(t: Tensor | undefined): number[] | undefined {
  const raw = t?.rawData;
  if (!raw || raw.length === 0 || raw.length > 512) return undefined;
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const read: Record<number, [number, (o: number) => number]> = {
    1: [4, (o) => view.getFloat32(o, true)],
    6: [4, (o) => view.getInt32(o, true)],
    7: [8, (o) => Number(view.getBigInt64(o, true))],
    11: [8, (o) => view.getFloat64(o, true)],
  };
  const r = read[t!.dataType ?? 0];
  if (!r || raw.length % r[0] !== 0) return undefined;
  return Array.from({ length: raw.length / r[0] }, (_, i) => r[1](i * r[0]));
}
interface Model {
  irVersion?: unknown;
  producerName?: string;
  producerVersion?: string;
  graph?: { node?: Node[]; name?: string; initializer?: Tensor[]; input?: ValueInfo[]; output?: ValueInfo[] };
}

const MAX_INT = 2 ** 31 - 1;

/** int64 from protobufjs (number or Long) → a safe integer within ±2³¹, else a clear error. */
function int64(v: unknown, what: string): number {
  let n: number;
  if (typeof v === 'number') n = v;
  else if (v && typeof v === 'object' && 'low' in v && 'high' in v) {
    const { low, high } = v as { low: number; high: number };
    n = high * 4294967296 + (low >>> 0);
  } else if (typeof v === 'string') n = Number(v);
  else throw new ConvError('MODEL_GRAPH', `${what} is missing or not an integer (${show(v)})`, { hint: 'the model is malformed' });
  if (!Number.isSafeInteger(n) || Math.abs(n) > MAX_INT) {
    throw new ConvError('MODEL_GRAPH', `${what} is ${Number.isFinite(n) ? n : 'out of range'}: larger than convkit accepts (±${MAX_INT})`, { hint: 'the model is corrupt or hostile' });
  }
  return n;
}

function decodeModel(bytes: Uint8Array): Model {
  if (bytes.length === 0) throw new ConvError('MODEL_FILE', 'the model file is empty', { hint: 'give an .onnx file exported from PyTorch, TensorFlow or Keras' });
  if (bytes.length > MAX_ONNX_BYTES) throw new ConvError('MODEL_FILE', `the model file is ${bytes.length} bytes`, { hint: `convkit reads ONNX files up to ${MAX_ONNX_BYTES} bytes` });
  const sig = String.fromCharCode(...bytes.subarray(0, 8));
  const known: [RegExp, string][] = [
    [/^PK\x03\x04/, 'a ZIP archive (a PyTorch .pt/.pth checkpoint or a Keras .keras file?)'],
    [/^\x89HDF/, 'an HDF5 file (a Keras .h5 model?)'],
    [/^\s*[{[]/, 'JSON text (a layer list? use a .json or .yaml extension)'],
    [/^\x80[\x02-\x05]/, 'a Python pickle'],
  ];
  for (const [re, what] of known) {
    if (re.test(sig)) throw new ConvError('MODEL_FILE', `this is not an ONNX file: it looks like ${what}`, { hint: 'export the model to ONNX first (torch.onnx.export, tf2onnx)' });
  }
  // ONNX has no magic number; the first field of a ModelProto is normally ir_version (tag 0x08).
  scanOnnx(bytes);
  let model: Model;
  try {
    const type = onnxRoot().lookupType('onnx.ModelProto');
    model = type.decode(bytes) as unknown as Model;
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new ConvError('MODEL_FILE', `ONNX file cannot be decoded (${msg})`, { hint: 'the file is truncated, corrupt, or not an ONNX model' });
  }
  if (!model.graph || !model.graph.node || model.graph.node.length === 0) {
    throw new ConvError('MODEL_FILE', 'the file decodes but holds no ONNX graph with nodes', { hint: 'the file is not an ONNX model, or the model is empty' });
  }
  return model;
}

function attrs(node: Node, where: string): Map<string, Attr> {
  const m = new Map<string, Attr>();
  for (const a of node.attribute ?? []) {
    if (!a.name) throw new ConvError('MODEL_GRAPH', `${where}: an attribute has no name`, { hint: 'the model is malformed' });
    m.set(a.name, a);
  }
  return m;
}

function intsAttr(a: Map<string, Attr>, name: string, where: string): number[] | undefined {
  const at = a.get(name);
  if (!at || !at.ints || at.ints.length === 0) return undefined;
  return at.ints.map((v, i) => int64(v, `${where}: ${name}[${i}]`));
}

function intAttr(a: Map<string, Attr>, name: string, where: string, fallback: number): number {
  const at = a.get(name);
  return at && at.i !== undefined ? int64(at.i, `${where}: ${name}`) : fallback;
}

function stringAttr(a: Map<string, Attr>, name: string): string | undefined {
  const s = a.get(name)?.s;
  return s ? new TextDecoder().decode(s) : undefined;
}

function perAxisAttr(a: Map<string, Attr>, name: string, where: string, rank: number, fallback: number, min: number): number[] {
  const v = intsAttr(a, name, where);
  if (v === undefined || v.length === 0) return Array(rank).fill(fallback);
  if (v.length !== rank) throw new ConvError('MODEL_GRAPH', `${where}: ${name} has ${v.length} values but the kernel has ${rank} spatial axes`, { hint: `${name} needs ${rank} values` });
  v.forEach((x, i) => {
    if (x < min) throw new ConvError('MODEL_GRAPH', `${where}: ${name}[${i}] is ${x}`, { hint: `${name} must be ≥ ${min}` });
  });
  return v;
}

/** pads [x1_begin, x2_begin, …, x1_end, x2_end, …] + auto_pad → PaddingDef. */
function paddingOf(a: Map<string, Attr>, where: string, rank: number): PaddingDef {
  const auto = stringAttr(a, 'auto_pad') ?? 'NOTSET';
  const pads = intsAttr(a, 'pads', where);
  if (!['NOTSET', 'SAME_UPPER', 'SAME_LOWER', 'VALID'].includes(auto)) {
    throw new ConvError('MODEL_GRAPH', `${where}: auto_pad ${show(auto)} is not an ONNX value`, { hint: 'use NOTSET, SAME_UPPER, SAME_LOWER or VALID' });
  }
  if (auto !== 'NOTSET') {
    if (pads && pads.some((p) => p !== 0)) throw new ConvError('MODEL_GRAPH', `${where}: has both auto_pad=${auto} and pads`, { hint: 'ONNX forbids using them together (ORT refuses it too)' });
    return { auto: auto as AutoPad };
  }
  if (!pads || pads.length === 0) return { pairs: Array.from({ length: rank }, () => [0, 0]) };
  if (pads.length !== 2 * rank) throw new ConvError('MODEL_GRAPH', `${where}: pads has ${pads.length} values, but ${2 * rank} are needed (all begins, then all ends)`, { hint: `give ${2 * rank} values` });
  pads.forEach((p, i) => {
    if (p < 0) throw new ConvError('MODEL_GRAPH', `${where}: pads[${i}] is ${p}`, { hint: 'ONNX pads must be ≥ 0' });
  });
  return { pairs: Array.from({ length: rank }, (_, i) => [pads[i], pads[i + rank]] as [number, number]) };
}

/**
 * Resize (opset 10+) and Upsample: integer upsampling that convkit analyses, or the reason it does
 * not. Nearest is taken with asymmetric + floor (PyTorch's export, Upsample, opset-10 Resize) or
 * half-pixel + round_prefer_* (identical for integer factors: no ties); linear with half-pixel
 * centres (PyTorch's bilinear, align_corners=False). Factors come from a constant `scales`
 * (or `sizes`) input, or Upsample's `scales` attribute.
 */
function resizeOf(node: Node, a: Map<string, Attr>, where: string, rank: number, values: Map<string, number[]>): { mode: 'nearest' | 'linear'; scales?: number[]; sizes?: number[] } | string {
  const op = node.opType;
  const ins = node.input ?? [];
  const legacy = op === 'Upsample' || ins.length === 2; // Upsample and opset-10 Resize: [X, scales], asymmetric coordinates
  const rawMode = stringAttr(a, 'mode') ?? 'nearest';
  const mode = rawMode === 'bilinear' ? 'linear' : rawMode;
  const coord = legacy ? 'asymmetric' : stringAttr(a, 'coordinate_transformation_mode') ?? 'half_pixel';
  const nearestMode = legacy ? 'floor' : stringAttr(a, 'nearest_mode') ?? 'round_prefer_floor';
  const halfPixel = coord === 'half_pixel' || coord === 'pytorch_half_pixel';
  if (mode === 'nearest') {
    const ok = (coord === 'asymmetric' && nearestMode === 'floor') || (halfPixel && nearestMode.startsWith('round_prefer'));
    if (!ok) return `${op} nearest with ${coord} coordinates and ${nearestMode} rounding is not analysed`;
  } else if (mode === 'linear') {
    if (!halfPixel) return `${op} linear with ${coord} coordinates is not analysed (half_pixel only)`;
  } else return `${op} mode ${mode} is not analysed`;
  let scales: number[] | undefined;
  let sizes: number[] | undefined;
  const attrScales = a.get('scales')?.floats;
  if (op === 'Upsample' && attrScales && attrScales.length) scales = [...attrScales];
  else if (legacy) scales = ins[1] ? values.get(ins[1]) : undefined;
  else {
    scales = ins[2] ? values.get(ins[2]) : undefined;
    if (!scales || scales.length === 0) {
      scales = undefined;
      sizes = ins[3] ? values.get(ins[3]) : undefined;
    }
  }
  const v = scales ?? sizes;
  if (!v || v.length === 0) return `${op} whose scales/sizes are computed at run time (not a small constant)`;
  if (v.length !== rank + 2) throw new ConvError('MODEL_GRAPH', `${where}: ${scales ? 'scales' : 'sizes'} has ${v.length} values for a ${rank + 2}-D input`, { hint: `give ${rank + 2} values` });
  if (scales && (scales[0] !== 1 || scales[1] !== 1)) return `${op} that scales the batch or channel axis`;
  return { mode, ...(scales ? { scales: scales.slice(2) } : { sizes: sizes!.slice(2) }) };
}

/**
 * Pad: `pads` from the constant second input (opset ≥ 11) or the attribute (older), laid out
 * [x1_begin, …, xn_begin, x1_end, …, xn_end] over all axes; only spatial, non-negative pads with
 * mode constant (zeros; a non-zero constant_value is reported as zeros' geometry), reflect or edge.
 */
function padOf(node: Node, a: Map<string, Attr>, rank: number, values: Map<string, number[]>): { pairs: [number, number][]; mode: 'zeros' | 'reflect' | 'replicate' } | string {
  const modeName = stringAttr(a, 'mode') ?? 'constant';
  const mode = ({ constant: 'zeros', reflect: 'reflect', edge: 'replicate' } as const)[modeName as 'constant' | 'reflect' | 'edge'];
  if (!mode) return `Pad mode ${modeName} is not analysed`;
  if ((node.input ?? [])[3]) return 'Pad with an axes input is not analysed';
  const attrPads = a.get('pads')?.ints;
  const pads = attrPads && attrPads.length ? attrPads.map((v, i) => int64(v, `Pad pads[${i}]`)) : node.input?.[1] ? values.get(node.input[1]) : undefined;
  if (!pads) return 'Pad whose pads are computed at run time (not a small constant)';
  const n = rank + 2;
  if (pads.length !== 2 * n) return `Pad with ${pads.length} pads for a ${n}-D input`;
  if (pads[0] || pads[1] || pads[n] || pads[n + 1]) return 'Pad of the batch or channel axis';
  const pairs = Array.from({ length: rank }, (_, i) => [pads[2 + i], pads[n + 2 + i]] as [number, number]);
  if (pairs.some(([b, e]) => b < 0 || e < 0)) return 'Pad with negative pads (a crop)';
  return { pairs, mode };
}

export interface OnnxOptions {
  /** Override the input shape (needed when the file leaves a spatial size symbolic). */
  inputShape?: number[];
}

export interface OnnxInfo {
  producer: string;
  /** Nodes computed from constants only (folded away; not layers). */
  constantNodes: number;
  irVersion: number | null;
}

/** Decodes an ONNX file and converts its graph. */
export function onnxToNetwork(bytes: Uint8Array, options: OnnxOptions = {}): NetworkDef & { info: OnnxInfo } {
  const model = decodeModel(bytes);
  const g = model.graph!;
  if ((g.node ?? []).length > MAX_LAYERS) {
    throw new ConvError('MODEL_GRAPH', `the ONNX graph has ${g.node!.length} nodes`, { hint: `convkit analyses networks of at most ${MAX_LAYERS} layers` });
  }
  const constants = new Map<string, number[]>();
  const constValues = new Map<string, number[]>();
  for (const t of g.initializer ?? []) {
    if (!t.name) continue;
    constants.set(t.name, (t.dims ?? []).map((d, i) => int64(d, `initializer "${t.name}" dims[${i}]`)));
    const v = smallValues(t);
    if (v) constValues.set(t.name, v);
  }
  for (const n of g.node ?? []) {
    if (n.opType === 'Constant' && n.output?.[0]) {
      const at = n.attribute ?? [];
      const t = at.find((x) => x.name === 'value')?.t;
      constants.set(n.output[0], (t?.dims ?? []).map((d, i) => int64(d, `Constant "${n.output![0]}" dims[${i}]`)));
      const floats = at.find((x) => x.name === 'value_floats')?.floats;
      const ints = at.find((x) => x.name === 'value_ints')?.ints;
      const v = t ? smallValues(t) : floats ? [...floats] : ints ? ints.map((x, i) => int64(x, `Constant value_ints[${i}]`)) : undefined;
      if (v) constValues.set(n.output[0], v);
    }
  }
  const graphInputs = (g.input ?? []).filter((v) => v.name && !constants.has(v.name));
  if (graphInputs.length === 0) throw new ConvError('MODEL_GRAPH', 'the ONNX graph has no (non-constant) input', { hint: 'the model is malformed' });
  const first = graphInputs[0];
  let shape: number[];
  if (options.inputShape) shape = options.inputShape;
  else {
    const dims = first.type?.tensorType?.shape?.dim;
    if (!dims || dims.length === 0) throw new ConvError('MODEL_GRAPH', `input "${first.name}" has no shape in the file`, { hint: 'give one with --input-shape N,C,H,W' });
    shape = dims.map((d, i) => {
      if (d.dimValue !== undefined && d.dimValue !== null) {
        const v = int64(d.dimValue, `input "${first.name}" dim ${i}`);
        if (v > 0) return v;
      }
      if (i === 0) return 1; // a symbolic batch size: analyse one sample
      throw new ConvError('MODEL_GRAPH', `input "${first.name}" has a symbolic size ${show(d.dimParam ?? '?')} on dimension ${i}`, { hint: 'give a concrete shape with --input-shape N,C,H,W' });
    });
  }
  // TensorFlow/Keras exports (tf2onnx) start with Transpose NHWC → NCHW. When that is the input's only
  // consumer, analyse the network on the transposed (NCHW) input and show the Transpose as a layout step.
  const consumers = (g.node ?? []).filter((n) => (n.input ?? []).includes(first.name!));
  const lead = consumers.length === 1 && consumers[0].opType === 'Transpose' ? consumers[0] : null;
  const nhwcPerm = [0, shape.length - 1, ...Array.from({ length: shape.length - 2 }, (_, i) => i + 1)];
  const layoutNode = lead && intsAttr(attrs(lead, 'input Transpose'), 'perm', 'input Transpose')?.join() === nhwcPerm.join() ? lead : null;
  if (layoutNode && !options.inputShape) shape = nhwcPerm.map((p) => shape[p]);
  const rank = shape.length - 2;
  const layers: LayerDef[] = [];
  const producer = new Map<string, string>(); // tensor name → layer name
  producer.set(first.name!, first.name!);
  const usedNames = new Set<string>([first.name!]);
  let constantNodes = 0;
  for (const extra of graphInputs.slice(1)) {
    layers.push({ name: extra.name!, op: 'Input', kind: 'unknown', inputs: [first.name!], reason: 'a second network input; convkit analyses receptive fields from the first input only' });
    producer.set(extra.name!, extra.name!);
    usedNames.add(extra.name!);
  }
  (g.node ?? []).forEach((node, idx) => {
    const op = node.opType ?? '';
    if (op === 'Constant') return;
    const outs = (node.output ?? []).filter((o) => o);
    if (outs.length === 0) return; // a node with no outputs affects nothing
    let name = node.name && !usedNames.has(node.name) ? node.name : outs[0];
    if (usedNames.has(name)) name = `${name}#${idx}`;
    usedNames.add(name);
    const where = `node ${idx} "${name}" (${op || 'no op_type'})`;
    const graphIns = (node.input ?? []).filter((i) => i && !constants.has(i));
    if (graphIns.length === 0 && (node.input ?? []).some((i) => i)) {
      // Computed from constants only (Identity of a weight, Shape arithmetic…): a constant, not a layer.
      const src = op === 'Identity' ? constants.get(node.input![0]) : undefined;
      for (const o of outs) constants.set(o, src ?? []);
      constantNodes++;
      return;
    }
    const inputs = graphIns.map((i) => {
      const p = producer.get(i);
      if (p === undefined) {
        // Defined later (a cycle or out-of-order graph) or never: resolve after all nodes are known.
        return `\u0000${i}`;
      }
      return p;
    });
    for (const o of outs) producer.set(o, name);
    const base = { name, op, inputs };
    const a = attrs(node, where);
    if (node.domain && node.domain !== 'ai.onnx') {
      layers.push({ ...base, kind: 'unknown', reason: `custom-domain op ${node.domain}::${op}` });
      return;
    }
    if (op === 'Conv' || op === 'ConvTranspose') {
      const wName = node.input?.[1];
      if (!wName) throw new ConvError('MODEL_GRAPH', `${where}: has no weight input`, { hint: `${op} needs inputs X and W` });
      const w = constants.get(wName);
      if (!w) {
        layers.push({ ...base, inputs: inputs.slice(0, 1), kind: 'unknown', reason: `weight "${wName}" is computed at run time, not a constant initializer` });
        return;
      }
      if (w.length < 3 || w.length > 5) throw new ConvError('MODEL_GRAPH', `${where}: weight "${wName}" has shape [${w.join(', ')}]`, { hint: 'a conv weight has 3 to 5 dimensions' });
      const r = w.length - 2;
      const kernelShape = intsAttr(a, 'kernel_shape', where);
      if (kernelShape && kernelShape.length > 0 && kernelShape.join() !== w.slice(2).join()) {
        throw new ConvError('MODEL_GRAPH', `${where}: kernel_shape [${kernelShape.join(', ')}] disagrees with weight shape [${w.join(', ')}]`, { hint: 'the model is inconsistent' });
      }
      const groups = intAttr(a, 'group', where, 1);
      if (groups < 1) throw new ConvError('MODEL_GRAPH', `${where}: group is ${groups}`, { hint: 'group must be ≥ 1' });
      const bias = node.input?.[2] ? true : false;
      const transposed = op === 'ConvTranspose';
      const def: LayerDef = {
        ...base,
        inputs: inputs.slice(0, 1),
        kind: transposed ? 'convTranspose' : 'conv',
        outChannels: transposed ? w[1] * groups : w[0],
        kernel: w.slice(2),
        stride: perAxisAttr(a, 'strides', where, r, 1, 1),
        dilation: perAxisAttr(a, 'dilations', where, r, 1, 1),
        padding: { pairs: Array.from({ length: r }, () => [0, 0]) },
        groups,
        bias,
        weightShape: w,
        onnx: {
          auto_pad: (stringAttr(a, 'auto_pad') ?? 'NOTSET') as OnnxAutoPad,
          pads: intsAttr(a, 'pads', where),
          strides: intsAttr(a, 'strides', where),
          dilations: intsAttr(a, 'dilations', where),
          group: groups,
          kernel_shape: kernelShape,
          output_padding: transposed ? intsAttr(a, 'output_padding', where) : undefined,
          output_shape: transposed ? intsAttr(a, 'output_shape', where) : undefined,
        },
      };
      if (!transposed && def.onnx) delete def.onnx.output_padding;
      if (!transposed && def.onnx) delete def.onnx.output_shape;
      for (const k of Object.keys(def.onnx!) as (keyof NonNullable<typeof def.onnx>)[]) if (def.onnx![k] === undefined) delete def.onnx![k];
      if (transposed) def.outputPadding = perAxisAttr(a, 'output_padding', where, r, 0, 0);
      layers.push(def);
      return;
    }
    if (op === 'MaxPool' || op === 'AveragePool' || op === 'LpPool') {
      if (op === 'LpPool') {
        layers.push({ ...base, kind: 'unknown', reason: 'LpPool is not analysed' });
        return;
      }
      const k = intsAttr(a, 'kernel_shape', where);
      if (!k || k.length === 0) throw new ConvError('MODEL_GRAPH', `${where}: the required attribute kernel_shape is missing`, { hint: 'ONNX pooling needs kernel_shape' });
      k.forEach((x, i) => {
        if (x < 1) throw new ConvError('MODEL_GRAPH', `${where}: kernel_shape[${i}] is ${x}`, { hint: 'kernel sizes must be ≥ 1' });
      });
      const r = k.length;
      if (outs.length > 1) for (const o of outs.slice(1)) producer.set(o, `${name}:indices`);
      layers.push({
        ...base,
        kind: 'pool',
        mode: op === 'MaxPool' ? 'max' : 'avg',
        kernel: k,
        stride: perAxisAttr(a, 'strides', where, r, 1, 1), // ONNX's default stride is 1, not the kernel
        dilation: perAxisAttr(a, 'dilations', where, r, 1, 1),
        padding: paddingOf(a, where, r),
        ceilMode: intAttr(a, 'ceil_mode', where, 0) === 1,
        countIncludePad: intAttr(a, 'count_include_pad', where, 0) === 1,
      });
      if (outs.length > 1) layers.push({ name: `${name}:indices`, op: 'MaxPool indices', kind: 'unknown', inputs: [name], reason: 'the indices output of MaxPool is not analysed' });
      return;
    }
    if (op === 'Pad') {
      const r = padOf(node, a, rank, constValues);
      if (typeof r === 'string') layers.push({ ...base, inputs: inputs.slice(0, 1), kind: 'unknown', reason: r });
      else layers.push({ ...base, inputs: inputs.slice(0, 1), kind: 'pad', ...r });
      return;
    }
    if (op === 'Resize' || op === 'Upsample') {
      const r = resizeOf(node, a, where, rank, constValues);
      if (typeof r === 'string') layers.push({ ...base, inputs: inputs.slice(0, 1), kind: 'unknown', reason: r });
      else layers.push({ ...base, inputs: inputs.slice(0, 1), kind: 'resize', ...r });
      return;
    }
    if (op === 'GlobalAveragePool' || op === 'GlobalMaxPool') {
      layers.push({ ...base, kind: 'globalPool', mode: op === 'GlobalMaxPool' ? 'max' : 'avg' });
      return;
    }
    if (node === layoutNode) {
      layers.push({ ...base, op: 'Transpose (NHWC→NCHW input)', kind: 'elementwise' });
      return;
    }
    if (SHAPE_PRESERVING_OPS.has(op) || (op === 'Softmax' && intAttr(a, 'axis', where, -1) === 1)) {
      if (inputs.length !== 1) {
        layers.push({ ...base, kind: 'unknown', reason: `${op} with ${inputs.length} non-constant inputs` });
        return;
      }
      layers.push({ ...base, kind: 'elementwise' });
      return;
    }
    if (BINARY_OPS.has(op)) {
      if (inputs.length === 1) layers.push({ ...base, kind: 'elementwise' });
      else if (inputs.length >= 2) layers.push({ ...base, kind: 'add' });
      else layers.push({ ...base, inputs: [first.name!], kind: 'unknown', reason: `${op} of constants only` });
      return;
    }
    if (op === 'Concat') {
      const axis = intAttr(a, 'axis', where, Number.NaN);
      if (axis === 1 || axis === -(rank + 1)) {
        if (inputs.length >= 2) layers.push({ ...base, kind: 'concat' });
        else layers.push({ ...base, kind: 'elementwise' });
      } else layers.push({ ...base, kind: 'unknown', reason: Number.isNaN(axis) ? 'Concat without its required axis attribute' : `Concat along axis ${axis} (not channels)` });
      return;
    }
    layers.push({ ...base, inputs: inputs.length ? inputs : [first.name!], kind: 'unknown', reason: `op ${op || '(none)'} is not analysed` });
  });
  // Inputs that named tensors defined later: resolve now (a cycle is then caught by buildNetwork).
  for (const l of layers) {
    l.inputs = l.inputs.map((i) => {
      if (!i.startsWith('\u0000')) return i;
      const t = i.slice(1);
      const p = producer.get(t);
      if (p === undefined) throw new ConvError('MODEL_GRAPH', `layer "${l.name}" (${l.op}) reads tensor "${t}", which no node, initializer or input defines`, { hint: 'the model is malformed' });
      return p;
    });
  }
  const outputs = (g.output ?? []).map((o) => producer.get(o.name ?? '')).filter((x): x is string => x !== undefined && x !== first.name);
  return {
    name: g.name || 'onnx-model',
    input: { name: first.name!, shape },
    layers,
    outputs: [...new Set(outputs)],
    info: { constantNodes, producer: `${model.producerName ?? ''} ${model.producerVersion ?? ''}`.trim(), irVersion: model.irVersion === undefined ? null : int64(model.irVersion, 'ir_version') },
  };
}
