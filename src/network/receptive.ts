/**
 * Receptive fields of a whole network (a stack or a DAG), per spatial axis.
 *
 * Two views of the same geometry:
 * - **continuous** (Araujo, Norris & Sim, Distill 2019, with k̂ = d(k−1)+1 for dilation and the
 *   transposed extension j/s): jump J, size r, centre of output 0; region of output u is
 *   [c₀ + u·J − (r−1)/2, c₀ + u·J + (r−1)/2]. Exact rationals, so J = 1/2 after an upsampling.
 * - **exact**: the set of input cells each output reads, propagated backwards through every
 *   layer's tap map (`tapSource`, the map the engines use). It shows holes (dilated stacks),
 *   phase-dependent sizes and outputs with no input at all (transposed with gcd(d, s) > 1).
 *   "Unbounded" sets treat every layer as infinitely wide (padding cells are positions too, as in
 *   the continuous view); "bounded" sets are what the real network reads — padding contributes
 *   nothing, so edge outputs read fewer cells.
 */
import { requireNetwork } from './require-network.js';
import { ConvError } from '../geometry/errors.js';
import { tapPosition, tapSource } from '../geometry/taps.js';
import type { AxisGeometry } from '../geometry/types.js';
import type { Network, NetworkNode } from './types.js';
import { hdcReport, type HdcReport } from '../arithmetic/receptive-hdc.js';
import { lcm, Rational, ratMax, ratMin } from '../arithmetic/receptive-rational.js';
import { inputsOf, inputView } from './views.js';

/** A network with several inputs is analysed from one of them: the first that `target` depends on (else the first). */
function fromInput(net: Network, target?: string): Network {
  if (!net.inputs || net.inputs.length <= 1) return net;
  const first = target === undefined ? undefined : inputsOf(net).get(target)?.[0];
  return inputView(net, first ?? net.input.name);
}

/** Continuous receptive field of one node on one axis; `null` jump when merging paths disagree. */
export interface ContinuousAxis {
  /** Input cells per step of this node's index (effective stride; a fraction after upsampling). */
  jump: Rational;
  /** Receptive-field size (bounding span, dilation included). */
  size: Rational;
  /** Centre of output 0 in input coordinates. */
  centre: Rational;
  /** Effective padding P = (r−1)/2 − centre: region of u starts at −P + u·J. */
  padding: Rational;
  /** True once a global pool is upstream: every output sees the whole input. */
  global: boolean;
}

interface Interval {
  jump: Rational;
  lo: Rational;
  hi: Rational;
  global: boolean;
}

function toAxis(iv: Interval): ContinuousAxis {
  const size = iv.hi.sub(iv.lo).add(1);
  const centre = iv.lo.add(iv.hi).div(2);
  return { jump: iv.jump, size, centre, padding: size.sub(1).div(2).sub(centre), global: iv.global };
}

/** Axis geometry of a conv or pool node (pool windows read like a direct conv). */
export function axisOf(node: NetworkNode, axis: number): AxisGeometry | null {
  if (node.conv) return node.conv.axes[axis];
  if (node.pool) return node.pool.axes[axis];
  return null;
}

function forwardLayer(node: NetworkNode, axis: number, iv: Interval, inputSize: number): Interval {
  // A global pool reads every cell of its input: the union of their regions (output size 1, so the jump is moot).
  if (node.kind === 'globalPool') return { jump: iv.jump.mul(inputSize), lo: iv.lo, hi: iv.hi.add(iv.jump.mul(inputSize - 1)), global: true };
  const ax = axisOf(node, axis);
  if (!ax) return iv;
  const kHat = ax.effectiveKernel - 1;
  const J = iv.jump;
  if (!ax.transposed) {
    // Output o reads input cells o·s − p + [0, k̂−1].
    const lo = iv.lo.add(J.mul(-ax.padBefore));
    return { jump: J.mul(ax.stride), lo, hi: iv.hi.add(J.mul(kHat - ax.padBefore)), global: iv.global };
  }
  // Output o reads input cells (o + p − [0, k̂−1])/s, p the crop: a window of k̂/s input cells.
  return { jump: J.div(ax.stride), lo: iv.lo.add(J.mul(ax.cropBefore - kHat).div(ax.stride)), hi: iv.hi.add(J.mul(ax.cropBefore).div(ax.stride)), global: iv.global };
}

