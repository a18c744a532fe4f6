/** `convkit trace`: the frames of a convolution as data (--json) or text — what every picture draws. */
import type { Command } from 'commander';
import { ConvError, show } from '../../geometry/errors.js';
import { traceText } from '../../trace/text.js';
import { trace } from '../../trace/trace.js';
import type { TraceSpecOptions, TraceView } from '../../trace/types.js';
import type { CliIO } from '../io.js';
import { SIZE_SYNTAX, langOption, parseCount, parseLang } from '../parse.js';
import { registerCommand } from '../registry.js';
import { emit } from '../run.js';
import { explainOptionsFromFlags, type ExplainFlags } from './explain.js';

export type ShapeFlags = Omit<ExplainFlags, 'lang' | 'json'>;

/** The convolution flags `explain` takes (same names, same syntax), for trace and matrix. */
export function addShapeFlags(cmd: Command, opts: { pool: boolean }): Command {
  cmd
    .requiredOption('--input <sizes>', "spatial input size, e.g. 5x5 (transposed: the size i′ it receives)")
    .requiredOption('--kernel <sizes>', 'kernel taps, e.g. 3 or 3x3')
    .option('--stride <sizes>', 'stride (default 1)')
    .option('--padding <padding>', 'padding: 1, 1x2, same, valid or [before,after] pairs (transposed: cells cropped)')
    .option('--dilation <sizes>', 'dilation (default 1)')
    .option('--transposed', 'a transposed convolution')
    .option('--output-padding <sizes>', "transposed: extra cells at the end (the guide's a)")
    .option('--output-size <sizes>', 'transposed: the wanted output size (picks the output padding)')
    .option('--in-channels <n>', 'input channels (default 1)')
    .option('--out-channels <n>', 'output channels (default: the input channels)')
    .option('--groups <n>', 'groups (default 1)')
    .option('--rank <n>', 'number of spatial axes when every size is one number (default 2)')
    .option('--padding-mode <mode>', 'zeros, reflect, replicate or circular (direct only)');
  if (opts.pool) {
    cmd.option('--pool <mode>', 'a pooling window instead: max or avg (stride defaults to the window)').option('--ceil-mode', 'pooling: round the output size up');
  }
  return cmd;
}

/** Flags → the options trace and convMatrix take (the explain dialect, without text options). */
export function shapeOptionsFromFlags(f: ShapeFlags): TraceSpecOptions {
  const o = explainOptionsFromFlags({ ...f, bias: true }) as unknown as Record<string, unknown>;
  delete o.lang;
  return o as unknown as TraceSpecOptions;
}

/** Above this many taps --json prints compact JSON (one line) instead of indented JSON. */
const COMPACT_ABOVE = 100_000;

interface TraceFlags extends ShapeFlags {
  view: string;
  frames?: string;
  lang?: string;
  json?: boolean;
}

function viewOf(v: string): TraceView {
  if (v === 'direct' || v === 'scatter') return v;
  throw new ConvError('INVALID_OPTION', `--view must be direct or scatter, but got ${show(v)}`, { hint: 'use --view direct (one frame per output cell) or --view scatter (one per input cell)' });
}

registerCommand({
  name: 'trace',
  attach(program: Command, io: CliIO) {
    const cmd = program
      .command('trace')
      .description('list the frames of a convolution step by step: the grid (input, padding, inserted zeros, a cells), and per frame which cells each kernel tap reads (direct view) or writes (scatter view)');
    addShapeFlags(cmd, { pool: true })
      .option('--view <view>', 'direct: one frame per output cell; scatter: one frame per input cell stamping the kernel (transposed convolutions)', 'direct')
      .option('--frames <n>', 'text output: how many frames to list (default 30)')
      .addOption(langOption('text output'))
      .option('--json', 'print the whole trace as JSON (grid, kernel, channels, frames; scatter: overlap counts)')
      .addHelpText('after', `\n${SIZE_SYNTAX}\n\nExamples:\n  convkit trace --input 5x5 --kernel 3 --stride 2 --padding 1\n  convkit trace --input 2x2 --kernel 3 --stride 2 --transposed --view scatter\n  convkit trace --input 5x5 --kernel 3 --lang zh\n  convkit trace --input 4 --kernel 2 --transposed --stride 2 --json`)
      .action((flags: TraceFlags) => {
        const lang = parseLang(flags.lang);
        const t = trace(shapeOptionsFromFlags(flags), { view: viewOf(flags.view) });
        const max = flags.frames === undefined ? 30 : parseCount(flags.frames, '--frames');
        if (!Number.isInteger(max) || max < 0) {
          throw new ConvError('INVALID_NUMBER', `--frames must be a whole number ≥ 0, but got ${show(flags.frames)}`, { hint: 'e.g. --frames 100' });
        }
        if (flags.json && t.tapCount > COMPACT_ABOVE) {
          // Pretty-printing a large trace would exceed the longest string V8 can build: print it compact.
          io.out(`${JSON.stringify(t)}\n`);
          return;
        }
        emit(io, flags.json === true, t, flags.json ? [] : traceText(t, max, lang));
      });
  },
});
