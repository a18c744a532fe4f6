/**
 * `convkit rf model.onnx|layers.yaml`: the receptive field of a network output per axis — size,
 * jump, effective padding, exact cells per phase with holes, outputs that receive nothing, HDC
 * heuristic, alignment of merging branches — and, with --output-index, the region of one output.
 * Without --layer it analyses every network output, each in every input it depends on.
 */
import type { Command } from 'commander';
import { counted } from '../../geometry/errors.js';
import { outputRegion, receptiveField, targetOf, type AxisField } from '../../network/receptive.js';
import { inputsOf, inputView } from '../../network/views.js';
import type { CliIO } from '../io.js';
import { repeated } from '../parse.js';
import { registerCommand } from '../registry.js';
import { emit } from '../run.js';
import { loadFromFlags, parseIntList } from '../../model/load.node.js';

interface RfFlags {
  json?: boolean;
  outputIndex?: string;
  layer?: string;
  inputShape?: string[];
}

const MAX_PHASES_SHOWN = 8;

function axisLines(a: AxisField): string[] {
  const c = a.continuous;
  const e = a.exact;
  const out: string[] = [];
  // Two views of one field, named so they are not mistaken for each other: the continuous one
  // (Araujo et al.'s recurrences: the bounding span of the paths that slide with the output) and the
  // exact one (every input cell some path reads, padding positions included).
  if (c === null) out.push(`axis ${a.name}: merged branches have different jumps — no single continuous receptive field`);
  else if (c.global) {
    out.push(`axis ${a.name}: global — a global pool upstream (a classifier's pooling, or a squeeze-and-excitation branch) reaches every output, so each output depends on the whole input`);
    out.push(`  continuous span of the paths that slide with the output (global branches left out): ${c.size}`);
  } else out.push(`axis ${a.name}: size ${c.size}, jump ${c.jump}, effective padding ${c.padding}, centre of output 0 at ${c.centre} (continuous: bounding span, Araujo et al.)`);
  const sizes = e.minSize === e.maxSize ? `${e.maxSize}` : `${e.minSize}…${e.maxSize}`;
  const repeat = c?.global
    ? e.period === null ? '; output 0 (the global branch and the sliding paths move at different rates)' : ''
    : e.period !== null ? `; pattern repeats every ${e.period} output(s), shifted by ${e.shift} input cell(s)${e.phasesComplete ? '' : ` (first ${e.phases.length} phases enumerated)`}` : '; merged paths move at different rates: output 0 shown';
  out.push(`  exact (every cell some path reads, padding positions included${c?.global ? ', global branches too' : ''}): span ${sizes} cells, at most ${counted(e.maxHoles, 'hole')}${repeat}`);
  // The two sizes agree for direct layers and pools; after upsampling an output reads only the whole
  // cells inside the window the recurrences span (k̂/s cells a step), so the exact span is smaller.
  if (c !== null && !c.global && e.maxSize > 0 && c.size.compare(e.maxSize) > 0) {
    out.push(`  the exact span (${sizes}) is smaller than the continuous size (${c.size}): an upsampled output reads only the whole input cells inside the continuous window`);
  }
  for (const p of e.phases.slice(0, MAX_PHASES_SHOWN)) {
    if (p.empty) out.push(`    output ${p.output}: receives no input at all`);
    else out.push(`    output ${p.output}: cells ${p.start}…${p.end} (span ${p.span}, ${p.count} read, ${counted(p.holes, 'hole')}${p.holes ? ` at +${p.holePositions.slice(0, 12).join(', +')}${p.holes > 12 ? ', …' : ''}` : ''})`);
  }
  if (e.phases.length > MAX_PHASES_SHOWN) out.push(`    … ${e.phases.length - MAX_PHASES_SHOWN} more phase(s) in --json`);
  if (e.deadPhases.length) out.push(`  ${e.deadPhases.length} of every ${e.period ?? e.phases.length} outputs ${e.deadPhases.length === 1 ? 'receives' : 'receive'} no input (a transposed layer with gcd(dilation, stride) > 1, or zero taps)`);
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
      .option('--output-index <index>', 'also give the input region of this output cell of the first output (or of --layer), one index per spatial axis, e.g. 3,4')
      .option('--layer <name>', 'the layer to analyse (default: every network output)')
      .option('--input-shape <shape>', 'input shape N,C,H,W of the first input, or name=N,C,H,W of the input of that name; repeat for several inputs (when the file leaves a size symbolic, or to analyse another size)', repeated)
      .option('--json', 'print the result as JSON')
      .addHelpText('after', '\nSizes are spans in input cells (padding positions included); "exact" lists the cells each output phase reads.\n\nExamples:\n  convkit rf deeplab.onnx\n  convkit rf layers.yaml --output-index 0,5 --json')
      .action((model: string, f: RfFlags) => {
        const net = loadFromFlags(model, f.inputShape);
        // Without --layer: every network output (the graph's own outputs when analysed); each one in
        // every input it depends on.
        const targets = f.layer !== undefined ? [targetOf(net, f.layer)] : net.nodes.length ? net.outputs : [targetOf(net)];
        const from = inputsOf(net);
        const index = f.outputIndex === undefined ? null : parseIntList(f.outputIndex, '--output-index', 0);
        const fields = targets.flatMap((t) =>
          (from.get(t) ?? [net.input.name]).map((inputName) => {
            const view = inputView(net, inputName);
            const rf = receptiveField(view, t);
            // One index fits one output's sizes: it applies to the first target (or the --layer one).
            const region = index === null || t !== targets[0] ? null : outputRegion(view, index, t);
            return { ...rf, input: view.input, region };
          }),
        );
        const lines: string[] = [];
        for (const o of net.skippedOutputs) {
          const s = net.skipped.find((x) => x.name === o);
          lines.push(`network output "${o}" is not analysed${s ? ` (${s.op}: ${s.reason})` : ''}`);
        }
        if (net.skippedOutputs.length && f.layer === undefined) lines.push(`analysing instead: ${targets.map((t) => `"${t}"`).join(', ')}`);
        for (const rf of fields) {
          if (lines.length) lines.push('');
          lines.push(`receptive field of "${rf.target}" in input "${rf.input.name}" [${rf.input.shape.join(', ')}]`);
          for (const a of rf.axes) lines.push(...axisLines(a));
          for (const m of rf.merges) {
            const per = m.branches.map((b) => `${b.from}: jump ${b.jump ?? '?'}, centre ${b.centre ?? '?'}`).join('; ');
            lines.push(`merge "${m.node}" axis ${rf.axes[m.axis].name}: ${m.aligned ? 'aligned' : 'NOT aligned'} (${per})`);
          }
          for (const r of rf.region ?? []) {
            const name = rf.axes[r.axis].name;
            const cells = r.cells.length ? `cells ${r.start}…${r.end}, centre ${r.centre} (${r.cells.length} read, ${counted(r.holes, 'hole')})` : 'no input cell at all';
            const cont = r.continuous ? `; continuous region [${r.continuous.start}, ${r.continuous.end}], centre ${r.continuous.centre}` : '';
            lines.push(`output ${r.output} on axis ${name}: ${cells}${cont}; with padding positions: ${r.unbounded.empty ? 'none' : `${r.unbounded.start}…${r.unbounded.end}`}`);
          }
        }
        if (net.skipped.length) lines.push('');
        for (const s of net.skipped) lines.push(`not analysed: ${s.name} (${s.op}): ${s.reason}`);
        // JSON: the first field at the top level (as before several outputs and inputs were analysed), all in `fields`.
        const [head] = fields;
        emit(io, f.json === true, { ...head, network: net.name, inputs: net.inputs, outputs: targets, fields, skippedOutputs: net.skippedOutputs, skipped: net.skipped }, lines);
      });
  },
});
