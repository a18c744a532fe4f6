/**
 * The per-layer table ("summary"): shapes, parameters, MACs, receptive field, jump and the paper's
 * relationship per layer, with totals and the counting convention stated. Where thop or torchinfo
 * would report other MACs (transposed convs: ≈ s² more), the row and the notes say so.
 */
import { requireNetwork } from './require-network.js';
import { relationshipOf } from '../arithmetic/relationships.js';
import { continuousField, axisOf, exactField } from './receptive.js';
import { toolMacs } from './counts.js';
import type { Network, NetworkNode, SkippedLayer } from './types.js';
import { inputsOf, inputView } from './views.js';

/** One layer of the table: shapes, parameters, MACs, receptive field, jump, relationship. */
export interface SummaryRow {
  name: string;
  op: string;
  kind: string;
  inputShapes: number[][];
  outputShape: number[];
  params: number;
  macs: number;
  /** Non-learned tensors the layer holds (BatchNormalization's running mean and variance); 0 for most. */
  buffers: number;
  /** Multiply-adds of unfused BatchNormalization (1 per element), apart from `macs`. */
  affineMacs: number;
  /**
   * With several network inputs: the input the receptive-field cells of this row are measured in
   * (the first one the layer depends on); `convkit rf` gives every input's field.
   */
  rfInput?: string;
  /** Receptive-field size per axis (continuous bounding span; "global" after a global pool; null: merged paths disagree). */
  rf: (string | null)[];
  /**
   * Exact receptive field per axis from the set of input cells each output reads (largest span over
   * the output phases, holes inside it, phases that read nothing); null when the table is too large
   * to enumerate (see EXACT_LIMIT) or after a global pool.
   */
  exact: ({ span: number; holes: number; deadPhases: number; period: number | null } | null)[];
  /** Jump (effective stride) per axis, exact fraction. */
  jump: (string | null)[];
  /** The paper's relationship number per axis (null when none applies). */
  relationship: (number | null)[];
  /** MACs as thop / torchinfo count this layer (conv and linear layers only). */
  tools?: { thop: number; torchinfo: number };
}

/** The per-layer table of a network, with totals, the counting conventions and notes. */
export interface Summary {
  network: string;
  input: { name: string; shape: number[] };
  /** Every network input (the first is `input`). */
  inputs: { name: string; shape: number[] }[];
  axes: string[];
  rows: SummaryRow[];
  /**
   * params: learned values (PyTorch's sum of p.numel()); buffers: running statistics; macs: conv +
   * linear multiply-accumulates (torchvision's "GFLOPS" are these, in billions); affineMacs: unfused
   * BatchNormalization's multiply-adds, not in macs; flops = 2·macs.
   */
  totals: { params: number; buffers: number; macs: number; affineMacs: number; flops: number; thopMacs: number; torchinfoMacs: number };
  conventions: string[];
  notes: string[];
  skipped: SkippedLayer[];
}

/**
 * The counting conventions, one sentence each; src/i18n/summary.ts holds their Chinese text in the
 * same order (keep the two in step). What parameters are is a note (PARAMETERS_NOTE), English only.
 */
export const CONVENTIONS = [
  'MACs = multiply-accumulates of the weights (convolutions and fully connected layers: Gemm, MatMul by a constant matrix); bias adds not counted; FLOPs = 2·MACs. torchvision\'s published "GFLOPS" are these conv + linear MACs.',
  'Transposed convolutions are counted by input positions (N·C_in·ΠIn·(C_out/g)·Πk), as computed; crops included.',
  'Pooling, resizing, flatten, activations and merges count 0 MACs; unfused BatchNormalization (1 multiply-add per element at inference) is counted apart, as affine MACs.',
  'RF = receptive-field span in input cells, from the exact set of cells an output reads (largest over output phases; padding positions count); holes = cells inside that span no path reaches; jump = input cells per output step (a fraction after upsampling).',
];

/** What counts as a parameter: stated in the notes of every network that holds more than conv weights. */
export const PARAMETERS_NOTE =
  "Parameters = learned values, as PyTorch sums p.numel(): conv and linear weights and biases, normalisation scale and shift (BatchNormalization's γ and β; Instance/Layer/GroupNormalization), PRelu slopes, and constant tensors of more than one element that an Add/Sub/Mul/Div applies (a MatMul's bias, a layer scale). BatchNormalization's running mean and variance are buffers, counted apart.";

