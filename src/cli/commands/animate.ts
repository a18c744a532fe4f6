/**
 * `convkit animate`: draws a convolution (any configuration explain accepts) as an animated GIF,
 * an animated SVG, one SVG frame or one PNG frame, chosen by the --out file's extension.
 */
import { extname } from 'node:path';
import type { Command } from 'commander';
import { ConvError, show } from '../../geometry/errors.js';
import { checkAnimatable, sceneAnimatedSvg, sceneFrameSvg, sceneOf, sceneToGif, sceneToPng } from '../../render/index.js';
import type { RenderOptions } from '../../render/index.js';
import { reportText } from '../../i18n/reports.js';
import { writeFileAtomic } from '../write-file.js';
import type { TraceView } from '../../trace/types.js';
import type { CliIO } from '../io.js';
import { langOption, parseCount, parseLang, SIZE_SYNTAX } from '../parse.js';
import { registerCommand } from '../registry.js';
import { emit } from '../run.js';
import { addShapeFlags, shapeOptionsFromFlags, type ShapeFlags } from './trace.js';

interface AnimateFlags extends ShapeFlags {
  out: string;
  theme: string;
  numeric?: boolean;
  view: string;
  lang: string;
  palette: string;
  emptyCells: string;
  frame?: string;
  scale?: string;
  json?: boolean;
}

/** Picture options from flags (their values are checked by the render module's own validation). */
export function renderOptionsFromFlags(f: { theme: string; numeric?: boolean; view: string; lang: string; palette: string; emptyCells?: string }): RenderOptions {
  if (f.view !== 'direct' && f.view !== 'scatter') {
    throw new ConvError('INVALID_OPTION', `--view must be direct or scatter, but got ${show(f.view)}`, { hint: 'use --view direct or --view scatter' });
  }
  return { theme: f.theme as RenderOptions['theme'], numeric: f.numeric === true, view: f.view as TraceView, lang: f.lang as RenderOptions['lang'], palette: f.palette as RenderOptions['palette'], emptyCells: f.emptyCells as RenderOptions['emptyCells'] };
}

registerCommand({
  name: 'animate',
  attach(program: Command, io: CliIO) {
    const cmd = program
      .command('animate')
      .description('draw a convolution step by step: animated GIF or SVG (1 s per frame, looping), or one frame as SVG or PNG');
    addShapeFlags(cmd, { pool: true })
      .requiredOption('--out <file>', 'output file: .gif (animated), .svg (animated, or one frame with --frame), .png (one frame); folders are created if missing')
      .option('--theme <theme>', 'classic (slanted planes, as the classic figures) or flat', 'classic')
      .option('--numeric', 'print input, kernel and output values (flat; values from the reference engine)')
      .option('--view <view>', 'transposed: direct (zero-inserted equivalent convolution) or scatter (kernel stamped onto the output)', 'direct')
      .addOption(langOption("the picture's labels"))
      .option('--palette <name>', 'default (Solarized, as the classic figures) or colorblind', 'default')
      .option('--empty-cells <how>', "padding, inserted zeros and output padding: apart (each cell outlined on its own, as the classic GIFs) or joined (each edge drawn once, output padding tinted: for a picture shown large)", 'apart')
      .option('--frame <n>', 'draw only frame n (1-based) — .svg and .png')
      .option('--scale <n>', 'draw the PNG n times larger (1–4): the same picture with n × the pixels on each side — .png')
      .option('--json', 'print what was written as JSON')
      .addHelpText('after', `\n${SIZE_SYNTAX}\n\nExamples:\n  convkit animate --input 5x5 --kernel 3 --stride 2 --padding 1 --out padding_strides.gif\n  convkit animate --input 2x2 --kernel 3 --stride 2 --transposed --view scatter --out scatter.gif\n  convkit animate --input 5x5 --kernel 3 --numeric --theme flat --out numbers.png --frame 5\n  convkit animate --input 5x5 --kernel 3 --pool max --stride 1 --numeric --out max.gif\n  convkit animate --input 4x4 --kernel 4 --stride 2 --padding 1 --transposed --empty-cells joined --out up.svg --frame 1\n  convkit animate --input 4x4 --kernel 3 --out slide.png --frame 2 --scale 2`)
      .action((flags: AnimateFlags) => {
        const spec = shapeOptionsFromFlags(flags);
        const options = renderOptionsFromFlags(flags);
        const ext = extname(flags.out).toLowerCase();
        if (ext !== '.gif' && ext !== '.svg' && ext !== '.png') {
          throw new ConvError('INVALID_OPTION', `--out ${show(flags.out)}: the file must end in .gif, .svg or .png`, { hint: 'e.g. --out conv.gif' });
        }
        let frame: number | undefined;
        if (flags.frame !== undefined) {
          const n = parseCount(flags.frame, '--frame');
          if (!Number.isInteger(n) || n < 1) throw new ConvError('INVALID_NUMBER', `--frame must be a whole number ≥ 1, but got ${show(flags.frame)}`, { hint: 'frames count from 1' });
          if (ext === '.gif') throw new ConvError('INVALID_OPTION', '--frame draws one frame: use it with an .svg or .png file', { hint: 'drop --frame for an animated GIF' });
          frame = n - 1;
        }
        let scale: number | undefined;
        if (flags.scale !== undefined) {
          if (ext !== '.png') throw new ConvError('INVALID_OPTION', `--scale sets a PNG's pixel size: use it with a .png file`, { hint: 'an SVG scales without loss; drop --scale' });
          scale = parseCount(flags.scale, '--scale');
        }
        const scene = sceneOf(spec, options);
        if (frame !== undefined && frame >= scene.frames.length) {
          throw new ConvError('INVALID_NUMBER', `--frame ${frame + 1} is past the last frame (${scene.frames.length})`, { hint: `use --frame 1 … ${scene.frames.length}` });
        }
        if (frame === undefined && ext !== '.png') checkAnimatable(scene);
        let data: Uint8Array | string;
        if (ext === '.gif') data = sceneToGif(scene);
        else if (ext === '.png') data = sceneToPng(scene, frame ?? 0, scale);
        else data = frame === undefined ? sceneAnimatedSvg(scene) : sceneFrameSvg(scene, frame);
        writeFileAtomic(flags.out, data);
        // An SVG's characters are not its bytes (×, ′ and Chinese labels take 2 or 3 in UTF-8).
        const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
        const [width, height] = [scene.width * (scale ?? 1), scene.height * (scale ?? 1)];
        emit(io, flags.json === true, { out: flags.out, bytes, width, height, frames: scene.frames.length, frame: frame === undefined ? null : frame + 1 }, [
          reportText(parseLang(flags.lang), frame === undefined && ext !== '.png' ? 'animate.wrote' : 'animate.wroteFrame', {
            out: flags.out, size: `${width}×${height}`, frames: String(scene.frames.length), frame: String((frame ?? 0) + 1), bytes: String(bytes),
          }),
        ]);
      });
  },
});
