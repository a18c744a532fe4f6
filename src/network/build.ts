/**
 * buildNetwork: a NetworkDef → a Network whose every layer carries its geometry.
 *
 * Checks the graph (unique names, known inputs, no cycles), orders it topologically, and asks the
 * geometry (convGeometry / convTransposeGeometry / poolGeometry) for every layer's output shape.
 * Unknown ops are listed in `skipped`, together with every layer that depends on them.
 */
import { ConvError, counted, show } from '../geometry/errors.js';
import { poolGeometry } from '../geometry/pool.js';
import { effectiveKernel } from '../geometry/sizes.js';
import { convGeometry, convTransposeGeometry } from '../geometry/torch.js';
import { convMacs, convParams } from './counts.js';
import { fromOnnx } from '../geometry/onnx.js';
import { fromOnnxPool } from '../geometry/onnx-pool.js';
import { directPads } from './padding.js';
import type { ConvLayerDef, FlattenLayerDef, LayerDef, LinearLayerDef, Network, NetworkDef, NetworkNode, PadLayerDef, PoolLayerDef, ResizeLayerDef, SkippedLayer } from './types.js';
import { evaluateValue, resolveReshape } from './values.js';

/** Most layers a network may have (bounds time and memory on hostile input). */
export const MAX_LAYERS = 100_000;

function graphError(message: string, hint?: string): ConvError {
  return new ConvError('MODEL_GRAPH', message, { hint });
}

/** Layer names for a message: quoted, the first 8, and how many there are when more (ONNX graphs have thousands). */
function namesText(names: readonly string[]): string {
  const shown = names.slice(0, 8).map((n) => `"${n}"`).join(', ');
  return names.length > 8 ? `${shown}, … (${names.length} in all)` : shown;
}

/**
 * A layer that is valid but that convkit does not analyse (a Resize by a non-integer factor, a
 * MatMul over a spatial axis…), found only once its input shape is known: it is listed in
 * `skipped` with this reason, with everything downstream of it, and the rest is analysed.
 */
class NotAnalysed {
  constructor(readonly reason: string) {}
}

const prod = (xs: readonly number[]): number => xs.reduce((a, b) => a * b, 1);

/** Every edge a layer waits for: its data inputs, then the layers whose shapes it reads. */
const depsOf = (l: LayerDef): string[] => (l.shapeInputs?.length ? [...l.inputs, ...l.shapeInputs] : l.inputs);

/** Adds the layer's name to a geometry error so the user knows where to look. */
function inLayer<T>(layer: LayerDef, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ConvError && !e.message.startsWith('layer "')) {
      throw new ConvError(e.code, `layer "${layer.name}" (${layer.op}): ${e.message}`, { axis: e.axis, values: e.values });
    }
    throw e;
  }
}

/** Kahn's algorithm; a leftover layer is on (or behind) a cycle. */
function topologicalOrder(def: NetworkDef): LayerDef[] {
  const names = new Map<string, LayerDef>();
  const sources = new Set([def.input.name, ...(def.extraInputs ?? []).map((i) => i.name)]);
  if (sources.size !== 1 + (def.extraInputs?.length ?? 0)) throw graphError('two network inputs have the same name', 'give every input a unique name');
  for (const l of def.layers) {
    if (sources.has(l.name)) throw graphError(`layer "${l.name}" has the same name as a network input`, 'give every layer a unique name');
    if (names.has(l.name)) throw graphError(`two layers are named "${l.name}"`, 'give every layer a unique name');
    names.set(l.name, l);
  }
  const indegree = new Map<string, number>();
  const consumers = new Map<string, string[]>();
  for (const l of def.layers) {
    if (l.inputs.length === 0) throw graphError(`layer "${l.name}" (${l.op}) has no inputs`, `name its producer in inputs, e.g. ["${def.input.name}"]`);
    let deg = 0;
    for (const i of depsOf(l)) {
      if (sources.has(i)) continue;
      if (!names.has(i)) throw graphError(`layer "${l.name}" reads "${i}", which is neither a layer nor the network input "${def.input.name}"`, 'check the spelling, or define that layer');
      deg++;
      const list = consumers.get(i);
      if (list) list.push(l.name);
      else consumers.set(i, [l.name]);
    }
    indegree.set(l.name, deg);
  }
  const ready = def.layers.filter((l) => indegree.get(l.name) === 0).map((l) => l.name);
  const order: LayerDef[] = [];
  for (let head = 0; head < ready.length; head++) {
    const n = ready[head];
    order.push(names.get(n) as LayerDef);
    for (const c of consumers.get(n) ?? []) {
      // A layer reading the same producer twice (x + x) counts that edge twice.
      const left = (indegree.get(c) as number) - 1;
      indegree.set(c, left);
      if (left === 0) ready.push(c);
    }
  }
  if (order.length !== def.layers.length) {
    const stuck = def.layers.filter((l) => (indegree.get(l.name) as number) > 0).map((l) => l.name);
    throw graphError(`the network has a cycle through ${namesText(stuck)}`, 'a network must be acyclic: each layer may only read layers before it');
  }
  return order;
}

