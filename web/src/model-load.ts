/**
 * A model file's bytes → the library's network, its per-layer table and, for every conv,
 * transposed conv and pooling layer, the numbers the playground's controls take. Runs in the model
 * worker (model-worker.ts); plain functions, so the Node tests can call them too. Everything here is
 * the library's: `parseLayerList` / `onnxToNetwork`, `buildNetwork`, `summarize` and the table cells
 * of `src/network/render.ts`. This file only picks the format (as `load.node.ts` does for the CLI)
 * and copies numbers out of each node's geometry.
 */
import { ConvError } from '../../src/geometry/errors.js';
import { MAX_LAYER_LIST_BYTES, parseLayerList } from '../../src/model/layers.js';
import { MAX_ONNX_BYTES, onnxToNetwork } from '../../src/model/onnx.js';
import { buildNetwork } from '../../src/network/build.js';
import { TABLE_HEADER, tableCells } from '../../src/network/render.js';
import { summarize, type Summary } from '../../src/network/summary.js';
import type { Network, NetworkDef, NetworkNode } from '../../src/network/types.js';
import { paddingArgument } from '../../src/geometry/axis-kind.js';
import type { AxisGeometryBase } from '../../src/geometry/types.js';

/** A layer list by extension (.json, .yaml, .yml); anything else is read as ONNX. */
export function isLayerListName(name: string): boolean {
  return /\.(json|ya?ml)$/i.test(name);
}

/** The most bytes the page reads for a file of this name (the library's own limits). */
export function byteLimit(name: string): number {
  return isLayerListName(name) ? MAX_LAYER_LIST_BYTES : MAX_ONNX_BYTES;
}

/**
 * The "input shape" field: "1,3,64,64", "1x3x64x64" or blank (undefined). Whole numbers ≥ 1, at
 * least 3 of them (N, C and one spatial size); anything else is a ConvError.
 */
export function parseShapeText(text: string): number[] | undefined {
  const parts = text.trim().split(/\s*[x×,\s]\s*/).filter((p) => p !== '');
  if (parts.length === 0) return undefined;
  const nums = parts.map((p) => (/^\d{1,9}$/.test(p) ? Number(p) : Number.NaN));
  if (nums.length < 3 || nums.length > 5 || nums.some((n) => !Number.isSafeInteger(n) || n < 1)) {
    throw new ConvError('INVALID_NUMBER', `input shape ${JSON.stringify(text.slice(0, 40))} must be 3 to 5 whole numbers ≥ 1 separated by commas or x`, { hint: 'e.g. 1,3,64,64 (N, C, H, W)' });
  }
  return nums;
}

export function readModelDef(name: string, bytes: Uint8Array, inputShape?: number[]): NetworkDef {
  const limit = byteLimit(name);
  if (bytes.length > limit) throw new ConvError('MODEL_FILE', `${name} is ${bytes.length} bytes`, { hint: `convkit reads ${isLayerListName(name) ? 'layer lists' : 'ONNX files'} up to ${limit} bytes` });
  if (isLayerListName(name)) {
    const def = parseLayerList(new TextDecoder().decode(bytes), name);
    if (inputShape) def.input.shape = inputShape;
    return def;
  }
  return onnxToNetwork(bytes, inputShape ? { inputShape } : {});
}

/** Per axis, what the playground's controls need. */
export type LayerAxis = Pick<AxisGeometryBase, 'input' | 'kernel' | 'stride' | 'dilation' | 'outputPadding' | 'output'> & {
  /** The layer's `padding` argument, before and after, as the page's padding control holds it: a crop on a transposed layer. */
  padding: readonly [number, number];
};

/** A layer the playground can animate: a conv, a transposed conv, or a pooling window. */
export interface LayerConfig {
  name: string;
  kind: 'conv' | 'convTranspose' | 'pool';
  /** Pooling only. */
  poolMode?: 'max' | 'avg';
  ceilMode: boolean;
  rank: number;
  axes: LayerAxis[];
  inChannels: number;
  outChannels: number;
  groups: number;
}

/** The geometry the library built for this node, as control values (null: not a conv/pool layer). */
export function layerConfig(node: NetworkNode): LayerConfig | null {
  if (node.kind !== 'conv' && node.kind !== 'convTranspose' && node.kind !== 'pool') return null;
  const g = node.conv ?? node.pool;
  if (!g) return null;
  const axes = g.axes.map((a) => ({
    input: a.input,
    kernel: a.kernel,
    stride: a.stride,
    dilation: a.dilation,
    padding: paddingArgument(a),
    outputPadding: a.outputPadding,
    output: a.output,
  }));
  const cfg: LayerConfig = { name: node.name, kind: node.kind, ceilMode: false, rank: g.axes.length, axes, inChannels: 1, outChannels: 1, groups: 1 };
  if (node.kind === 'pool') {
    // Pooling has no weights and mixes no channels: one channel shows every window.
    cfg.poolMode = node.def.kind === 'pool' ? node.def.mode : undefined;
    cfg.ceilMode = node.pool?.ceilMode ?? false;
  } else if (node.conv) {
    cfg.inChannels = node.conv.inChannels;
    cfg.outChannels = node.conv.outChannels;
    cfg.groups = node.conv.groups;
  }
  return cfg;
}

/**
 * Network names no author gave: the library's own for a file without one (a layer list without
 * `name:` is 'network', src/model/layers.ts; an ONNX graph without a name 'onnx-model',
 * src/model/onnx.ts), and the graph names PyTorch's exporters write into every file unless told
 * otherwise (torch.onnx.export: 'torch_jit', before 1.13 'torch-jit-export'; with dynamo=True
 * 'main_graph'). Titled with such a name the table read "Per-layer table of network" (review 53),
 * as if the page had lost the name: the panel names the file instead.
 */
export const UNNAMED_NETWORKS: ReadonlySet<string> = new Set(['network', 'onnx-model', 'torch_jit', 'torch-jit-export', 'main_graph']);

/** What the page shows: the table (the CLI's cells), totals, notes and the animatable layers. */
export interface ModelReport {
  file: string;
  network: string;
  /** Whether `network` is a name the file's author gave (not one of UNNAMED_NETWORKS). */
  named: boolean;
  input: { name: string; shape: number[] };
  axes: string[];
  header: string[];
  rows: { name: string; kind: string; cells: string[] }[];
  totals: Summary['totals'];
  conventions: string[];
  notes: string[];
  layers: Record<string, LayerConfig>;
}

export function reportOf(file: string, net: Network): ModelReport {
  const s = summarize(net);
  const cells = tableCells(s);
  const layers: Record<string, LayerConfig> = {};
  for (const node of net.nodes) {
    const c = layerConfig(node);
    if (c) layers[node.name] = c;
  }
  return {
    file,
    network: s.network,
    named: !UNNAMED_NETWORKS.has(s.network),
    input: s.input,
    axes: s.axes,
    header: [...TABLE_HEADER],
    rows: s.rows.map((r, i) => ({ name: r.name, kind: r.kind, cells: cells[i] })),
    totals: s.totals,
    conventions: s.conventions,
    notes: s.notes,
    layers,
  };
}

export function loadModel(file: string, bytes: Uint8Array, inputShape?: number[]): ModelReport {
  return reportOf(file, buildNetwork(readModelDef(file, bytes, inputShape)));
}