/** Whether the branches that meet at a merge (add, concat) see the input with the same jump and centre. */
export interface MergeAlignment {
  node: string;
  axis: number;
  aligned: boolean;
  /** One entry per merged branch: its jump and centre of output 0 (null when already unaligned). */
  branches: { from: string; jump: string | null; centre: string | null; broadcast: boolean }[];
}

/** What {@link continuousField} returns: every node's continuous field per axis, and how each merge aligns. */
export interface ContinuousResult {
  /** Per node name, per axis; `null` where merged branches have different jumps. */
  nodes: Map<string, (ContinuousAxis | null)[]>;
  merges: MergeAlignment[];
}

/**
 * Forward pass of the continuous receptive field over every node (O(|V| + |E|)): per node and
 * axis the jump, size, centre of output 0 and effective padding, as exact fractions (Araujo et
 * al.'s recurrences, with the dilated kernel in place of the kernel).
 *
 * @example
 * ```ts
 * import { buildNetwork, continuousField, layerListToNetwork } from 'convkit';
 * const net = buildNetwork(layerListToNetwork({ input: [1, 3, 32, 32], layers: [
 *   { type: 'conv', name: 'c1', out: 8, kernel: 3, padding: 1 },
 *   { type: 'conv', name: 'c2', out: 8, kernel: 3, stride: 2, padding: 1 },
 *   { type: 'conv', name: 'c3', out: 8, kernel: 3, dilation: 2, padding: 2 },
 * ] }));
 * const c3 = continuousField(net).nodes.get('c3')[0];
 * [String(c3.size), String(c3.jump), String(c3.padding)]; //=> ['13', '2', '6']
 * ```
 */
export function continuousField(whole: Network): ContinuousResult {
  requireNetwork(whole, 'continuousField');
  const net = fromInput(whole);
  const rank = net.rank;
  const unit = (): Interval => ({ jump: new Rational(1), lo: new Rational(0), hi: new Rational(0), global: false });
  const ivs = new Map<string, (Interval | null)[]>([[net.input.name, Array.from({ length: rank }, unit)]]);
  const sizes = new Map<string, number[]>([[net.input.name, net.input.shape.slice(-rank)]]);
  const merges: MergeAlignment[] = [];
  for (const node of net.nodes) {
    const ins = node.def.inputs.map((i) => ivs.get(i) as (Interval | null)[]);
    const out: (Interval | null)[] = [];
    for (let a = 0; a < rank; a++) {
      if (ins.length > 1) {
        // Broadcast inputs (size 1 here) add a fixed region, the same for every output: they take no part
        // in alignment; a global one (e.g. the squeeze of an SE block) makes the result global.
        const bc = ins.map((_, i) => isBroadcast(node, i, a, rank));
        const globalBroadcast = ins.some((x, i) => bc[i] && x[a]?.global === true);
        const list = ins.map((x) => x[a]).filter((_, i) => !bc[i]);
        const first = list[0];
        const allJ = first !== null && list.every((x) => x !== null && x.jump.equals(first.jump));
        const aligned = allJ && list.every((x) => x!.lo.add(x!.hi).equals(first!.lo.add(first!.hi)));
        merges.push({
          node: node.name,
          axis: a,
          aligned,
          branches: ins.map((x, i) => ({ from: node.def.inputs[i], jump: x[a] ? x[a]!.jump.toString() : null, centre: x[a] ? x[a]!.lo.add(x[a]!.hi).div(2).toString() : null, broadcast: bc[i] })),
        });
        out.push(allJ ? { jump: first!.jump, lo: list.map((x) => x!.lo).reduce(ratMin), hi: list.map((x) => x!.hi).reduce(ratMax), global: globalBroadcast || list.some((x) => x!.global) } : null);
      } else {
        const iv = ins[0][a];
        const inSize = (sizes.get(node.def.inputs[0]) as number[])[a];
        out.push(iv === null ? null : forwardLayer(node, a, iv, inSize));
      }
    }
    ivs.set(node.name, out);
    sizes.set(node.name, node.outputShape.slice(-rank));
  }
  const nodes = new Map<string, (ContinuousAxis | null)[]>();
  for (const [k, v] of ivs) nodes.set(k, v.map((iv) => (iv ? toAxis(iv) : null)));
  return { nodes, merges };
}

