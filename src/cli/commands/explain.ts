/** `convkit explain`: sizes, relationship, formula with numbers, equivalent direct conv, params and MACs. */
import type { Command } from 'commander';
import { explain } from '../../arithmetic/explain.js';
import type { ExplainOptions } from '../../arithmetic/explain.js';
import type { CliIO } from '../io.js';
import { SIZE_SYNTAX, langOption, parseCount, parsePadding, parseSizeList, parseSizes } from '../parse.js';
import { registerCommand } from '../registry.js';
import { emit } from '../run.js';

export interface ExplainFlags {
  input: string;
  kernel: string;
  stride?: string;
  padding?: string;
  dilation?: string;
  transposed?: boolean;
  outputPadding?: string;
  outputSize?: string;
  inChannels?: string;
  outChannels?: string;
  groups?: string;
  bias: boolean;
  batch?: string;
  rank?: string;
  pool?: string;
  ceilMode?: boolean;
  paddingMode?: string;
  lang?: string;
  json?: boolean;
}

/** Flags → explain options (only the flags given; defaults are the library's). */
export function explainOptionsFromFlags(f: ExplainFlags): ExplainOptions {
  const o: Record<string, unknown> = { input: parseSizes(f.input, '--input'), kernel: parseSizes(f.kernel, '--kernel') };
  if (f.stride !== undefined) o.stride = parseSizes(f.stride, '--stride');
  if (f.padding !== undefined) o.padding = parsePadding(f.padding);
  if (f.dilation !== undefined) o.dilation = parseSizes(f.dilation, '--dilation');
  if (f.transposed) o.transposed = true;
  if (f.outputPadding !== undefined) o.outputPadding = parseSizes(f.outputPadding, '--output-padding');
  if (f.outputSize !== undefined) o.outputSize = parseSizeList(f.outputSize, '--output-size');
  if (f.inChannels !== undefined) o.inChannels = parseCount(f.inChannels, '--in-channels');
  if (f.outChannels !== undefined) o.outChannels = parseCount(f.outChannels, '--out-channels');
  if (f.groups !== undefined) o.groups = parseCount(f.groups, '--groups');
  if (f.bias === false) o.bias = false;
  if (f.batch !== undefined) o.batch = parseCount(f.batch, '--batch');
  if (f.rank !== undefined) o.rank = parseCount(f.rank, '--rank');
  if (f.pool !== undefined) o.pool = f.pool;
  if (f.ceilMode) o.ceilMode = true;
  if (f.paddingMode !== undefined) o.paddingMode = f.paddingMode;
  if (f.lang !== undefined) o.lang = f.lang;
  return o as unknown as ExplainOptions;
}

registerCommand({
  name: 'explain',
  attach(program: Command, io: CliIO) {
    program
      .command('explain')
      .description("explain a convolution's sizes with Dumoulin & Visin's relationships, its equivalent direct convolution, parameters and MACs")
      .requiredOption('--input <sizes>', 'spatial input size, e.g. 5x5 (transposed: the size i\' it receives)')
      .requiredOption('--kernel <sizes>', 'kernel taps, e.g. 3 or 3x3')
      .option('--stride <sizes>', 'stride (default 1)')
      .option('--padding <padding>', 'padding: 1, 1x2, same, valid or [before,after] pairs (transposed: cells cropped)')
      .option('--dilation <sizes>', 'dilation (default 1)')
      .option('--transposed', 'a transposed convolution')
      .option('--output-padding <sizes>', 'transposed: extra cells at the end (the guide\'s a)')
      .option('--output-size <sizes>', 'transposed: the wanted output size (picks the output padding)')
      .option('--in-channels <n>', 'input channels (default 1)')
      .option('--out-channels <n>', 'output channels (default: the input channels)')
      .option('--groups <n>', 'groups (default 1)')
      .option('--no-bias', 'the layer has no bias')
      .option('--batch <n>', 'batch size N (default 1)')
      .option('--rank <n>', 'number of spatial axes when every size is one number (default 2)')
      .option('--pool <mode>', 'a pooling window instead: max or avg (stride defaults to the window)')
      .option('--ceil-mode', 'pooling: round the output size up')
      .option('--padding-mode <mode>', 'zeros, reflect, replicate or circular (direct only)')
      .addOption(langOption())
      .option('--json', 'print the explanation as JSON (keys include output, relationships, params, macs)')
      .addHelpText('after', `\n${SIZE_SYNTAX}\n\nExamples:\n  convkit explain --input 5x5 --kernel 3 --stride 2 --padding 1\n  convkit explain --input 3x3 --kernel 3 --stride 2 --padding 1 --transposed --output-padding 1 --lang zh\n  convkit explain --input 7 --kernel 3 --dilation 2 --in-channels 64 --out-channels 128 --groups 2 --json`)
      .action((flags: ExplainFlags) => {
        // The library names the padding mode and gives exact counts past 2^53 itself (src/arithmetic/).
        const e = explain(explainOptionsFromFlags(flags));
        emit(io, flags.json === true, e, e.lines);
      });
  },
});