function buildConv(l: ConvLayerDef, inShape: number[], rank: number): NetworkNode {
  const batched = inShape.length === rank + 2;
  const inChannels = inShape[batched ? 1 : 0];
  const spatial = inShape.slice(inShape.length - rank);
  const transposed = l.kind === 'convTranspose';
  for (const [what, v] of [['kernel', l.kernel], ['stride', l.stride], ['dilation', l.dilation]] as const) {
    if (v.length !== rank) throw graphError(`layer "${l.name}": ${what} has ${counted(v.length, 'value')} but the input has ${counted(rank, 'spatial axis', 'spatial axes')}`, `give ${counted(rank, 'value')}`);
  }
  let weightShape = l.weightShape;
  if (!weightShape) {
    if (l.groups <= 0 || inChannels % l.groups !== 0 || (!transposed && l.outChannels % l.groups !== 0)) {
      throw graphError(`layer "${l.name}": groups=${l.groups} must divide the ${counted(inChannels, 'input channel')}${transposed ? '' : ` and the ${counted(l.outChannels, 'output channel')}`}`, 'use a divisor of both, e.g. 1');
    }
    weightShape = transposed ? [inChannels, l.outChannels / l.groups, ...l.kernel] : [l.outChannels, inChannels / l.groups, ...l.kernel];
    if (transposed && l.outChannels % l.groups !== 0) throw graphError(`layer "${l.name}": groups=${l.groups} must divide the ${counted(l.outChannels, 'output channel')}`, 'use a divisor, e.g. 1');
  }
  const outC = transposed ? weightShape[1] * l.groups : weightShape[0];
  const shapes = { inputShape: inShape, weightShape, biasShape: l.bias ? [outC] : null };
  const geometry = inLayer(l, () => {
    if (l.onnx) {
      if (!batched) throw graphError(`layer "${l.name}" (${l.op}): ONNX inputs are [N, C, spatial…], but got [${inShape.join(', ')}]`, 'give the batch dimension');
      // The ONNX dialect resolves auto_pad, pads order, output_shape… exactly as ONNX Runtime does.
      const g = fromOnnx({ op: transposed ? 'ConvTranspose' : 'Conv', xShape: inShape, wShape: weightShape, ...l.onnx }).geometry;
      return { ...g, hasBias: l.bias }; // the bias is an input of the node, not an attribute
    }
    if (!transposed) {
      const pads = directPads(l.padding, spatial, l.kernel, l.stride, l.dilation, l.name);
      return convGeometry(shapes, { stride: l.stride, dilation: l.dilation, groups: l.groups, padding: pads, paddingMode: l.paddingMode }, rank);
    }
    if ('auto' in l.padding) throw graphError(`layer "${l.name}": transposed layers take numeric padding`, 'use outputSize for a wanted output size');
    return convTransposeGeometry(shapes, {
      stride: l.stride,
      dilation: l.dilation,
      groups: l.groups,
      padding: l.padding.pairs,
      outputPadding: l.outputShape ? undefined : l.outputPadding,
      outputSize: l.outputShape,
      paddingMode: l.paddingMode,
    }, rank);
  });
  return { def: l, name: l.name, kind: l.kind, inputShapes: [inShape], outputShape: geometry.outputShape, conv: geometry, params: convParams(geometry), macs: convMacs(geometry) };
}