/** Whether input `i` of a merge node is broadcast along `axis` (size 1 where the output is larger). */
export function isBroadcast(node: NetworkNode, i: number, axis: number, rank: number): boolean {
  if (node.kind !== 'add') return false;
  const inShape = node.inputShapes[i];
  const at = inShape.length - rank + axis;
  return inShape[at] === 1 && node.outputShape[at] > 1;
}

/** Most set elements one backward propagation may create (bounds time and memory). */
export const MAX_SET_WORK = 20_000_000;

/**
 * Input cells (on one axis) that output cells `outputs` of node `target` read, propagated backwards
 * through every upstream layer. `bounded`: the real network (padding reads nothing); otherwise
 * unbounded coordinates. Returns a sorted list.
 *
 * @example
 * ```ts
 * import { buildNetwork, dependencySet, layerListToNetwork } from 'convkit';
 * const net = buildNetwork(layerListToNetwork({ input: [1, 3, 32, 32], layers: [
 *   { type: 'conv', name: 'c1', out: 8, kernel: 3, padding: 1 },
 *   { type: 'conv', name: 'c2', out: 8, kernel: 3, stride: 2, padding: 1 },
 *   { type: 'conv', name: 'c3', out: 8, kernel: 3, dilation: 2, padding: 2 },
 * ] }));
 * dependencySet(net, 'c3', 0, [0], true);  //=> [0, 1, 2, 3, 4, 5, 6]
 * dependencySet(net, 'c3', 0, [0], false); //=> [-6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6]
 * ```
 */
export function dependencySet(whole: Network, target: string, axis: number, outputs: readonly number[], bounded: boolean): number[] {
  requireNetwork(whole, 'dependencySet');
  const net = whole.byName.has(target) ? fromInput(whole, target) : whole;
  if (!net.byName.has(target)) throw new ConvError('MODEL_GRAPH', `"${target}" is not an analysed layer of the network`, { hint: `use one of ${net.outputs.join(', ')}` });
  const sets = new Map<string, Set<number>>([[target, new Set(outputs)]]);
  let work = 0;
  for (let n = net.nodes.length - 1; n >= 0; n--) {
    const node = net.nodes[n];
    const mine = sets.get(node.name);
    if (!mine) continue;
    sets.delete(node.name);
    for (let pi = 0; pi < node.def.inputs.length; pi++) {
      const producer = node.def.inputs[pi];
      let into = sets.get(producer);
      if (!into) sets.set(producer, (into = new Set()));
      const ax = axisOf(node, axis);
      if (!ax) {
        // A broadcast input (size 1 on this axis) feeds every output from its one cell.
        if (isBroadcast(node, pi, axis, net.rank)) {
          if (mine.size) into.add(0);
        } else for (const x of mine) into.add(x);
        continue;
      }
      // The layer's own tap map: clipped to its input (bounded sets), or every position (unbounded).
      const clip = bounded || node.kind === 'globalPool';
      // Reflect/replicate/circular padding reads real cells (bounded sets); unbounded sets keep positions.
      const mode = bounded && node.conv ? node.conv.paddingMode : 'zeros';
      for (const o of mine) {
        if (node.kind === 'globalPool' && bounded === false && o !== 0) continue; // only output 0 exists
        for (let k = 0; k < ax.kernel; k++) {
          if (clip) {
            const src = tapSource(ax, o, k, mode);
            if (src >= 0) into.add(src);
          } else {
            const at = tapPosition(ax, o, k);
            if (at !== null) into.add(at);
          }
        }
        work += ax.kernel;
        if (work > MAX_SET_WORK) throw new ConvError('TOO_LARGE', `receptive field of "${target}" is too large to enumerate exactly`, { hint: 'ask for fewer output indices' });
      }
    }
  }
  return [...(sets.get(net.input.name) ?? [])].sort((a, b) => a - b);
}

