import { describe, expect, it } from 'vitest';
import { continuousField, dependencySet, exactField, outputRegion, receptiveField } from '../../src/network/receptive.js';
import { hdcM2, hdcReport } from '../../src/arithmetic/receptive-hdc.js';
import { ConvError } from '../../src/geometry/errors.js';
import { buildNetwork } from '../../src/network/build.js';
import type { LayerDef } from '../../src/network/types.js';
import { bruteDeps1d, runOnes } from './brute.js';
import { def1d, pick, randomLayer, randomStack, rng } from './random-nets.js';

const conv = (name: string, input: string, k: number, o: { s?: number; d?: number; p?: number | [number, number] } = {}): LayerDef => {
  const p = o.p ?? 0;
  return { name, op: 'conv', kind: 'conv', inputs: [input], outChannels: 1, kernel: [k], stride: [o.s ?? 1], dilation: [o.d ?? 1], padding: { pairs: [typeof p === 'number' ? [p, p] : p] }, groups: 1, bias: false };
};
const convT = (name: string, input: string, k: number, o: { s?: number; d?: number; p?: number; op?: number } = {}): LayerDef => ({
  name, op: 'convT', kind: 'convTranspose', inputs: [input], outChannels: 1, kernel: [k], stride: [o.s ?? 1], dilation: [o.d ?? 1],
  padding: { pairs: [[o.p ?? 0, o.p ?? 0]] }, outputPadding: [o.op ?? 0], groups: 1, bias: false,
});

const STACKS = 300;

