/**
 * `convkit rf model.onnx|layers.yaml`: the receptive field of a network output per axis — size,
 * jump, effective padding, exact cells per phase with holes, outputs that receive nothing, HDC
 * heuristic, alignment of merging branches — and, with --output-index, the region of one output.
 */
import type { Command } from 'commander';
import { outputRegion, receptiveField, type AxisField } from '../../arithmetic/receptive.js';
import type { CliIO } from '../io.js';
import { registerCommand } from '../registry.js';
import { emit } from '../run.js';
import { loadFromFlags, parseIntList } from '../../model/load.node.js';

interface RfFlags {
  json?: boolean;
  outputIndex?: string;
  layer?: string;
  inputShape?: string;
}

const MAX_PHASES_SHOWN = 8;

function axisLines(a: AxisField): string[] {
  const c = a.continuous;
  const e = a.exact;
  const out: string[] = [];
  if (c === null) out.push(`axis ${a.name}: merged branches have different jumps — no single continuous receptive field`);
  else if (c.global) out.push(`axis ${a.name}: global (a global pool is upstream): every output sees the whole input; span ${c.size}`);
  else out.push(`axis ${a.name}: size ${c.size}, jump ${c.jump}, effective padding ${c.padding}, centre of output 0 at ${c.centre}`);
  const sizes = e.minSize === e.maxSize ? `${e.maxSize}` : `${e.minSize}…${e.maxSize}`;
  const repeat = c?.global ? '' : e.period !== null ? `; pattern repeats every ${e.period} output(s), shifted by ${e.shift} input cell(s)${e.phasesComplete ? '' : ` (first ${e.phases.length} phases enumerated)`}` : '; merged paths move at different rates: output 0 shown';
  out.push(`  exact: span ${sizes} cells, ${e.maxHoles} hole(s) at most${repeat}`);
  for (const p of e.phases.slice(0, MAX_PHASES_SHOWN)) {
    if (p.empty) out.push(`    output ${p.output}: receives no input at all`);
    else out.push(`    output ${p.output}: cells ${p.start}…${p.end} (span ${p.span}, ${p.count} read, ${p.holes} hole(s)${p.holes ? ` at +${p.holePositions.slice(0, 12).join(', +')}${p.holes > 12 ? ', …' : ''}` : ''})`);
  }
  if (e.phases.length > MAX_PHASES_SHOWN) out.push(`    … ${e.phases.length - MAX_PHASES_SHOWN} more phase(s) in --json`);
  if (e.deadPhases.length) out.push(`  ${e.deadPhases.length} of every ${e.period ?? e.phases.length} outputs receive no input (a transposed layer with gcd(dilation, stride) > 1, or zero taps)`);
  for (const h of a.hdc) {
    const r = h.report;
    out.push(`  HDC heuristic (Wang et al. 2018; a heuristic, not a hole count) for ${h.layers.length} layers, rates [${r.rates.join(', ')}], K=${r.kernel}: M_2 = ${r.m2} ${r.heuristicPasses ? '≤' : '>'} K → ${r.heuristicPasses ? 'passes' : 'fails'}; exact holes ${r.holes}`);
    for (const cv of r.caveats) out.push(`    caveat: ${cv}`);
  }
  return out;
}

registerCommand({
  name: 'rf',
  attach(program: Command, io: CliIO) {
    program
      .command('rf')
      .description('receptive field of a model output per axis: size, jump, effective padding, exact cells with holes, dead outputs, HDC heuristic, branch alignment')
      .argument('<model>', 'an .onnx file, or a .json/.yaml/.yml layer list')
      .option('--output-index <index>', 'also give the input region of this output cell, one index per spatial axis, e.g. 3,4')
      .option('--layer <name>', 'the layer to analyse (default: the first network output)')
      .option('--input-shape <shape>', 'input shape N,C,H,W (when the file leaves a size symbolic)')
      .option('--json', 'print the result as JSON')
      .addHelpText('after', '\nSizes are spans in input cells (padding positions included); "exact" lists the cells each output phase reads.\n\nExamples:\n  convkit rf deeplab.onnx\n  convkit rf layers.yaml --output-index 0,5 --json')
      .action((model: string, f: RfFlags) => {
        const net = loadFromFlags(model, f.inputShape);
        const rf = receptiveField(net, f.layer);
        const region = f.outputIndex === undefined ? null : outputRegion(net, parseIntList(f.outputIndex, '--output-index', 0), rf.target);
        const lines = [`receptive field of "${rf.target}" in input "${net.input.name}" [${net.input.shape.join(', ')}]`];
        for (const a of rf.axes) lines.push(...axisLines(a));
        for (const m of rf.merges) {
          const per = m.branches.map((b) => `${b.from}: jump ${b.jump ?? '?'}, centre ${b.centre ?? '?'}`).join('; ');
          lines.push(`merge "${m.node}" axis ${rf.axes[m.axis].name}: ${m.aligned ? 'aligned' : 'NOT aligned'} (${per})`);
        }
        if (region) {
          for (const r of region) {
            const name = rf.axes[r.axis].name;
            const cells = r.cells.length ? `cells ${r.start}…${r.end}, centre ${r.centre} (${r.cells.length} read, ${r.holes} hole(s))` : 'no input cell at all';
            const cont = r.continuous ? `; continuous region [${r.continuous.start}, ${r.continuous.end}], centre ${r.continuous.centre}` : '';
            lines.push(`output ${r.output} on axis ${name}: ${cells}${cont}; with padding positions: ${r.unbounded.empty ? 'none' : `${r.unbounded.start}…${r.unbounded.end}`}`);
          }
        }
        for (const s of net.skipped) lines.push(`not analysed: ${s.name} (${s.op}): ${s.reason}`);
        emit(io, f.json === true, { ...rf, network: net.name, input: net.input, region, skipped: net.skipped }, lines);
      });
  },
});