function buildPool(l: PoolLayerDef, inShape: number[], rank: number): NetworkNode {
  const spatial = inShape.slice(inShape.length - rank);
  const batched = inShape.length === rank + 2;
  const channels = inShape[batched ? 1 : 0];
  return inLayer(l, () => {
    if (l.onnx) {
      if (!batched) throw graphError(`layer "${l.name}" (${l.op}): ONNX inputs are [N, C, spatial…], but got [${inShape.join(', ')}]`, 'give the batch dimension');
      // The ONNX pooling dialect resolves auto_pad, asymmetric or large pads, ceil mode and dilated
      // averages exactly as ONNX Runtime does.
      const pool = fromOnnxPool({ op: l.mode === 'max' ? 'MaxPool' : 'AveragePool', xShape: inShape, ...l.onnx }).geometry;
      return { def: l, name: l.name, kind: 'pool', inputShapes: [inShape], outputShape: pool.outputShape, pool, params: 0, macs: 0 };
    }
    const pads = directPads(l.padding, spatial, l.kernel, l.stride, l.dilation, l.name);
    if (l.mode === 'avg' && l.dilation.some((d) => d !== 1)) throw graphError(`layer "${l.name}": average pooling has no dilation`, 'use dilation 1');
    const limit = (ax: number) => (l.mode === 'max' ? Math.floor(effectiveKernel(l.kernel[ax], l.dilation[ax]) / 2) : Math.floor(l.kernel[ax] / 2));
    const pytorchLike = pads.every(([b, a], ax) => b === a && b <= limit(ax));
    if (pytorchLike) {
      const dilation = l.mode === 'max' ? l.dilation : undefined;
      const pool = poolGeometry(l.mode, inShape, { kernelSize: l.kernel, stride: l.stride, padding: pads.map(([b]) => b), dilation, ceilMode: l.ceilMode, countIncludePad: l.countIncludePad }, rank);
      return { def: l, name: l.name, kind: 'pool', inputShapes: [inShape], outputShape: pool.outputShape, pool, params: 0, macs: 0 };
    }
    // ONNX allows asymmetric pads (SAME_* with an odd total) and pads beyond half the window, which
    // PyTorch's pooling refuses. Without ceil mode the windows are exactly those of a depthwise conv
    // with the same kernel, stride, dilation and pads, so that geometry gives the sizes and taps.
    if (l.ceilMode) {
      throw graphError(`layer "${l.name}" (${l.op}): ceil mode with pooling pads ${JSON.stringify(pads)} (asymmetric or beyond half the window) is not supported`, 'use symmetric pads of at most half the window, or floor mode');
    }
    const windows = convGeometry({ inputShape: inShape, weightShape: [channels, 1, ...l.kernel] }, { stride: l.stride, dilation: l.dilation, padding: pads, groups: channels }, rank);
    return { def: l, name: l.name, kind: 'pool', inputShapes: [inShape], outputShape: windows.outputShape, conv: windows, params: 0, macs: 0 };
  });
}

/**
 * Integer upsampling as the taps of a depthwise transposed conv with stride s (output I·s):
 * nearest — kernel s, no crop: output o reads ⌊o/s⌋;
 * linear, half-pixel centres — kernel 2s, crop s/2 (s even) or kernel 2s−1, crop (s−1)/2 (s odd):
 * output o reads ⌊x⌋ and ⌊x⌋+1, x = (o + ½)/s − ½, minus the tap whose weight is 0 (x whole, s odd)
 * and clamped at the ends. test/network/resize.test.ts checks this against the interpolation formula.
 */