describe('receptive field vs brute force (reference engine, one-hot inputs)', () => {
  it(`bounded dependency sets of every output equal brute force on ${STACKS} random 1-D stacks`, () => {
    let outputsChecked = 0;
    let withTransposed = 0;
    let withHoles = 0;
    for (let seed = 1; seed <= STACKS; seed++) {
      const { layers, length } = randomStack(seed);
      if (layers.length === 0) continue;
      if (layers.some((l) => l.kind === 'convTranspose')) withTransposed++;
      const net = buildNetwork(def1d(layers, length, length));
      const target = layers[layers.length - 1].name;
      const brute = bruteDeps1d(net, target);
      brute.forEach((cells, u) => {
        expect(dependencySet(net, target, 0, [u], true), `seed ${seed} output ${u}`).toEqual(cells);
        if (cells.length && cells[cells.length - 1] - cells[0] + 1 > cells.length) withHoles++;
        outputsChecked++;
      });
    }
    expect(withTransposed).toBeGreaterThan(STACKS / 4);
    expect(withHoles).toBeGreaterThan(100);
    expect(outputsChecked).toBeGreaterThan(STACKS * 10);
  });

  it(`unbounded size, jump (period/shift), region, holes and dead outputs equal brute force deep inside a wide input (${STACKS} stacks)`, () => {
    let transposedStacks = 0;
    let directStacks = 0;
    let deadSeen = 0;
    for (let seed = 1; seed <= STACKS; seed++) {
      const { layers, length } = randomStack(seed);
      if (layers.length === 0) continue;
      const small = buildNetwork(def1d(layers, 1, length));
      const target = layers[layers.length - 1].name;
      const ex = exactField(small, target, 0);
      const cont = continuousField(small).nodes.get(target)![0]!;
      expect(ex.period).not.toBeNull();
      // Continuous jump = shift / period (exact rational).
      expect(cont.jump.mul(ex.period!).valueOf()).toBe(ex.shift);
      // A wide copy of the same stack: outputs deep inside read no padding at any layer.
      const wide = length * 3 + 4 * ex.maxSize + 8 * Math.ceil(ex.shift! / ex.period!) + 40;
      let net;
      try {
        net = buildNetwork(def1d(layers, wide, wide));
      } catch (e) {
        if (e instanceof ConvError) continue; // e.g. pooling ceil-mode rules on another size
        throw e;
      }
      const outSize = net.byName.get(target)!.outputShape[2];
      const brute = bruteDeps1d(net, target);
      const mid = Math.floor(outSize / 2);
      for (let u = mid; u < mid + ex.period!; u++) {
        const phase = ((u % ex.period!) + ex.period!) % ex.period!;
        const ph = ex.phases[phase];
        const shift = ((u - phase) / ex.period!) * ex.shift!;
        const cells = brute[u];
        if (ph.empty) {
          expect(cells, `seed ${seed} u ${u}`).toEqual([]);
          deadSeen++;
          continue;
        }
        expect(cells[0], `seed ${seed} start`).toBe(ph.start! + shift);
        expect(cells[cells.length - 1], `seed ${seed} end`).toBe(ph.end! + shift);
        expect(cells.length, `seed ${seed} count`).toBe(ph.count);
        const span = cells[cells.length - 1] - cells[0] + 1;
        expect(span - cells.length, `seed ${seed} holes`).toBe(ph.holes);
        const present = new Set(cells);
        expect(ph.holePositions.every((h) => !present.has(cells[0] + h))).toBe(true);
        // The exact cells lie inside the continuous region.
        const centre = cont.centre.add(cont.jump.mul(u)).valueOf();
        const half = (cont.size.valueOf() - 1) / 2;
        expect(cells[0] - shift >= centre - half - shift - 1e-9).toBe(true);
        expect(cells[0]).toBeGreaterThanOrEqual(centre - half - 1e-9);
        expect(cells[cells.length - 1]).toBeLessThanOrEqual(centre + half + 1e-9);
        if (!layers.some((l) => l.kind === 'convTranspose')) {
          // Direct stacks: the Distill closed form is exact — size r, region [−P + uS, −P + uS + r − 1].
          expect(span).toBe(cont.size.valueOf());
          expect(cells[0]).toBe(-cont.padding.valueOf() + u * cont.jump.valueOf());
        }
      }
      if (layers.some((l) => l.kind === 'convTranspose')) transposedStacks++;
      else directStacks++;
    }
    expect(transposedStacks).toBeGreaterThan(50);
    expect(directStacks).toBeGreaterThan(50);
    expect(deadSeen).toBeGreaterThan(0);
  });

  it('random DAGs (dilated branches, down-up branches, add and concat): every output equals brute force; alignment matches', () => {
    let merged = 0;
    let unaligned = 0;
    for (let seed = 1000; seed < 1120; seed++) {
      const r = rng(seed);
      const length = pick(r, 12, 36);
      const layers: LayerDef[] = [];
      const trunk = randomStack(seed).layers.slice(0, 2).map((l) => ({ ...l, name: `t${l.name}` , inputs: l.inputs[0] === 'x' ? ['x'] : [`t${l.inputs[0]}`] }));
      try { buildNetwork(def1d(trunk, 1, length)); } catch { trunk.length = 0; }
      layers.push(...trunk);
      const stem = trunk.length ? trunk[trunk.length - 1].name : 'x';
      const branches: string[] = [];
      const nb = pick(r, 2, 3);
      for (let b = 0; b < nb; b++) {
        const kind = r();
        if (kind < 0.5) {
          const k = [1, 3, 5][pick(r, 0, 2)], d = pick(r, 1, 4);
          layers.push(conv(`b${b}`, stem, k, { d, p: (d * (k - 1)) / 2 }));
        } else if (kind < 0.8) {
          const s = pick(r, 2, 3);
          layers.push(conv(`b${b}a`, stem, s, { s }), convT(`b${b}`, `b${b}a`, s, { s }));
        } else {
          layers.push(conv(`b${b}`, stem, 2, { p: [pick(r, 0, 1), 1] }));
        }
        branches.push(`b${b}`);
      }
      const merge: LayerDef = r() < 0.5 ? { name: 'm', op: 'add', kind: 'add', inputs: branches } : { name: 'm', op: 'concat', kind: 'concat', inputs: branches };
      layers.push(merge, conv('head', 'm', 3, { p: 1, d: pick(r, 1, 2) }));
      let net;
      try {
        net = buildNetwork(def1d(layers, length, length));
      } catch (e) {
        if (e instanceof ConvError) continue; // branch sizes differ: not mergeable
        throw e;
      }
      merged++;
      const brute = bruteDeps1d(net, 'head');
      brute.forEach((cells, u) => expect(dependencySet(net, 'head', 0, [u], true), `seed ${seed} u ${u}`).toEqual(cells));
      const rf = receptiveField(net, 'head');
      const m = rf.merges.find((x) => x.node === 'm')!;
      const cont = continuousField(net);
      const branchAxes = branches.map((b) => cont.nodes.get(b)![0]!);
      const sameMap = branchAxes.every((a) => a.jump.equals(branchAxes[0].jump) && a.centre.equals(branchAxes[0].centre));
      expect(m.aligned).toBe(sameMap);
      if (!m.aligned) unaligned++;
    }
    expect(merged).toBeGreaterThan(40);
    expect(unaligned).toBeGreaterThan(0);
  });

  it('broadcast merges (squeeze-and-excitation style): every output depends on the global branch; equals brute force', () => {
    for (const [k, d] of [[3, 1], [3, 2], [1, 1]]) {
      const layers: LayerDef[] = [
        conv('a', 'x', 3, { p: 1 }),
        { name: 'g', op: 'gap', kind: 'globalPool', mode: 'avg', inputs: ['a'] },
        conv('s', 'g', 1),
        conv('b', 'a', k, { d, p: (d * (k - 1)) / 2 }),
        { name: 'm', op: 'mul', kind: 'add', inputs: ['b', 's'] },
        conv('h', 'm', 3, { p: 1 }),
      ];
      const L = 14;
      const net = buildNetwork(def1d(layers, L, L));
      const brute = bruteDeps1d(net, 'h');
      brute.forEach((cells, u) => {
        expect(cells).toEqual(Array.from({ length: L }, (_, i) => i));
        expect(dependencySet(net, 'h', 0, [u], true)).toEqual(cells);
      });
      const rf = receptiveField(net, 'h');
      expect(rf.axes[0].continuous!.global).toBe(true);
      expect(rf.merges[0].branches.map((b) => b.broadcast)).toEqual([false, true]);
      expect(rf.merges[0].aligned).toBe(true);
    }
  });

  it('explicit reflect / replicate padding reads real cells (equals brute force)', () => {
    for (const mode of ['zeros', 'reflect', 'replicate'] as const) {
      const layers: LayerDef[] = [{ name: 'p', op: 'pad', kind: 'pad', inputs: ['x'], pairs: [[2, 1]], mode }, conv('c', 'p', 3, { s: 2 })];
      const net = buildNetwork(def1d(layers, 6, 6));
      const brute = bruteDeps1d(net, 'c');
      brute.forEach((cells, u) => expect(dependencySet(net, 'c', 0, [u], true)).toEqual(cells));
      // Output 0 reads padded cells −2, −1, 0: zeros → {0}; reflect → {2, 1, 0}; replicate → {0}.
      expect(brute[0]).toEqual(mode === 'reflect' ? [0, 1, 2] : [0]);
    }
  });

  it('2-D: the region of an output is the product of the per-axis sets (brute force on one-hot 2-D inputs)', () => {
    const H = 9, W = 11;
    const layers: LayerDef[] = [
      { name: 'a', op: 'conv', kind: 'conv', inputs: ['x'], outChannels: 1, kernel: [3, 2], stride: [2, 1], dilation: [1, 2], padding: { pairs: [[1, 1], [0, 2]] }, groups: 1, bias: false },
      { name: 'b', op: 'convT', kind: 'convTranspose', inputs: ['a'], outChannels: 1, kernel: [3, 3], stride: [2, 3], dilation: [2, 1], padding: { pairs: [[1, 1], [1, 0]] }, outputPadding: [1, 0], groups: 1, bias: false },
    ];
    const net = buildNetwork({ input: { name: 'x', shape: [H * W, 1, H, W] }, layers });
    const x = new Float32Array(H * W * H * W);
    for (let i = 0; i < H * W; i++) x[i * H * W + i] = 1;
    const out = runOnes(net, x).get('b')!;
    const [, , OH, OW] = net.byName.get('b')!.outputShape;
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        const [rh, rw] = outputRegion(net, [oh, ow], 'b');
        const want = new Set(rh.cells.flatMap((h) => rw.cells.map((w) => h * W + w)));
        for (let i = 0; i < H * W; i++) expect(out[i * OH * OW + oh * OW + ow] !== 0).toBe(want.has(i));
      }
    }
  });
});

