/**
 * `convkit rf model.onnx|layers.yaml`: the receptive field of a network output per axis — size,
 * jump, effective padding, exact cells per phase with holes, outputs that receive nothing, HDC
 * heuristic, alignment of merging branches — and, with --output-index, the region of one output.
 * Without --layer it analyses every network output, each in every input it depends on.
 */
import type { Command } from 'commander';
import { counted } from '../../geometry/errors.js';
import { axisName } from '../../i18n/axis-name.js';
import type { Lang } from '../../i18n/index.js';
import { reportText } from '../../i18n/reports.js';
import { outputRegion, receptiveField, targetOf, type AxisField } from '../../network/receptive.js';
import { inputsOf, inputView } from '../../network/views.js';
import type { CliIO } from '../io.js';
import { langOption, parseLang, repeated } from '../parse.js';
import { registerCommand } from '../registry.js';
import { emit } from '../run.js';
import { loadFromFlags, parseIntList } from '../../model/load.node.js';

interface RfFlags {
  json?: boolean;
  outputIndex?: string;
  layer?: string;
  inputShape?: string[];
  lang?: string;
}

const MAX_PHASES_SHOWN = 8;

/** A report string (src/i18n/reports.ts) in the command's language; values are strings as printed. */
type Say = (key: string, vars?: Record<string, unknown>) => string;

function sayer(lang: Lang): Say {
  return (key, vars = {}) => reportText(lang, `rf.${key}`, Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, String(v)])));
}

function axisLines(a: AxisField, say: Say, axis: string): string[] {
  const c = a.continuous;
  const e = a.exact;
  const out: string[] = [];
  // Two views of one field, named so they are not mistaken for each other: the continuous one
  // (Araujo et al.'s recurrences: the bounding span of the paths that slide with the output) and the
  // exact one (every input cell some path reads, padding positions included).
  if (c === null) out.push(say('noSingle', { axis }));
  else if (c.global) {
    out.push(say('global', { axis }));
    out.push(say('globalSpan', { size: c.size }));
  } else out.push(say('axis', { axis, size: c.size, jump: c.jump, padding: c.padding, centre: c.centre }));
  const sizes = e.minSize === e.maxSize ? `${e.maxSize}` : say('range', { a: e.minSize, b: e.maxSize });
  const repeat = c?.global
    ? e.period === null ? say('repeat.globalOutput0') : ''
    : e.period !== null ? say('repeat.period', { period: e.period, shift: e.shift, partial: e.phasesComplete ? '' : say('repeat.partial', { n: e.phases.length }) }) : say('repeat.merged');
  out.push(say('exact', { global: c?.global ? say('exact.global') : '', sizes, holes: counted(e.maxHoles, 'hole'), h: e.maxHoles, repeat }));
  // The two sizes agree for direct layers and pools; after upsampling an output reads only the whole
  // cells inside the window the recurrences span (k̂/s cells a step), so the exact span is smaller.
  if (c !== null && !c.global && e.maxSize > 0 && c.size.compare(e.maxSize) > 0) {
    out.push(say('smaller', { sizes, size: c.size }));
  }
  for (const p of e.phases.slice(0, MAX_PHASES_SHOWN)) {
    if (p.empty) out.push(say('phase.empty', { output: p.output }));
    else {
      const at = p.holes ? say('phase.at', { positions: `+${p.holePositions.slice(0, 12).join(say('phase.sep') + '+')}${p.holes > 12 ? `${say('phase.sep')}…` : ''}` }) : '';
      out.push(say('phase', { output: p.output, start: p.start, end: p.end, span: p.span, count: p.count, holes: counted(p.holes, 'hole'), h: p.holes, at }));
    }
  }
  if (e.phases.length > MAX_PHASES_SHOWN) out.push(say('phase.more', { n: e.phases.length - MAX_PHASES_SHOWN }));
  if (e.deadPhases.length) out.push(say('dead', { dead: e.deadPhases.length, period: e.period ?? e.phases.length, verb: say(e.deadPhases.length === 1 ? 'dead.one' : 'dead.many') }));
  for (const h of a.hdc) {
    const r = h.report;
    out.push(say('hdc', { layers: h.layers.length, rates: r.rates.join(', '), k: r.kernel, m2: r.m2, cmp: r.heuristicPasses ? '≤' : '>', verdict: say(r.heuristicPasses ? 'hdc.passes' : 'hdc.fails'), holes: r.holes }));
    for (const cv of r.caveats) out.push(say('caveat', { text: cv }));
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
      .addOption(langOption('text', 'the reasons a layer is skipped and HDC caveats stay English'))
      .option('--json', 'print the result as JSON')
      .addHelpText('after', '\nSizes are spans in input cells (padding positions included); "exact" lists the cells each output phase reads.\n\nExamples:\n  convkit rf deeplab.onnx\n  convkit rf layers.yaml --output-index 0,5 --json\n  convkit rf deeplab.onnx --lang zh')
      .action((model: string, f: RfFlags) => {
        const lang = parseLang(f.lang);
        const say = sayer(lang);
        const axis = (name: string) => (lang === 'zh' ? axisName('zh', name) : `axis ${name}`);
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
          lines.push(say('skippedOutput', { name: o, why: s ? say('skippedWhy', { op: s.op, reason: s.reason }) : '' }));
        }
        if (net.skippedOutputs.length && f.layer === undefined) lines.push(say('instead', { targets: targets.map((t) => `"${t}"`).join(', ') }));
        for (const rf of fields) {
          if (lines.length) lines.push('');
          lines.push(say('title', { target: rf.target, input: rf.input.name, shape: rf.input.shape.join(', ') }));
          for (const a of rf.axes) lines.push(...axisLines(a, say, axis(a.name)));
          for (const m of rf.merges) {
            const per = m.branches.map((b) => say('merge.branch', { from: b.from, jump: b.jump ?? '?', centre: b.centre ?? '?' })).join(say('merge.sep'));
            lines.push(say('merge', { node: m.node, axis: axis(rf.axes[m.axis].name), aligned: say(m.aligned ? 'merge.aligned' : 'merge.notAligned'), branches: per }));
          }
          for (const r of rf.region ?? []) {
            const cells = r.cells.length ? say('region.cells', { start: r.start, end: r.end, centre: r.centre, count: r.cells.length, holes: counted(r.holes, 'hole'), h: r.holes }) : say('region.none');
            const cont = r.continuous ? say('region.continuous', { start: r.continuous.start, end: r.continuous.end, centre: r.continuous.centre }) : '';
            lines.push(say('region', { output: r.output, axis: axis(rf.axes[r.axis].name), cells, continuous: cont, unbounded: r.unbounded.empty ? say('region.noPadding') : say('range', { a: r.unbounded.start, b: r.unbounded.end }) }));
          }
        }
        if (net.skipped.length) lines.push('');
        for (const s of net.skipped) lines.push(say('skipped', { name: s.name, op: s.op, reason: s.reason }));
        // JSON: the first field at the top level (as before several outputs and inputs were analysed), all in `fields`.
        const [head] = fields;
        emit(io, f.json === true, { ...head, network: net.name, inputs: net.inputs, outputs: targets, fields, skippedOutputs: net.skippedOutputs, skipped: net.skipped }, lines);
      });
  },
});
