/**
 * The plain layer-list format (JSON or YAML) for hand-written networks. Schema (src/model/README.md
 * has the full text):
 *
 *   name: deeplab-head              # optional
 *   input: [1, 3, 64, 64]           # [N, C, spatial…] (the batch N first); or {name: x, shape: […]}
 *   outputs: [head]                 # optional; default: layers nobody reads
 *   layers:
 *     - {type: conv, out: 16, kernel: 3, padding: 1}
 *     - {type: relu}
 *     - {type: conv, name: a6, input: c1, out: 8, kernel: 3, dilation: 6, padding: same}
 *     - {type: concat, inputs: [a1, a6]}
 *     - {type: convTranspose, out: 8, kernel: 2, stride: 2}
 *     - {type: upsample, scale: 2, mode: linear}
 *
 * Each layer reads the previous layer (or the network input) unless `input`/`inputs` names others.
 * Every field is checked; a wrong one is a ConvError naming the layer, the field and what is valid.
 */
import { parse as parseYaml } from 'yaml';
import { ConvError, show } from '../geometry/errors.js';
import type { AutoPad, LayerDef, NetworkDef, PaddingDef } from '../network/types.js';

export const ELEMENTWISE_TYPES = [
  'relu', 'relu6', 'leakyRelu', 'prelu', 'elu', 'selu', 'gelu', 'silu', 'swish', 'mish', 'sigmoid', 'tanh', 'hardSigmoid', 'hardSwish',
  'softplus', 'batchNorm', 'instanceNorm', 'layerNorm', 'groupNorm', 'dropout', 'identity', 'clip', 'scale', 'elementwise',
] as const;
const CONV_TYPES = ['conv', 'convTranspose'] as const;
const POOL_TYPES = ['maxPool', 'avgPool'] as const;
const GLOBAL_TYPES = ['globalAvgPool', 'globalMaxPool'] as const;
const MERGE_TYPES = ['add', 'concat'] as const;
/**
 * The `type` values a layer list accepts: convs, pools, global pools, `upsample`, `pad`, merges,
 * the shape-preserving ops (activations, normalisation, dropout…), `flatten` and `linear`.
 *
 * @example
 * ```ts
 * import { LAYER_TYPES } from 'convkit';
 * LAYER_TYPES.slice(0, 4); //=> ['conv', 'convTranspose', 'maxPool', 'avgPool']
 * LAYER_TYPES.includes('relu'); //=> true
 * ```
 */
export const LAYER_TYPES: readonly string[] = [...CONV_TYPES, ...POOL_TYPES, ...GLOBAL_TYPES, 'upsample', 'pad', ...MERGE_TYPES, ...ELEMENTWISE_TYPES, 'flatten', 'linear'];

const COMMON = ['type', 'name', 'input', 'inputs'];
const FIELDS: Record<string, string[]> = {
  conv: [...COMMON, 'out', 'kernel', 'stride', 'dilation', 'padding', 'groups', 'bias'],
  convTranspose: [...COMMON, 'out', 'kernel', 'stride', 'dilation', 'padding', 'outputPadding', 'outputSize', 'groups', 'bias'],
  maxPool: [...COMMON, 'kernel', 'stride', 'dilation', 'padding', 'ceilMode'],
  avgPool: [...COMMON, 'kernel', 'stride', 'padding', 'ceilMode', 'countIncludePad'],
  global: [...COMMON],
  upsample: [...COMMON, 'scale', 'size', 'mode'],
  pad: [...COMMON, 'padding', 'mode'],
  merge: [...COMMON],
  elementwise: [...COMMON],
  flatten: [...COMMON],
  linear: [...COMMON, 'out', 'bias'],
};

/** Largest layer-list text accepted (bounds parse time and memory). */
export const MAX_LAYER_LIST_BYTES = 8 * 1024 * 1024;

/**
 * The layer type a framework's class name means: PyTorch's `Conv2d`, `MaxPool2d`, Keras's
 * `Conv2DTranspose`, `GlobalAveragePooling2D`, `Dense`, a snake-cased `max_pool`. The list names
 * layers by what they do, without the rank (the kernel gives it), so `conv2d` was refused with no
 * pointer to `conv` (review R43a).
 */
