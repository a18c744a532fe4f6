/**
 * `convkit matrix`: the convolution matrix C (rows: output cells, columns: input cells) as a table of
 * tap labels, JSON, or a drawing (--out c.svg).
 */
import { extname } from 'node:path';
import type { Command } from 'commander';
import { ConvError, show } from '../../geometry/errors.js';
import { reportText as t } from '../../i18n/reports.js';
import { convMatrix } from '../../matrix/build.js';
import { transpose } from '../../matrix/ops.js';
import { matrixText } from '../../matrix/text.js';
import { renderMatrixPng, renderMatrixSvg } from '../../render/index.js';
import type { CliIO } from '../io.js';
import { SIZE_SYNTAX, langOption, parseCount, parseLang } from '../parse.js';
import { registerCommand } from '../registry.js';
import { writeFileAtomic } from '../write-file.js';
import { emit } from '../run.js';
import { addShapeFlags, shapeOptionsFromFlags, type ShapeFlags } from './trace.js';

/** Above this many entries --json prints compact JSON (one line) instead of indented JSON. */
const COMPACT_ABOVE = 100_000;

interface MatrixFlags extends ShapeFlags {
  weight?: string;
  transpose?: boolean;
  out?: string;
  row?: string;
  pair?: string;
  lang?: string;
  json?: boolean;
}

function parsePair(text: string): [number, number] {
  const m = /^\s*(\d+)\s*[,x×:]\s*(\d+)\s*$/.exec(text);
  if (!m) throw new ConvError('INVALID_OPTION', `--pair ${show(text)} is not understood`, { hint: 'give an output and an input channel, e.g. --pair 0,1' });
  return [Number(m[1]), Number(m[2])];
}

/** A weight value as a person types one: digits, a sign, a decimal point, an exponent (1e-3). */
const WEIGHT_VALUE = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
const WEIGHT_HINT = 'give the weight values separated by commas, e.g. --weight 1,0,-1';

function parseWeight(text: string): number[] {
  // Every separator counts: '1,,2,3' (a value left out) must not be read as [1, 2, 3].
  const parts = text.trim().split(/\s*,\s*|\s+/);
  const empty = parts.indexOf('');
  if (empty >= 0) {
    throw new ConvError('INVALID_NUMBER', `--weight ${show(text)} has an empty value (value ${empty + 1})`, { hint: WEIGHT_HINT });
  }
  return parts.map((p) => {
    const v = Number(p);
    if (!WEIGHT_VALUE.test(p) || !Number.isFinite(v)) {
      throw new ConvError('INVALID_NUMBER', `--weight value ${show(p)} is not a number`, { hint: WEIGHT_HINT });
    }
    return v;
  });
}

registerCommand({
  name: 'matrix',
  attach(program: Command, io: CliIO) {
    const cmd = program
      .command('matrix')
      .description('the convolution matrix C (rows: output cells, columns: input cells, entries named by kernel tap): y = C·x, and Cᵀ for the transposed convolution');
    addShapeFlags(cmd, { pool: false })
      .option('--weight <values>', 'weight values in PyTorch layout, comma-separated: entries get numbers instead of tap names')
      .option('--transpose', 'print Cᵀ instead of C')
      .option('--pair <oc,ic>', 'only the block of one output channel and one input channel')
      .option('--out <file>', 'draw the matrix into a file: .svg or .png (folders are created if missing)')
      .option('--row <n>', 'with --out: the row (output cell) to highlight')
      .addOption(langOption('text and the drawing\'s labels'))
      .option('--json', 'print the sparse matrix as JSON (rows, cols, entries with row, col, label, terms, value)')
      .addHelpText('after', `\n${SIZE_SYNTAX}\n\nExamples:\n  convkit matrix --input 4x4 --kernel 3            (the classic 4×16 matrix)\n  convkit matrix --input 2x2 --kernel 3 --transposed   (its Cᵀ, 16×4)\n  convkit matrix --input 4x4 --kernel 3 --out c.svg --row 1 --lang zh`)
      .action(async (flags: MatrixFlags) => {
        const lang = parseLang(flags.lang);
        // The drawing's format follows the file's extension, as animate's does (a .png used to get
        // SVG text), and --row only marks a row of it: a --row that changes nothing would mislead.
        const ext = flags.out === undefined ? undefined : extname(flags.out).toLowerCase();
        if (ext !== undefined && ext !== '.svg' && ext !== '.png') {
          throw new ConvError('INVALID_OPTION', `--out ${show(flags.out)}: the file must end in .svg or .png`, { hint: 'e.g. --out c.svg' });
        }
        if (flags.row !== undefined && flags.out === undefined) {
          throw new ConvError('INVALID_OPTION', '--row highlights a row of the drawing, but no --out file was given', { hint: 'add --out c.svg, or drop --row' });
        }
        const weight = flags.weight === undefined ? undefined : parseWeight(flags.weight);
        const channelPair = flags.pair === undefined ? undefined : parsePair(flags.pair);
        let c = convMatrix(shapeOptionsFromFlags(flags), { weight, channelPair });
        if (flags.transpose) c = transpose(c);
        if (flags.out !== undefined) {
          const row = flags.row === undefined ? undefined : parseCount(flags.row, '--row');
          if (row !== undefined && !(Number.isInteger(row) && row >= 0 && row < c.rows)) {
            throw new ConvError('INVALID_NUMBER', `--row must be a row index from 0 to ${c.rows - 1}, but got ${show(flags.row)}`, { hint: `use --row 0 … ${c.rows - 1}` });
          }
          writeFileAtomic(flags.out, ext === '.png' ? renderMatrixPng(c, { highlightRow: row, lang }) : renderMatrixSvg(c, { highlightRow: row, lang }));
          emit(io, flags.json === true, { out: flags.out, rows: c.rows, cols: c.cols }, [t(lang, 'matrix.wrote', { out: flags.out, rows: String(c.rows), cols: String(c.cols) })]);
          return;
        }
        if (flags.json && c.entries.length > COMPACT_ABOVE) {
          // Pretty-printing a large matrix would exceed the longest string V8 can build: print it compact.
          io.out(`${JSON.stringify(c)}\n`);
          return;
        }
        emit(io, flags.json === true, c, flags.json ? [] : matrixText(c, undefined, undefined, lang));
      });
  },
});
