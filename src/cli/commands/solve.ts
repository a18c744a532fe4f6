/**
 * `convkit solve padding|transpose|configs`: the padding for a wanted output size, the transposed
 * convolution restoring a convolution's input size, and every configuration mapping i to o.
 */
import type { Command } from 'commander';
import { enumerateConfigs } from '../../arithmetic/enumerate-configs.js';
import { restoreTranspose } from '../../arithmetic/restore-transpose.js';
import { solvePadding } from '../../arithmetic/solve-padding.js';
import type { SolvePaddingOptions } from '../../arithmetic/solve-padding.js';
import { axisName } from '../../i18n/axis-name.js';
import { t } from '../../i18n/index.js';
import type { Lang } from '../../i18n/index.js';
import { langOf } from '../../i18n/index.js';
import type { CliIO } from '../io.js';
import { SIZE_SYNTAX, parseCount, parsePadding, parseSizes, langOption } from '../parse.js';
import { registerCommand } from '../registry.js';
import { emit } from '../run.js';
import { explainOptionsFromFlags } from './explain.js';
import type { ExplainFlags } from './explain.js';

interface PaddingFlags {
  input: string;
  output: string;
  kernel: string;
  stride?: string;
  dilation?: string;
  transposed?: boolean;
  padding?: string;
  rank?: string;
  lang?: string;
  json?: boolean;
}

interface ConfigFlags {
  input: string;
  output: string;
  transposed?: boolean;
  minKernel?: string;
  maxKernel?: string;
  maxStride?: string;
  maxPadding?: string;
  maxDilation?: string;
  limit?: string;
  lang?: string;
  json?: boolean;
}

function attachPadding(solve: Command, io: CliIO): void {
  solve
    .command('padding')
    .description('the padding (symmetric, else the minimal [before,after]) that gives a wanted output size; transposed: padding and output padding')
    .requiredOption('--input <sizes>', 'spatial input size, e.g. 32x32')
    .requiredOption('--output <sizes>', 'wanted spatial output size, e.g. 16x16')
    .requiredOption('--kernel <sizes>', 'kernel taps')
    .option('--stride <sizes>', 'stride (default 1)')
    .option('--dilation <sizes>', 'dilation (default 1)')
    .option('--transposed', 'solve a transposed convolution (padding and output padding)')
    .option('--padding <sizes>', 'transposed: keep this padding and solve the output padding only')
    .option('--rank <n>', 'number of spatial axes when every size is one number (default 2)')
    .addOption(langOption())
    .option('--json', 'print the solution as JSON')
    .addHelpText('after', `\n${SIZE_SYNTAX}\n\nExamples:\n  convkit solve padding --input 32 --output 16 --kernel 3 --stride 2\n  convkit solve padding --input 16 --output 32 --kernel 3 --stride 2 --transposed`)
    .action((f: PaddingFlags) => {
      const o: Record<string, unknown> = {
        input: parseSizes(f.input, '--input'),
        output: parseSizes(f.output, '--output'),
        kernel: parseSizes(f.kernel, '--kernel'),
      };
      if (f.stride !== undefined) o.stride = parseSizes(f.stride, '--stride');
      if (f.dilation !== undefined) o.dilation = parseSizes(f.dilation, '--dilation');
      if (f.transposed) o.transposed = true;
      if (f.padding !== undefined) o.padding = parsePadding(f.padding);
      if (f.rank !== undefined) o.rank = parseCount(f.rank, '--rank');
      if (f.lang !== undefined) o.lang = f.lang;
      const s = solvePadding(o as unknown as SolvePaddingOptions);
      const { geometry: _g, ...data } = s;
      emit(io, f.json === true, data, s.lines);
    });
}