export function layerTypeMeant(type: string): string | null {
  const norm = (t: string) => t.toLowerCase().replace(/_/g, '').replace(/[123]d/g, '').replace(/pooling/g, 'pool').replace(/average/g, 'avg').replace(/^dense$/, 'linear').replace(/^batchnormalization$/, 'batchnorm');
  const n = norm(type);
  return LAYER_TYPES.find((t) => t !== type && norm(t) === n) ?? null;
}

function fail(where: string, message: string, hint: string): never {
  throw new ConvError('MODEL_GRAPH', `${where}: ${message}`, { hint });
}

function intField(where: string, field: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > 2 ** 31 - 1) fail(where, `field "${field}" must be an integer ≥ ${min}, but is ${show(v)}`, `e.g. ${field}: ${Math.max(min, 1)}`);
  return v;
}

/** An int or one per axis; `rank` is fixed by the first layer that has a kernel. */
function axesField(where: string, field: string, v: unknown, min: number, rank: number, fallback: number | number[]): number[] {
  if (v === undefined || v === null) return Array.isArray(fallback) ? fallback : Array(rank).fill(fallback);
  if (typeof v === 'number') return Array(rank).fill(intField(where, field, v, min));
  if (Array.isArray(v) && (v.length === rank || v.length === 1)) {
    const xs = v.map((x, i) => intField(where, `${field}[${i}]`, x, min));
    return xs.length === 1 ? Array(rank).fill(xs[0]) : xs;
  }
  return fail(where, `field "${field}" must be an integer or a list of ${rank} integers, but is ${show(v)}`, `e.g. ${field}: ${min === 0 ? 0 : 1} or [${Array(rank).fill(Math.max(min, 1)).join(', ')}]`);
}

function paddingField(where: string, v: unknown, rank: number, allowAuto: boolean): PaddingDef {
  if (v === undefined || v === null) return { pairs: Array.from({ length: rank }, () => [0, 0]) };
  if (typeof v === 'string') {
    const map: Record<string, AutoPad> = { same: 'SAME_UPPER', same_upper: 'SAME_UPPER', same_lower: 'SAME_LOWER', valid: 'VALID' };
    const auto = map[v.toLowerCase()];
    if (!auto || !allowAuto) fail(where, `padding ${show(v)} is not valid here`, allowAuto ? 'use a number, a list, [before, after] pairs, or "same", "same_lower", "valid"' : 'transposed layers take numbers; use outputSize for a wanted size');
    return { auto };
  }
  if (Array.isArray(v) && v.some((x) => Array.isArray(x))) {
    if (v.length !== rank) fail(where, `padding has ${v.length} entries for ${rank} spatial axes`, `give ${rank} numbers or [before, after] pairs`);
    return {
      pairs: v.map((x, i) => {
        if (typeof x === 'number') return [intField(where, `padding[${i}]`, x, 0), x] as [number, number];
        if (!Array.isArray(x) || x.length !== 2) fail(where, `padding[${i}] must be a number or a [before, after] pair, but is ${show(x)}`, 'e.g. [0, 1]');
        return [intField(where, `padding[${i}][0]`, x[0], 0), intField(where, `padding[${i}][1]`, x[1], 0)] as [number, number];
      }),
    };
  }
  return { pairs: axesField(where, 'padding', v, 0, rank, 0).map((p) => [p, p]) };
}

function namesField(where: string, field: string, v: unknown): string[] {
  const list = Array.isArray(v) ? v : [v];
  if (list.length === 0 || list.some((x) => typeof x !== 'string' || x.length === 0)) fail(where, `field "${field}" must be a layer name or a list of names, but is ${show(v)}`, 'e.g. inputs: [branch1, branch2]');
  return list as string[];
}