function buildResize(l: ResizeLayerDef, inShape: number[], rank: number, shapeOf: (name: string) => number[] | undefined): NetworkNode {
  const spatial = inShape.slice(inShape.length - rank);
  const batched = inShape.length === rank + 2;
  const channels = inShape[batched ? 1 : 0];
  let scales = l.scales;
  let sizes = l.sizes;
  if (l.computed) {
    // ONNX: sizes/scales over [N, C, spatial…] computed from shapes inside the graph.
    const v = evaluateValue(l.computed.value, shapeOf);
    if (typeof v === 'string') throw new NotAnalysed(`${l.op} whose ${l.computed.what} cannot be computed: ${v}`);
    if (v.data.length !== inShape.length) throw graphError(`layer "${l.name}" (${l.op}): its computed ${l.computed.what} [${v.data.join(', ')}] have ${v.data.length} values for a ${inShape.length}-D input`, `give ${inShape.length} values`);
    const lead = v.data.slice(0, inShape.length - rank);
    const keeps = l.computed.what === 'scales' ? lead.every((x) => x === 1) : lead.every((x, i) => x === inShape[i]);
    if (!keeps) throw new NotAnalysed(`${l.op} that resizes the batch or channel axis (${l.computed.what} [${v.data.join(', ')}])`);
    if (l.computed.what === 'scales') scales = v.data.slice(-rank);
    else sizes = v.data.slice(-rank);
  }
  if ((scales ?? sizes)!.length !== rank) throw graphError(`layer "${l.name}" (${l.op}): ${(scales ?? sizes)!.length} factors for ${rank} spatial axes`, `give ${rank}`);
  const factors = spatial.map((i, ax) => {
    const f = scales ? scales[ax] : sizes![ax] / i;
    if (!Number.isInteger(f) || f < 1) {
      // Valid, but not a fixed tap pattern convkit models: listed, and the rest of the network analysed.
      throw new NotAnalysed(`${l.op} by ${scales ? `scale ${scales[ax]}` : `output size ${sizes![ax]} for input ${i}`} on spatial axis ${ax}: convkit analyses upsampling by whole factors ≥ 1 only`);
    }
    return f;
  });
  const kernel = factors.map((s) => (l.mode === 'nearest' ? s : s % 2 === 0 ? 2 * s : 2 * s - 1));
  const crop = factors.map((s): [number, number] => (l.mode === 'nearest' ? [0, 0] : s % 2 === 0 ? [s / 2, s / 2] : [(s - 1) / 2, (s - 1) / 2]));
  const g = inLayer(l, () => convTransposeGeometry({ inputShape: inShape, weightShape: [channels, 1, ...kernel] }, { stride: factors, padding: crop, groups: channels }, rank));
  return { def: l, name: l.name, kind: 'resize', inputShapes: [inShape], outputShape: g.outputShape, conv: g, params: 0, macs: 0 };
}

/** Spatial sizes all 1: a flat [N, F] tensor (kept as [N, F, 1, …]) or a [N, C, 1, 1] one. */
const spatialOnes = (shape: number[], rank: number) => shape.slice(shape.length - rank).every((x) => x === 1);

/**
 * Gemm / MatMul by a constant matrix on a flat tensor: a 1×1 layer over features (no spatial taps:
 * the receptive field passes through). Params = weights + bias; MACs = N·in·out (bias adds not counted).
 */
function buildLinear(l: LinearLayerDef, inShape: number[], rank: number): NetworkNode {
  const chAxis = inShape.length - rank - 1;
  if (!spatialOnes(inShape, rank)) {
    throw new NotAnalysed(`${l.op} of a [${inShape.join(', ')}] tensor: a product over the last spatial axis, not a fully connected layer over features (convkit analyses ${l.op} after Flatten)`);
  }
  const inF = inShape[chAxis];
  if (l.inFeatures !== undefined && l.inFeatures !== inF) {
    throw graphError(`layer "${l.name}" (${l.op}): its weight takes ${l.inFeatures} input features, but its input has ${inF}`, 'the model is inconsistent');
  }
  if (l.outFeatures < 1 || !Number.isSafeInteger(l.outFeatures)) throw graphError(`layer "${l.name}" (${l.op}): ${l.outFeatures} output features`, 'give a whole number ≥ 1');
  const batch = chAxis === 1 ? inShape[0] : 1;
  const outputShape = [...inShape];
  outputShape[chAxis] = l.outFeatures;
  const params = inF * l.outFeatures + (l.bias ? l.biasSize ?? l.outFeatures : 0);
  return { def: l, name: l.name, kind: 'linear', inputShapes: [inShape], outputShape, params, macs: batch * inF * l.outFeatures, flat: true };
}

