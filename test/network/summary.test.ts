import { describe, expect, it } from 'vitest';
import { parseLayerList } from '../../src/model/layers.js';
import { buildNetwork } from '../../src/network/build.js';
import { renderCsv, renderJson, renderMarkdown, renderText } from '../../src/network/render.js';
import { summarize } from '../../src/network/summary.js';

const net = () =>
  buildNetwork(parseLayerList(`
name: demo
input: [2, 3, 16, 16]
layers:
  - {type: conv, name: c1, out: 8, kernel: 3, stride: 2, padding: 1}
  - {type: relu}
  - {type: conv, name: c2, out: 8, kernel: 3, dilation: 2, padding: 2, groups: 4, bias: false}
  - {type: maxPool, name: p, kernel: 2}
  - {type: convTranspose, name: t, out: 4, kernel: 4, stride: 2, padding: 1}
  - {type: globalAvgPool, name: g}
`));

describe('per-layer table', () => {
  it('rows: shapes, params, MACs from first principles, RF, jump, relationship per layer', () => {
    const s = summarize(net());
    const row = (n: string) => s.rows.find((r) => r.name === n)!;
    expect(row('c1')).toMatchObject({ outputShape: [2, 8, 8, 8], params: 8 * 3 * 9 + 8, macs: 2 * 8 * 64 * 3 * 9, rf: ['3', '3'], jump: ['2', '2'], relationship: [6, 6] });
    expect(row('c2')).toMatchObject({ params: 8 * 2 * 9, macs: 2 * 8 * 64 * 2 * 9, rf: ['11', '11'], relationship: [15, 15] });
    expect(row('p')).toMatchObject({ outputShape: [2, 8, 4, 4], rf: ['13', '13'], jump: ['4', '4'], relationship: [7, 7] });
    // Transposed: by input positions 2·8·16 × 4·16 taps; thop counts 2·4·64 outputs × 8·16.
    expect(row('t')).toMatchObject({ outputShape: [2, 4, 8, 8], macs: 2 * 8 * 16 * 4 * 16, rf: ['19', '19'], jump: ['2', '2'], relationship: [13, 13] });
    expect(row('t').tools!.thop / row('t').macs).toBe(4);
    expect(row('g')).toMatchObject({ outputShape: [2, 4, 1, 1], rf: ['global', 'global'], relationship: [null, null] });
    // Exact per-layer fields: c2 (d = 2 over c1's 3-cell windows at jump 2) reads 2o−5…2o−3, 2o−1…2o+1,
    // 2o+3…2o+5: span 11 with 2 holes; the 2×2 pool after it fills them; the global pool has no exact field.
    expect(row('c2').exact).toEqual([{ span: 11, holes: 2, deadPhases: 0, period: 1 }, { span: 11, holes: 2, deadPhases: 0, period: 1 }]);
    expect(row('p').exact[0]).toMatchObject({ span: 13, holes: 0 });
    expect(row('t').exact[0]).toMatchObject({ span: 17, holes: 0, period: 2 }); // 2 of the 4 taps per phase: 13 + 4; continuous 19
    expect(row('g').exact).toEqual([null, null]);
    expect(s.totals.params).toBe(s.rows.reduce((a, r) => a + r.params, 0));
    expect(s.totals.flops).toBe(2 * s.totals.macs);
    expect(s.conventions.join(' ')).toMatch(/counted by input positions/);
  });

  it('gridding and dead outputs are counted per layer and noted', () => {
    const s = summarize(buildNetwork(parseLayerList(`
input: [1, 1, 40]
layers:
  - {type: conv, name: a, out: 1, kernel: 3, dilation: 2, padding: 2}
  - {type: conv, name: b, out: 1, kernel: 3, dilation: 2, padding: 2}
  - {type: conv, name: c, out: 1, kernel: 3, dilation: 2, padding: 2}
  - {type: convTranspose, name: t, out: 1, kernel: 3, stride: 2, dilation: 2}
`)));
    expect(s.rows.map((r) => [r.exact[0]!.span, r.exact[0]!.holes, r.exact[0]!.deadPhases])).toEqual([[5, 2, 0], [9, 4, 0], [13, 6, 0], [15, 0, 1]]);
    expect(s.notes.join('\n')).toMatch(/Gridding: 3 layer\(s\) have holes/);
    expect(s.notes.join('\n')).toMatch(/receive no input at all \(first: "t"/);
  });

  it('text, JSON, CSV and Markdown render the same numbers', () => {
    const s = summarize(net());
    const text = renderText(s);
    expect(text).toMatch(/^demo: input input \[2, 3, 16, 16\]/);
    expect(text).toContain(s.totals.macs.toLocaleString('en-US'));
    expect(text).toMatch(/note: thop and torchinfo count transposed convs by output positions/);
    expect(JSON.parse(renderJson(s)).totals).toEqual(s.totals);
    const csv = renderCsv(s).trim().split('\n').map((l) => l.split(','));
    expect(csv[0].slice(0, 7)).toEqual(['layer', 'op', 'kind', 'input_shapes', 'output_shape', 'params', 'macs']);
    expect(csv.length).toBe(s.rows.length + 2);
    expect(Number(csv[csv.length - 1][6])).toBe(s.totals.macs);
    expect(csv.slice(1, -1).reduce((a, r) => a + Number(r[5]), 0)).toBe(s.totals.params);
    const md = renderMarkdown(s).split('\n');
    expect(md.filter((l) => l.startsWith('| ')).length).toBe(s.rows.length + 2);
    expect(md.join('\n')).toContain(`**${s.totals.params.toLocaleString('en-US')}**`);
  });
});