function shapeField(v: unknown): { name: string; shape: number[] } {
  const where = 'input';
  let name = 'input';
  let shape = v;
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) if (k !== 'name' && k !== 'shape') fail(where, `unknown field "${k}"`, 'input takes name and shape');
    if (o.name !== undefined) {
      if (typeof o.name !== 'string' || !o.name) fail(where, `name must be a non-empty string, but is ${show(o.name)}`, 'e.g. name: x');
      name = o.name;
    }
    shape = o.shape;
  }
  if (!Array.isArray(shape) || shape.length < 2 || shape.length > 5) fail(where, `shape must be a list of 2 to 5 sizes, but is ${show(shape)}`, 'e.g. input: [1, 3, 64, 64]');
  return { name, shape: shape.map((x, i) => intField(where, `shape[${i}]`, x, 1)) };
}

/** A whole valid layer list, short enough for a hint. */
const LAYER_LIST_EXAMPLE = 'e.g. {input: [1, 3, 32, 32], layers: [{type: conv, out: 8, kernel: 3}]}';

/**
 * A parsed JSON/YAML value → NetworkDef (validated; geometry checks happen in buildNetwork).
 * Layers without a name get one from their type and position.
 *
 * @example
 * ```ts
 * import { layerListToNetwork } from 'convkit';
 * const def = layerListToNetwork({ input: [1, 1, 8], layers: [{ type: 'conv', out: 1, kernel: 3 }] });
 * def.layers[0]; //=> { name: 'conv0', kind: 'conv', outChannels: 1, kernel: [3], stride: [1] }
 * ```
 */