/** The input cells one output phase reads: first and last, how many, and the holes between. */
export interface PhaseField {
  /** Output index (unbounded phase 0 … period−1). */
  output: number;
  /** No input reaches this output (e.g. transposed with gcd(d, s) > 1). */
  empty: boolean;
  /** First and last input cell read (null when empty). */
  start: number | null;
  end: number | null;
  span: number;
  /** Cells actually read. */
  count: number;
  holes: number;
  /** Hole positions relative to `start`. */
  holePositions: number[];
  /** (start + end)/2. */
  centre: number | null;
}

function phaseOf(output: number, cells: number[]): PhaseField {
  if (cells.length === 0) return { output, empty: true, start: null, end: null, span: 0, count: 0, holes: 0, holePositions: [], centre: null };
  const start = cells[0];
  const end = cells[cells.length - 1];
  const present = new Set(cells);
  const holePositions: number[] = [];
  for (let x = start; x <= end; x++) if (!present.has(x)) holePositions.push(x - start);
  return { output, empty: false, start, end, span: end - start + 1, count: cells.length, holes: holePositions.length, holePositions, centre: (start + end) / 2 };
}

/** The exact receptive field on one axis: every output phase's cells (a periodic pattern after strides). */
export interface ExactAxis {
  /**
   * Outputs u and u + period read the same pattern of cells shifted by `shift` input cells
   * (shift/period = jump). Null when merged paths have different jumps.
   */
  period: number | null;
  shift: number | null;
  /** False when the period exceeds MAX_PHASES and only the first MAX_PHASES phases were enumerated. */
  phasesComplete: boolean;
  /** One entry per phase u = 0 … period−1 (unbounded coordinates; padding cells count as positions). */
  phases: PhaseField[];
  /** Largest and smallest span over the phases that read anything. */
  maxSize: number;
  minSize: number;
  /** Most holes in one phase. */
  maxHoles: number;
  /** Phases that receive no input at all. */
  deadPhases: number[];
}

/** Per-node shift factor: how far node m moves when the target moves by one cell (all paths). */
function shiftFactors(net: Network, target: string, axis: number): Map<string, Rational[]> {
  const f = new Map<string, Rational[]>([[target, [new Rational(1)]]]);
  for (let n = net.nodes.length - 1; n >= 0; n--) {
    const node = net.nodes[n];
    const mine = f.get(node.name);
    if (!mine) continue;
    const ax = axisOf(node, axis);
    const global = node.kind === 'globalPool';
    const factor = (r: Rational) => (global ? new Rational(0) : !ax ? r : ax.transposed ? r.div(ax.stride) : r.mul(ax.stride));
    node.def.inputs.forEach((p, pi) => {
      const list = f.get(p) ?? [];
      const broadcast = isBroadcast(node, pi, axis, net.rank);
      for (const r of mine.map((m) => (broadcast ? new Rational(0) : factor(m)))) if (!list.some((x) => x.equals(r)) && list.length < 64) list.push(r);
      f.set(p, list);
    });
  }
  return f;
}