function attachTranspose(solve: Command, io: CliIO): void {
  solve
    .command('transpose')
    .description("the transposed convolution that restores a convolution's input size (relationship 14's a is its output padding)")
    .requiredOption('--input <sizes>', "the direct convolution's input size, e.g. 6x6")
    .requiredOption('--kernel <sizes>', 'kernel taps')
    .option('--stride <sizes>', 'stride (default 1)')
    .option('--padding <padding>', 'padding of the direct convolution: 1, 1x2, same, valid or [before,after] pairs')
    .option('--dilation <sizes>', 'dilation (default 1)')
    .option('--in-channels <n>', 'input channels of the direct convolution (default 1)')
    .option('--out-channels <n>', 'output channels of the direct convolution (default: the input channels)')
    .option('--groups <n>', 'groups (default 1)')
    .option('--no-bias', 'no bias')
    .option('--batch <n>', 'batch size (default 1)')
    .option('--rank <n>', 'number of spatial axes when every size is one number (default 2)')
    .addOption(langOption())
    .option('--json', 'print the result as JSON')
    .addHelpText('after', `\n${SIZE_SYNTAX}\n\nExample:\n  convkit solve transpose --input 6x6 --kernel 3 --stride 2 --padding 1`)
    .action((f: ExplainFlags) => {
      const r = restoreTranspose(explainOptionsFromFlags(f));
      const lang: Lang = langOf(f.lang);
      const lines = [
        t(lang, 'solve.transpose.title', { input: r.input.join('×'), output: r.output.join('×') }),
        ...r.explanation.axes.map((a) =>
          t(lang, 'solve.transpose.axis', { axis: axisName(lang, a.axis), k: a.kernel, s: a.stride, p: a.padding[0] === a.padding[1] ? String(a.padding[0]) : `[${a.padding[0]},${a.padding[1]}]`, d: a.dilation, a: a.outputPadding, o: a.output }),
        ),
        '',
        ...r.explanation.lines,
      ];
      emit(io, f.json === true, r, lines);
    });
}

function attachConfigs(solve: Command, io: CliIO): void {
  solve
    .command('configs')
    .description('every (kernel, stride, padding, dilation) within bounds that maps input size i to output size o on one axis')
    .requiredOption('--input <n>', 'input size i (one axis)')
    .requiredOption('--output <n>', 'output size o')
    .option('--transposed', 'transposed convolutions (with the output padding that makes o exact)')
    .option('--min-kernel <n>', 'smallest kernel (default 1)')
    .option('--max-kernel <n>', 'largest kernel (default 7)')
    .option('--max-stride <n>', 'largest stride (default 4)')
    .option('--max-padding <n>', 'largest padding (default 3)')
    .option('--max-dilation <n>', 'largest dilation (default 3)')
    .option('--limit <n>', 'most configurations listed (default 200)')
    .addOption(langOption())
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nThe search visits at most 1,000,000 candidates; larger bounds are refused.\nSorted by dilation, kernel, stride, padding (simplest first).\nA kernel of 1 is listed once, with d=1: a single tap has no gaps for a dilation to widen\n(transposed: except where the dilation allows an output padding a ≥ s that d=1 does not).\n\nExample:\n  convkit solve configs --input 32 --output 16 --max-kernel 5')
    .action((f: ConfigFlags) => {
      const num = (v: string | undefined, flag: string) => (v === undefined ? undefined : parseCount(v, flag));
      const r = enumerateConfigs({
        input: parseCount(f.input, '--input'),
        output: parseCount(f.output, '--output'),
        transposed: f.transposed === true,
        minKernel: num(f.minKernel, '--min-kernel'),
        maxKernel: num(f.maxKernel, '--max-kernel'),
        maxStride: num(f.maxStride, '--max-stride'),
        maxPadding: num(f.maxPadding, '--max-padding'),
        maxDilation: num(f.maxDilation, '--max-dilation'),
        limit: num(f.limit, '--limit'),
        lang: langOf(f.lang),
      });
      emit(io, f.json === true, r, r.lines);
    });
}

registerCommand({
  name: 'solve',
  attach(program: Command, io: CliIO) {
    const solve = program
      .command('solve')
      .description('solve for padding, for the transposed convolution that restores a size, or for all configurations i → o');
    attachPadding(solve, io);
    attachTranspose(solve, io);
    attachConfigs(solve, io);
  },
});