export function layerListToNetwork(doc: unknown): NetworkDef {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) fail('layer list', `the document must be a mapping with "input" and "layers", but is ${show(doc)}`, LAYER_LIST_EXAMPLE);
  const top = doc as Record<string, unknown>;
  for (const k of Object.keys(top)) if (!['name', 'input', 'layers', 'outputs'].includes(k)) fail('layer list', `unknown top-level field "${k}"`, 'valid fields: name, input, layers, outputs');
  if (top.input === undefined) fail('layer list', 'missing field "input"', 'e.g. input: [1, 3, 64, 64]');
  const input = shapeField(top.input);
  if (!Array.isArray(top.layers) || top.layers.length === 0) fail('layer list', `"layers" must be a non-empty list, but is ${show(top.layers)}`, 'e.g. layers: [{type: conv, out: 8, kernel: 3}]');
  const rankFromLayers = top.layers.map((l) => (l && typeof l === 'object' ? (l as Record<string, unknown>).kernel : undefined)).find((k) => Array.isArray(k) && k.length > 1);
  const rank = Array.isArray(rankFromLayers) ? rankFromLayers.length : input.shape.length - 2 >= 1 ? input.shape.length - 2 : 1;
  const layers: LayerDef[] = [];
  let prev = input.name;
  top.layers.forEach((raw, idx) => {
    let where = `layers[${idx}]`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) fail(where, `each layer must be a mapping with a "type", but is ${show(raw)}`, 'e.g. {type: conv, out: 8, kernel: 3}');
    const o = raw as Record<string, unknown>;
    const type = o.type;
    if (typeof type !== 'string' || !LAYER_TYPES.includes(type)) {
      const near = typeof type === 'string' ? layerTypeMeant(type) : null;
      fail(where, `unknown layer type ${show(type)}`, `${near ? `did you mean ${near}? ` : ''}valid types: ${LAYER_TYPES.join(', ')}`);
    }
    if (o.name !== undefined && (typeof o.name !== 'string' || o.name.length === 0)) fail(where, `field "name" must be a non-empty string, but is ${show(o.name)}`, 'e.g. name: conv1');
    const name = (o.name as string | undefined) ?? `${type}${idx}`;
    where = `layers[${idx}] (${type} "${name}")`;
    const group = type === 'upsample' || type === 'pad' || type === 'flatten' || type === 'linear' ? type : (CONV_TYPES as readonly string[]).includes(type) ? type : (POOL_TYPES as readonly string[]).includes(type) ? type : (GLOBAL_TYPES as readonly string[]).includes(type) ? 'global' : (MERGE_TYPES as readonly string[]).includes(type) ? 'merge' : 'elementwise';
    for (const k of Object.keys(o)) if (!FIELDS[group].includes(k)) fail(where, `unknown field "${k}"`, `a ${type} layer takes ${FIELDS[group].join(', ')}`);
    if (o.input !== undefined && o.inputs !== undefined) fail(where, 'give either "input" or "inputs", not both', 'inputs: [a, b] for merges');
    const inputs = o.input !== undefined ? namesField(where, 'input', o.input) : o.inputs !== undefined ? namesField(where, 'inputs', o.inputs) : [prev];
    if (group === 'merge' && inputs.length < 2) fail(where, `a ${type} layer merges at least two inputs, but has ${inputs.length}`, 'e.g. inputs: [branch1, branch2]');
    const base = { name, op: type, inputs };
    if (type === 'conv' || type === 'convTranspose') {
      if (o.out === undefined) fail(where, 'missing field "out" (output channels)', 'e.g. out: 16');
      if (o.kernel === undefined) fail(where, 'missing field "kernel"', 'e.g. kernel: 3');
      const kernel = axesField(where, 'kernel', o.kernel, 1, rank, 1);
      const stride = axesField(where, 'stride', o.stride, 1, rank, 1);
      const def: LayerDef = {
        ...base,
        kind: type,
        outChannels: intField(where, 'out', o.out, 1),
        kernel,
        stride,
        dilation: axesField(where, 'dilation', o.dilation, 1, rank, 1),
        padding: paddingField(where, o.padding, rank, type === 'conv'),
        groups: o.groups === undefined ? 1 : intField(where, 'groups', o.groups, 1),
        bias: o.bias === undefined ? true : o.bias === true ? true : o.bias === false ? false : fail(where, `field "bias" must be true or false, but is ${show(o.bias)}`, 'bias: false'),
      };
      if (type === 'convTranspose') {
        def.outputPadding = axesField(where, 'outputPadding', o.outputPadding, 0, rank, 0);
        if (o.outputSize !== undefined) def.outputShape = axesField(where, 'outputSize', o.outputSize, 1, rank, 1);
      }
      layers.push(def);
    } else if (type === 'maxPool' || type === 'avgPool') {
      if (o.kernel === undefined) fail(where, 'missing field "kernel"', 'e.g. kernel: 2');
      const kernel = axesField(where, 'kernel', o.kernel, 1, rank, 1);
      const flag = (f: string, d: boolean) => (o[f] === undefined ? d : typeof o[f] === 'boolean' ? (o[f] as boolean) : fail(where, `field "${f}" must be true or false, but is ${show(o[f])}`, `${f}: false`));
      layers.push({
        ...base,
        kind: 'pool',
        mode: type === 'maxPool' ? 'max' : 'avg',
        kernel,
        stride: axesField(where, 'stride', o.stride, 1, rank, kernel),
        dilation: axesField(where, 'dilation', o.dilation, 1, rank, 1),
        padding: paddingField(where, o.padding, rank, true),
        ceilMode: flag('ceilMode', false),
        countIncludePad: flag('countIncludePad', true),
      });
    } else if (group === 'pad') {
      if (o.padding === undefined) fail(where, 'missing field "padding"', 'e.g. padding: [[0, 1], [0, 1]]');
      const padding = paddingField(where, o.padding, rank, false);
      const modes = { zeros: 'zeros', constant: 'zeros', reflect: 'reflect', replicate: 'replicate', edge: 'replicate' } as const;
      const mode = o.mode === undefined ? 'zeros' : typeof o.mode === 'string' && o.mode in modes ? modes[o.mode as keyof typeof modes] : fail(where, `field "mode" must be zeros, reflect or replicate, but is ${show(o.mode)}`, 'mode: zeros');
      layers.push({ ...base, kind: 'pad', pairs: (padding as { pairs: [number, number][] }).pairs, mode });
    } else if (group === 'upsample') {
      const mode = o.mode === undefined ? 'nearest' : o.mode === 'nearest' || o.mode === 'linear' || o.mode === 'bilinear' ? (o.mode === 'nearest' ? 'nearest' : 'linear') : fail(where, `field "mode" must be nearest or linear, but is ${show(o.mode)}`, 'mode: nearest');
      if ((o.scale === undefined) === (o.size === undefined)) fail(where, 'give exactly one of "scale" and "size"', 'e.g. scale: 2');
      layers.push({
        ...base,
        kind: 'resize',
        mode,
        ...(o.scale !== undefined ? { scales: axesField(where, 'scale', o.scale, 1, rank, 1) } : { sizes: axesField(where, 'size', o.size, 1, rank, 1) }),
      });
    } else if (group === 'global') {
      layers.push({ ...base, kind: 'globalPool', mode: type === 'globalMaxPool' ? 'max' : 'avg' });
    } else if (group === 'merge') {
      layers.push({ ...base, kind: type as 'add' | 'concat' });
    } else if (group === 'flatten') {
      layers.push({ ...base, kind: 'flatten' });
    } else if (group === 'linear') {
      if (o.out === undefined) fail(where, 'missing field "out" (output features)', 'e.g. out: 10');
      const bias = o.bias === undefined ? true : o.bias === true ? true : o.bias === false ? false : fail(where, `field "bias" must be true or false, but is ${show(o.bias)}`, 'bias: false');
      layers.push({ ...base, kind: 'linear', outFeatures: intField(where, 'out', o.out, 1), bias });
    } else if (type === 'batchNorm') {
      // PyTorch's BatchNorm: γ and β per channel (parameters), running mean and variance (buffers), and
      // at inference one multiply-add per element.
      layers.push({ ...base, kind: 'elementwise', perChannel: { params: 2, buffers: 2 }, affinePerElement: 1 });
    } else {
      layers.push({ ...base, kind: 'elementwise' });
    }
    prev = name;
  });
  let outputs: string[] | undefined;
  if (top.outputs !== undefined) outputs = namesField('outputs', 'outputs', top.outputs);
  return { name: typeof top.name === 'string' ? top.name : 'network', input, layers, outputs };
}