/**
 * Flatten (and Reshape to [N, F]): features = C·Πspatial, every output reads the whole input, so the
 * window geometry is that of a global pool (a window over the whole input, output 1). A Reshape to its
 * input's own shape is an identity.
 */
function buildFlatten(l: FlattenLayerDef, inShape: number[], rank: number, inFlat: boolean, shapeOf: (name: string) => number[] | undefined): NetworkNode {
  const chAxis = inShape.length - rank - 1;
  const seen = inFlat ? inShape.slice(0, chAxis + 1) : inShape; // the shape as the file has it
  if (l.shape) {
    const v = evaluateValue(l.shape, shapeOf);
    if (typeof v === 'string') throw new NotAnalysed(`${l.op} whose shape cannot be computed: ${v}`);
    const dims = resolveReshape(seen, v.data);
    if (typeof dims === 'string') throw graphError(`layer "${l.name}" (${l.op}): ${dims}`, 'the model is inconsistent');
    if (dims.join() === seen.join()) {
      return { def: l, name: l.name, kind: 'flatten', inputShapes: [inShape], outputShape: [...inShape], params: 0, macs: 0, flat: inFlat };
    }
    const flatTo = chAxis === 1 ? [inShape[0], prod(seen) / inShape[0]] : [prod(seen)];
    if (dims.join() !== flatTo.join()) throw new NotAnalysed(`${l.op} of [${seen.join(', ')}] to [${dims.join(', ')}] moves cells between axes (convkit analyses a reshape to [N, features] only)`);
  }
  const spatial = inShape.slice(inShape.length - rank);
  const pool = inLayer(l, () => poolGeometry('avg', inShape, { kernelSize: spatial, stride: 1 }, rank));
  const outputShape = [...inShape.slice(0, chAxis), prod(inShape.slice(chAxis)), ...spatial.map(() => 1)];
  return { def: l, name: l.name, kind: 'flatten', inputShapes: [inShape], outputShape, pool, params: 0, macs: 0, flat: true };
}

/** Explicit padding: a depthwise one-tap conv with that padding and padding mode gives sizes and taps. */
function buildPad(l: PadLayerDef, inShape: number[], rank: number): NetworkNode {
  const batched = inShape.length === rank + 2;
  const channels = inShape[batched ? 1 : 0];
  if (l.pairs.length !== rank) throw graphError(`layer "${l.name}" (${l.op}): padding has ${l.pairs.length} axes for ${rank} spatial axes`, `give ${rank} [before, after] pairs`);
  const g = inLayer(l, () =>
    convGeometry({ inputShape: inShape, weightShape: [channels, 1, ...l.pairs.map(() => 1)] }, { padding: l.pairs, groups: channels, paddingMode: l.mode }, rank),
  );
  return { def: l, name: l.name, kind: 'pad', inputShapes: [inShape], outputShape: g.outputShape, conv: g, params: 0, macs: 0 };
}

/**
 * Shapes of merged branches: concat needs equal batch and spatial sizes; add (and the other
 * element-wise binary ops) broadcasts a size-1 axis as ONNX/NumPy do (e.g. the [N, C, 1, 1] scale of
 * a squeeze-and-excitation block). Returns the merged output shape.
 */
