/**
 * The per-layer table ("summary"): shapes, parameters, MACs, receptive field, jump and the paper's
 * relationship per layer, with totals and the counting convention stated. Where thop or torchinfo
 * would report other MACs (transposed convs: ≈ s² more), the row and the notes say so.
 */
import { relationshipOf } from '../arithmetic/relationships.js';
import { continuousField, axisOf, exactField } from '../arithmetic/receptive.js';
import { toolMacs } from './counts.js';
import type { Network, SkippedLayer } from './types.js';

/** One layer of the table: shapes, parameters, MACs, receptive field, jump, relationship. */
export interface SummaryRow {
  name: string;
  op: string;
  kind: string;
  inputShapes: number[][];
  outputShape: number[];
  params: number;
  macs: number;
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
  /** MACs as thop / torchinfo count this layer (conv layers only). */
  tools?: { thop: number; torchinfo: number };
}

/** The per-layer table of a network, with totals, the counting conventions and notes. */
export interface Summary {
  network: string;
  input: { name: string; shape: number[] };
  axes: string[];
  rows: SummaryRow[];
  totals: { params: number; macs: number; flops: number; thopMacs: number; torchinfoMacs: number };
  conventions: string[];
  notes: string[];
  skipped: SkippedLayer[];
}

export const CONVENTIONS = [
  'MACs = multiply-accumulates of the weights; bias adds not counted; FLOPs = 2·MACs.',
  'Transposed convolutions are counted by input positions (N·C_in·ΠIn·(C_out/g)·Πk), as computed; crops included.',
  'Pooling, activations and merges count 0 MACs.',
  'RF = receptive-field span in input cells, from the exact set of cells an output reads (largest over output phases; padding positions count); holes = cells inside that span no path reaches; jump = input cells per output step (a fraction after upsampling).',
];

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
  const cont = continuousField(net);
  const exact = net.nodes.length <= EXACT_LIMIT;
  const axisNames = net.nodes.map((n) => n.conv?.axes ?? n.pool?.axes).find((a) => a)?.map((a) => a.name) ?? Array.from({ length: net.rank }, (_, i) => `x${i}`);
  const rows: SummaryRow[] = net.nodes.map((node) => {
    const axes = cont.nodes.get(node.name) ?? [];
    const row: SummaryRow = {
      name: node.name,
      op: node.def.op,
      kind: node.kind,
      inputShapes: node.inputShapes,
      outputShape: node.outputShape,
      params: node.params,
      macs: node.macs,
      rf: axes.map((a) => (a === null ? null : a.global ? 'global' : a.size.toString())),
      exact: axes.map((a, i) => {
        if (!exact || (a !== null && a.global)) return null;
        const e = exactField(net, node.name, i);
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
  const holey = rows.filter((r) => r.exact.some((e) => e !== null && e.holes > 0));
  if (holey.length) notes.push(`Gridding: ${holey.length} layer(s) have holes in their receptive field (first: "${holey[0].name}"); \`convkit rf\` lists their positions.`);
  const dead = rows.filter((r) => r.exact.some((e) => e !== null && e.deadPhases > 0));
  if (dead.length) notes.push(`${dead.length} layer(s) have outputs that receive no input at all (first: "${dead[0].name}": a transposed layer with gcd(dilation, stride) > 1).`);
  if (!exact) notes.push(`Exact receptive fields per layer are enumerated for networks of at most ${EXACT_LIMIT} layers; RF shows the continuous span here.`);
  for (const m of cont.merges) if (!m.aligned) notes.push(`Merge "${m.node}" (axis ${axisNames[m.axis]}): branches are not aligned (${m.branches.map((b) => `${b.from}: jump ${b.jump}, centre ${b.centre}`).join('; ')}).`);
  if (net.skipped.length) notes.push(`${net.skipped.length} layer(s) not analysed: ${net.skipped.map((s) => `${s.name} (${s.op})`).join(', ')}.`);
  return {
    network: net.name,
    input: net.input,
    axes: axisNames,
    rows,
    totals: { params: sum((r) => r.params), macs, flops: 2 * macs, thopMacs, torchinfoMacs },
    conventions: CONVENTIONS,
    notes,
    skipped: net.skipped,
  };
}

export function fmt(n: number): string {
  return n.toLocaleString('en-US');
}