/**
 * The YAML reader's complaint on one line, with the line it is about. Its message ends in a code
 * frame ("… at line 3, column 23:" then the text and a caret) that a one-line error cut to a
 * dangling ":"; the line itself, quoted, says where to look.
 */
function syntaxError(e: unknown, text: string, source: string): ConvError {
  const first = e instanceof Error ? e.message.split('\n')[0].replace(/:\s*$/, '') : String(e);
  const at = (e as { linePos?: { line: number; col: number }[] }).linePos?.[0];
  const line = at ? text.split(/\r?\n/)[at.line - 1]?.trim() : undefined;
  const quoted = line ? ` (line ${at!.line} reads: ${line.length > 60 ? `${line.slice(0, 57)}…` : line})` : '';
  return new ConvError('MODEL_FILE', `${source} is not valid JSON or YAML: ${first}${quoted}`, {
    values: at ? { line: at.line, column: at.col } : {},
    hint: LAYER_LIST_EXAMPLE,
  });
}

/**
 * Parses JSON or YAML text (YAML is a superset of JSON) into a NetworkDef.
 *
 * @example
 * ```ts
 * import { buildNetwork, parseLayerList } from 'convkit';
 * const def = parseLayerList(`
 * input: [1, 3, 64, 64]
 * layers:
 *   - {type: conv, name: stem, out: 16, kernel: 3, stride: 2, padding: 1}
 *   - {type: relu}
 *   - {type: maxPool, kernel: 2}
 * `);
 * def.layers.map((l) => l.kind);          //=> ['conv', 'elementwise', 'pool']
 * buildNetwork(def).nodes[2].outputShape; //=> [1, 16, 16, 16]
 * ```
 */
export function parseLayerList(text: string, source = 'layer list'): NetworkDef {
  if (text.length > MAX_LAYER_LIST_BYTES) throw new ConvError('MODEL_FILE', `${source} is ${text.length} bytes`, { hint: `layer lists are limited to ${MAX_LAYER_LIST_BYTES} bytes` });
  let doc: unknown;
  try {
    doc = parseYaml(text, { maxAliasCount: 1000, uniqueKeys: true });
  } catch (e) {
    throw syntaxError(e, text, source);
  }
  return layerListToNetwork(doc);
}