function mergeShape(l: LayerDef, shapes: number[][], rank: number): number[] {
  const ref = shapes[0];
  const out = [...ref];
  const chAxis = ref.length - rank - 1;
  for (let i = 1; i < shapes.length; i++) {
    const s = shapes[i];
    let ok = s.length === ref.length;
    for (let j = 0; ok && j < s.length; j++) {
      if (l.kind === 'concat') ok = s[j] === ref[j] || j === chAxis;
      else if (s[j] !== out[j]) {
        if (out[j] === 1) out[j] = s[j];
        else ok = s[j] === 1;
      }
    }
    if (!ok) {
      throw graphError(
        `layer "${l.name}" (${l.op}) merges inputs of shapes [${ref.join(', ')}] and [${s.join(', ')}]`,
        l.kind === 'concat' ? 'concatenated branches must have equal batch and spatial sizes' : 'added branches must have equal shapes (or size 1 where they broadcast)',
      );
    }
  }
  if (l.kind === 'concat') out[chAxis] = shapes.reduce((a, x) => a + x[chAxis], 0);
  return out;
}

/**
 * The definition's frame (an input with a shape, a list of layers), checked before anything reads
 * it: text not yet parsed, or an object of another kind, failed with a TypeError deep inside.
 * Layer lists are checked field by field where they are read (layerListToNetwork).
 */
function requireDef(def: unknown): asserts def is NetworkDef {
  const o = def as Partial<NetworkDef> | null;
  const hint = 'parseLayerList(text), layerListToNetwork(object) or onnxToNetwork(bytes) give one';
  if (typeof def === 'string') throw graphError('buildNetwork takes a network definition, but got text', `parse it first: buildNetwork(parseLayerList(text))`);
  if (o === null || typeof o !== 'object') throw graphError(`buildNetwork takes a network definition, but got ${show(def)}`, hint);
  const shape = o.input?.shape;
  if (typeof o.input?.name !== 'string' || !Array.isArray(shape) || !shape.every((v) => Number.isInteger(v) && v >= 0)) {
    throw graphError(`the network definition needs input: { name, shape } with a shape of whole numbers, but got input ${show(o.input)}`, hint);
  }
  if (!Array.isArray(o.layers)) throw graphError(`the network definition needs a list of layers, but got layers ${show(o.layers)}`, hint);
}

/**
 * Builds a network: every layer's geometry is resolved in order from its producers' shapes, with
 * the same checks as a single convolution (a ConvError names the layer). Unknown ops, and what
 * depends on them, are listed in `skipped`, never silently dropped.
 *
 * @example
 * ```ts
 * import { buildNetwork, layerListToNetwork } from 'convkit';
 * const net = buildNetwork(layerListToNetwork({ input: [1, 3, 32, 32], layers: [
 *   { type: 'conv', name: 'c1', out: 8, kernel: 3, padding: 1 },
 *   { type: 'conv', name: 'c2', out: 8, kernel: 3, stride: 2, padding: 1 },
 * ] }));
 * net.nodes.map((n) => n.outputShape); //=> [[1, 8, 32, 32], [1, 8, 16, 16]]
 * net.byName.get('c2').params;         //=> 584
 * net.outputs;                         //=> ['c2']
 * ```
 */