describe('receptive field: known values', () => {
  it('three k=3, d=2 layers span 13 with 6 holes (docs/semantics.md, Receptive fields)', () => {
    const net = buildNetwork(def1d([conv('a', 'x', 3, { d: 2, p: 2 }), conv('b', 'a', 3, { d: 2, p: 2 }), conv('c', 'b', 3, { d: 2, p: 2 })], 1, 32));
    const ex = exactField(net, 'c', 0);
    expect(ex.maxSize).toBe(13);
    expect(ex.maxHoles).toBe(6);
    expect(ex.phases[0].holePositions).toEqual([1, 3, 5, 7, 9, 11]);
    const cont = continuousField(net).nodes.get('c')![0]!;
    expect(cont.size.valueOf()).toBe(13);
    expect(cont.padding.valueOf()).toBe(6);
  });

  it('Distill example-like stack: r, S, P from the recurrences', () => {
    // k3 s1 p1, k3 s2 p1, k3 s1 p1: r0 = 1 + 2 + 2·1 + 2·2 = 9? r: backwards r2=1 → r1... checked by brute force above; here the numbers.
    const net = buildNetwork(def1d([conv('a', 'x', 3, { p: 1 }), conv('b', 'a', 3, { s: 2, p: 1 }), conv('c', 'b', 3, { p: 1 })], 1, 32));
    const c = continuousField(net).nodes.get('c')![0]!;
    // r_0 = Σ (k_l − 1)·Π_{i<l} s_i + 1 = 2 + 2 + 2·2 + 1 = 9; S_0 = 2; P_0 = p1 + p2 + s1 s2 p3 = 1 + 1 + 2 = 4.
    expect([c.size.valueOf(), c.jump.valueOf(), c.padding.valueOf()]).toEqual([9, 2, 4]);
  });

  it('transposed layers: fractional jump, phase-dependent size; gcd(d, s) > 1 leaves outputs with no input', () => {
    const net = buildNetwork(def1d([convT('up', 'x', 3, { s: 2, d: 2 })], 1, 8));
    const ex = exactField(net, 'up', 0);
    const cont = continuousField(net).nodes.get('up')![0]!;
    expect(cont.jump.toString()).toBe('1/2');
    expect(ex.period).toBe(2);
    expect(ex.shift).toBe(1);
    expect(ex.deadPhases).toEqual([1]);
    const rf = receptiveField(net, 'up');
    expect(rf.axes[0].exact.deadPhases).toEqual([1]);
    const up2 = buildNetwork(def1d([convT('up', 'x', 4, { s: 2, p: 1 })], 1, 8));
    const e2 = exactField(up2, 'up', 0);
    expect(e2.deadPhases).toEqual([]);
    expect(e2.phases.map((p) => p.span)).toEqual([2, 2]);
    expect(continuousField(up2).nodes.get('up')![0]!.size.toString()).toBe('5/2');
  });

  it('HDC M_2 is reported as the heuristic, with its failure modes (docs/semantics.md, Gridding)', () => {
    expect(hdcM2([1, 2, 5])).toBe(2);
    expect(hdcM2([1, 2, 9])).toBe(5);
    const r125 = hdcReport([1, 2, 5], 3);
    expect([r125.heuristicPasses, r125.holes]).toEqual([true, 0]);
    const r222 = hdcReport([2, 2, 2], 3);
    expect([r222.heuristicPasses, r222.holes]).toEqual([true, 6]);
    expect(r222.caveats.join(' ')).toMatch(/ignores the first rate/);
    const r131 = hdcReport([1, 3, 1], 3);
    expect([r131.heuristicPasses, r131.holes]).toEqual([false, 0]);
    expect(r131.caveats.join(' ')).toMatch(/sufficient, not necessary/);
    // On a network: a DeepLab-style run of rates 1, 2, 4, 8 is found and its holes counted exactly.
    const layers = [1, 2, 4, 8].map((d, i) => conv(`r${d}`, i ? `r${[1, 2, 4, 8][i - 1]}` : 'x', 3, { d, p: d }));
    const net = buildNetwork(def1d(layers, 1, 64));
    const rf = receptiveField(net);
    expect(rf.axes[0].hdc[0].layers).toEqual(['r1', 'r2', 'r4', 'r8']);
    expect(rf.axes[0].hdc[0].report.holes).toBe(rf.axes[0].exact.maxHoles);
    expect(rf.axes[0].exact.maxSize).toBe(31);
  });

  it('a long phase period (transposed strides 2·3·5·7) is enumerated up to MAX_PHASES and flagged', () => {
    const layers = [2, 3, 5, 7].map((s, i) => convT(`t${i}`, i ? `t${i - 1}` : 'x', 3, { s }));
    const net = buildNetwork(def1d(layers, 1, 3));
    const ex = exactField(net, 't3', 0);
    expect([ex.period, ex.shift, ex.phasesComplete, ex.phases.length]).toEqual([210, 1, true, 210]);
    const more = buildNetwork(def1d([...layers, convT('t4', 't3', 3, { s: 11 }), convT('t5', 't4', 3, { s: 13 })], 1, 2));
    const big = exactField(more, 't5', 0);
    expect([big.period, big.phasesComplete, big.phases.length]).toEqual([30030, false, 256]);
  });

  it('3-D: per-axis fields of a dilated, strided 3-D stack', () => {
    const net = buildNetwork({
      input: { name: 'x', shape: [1, 1, 9, 10, 11] },
      layers: [
        { name: 'a', op: 'conv', kind: 'conv', inputs: ['x'], outChannels: 2, kernel: [3, 3, 1], stride: [1, 2, 1], dilation: [2, 1, 1], padding: { pairs: [[2, 2], [1, 1], [0, 0]] }, groups: 1, bias: true },
        { name: 'b', op: 'convT', kind: 'convTranspose', inputs: ['a'], outChannels: 1, kernel: [1, 2, 3], stride: [1, 2, 2], dilation: [1, 1, 2], padding: { pairs: [[0, 0], [0, 0], [0, 0]] }, outputPadding: [0, 0, 0], groups: 1, bias: false },
      ],
    });
    const rf = receptiveField(net, 'b');
    expect(rf.axes.map((a) => a.name)).toEqual(['D', 'H', 'W']);
    expect(rf.axes.map((a) => a.continuous!.jump.toString())).toEqual(['1', '1', '1/2']);
    expect(rf.axes[0].exact.maxSize).toBe(5);
    expect(rf.axes[2].exact.deadPhases).toEqual([1]); // W: transposed with s = 2, d = 2
  });

  it('a random stack gives the same exact field however often it is asked (no hidden state)', () => {
    const { layers, length } = randomStack(7);
    const net = buildNetwork(def1d(layers, 1, length));
    const t = layers[layers.length - 1].name;
    expect(exactField(net, t, 0)).toEqual(exactField(net, t, 0));
    expect(randomLayer(rng(1), 'a', 'x').name).toBe('a');
  });
});