/** Most phases enumerated per axis (a stack of transposed layers can have a long period). */
export const MAX_PHASES = 256;

/**
 * The exact receptive field of `target` on one axis, in unbounded coordinates (padding positions
 * count): one {@link PhaseField} per output phase, so holes from dilation and outputs that no input
 * reaches (dead phases of transposed layers) are listed, not estimated.
 *
 * @example
 * ```ts
 * import { buildNetwork, exactField, layerListToNetwork } from 'convkit';
 * const net = buildNetwork(layerListToNetwork({ input: [1, 3, 32, 32], layers: [
 *   { type: 'conv', name: 'c1', out: 8, kernel: 3, padding: 1 },
 *   { type: 'conv', name: 'c2', out: 8, kernel: 3, stride: 2, padding: 1 },
 *   { type: 'conv', name: 'c3', out: 8, kernel: 3, dilation: 2, padding: 2 },
 * ] }));
 * exactField(net, 'c3', 0); //=> { period: 1, maxSize: 13, maxHoles: 0, deadPhases: [] }
 * ```
 */
export function exactField(whole: Network, target: string, axis: number): ExactAxis {
  requireNetwork(whole, 'exactField');
  const net = fromInput(whole, target);
  const factors = shiftFactors(net, target, axis);
  let period = 1;
  for (const list of factors.values()) for (const r of list) period = lcm(period, r.den);
  const inputFactors = factors.get(net.input.name) ?? [];
  const periodic = inputFactors.length === 1 && Number.isSafeInteger(period) && period <= 2 ** 40;
  const shift = periodic ? inputFactors[0].mul(period) : null;
  const count = periodic ? Math.min(period, MAX_PHASES) : 1;
  const phases: PhaseField[] = [];
  for (let u = 0; u < count; u++) phases.push(phaseOf(u, dependencySet(net, target, axis, [u], false)));
  const live = phases.filter((p) => !p.empty);
  return {
    phasesComplete: !periodic || period <= MAX_PHASES,
    period: periodic ? period : null,
    shift: shift ? shift.valueOf() : null,
    phases,
    maxSize: live.length ? Math.max(...live.map((p) => p.span)) : 0,
    minSize: live.length ? Math.min(...live.map((p) => p.span)) : 0,
    maxHoles: Math.max(0, ...phases.map((p) => p.holes)),
    deadPhases: phases.filter((p) => p.empty).map((p) => p.output),
  };
}

/** One axis of a {@link ReceptiveField}: the continuous and the exact field, and HDC reports of dilated chains. */
export interface AxisField {
  axis: number;
  name: string;
  continuous: ContinuousAxis | null;
  exact: ExactAxis;
  /** HDC heuristic for each run of ≥ 2 stride-1 convs with one odd kernel size on a single path. */
  hdc: { layers: string[]; report: HdcReport }[];
}

/** What `receptiveField` returns: per axis the field of the target, and how the merges upstream align. */
export interface ReceptiveField {
  target: string;
  axes: AxisField[];
  merges: MergeAlignment[];
  /** Merges upstream of the target whose branches are not aligned. */
  misaligned: MergeAlignment[];
}

/**
 * HDC reports for chains of stride-1 convs with one odd kernel size (activations in between are
 * transparent): every maximal chain upstream of the target with at least two layers and a dilation.
 */