export function buildNetwork(def: NetworkDef): Network {
  requireDef(def);
  if (def.layers.length > MAX_LAYERS) throw graphError(`the network has ${def.layers.length} layers`, `convkit analyses at most ${MAX_LAYERS}`);
  const inShape = def.input.shape;
  if (inShape.length < 2 || inShape.length > 5) {
    throw graphError(`network input "${def.input.name}" has shape [${inShape.join(', ')}]`, 'give [N, C, spatial…] or [C, spatial…] with 1 to 3 spatial axes');
  }
  // Layers with a kernel fix the spatial rank, and the input must then be [N, C, spatial…]: one size
  // fewer was read as an unbatched [C, spatial…], so `--input-shape 1,3,64` (a size left out) on a
  // 2-D network silently became C=1, H=3, W=64. ONNX inputs needed the batch already; now all do.
  const rank = rankOf(def);
  if (layerRank(def) !== null && inShape.length !== rank + 2) {
    const axes = rank === 1 ? ['L'] : rank === 2 ? ['H', 'W'] : ['D', 'H', 'W'];
    const example = [1, 3, ...(rank === 3 ? [16, 64, 64] : Array(rank).fill(64))];
    throw graphError(
      `network input "${def.input.name}" has shape [${inShape.join(', ')}] (${counted(inShape.length, 'size')}), but the network's ${rank}-D layers need [N, C, ${axes.join(', ')}] (${rank + 2} sizes)`,
      `give the batch dimension first, e.g. [${example.join(', ')}]`,
    );
  }
  if (inShape.length !== rank + 1 && inShape.length !== rank + 2) {
    throw graphError(`network input shape [${inShape.join(', ')}] does not fit ${rank}-D layers`, `give [N, C, ${rank} sizes] or [C, ${rank} sizes]`);
  }
  const order = topologicalOrder(def);
  const shapes = new Map<string, number[]>([[def.input.name, inShape]]);
  const nodes: NetworkNode[] = [];
  const byName = new Map<string, NetworkNode>();
  const blocked = new Map<string, string>();
  const reasons = new Map<string, string>();
  const inputs = [{ name: def.input.name, shape: [...inShape] }];
  for (const extra of def.extraInputs ?? []) {
    // A further input that is not [N, C, spatial…] of this rank (a class vector, a scalar…) is listed,
    // with what reads it; every spatial one gets its own receptive fields.
    const s = extra.shape;
    if (s.length === rank + 1 || s.length === rank + 2) {
      if (s.some((x) => !Number.isSafeInteger(x) || x < 1)) throw graphError(`network input "${extra.name}" has shape [${s.join(', ')}]`, 'sizes must be whole numbers ≥ 1');
      shapes.set(extra.name, [...s]);
      inputs.push({ name: extra.name, shape: [...s] });
    } else {
      blocked.set(extra.name, extra.name);
      reasons.set(extra.name, `network input of shape [${s.join(', ')}], not [N, C, ${rank} spatial sizes]`);
    }
  }
  const flat = new Set<string>();
  // The shape as the file has it: a flat tensor is [N, F] there, [N, F, 1, …] here.
  const shapeOf = (name: string): number[] | undefined => {
    const s = shapes.get(name);
    return s && flat.has(name) ? s.slice(0, s.length - rank) : s;
  };
  const one = (l: LayerDef, ins: number[][], hint: string) => {
    if (ins.length !== 1) throw graphError(`layer "${l.name}" (${l.op}) takes one input but lists ${ins.length}`, hint);
    return ins[0];
  };
  for (const l of order) {
    const blocker = depsOf(l).map((i) => blocked.get(i)).find((b) => b !== undefined);
    if (l.kind === 'unknown' || blocker !== undefined) {
      blocked.set(l.name, l.kind === 'unknown' ? l.name : (blocker as string));
      continue;
    }
    const ins = l.inputs.map((i) => shapes.get(i) as number[]);
    let node: NetworkNode;
    try {
      switch (l.kind) {
        case 'conv':
        case 'convTranspose':
          node = buildConv(l, one(l, ins, 'merge branches with an add or concat layer first'), rank);
          break;
        case 'pool':
          node = buildPool(l, one(l, ins, 'merge branches with an add or concat layer first'), rank);
          break;
        case 'pad':
          node = buildPad(l, one(l, ins, 'merge branches first'), rank);
          break;
        case 'resize':
          node = buildResize(l, one(l, ins, 'merge branches first'), rank, shapeOf);
          break;
        case 'linear':
          node = buildLinear(l, one(l, ins, 'merge branches first'), rank);
          break;
        case 'flatten':
          node = buildFlatten(l, one(l, ins, 'merge branches first'), rank, flat.has(l.inputs[0]), shapeOf);
          break;
        case 'globalPool': {
          const x = one(l, ins, 'merge branches first');
          const spatial = x.slice(x.length - rank);
          // A global pool is a pool whose window is the whole input: the geometry then gives output 1.
          const pool = inLayer(l, () => poolGeometry(l.mode, x, { kernelSize: spatial, stride: 1 }, rank));
          node = { def: l, name: l.name, kind: 'globalPool', inputShapes: ins, outputShape: pool.outputShape, pool, params: 0, macs: 0 };
          break;
        }
        case 'elementwise': {
          const x = one(l, ins, 'use an add or concat layer to merge branches');
          const channels = x[x.length - rank - 1];
          const params = (l.params ?? 0) + (l.perChannel ? l.perChannel.params * channels : 0);
          const buffers = (l.buffers ?? 0) + (l.perChannel ? l.perChannel.buffers * channels : 0);
          node = { def: l, name: l.name, kind: l.kind, inputShapes: ins, outputShape: [...x], params, macs: 0, flat: flat.has(l.inputs[0]) };
          if (buffers) node.buffers = buffers;
          if (l.affinePerElement) node.affineMacs = l.affinePerElement * prod(x);
          break;
        }
        case 'add':
        case 'concat': {
          if (ins.length < 2) throw graphError(`layer "${l.name}" (${l.op}) merges branches but has ${ins.length} input`, 'list at least two inputs');
          const out = mergeShape(l, ins, rank);
          node = { def: l, name: l.name, kind: l.kind, inputShapes: ins, outputShape: out, params: 0, macs: 0, flat: l.inputs.every((i) => flat.has(i)) };
          break;
        }
      }
    } catch (e) {
      if (!(e instanceof NotAnalysed)) throw e;
      blocked.set(l.name, l.name);
      reasons.set(l.name, e.reason);
      continue;
    }
    if (!node.flat) delete node.flat;
    else flat.add(node.name);
    shapes.set(l.name, node.outputShape);
    nodes.push(node);
    byName.set(node.name, node);
  }
  const opOf = new Map<string, string>(def.layers.map((l) => [l.name, l.op]));
  for (const x of def.extraInputs ?? []) opOf.set(x.name, 'input');
  const skipped: SkippedLayer[] = [
    ...(def.extraInputs ?? []).filter((x) => blocked.has(x.name)).map((x) => ({ name: x.name, op: 'input', reason: reasons.get(x.name) as string })),
    ...def.layers
      .filter((l) => blocked.has(l.name))
      .map((l) => ({
        name: l.name,
        op: l.op,
        reason: l.kind === 'unknown' ? l.reason : reasons.get(l.name) ?? `depends on "${blocked.get(l.name)}" (${opOf.get(blocked.get(l.name) as string)}), which is not analysed`,
      })),
  ];
  let outputs = (def.outputs ?? []).filter((o) => byName.has(o));
  if (outputs.length === 0) {
    const consumed = new Set(nodes.flatMap((n) => n.def.inputs));
    outputs = nodes.filter((n) => !consumed.has(n.name)).map((n) => n.name);
  }
  for (const o of def.outputs ?? []) {
    if (!byName.has(o) && !blocked.has(o)) throw graphError(`output "${o}" is not a layer of the network`, `name one of the layers: ${namesText(def.layers.map((l) => l.name))}`);
  }
  const skippedOutputs = (def.outputs ?? []).filter((o) => blocked.has(o));
  return { name: def.name ?? 'network', input: { ...def.input, shape: [...inShape] }, inputs, rank, nodes, byName, outputs, skipped, skippedOutputs };
}

/** Spatial rank: from the first layer that has a kernel, else from the input (batched reading). */
function rankOf(def: NetworkDef): number {
  return layerRank(def) ?? Math.max(1, def.input.shape.length - 2);
}

/** The spatial rank the first layer with a kernel fixes; null where no layer has one. */
function layerRank(def: NetworkDef): number | null {
  for (const l of def.layers) {
    if (l.kind === 'conv' || l.kind === 'convTranspose' || l.kind === 'pool') {
      if (l.kind !== 'pool' && l.weightShape) return l.weightShape.length - 2;
      return l.kernel.length;
    }
  }
  return null;
}