/** Largest network (layers) for which the table enumerates exact receptive fields per layer. */
export const EXACT_LIMIT = 400;

/**
 * The per-layer table of a network: shapes, parameters, MACs (and what thop / torchinfo would
 * report), receptive field with holes, jump and the guide's relationship, plus totals. Render it
 * with `renderSummaryText`, `renderSummaryMarkdown`, `renderSummaryCsv` or `renderSummaryJson`.
 *
 * @example
 * ```ts
 * import { buildNetwork, layerListToNetwork, summarize } from 'convkit';
 * const net = buildNetwork(layerListToNetwork({ input: [1, 3, 32, 32], layers: [
 *   { type: 'conv', name: 'c1', out: 8, kernel: 3, padding: 1 },
 *   { type: 'conv', name: 'c2', out: 8, kernel: 3, stride: 2, padding: 1 },
 * ] }));
 * const s = summarize(net);
 * s.rows.map((r) => [r.name, r.rf[0], r.jump[0]]); //=> [['c1', '3', '1'], ['c2', '5', '2']]
 * s.totals;                                        //=> { params: 808, macs: 368640, flops: 737280 }
 * ```
 */
export function summarize(net: Network): Summary {
  requireNetwork(net, 'summarize');
  const exact = net.nodes.length <= EXACT_LIMIT;
  const axisNames = net.nodes.map((n) => n.conv?.axes ?? n.pool?.axes).find((a) => a)?.map((a) => a.name) ?? Array.from({ length: net.rank }, (_, i) => `x${i}`);
  // Receptive fields are measured per input: each row in the first input it depends on.
  const several = net.inputs.length > 1;
  const fromInputs = several ? inputsOf(net) : null;
  const views = new Map(net.inputs.map((i) => [i.name, inputView(net, i.name)]));
  const fields = new Map([...views].map(([k, v]) => [k, continuousField(v)]));
  const flat = new Set(net.nodes.filter((n) => n.flat).map((n) => n.name));
  // A flat tensor is [N, F] in the file (kept as [N, F, 1, …] inside): show it as the file has it.
  const seen = (name: string, shape: number[]) => (flat.has(name) ? shape.slice(0, shape.length - net.rank) : shape);
  const rows: SummaryRow[] = net.nodes.map((node: NetworkNode) => {
    const from = fromInputs ? fromInputs.get(node.name)?.[0] ?? net.input.name : net.input.name;
    const view = views.get(from) as Network;
    const axes = fields.get(from)!.nodes.get(node.name) ?? [];
    const row: SummaryRow = {
      name: node.name,
      op: node.def.op,
      kind: node.kind,
      inputShapes: node.inputShapes.map((s, i) => seen(node.def.inputs[i], s)),
      outputShape: seen(node.name, node.outputShape),
      params: node.params,
      macs: node.macs,
      buffers: node.buffers ?? 0,
      affineMacs: node.affineMacs ?? 0,
      ...(several ? { rfInput: from } : {}),
      rf: axes.map((a) => (a === null ? null : a.global ? 'global' : a.size.toString())),
      exact: axes.map((a, i) => {
        if (!exact || (a !== null && a.global)) return null;
        const e = exactField(view, node.name, i);
        return { span: e.maxSize, holes: e.maxHoles, deadPhases: e.deadPhases.length, period: e.period };
      }),
      jump: axes.map((a) => (a === null ? null : a.global ? 'global' : a.jump.toString())),
      relationship: Array.from({ length: net.rank }, (_, i) => {
        if (node.kind !== 'conv' && node.kind !== 'convTranspose' && node.kind !== 'pool') return null;
        const ax = axisOf(node, i);
        return ax ? relationshipOf(ax, node.kind === 'pool') : null;
      }),
    };
    if (node.conv && (node.kind === 'conv' || node.kind === 'convTranspose')) row.tools = toolMacs(node.conv);
    // thop counts a Linear as in·out per output row, as here; torchinfo as (weights + bias)·N.
    if (node.kind === 'linear') row.tools = { thop: node.macs, torchinfo: node.params * (node.outputShape.length - net.rank === 2 ? node.outputShape[0] : 1) };
    return row;
  });
  const sum = (f: (r: SummaryRow) => number) => rows.reduce((a, r) => a + f(r), 0);
  const macs = sum((r) => r.macs);
  const thopMacs = sum((r) => r.tools?.thop ?? 0);
  const torchinfoMacs = sum((r) => r.tools?.torchinfo ?? 0);
  const notes: string[] = [];
  const transposed = rows.filter((r) => r.kind === 'convTranspose');
  if (transposed.length) {
    const t = transposed.reduce((a, r) => a + r.macs, 0);
    const th = transposed.reduce((a, r) => a + (r.tools?.thop ?? 0), 0);
    notes.push(
      `thop and torchinfo count transposed convs by output positions: ${fmt(th)} MACs for the ${transposed.length} transposed layer(s) here instead of ${fmt(t)} (×${(th / Math.max(1, t)).toFixed(3)}).`,
    );
  }
  notes.push(`Whole network: convkit ${fmt(macs)} MACs; thop would report ${fmt(thopMacs)}, torchinfo ${fmt(torchinfoMacs)} (torchinfo adds bias terms).`);
  if (rows.some((r) => r.params > 0 && r.kind !== 'conv' && r.kind !== 'convTranspose') || rows.some((r) => r.buffers > 0)) notes.push(PARAMETERS_NOTE);
  const linear = rows.filter((r) => r.kind === 'linear');
  if (linear.length) notes.push(`Fully connected layers: ${linear.length}, ${fmt(linear.reduce((a, r) => a + r.macs, 0))} MACs and ${fmt(linear.reduce((a, r) => a + r.params, 0))} parameters of the totals.`);
  const buffers = sum((r) => r.buffers);
  const affineMacs = sum((r) => r.affineMacs);
  const bn = rows.filter((r) => r.affineMacs > 0);
  if (bn.length) notes.push(`Unfused BatchNormalization: ${bn.length} layer(s), ${fmt(affineMacs)} affine multiply-adds (not in MACs), ${fmt(buffers)} running-statistics values (buffers, not parameters).`);
  const holey = rows.filter((r) => r.exact.some((e) => e !== null && e.holes > 0));
  if (holey.length) notes.push(`Gridding: ${holey.length} layer(s) have holes in their receptive field (first: "${holey[0].name}"); \`convkit rf\` lists their positions.`);
  const dead = rows.filter((r) => r.exact.some((e) => e !== null && e.deadPhases > 0));
  if (dead.length) notes.push(`${dead.length} layer(s) have outputs that receive no input at all (first: "${dead[0].name}": a transposed layer with gcd(dilation, stride) > 1).`);
  if (!exact) notes.push(`Exact receptive fields per layer are enumerated for networks of at most ${EXACT_LIMIT} layers; RF shows the continuous span here.`);
  if (several) notes.push(`${net.inputs.length} network inputs (${net.inputs.map((i) => `${i.name} [${i.shape.join(', ')}]`).join(', ')}): each row's receptive field is measured in the first input it depends on (rfInput); \`convkit rf\` gives every input's.`);
  for (const [from, f] of fields) {
    for (const m of f.merges) {
      if (!m.aligned) notes.push(`Merge "${m.node}" (axis ${axisNames[m.axis]}${several ? `, from input ${from}` : ''}): branches are not aligned (${m.branches.map((b) => `${b.from}: jump ${b.jump}, centre ${b.centre}`).join('; ')}).`);
    }
  }
  if (net.skipped.length) notes.push(`${net.skipped.length} layer(s) not analysed: ${net.skipped.map((s) => `${s.name} (${s.op})`).join(', ')}.`);
  return {
    network: net.name,
    input: net.input,
    inputs: net.inputs,
    axes: axisNames,
    rows,
    totals: { params: sum((r) => r.params), buffers, macs, affineMacs, flops: 2 * macs, thopMacs, torchinfoMacs },
    conventions: CONVENTIONS,
    notes,
    skipped: net.skipped,
  };
}

export function fmt(n: number): string {
  return n.toLocaleString('en-US');
}