function hdcRuns(net: Network, target: string, axis: number): { layers: string[]; report: HdcReport }[] {
  const upstream = new Set(upstreamOf(net, target));
  const runAt = new Map<string, NetworkNode[]>();
  const extended = new Set<NetworkNode[]>();
  for (const node of net.nodes) {
    if (!upstream.has(node.name)) continue;
    const prev = node.def.inputs.length === 1 ? runAt.get(node.def.inputs[0]) ?? [] : [];
    const ax = node.kind === 'conv' && node.conv && !node.conv.transposed ? node.conv.axes[axis] : null;
    if (ax && ax.stride === 1 && ax.kernel % 2 === 1 && ax.kernel > 1) {
      const same = prev.length > 0 && prev[0].conv!.axes[axis].kernel === ax.kernel;
      if (same) extended.add(prev);
      runAt.set(node.name, same ? [...prev, node] : [node]);
    } else if (node.kind === 'elementwise') runAt.set(node.name, prev);
    else runAt.set(node.name, []);
  }
  const runs: { layers: string[]; report: HdcReport }[] = [];
  const seen = new Set<string>();
  for (const run of runAt.values()) {
    if (run.length < 2 || extended.has(run) || !run.some((n) => n.conv!.axes[axis].dilation > 1)) continue;
    const key = run.map((n) => n.name).join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    runs.push({ layers: run.map((n) => n.name), report: hdcReport(run.map((n) => n.conv!.axes[axis].dilation), run[0].conv!.axes[axis].kernel) });
  }
  return runs;
}

/** The layer to analyse: `target`, else the network's first output; a clear error when there is none. */
export function targetOf(net: Network, target?: string): string {
  if (net.nodes.length === 0) {
    const first = net.skipped[0];
    throw new ConvError('MODEL_GRAPH', `no layer of the network can be analysed${first ? `: the first layer, "${first.name}" (${first.op}), is not analysed (${first.reason})` : ''}`, {
      hint: 'convkit analyses Conv, ConvTranspose, pooling, resizing, padding, shape-preserving ops and merges',
    });
  }
  const t = target ?? net.outputs[0];
  if (!net.byName.has(t)) {
    const skipped = net.skipped.find((x) => x.name === t);
    throw new ConvError('MODEL_GRAPH', skipped ? `layer "${t}" (${skipped.op}) is not analysed: ${skipped.reason}` : `"${t}" is not a layer of the network`, {
      hint: `use an analysed layer, e.g. ${net.outputs.slice(0, 3).map((o) => `"${o}"`).join(', ')}`,
    });
  }
  return t;
}

/**
 * Receptive field of `target` (default: the network's first output) on every axis: size, jump,
 * centre, exact cells and holes, HDC heuristic for dilated chains, and branch alignment at merges.
 *
 * @example
 * ```ts
 * import { buildNetwork, layerListToNetwork, receptiveField } from 'convkit';
 * const net = buildNetwork(layerListToNetwork({ input: [1, 3, 32, 32], layers: [
 *   { type: 'conv', name: 'c1', out: 8, kernel: 3, padding: 1 },
 *   { type: 'conv', name: 'c2', out: 8, kernel: 3, stride: 2, padding: 1 },
 *   { type: 'conv', name: 'c3', out: 8, kernel: 3, dilation: 2, padding: 2 },
 * ] }));
 * const rf = receptiveField(net);
 * rf.target;                                 //=> 'c3'
 * String(rf.axes[0].continuous.size);        //=> '13'
 * rf.axes[0].exact.maxHoles;                 //=> 0
 * ```
 */
export function receptiveField(whole: Network, target?: string): ReceptiveField {
  requireNetwork(whole, 'receptiveField');
  const t = targetOf(whole, target);
  const net = fromInput(whole, t);
  const cont = continuousField(net);
  const upstream = new Set(upstreamOf(net, t));
  const merges = cont.merges.filter((m) => upstream.has(m.node));
  const names = net.nodes[0]?.conv?.axes.map((a) => a.name) ?? Array.from({ length: net.rank }, (_, i) => ['L', 'H', 'W', 'D'][i]);
  const axes: AxisField[] = [];
  for (let a = 0; a < net.rank; a++) {
    axes.push({ axis: a, name: axisNameOf(net, a) ?? names[a], continuous: (cont.nodes.get(t) as (ContinuousAxis | null)[])[a], exact: exactField(net, t, a), hdc: hdcRuns(net, t, a) });
  }
  return { target: t, axes, merges, misaligned: merges.filter((m) => !m.aligned) };
}

