/**
 * `convkit summary model.onnx|layers.yaml`: the per-layer table (shapes, params, MACs, RF, jump,
 * relationship) with totals (parameters, buffers, conv + linear MACs, affine MACs of unfused
 * BatchNorm), the counting convention, and where thop/torchinfo would differ.
 */
import type { Command } from 'commander';
import { ConvError } from '../../geometry/errors.js';
import { renderCsv, renderJson, renderMarkdown, renderText } from '../../network/render.js';
import { summarize } from '../../network/summary.js';
import type { CliIO } from '../io.js';
import { langOption, parseLang, repeated } from '../parse.js';
import { registerCommand } from '../registry.js';
import { loadFromFlags } from '../../model/load.node.js';

interface SummaryFlags {
  json?: boolean;
  csv?: boolean;
  markdown?: boolean;
  inputShape?: string[];
  lang?: string;
}

registerCommand({
  name: 'summary',
  attach(program: Command, io: CliIO) {
    program
      .command('summary')
      .description('per-layer table of a model (ONNX file, or a JSON/YAML layer list): shapes, parameters, MACs, receptive field, jump, relationship; totals')
      .argument('<model>', 'an .onnx file, or a .json/.yaml/.yml layer list')
      .option('--json', 'print the table as JSON')
      .option('--csv', 'print the table as CSV')
      .option('--markdown', 'print the table as Markdown')
      .addOption(langOption('headings, table headers and counting conventions', 'the notes stay English, as do --csv and --json keys'))
      .option('--input-shape <shape>', 'input shape N,C,H,W of the first input, or name=N,C,H,W of the input of that name; repeat for several inputs (when the file leaves a size symbolic, or to analyse another size)', repeated)
      .addHelpText('after', '\nMACs are multiply-accumulates of conv and fully connected weights (bias adds not counted, FLOPs = 2·MACs); transposed convs are counted by input positions.\nParameters are the learned values (PyTorch\'s sum of p.numel()); BatchNorm running statistics are totalled as buffers, unfused BatchNorm\'s per-element multiply-adds as affine MACs.\n\nExamples:\n  convkit summary unet.onnx\n  convkit summary layers.yaml --markdown\n  convkit summary unet.onnx --lang zh')
      .action((model: string, f: SummaryFlags) => {
        const lang = parseLang(f.lang);
        if ([f.json, f.csv, f.markdown].filter(Boolean).length > 1) {
          throw new ConvError('INVALID_OPTION', 'give at most one of --json, --csv, --markdown', { hint: 'e.g. convkit summary model.onnx --csv' });
        }
        const s = summarize(loadFromFlags(model, f.inputShape));
        io.out(f.json ? renderJson(s) : f.csv ? renderCsv(s) : f.markdown ? renderMarkdown(s, lang) : renderText(s, lang));
      });
  },
});