function axisNameOf(net: Network, a: number): string | undefined {
  for (const n of net.nodes) {
    const ax = axisOf(n, a);
    if (ax) return ax.name;
  }
  return undefined;
}

/** Names of the nodes that `target` depends on, itself included. */
export function upstreamOf(net: Network, target: string): string[] {
  const seen = new Set<string>([target]);
  for (let n = net.nodes.length - 1; n >= 0; n--) {
    const node = net.nodes[n];
    if (seen.has(node.name)) for (const i of node.def.inputs) seen.add(i);
  }
  return net.nodes.filter((n) => seen.has(n.name)).map((n) => n.name);
}

/** The input region one output cell reads on one axis: the cells, their span, centre and holes. */
export interface OutputRegion {
  axis: number;
  output: number;
  /** Cells of the real input this output reads (padding reads nothing). */
  cells: number[];
  start: number | null;
  end: number | null;
  /** (start + end)/2 of the cells read; null when none. */
  centre: number | null;
  holes: number;
  /** Continuous region [c₀ + u·J − (r−1)/2, c₀ + u·J + (r−1)/2] and its centre, unclipped. */
  continuous: { start: string; end: string; centre: string } | null;
  /** Exact unbounded cells (padding positions included), start/end/centre. */
  unbounded: PhaseField;
}

/**
 * The input region that output `index` (one value per axis) of `target` reads, per axis.
 *
 * @example
 * ```ts
 * import { buildNetwork, layerListToNetwork, outputRegion } from 'convkit';
 * const net = buildNetwork(layerListToNetwork({ input: [1, 3, 32, 32], layers: [
 *   { type: 'conv', name: 'c1', out: 8, kernel: 3, padding: 1 },
 *   { type: 'conv', name: 'c2', out: 8, kernel: 3, stride: 2, padding: 1 },
 *   { type: 'conv', name: 'c3', out: 8, kernel: 3, dilation: 2, padding: 2 },
 * ] }));
 * const [h] = outputRegion(net, [0, 0]);
 * [h.start, h.end, h.holes]; //=> [0, 6, 0]
 * h.continuous;              //=> { start: '-6', end: '6', centre: '0' }
 * ```
 */
export function outputRegion(whole: Network, index: readonly number[], target?: string): OutputRegion[] {
  requireNetwork(whole, 'outputRegion');
  const t = targetOf(whole, target);
  const net = fromInput(whole, t);
  const node = net.byName.get(t) as NetworkNode;
  const spatial = node.outputShape.slice(-net.rank);
  if (index.length !== net.rank) throw new ConvError('OPTION_LENGTH', `output index has ${index.length} values but the network has ${net.rank} spatial axes`, { hint: `give ${net.rank} values, e.g. ${spatial.map(() => 0).join(',')}` });
  const cont = continuousField(net).nodes.get(t) as (ContinuousAxis | null)[];
  return index.map((u, a) => {
    if (!Number.isInteger(u) || u < 0 || u >= spatial[a]) {
      throw new ConvError('INVALID_NUMBER', `output index ${u} is outside [0, ${spatial[a] - 1}] on spatial axis ${a} of "${t}"`, { hint: `use 0 … ${spatial[a] - 1}` });
    }
    const cells = dependencySet(net, t, a, [u], true);
    const c = cont[a];
    const unb = phaseOf(u, dependencySet(net, t, a, [u], false));
    const ph = phaseOf(u, cells);
    let continuous = null;
    if (c) {
      const centre = c.centre.add(c.jump.mul(u));
      const half = c.size.sub(1).div(2);
      continuous = { start: centre.sub(half).toString(), end: centre.add(half).toString(), centre: centre.toString() };
    }
    return { axis: a, output: u, cells, start: ph.start, end: ph.end, centre: ph.centre, holes: ph.holes, continuous, unbounded: unb };
  });
}
