/**
 * `convkit gallery --out DIR`: the 19 classic figures and the seed tutorial's examples as GIFs (the
 * convolution matrix as SVG and PNG), and an index.html showing them all. A progress bar on
 * stderr (redrawn in place on a terminal, one line per picture otherwise).
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { convMatrix } from '../../matrix/build.js';
import { galleryEntries, renderMatrixPng, renderMatrixSvg, sceneOf, sceneToGif, type GalleryEntry } from '../../render/index.js';
import { escapeXml } from '../../render/svg.js';
import { writeFileAtomic } from '../write-file.js';
import { processIO, type CliIO } from '../io.js';
import { registerCommand } from '../registry.js';
import { emit } from '../run.js';

interface GalleryFlags {
  out: string;
  json?: boolean;
}

interface Written {
  name: string;
  files: string[];
  caption: string;
  source: GalleryEntry['source'];
  frames: number;
  bytes: number;
  width: number;
  height: number;
}

/** Progress on stderr: a bar redrawn in place on a terminal, plain lines when piped. */
function progress(io: CliIO, total: number): (done: number, name: string) => void {
  const tty = io === processIO && process.stderr.isTTY === true;
  return (done, name) => {
    if (tty) {
      const width = 24;
      const fill = Math.round((done / total) * width);
      io.err(`\r[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${done}/${total} ${name.padEnd(44).slice(0, 44)}`);
      if (done === total) io.err('\n');
    } else {
      io.err(`gallery: ${done}/${total} ${name}\n`);
    }
  };
}

function renderEntry(e: GalleryEntry, dir: string): Written {
  if (e.kind === 'matrix') {
    const m = convMatrix(e.spec);
    const svg = renderMatrixSvg(m, { highlightRow: e.highlightRow });
    const png = renderMatrixPng(m, { highlightRow: e.highlightRow });
    writeFileAtomic(join(dir, `${e.name}.svg`), svg);
    writeFileAtomic(join(dir, `${e.name}.png`), png);
    return { name: e.name, files: [`${e.name}.svg`, `${e.name}.png`], caption: e.caption, source: e.source, frames: 1, bytes: svg.length + png.length, width: 0, height: 0 };
  }
  const scene = sceneOf(e.spec, e.options);
  const gif = sceneToGif(scene);
  writeFileAtomic(join(dir, `${e.name}.gif`), gif);
  return { name: e.name, files: [`${e.name}.gif`], caption: e.caption, source: e.source, frames: scene.frames.length, bytes: gif.length, width: scene.width, height: scene.height };
}

export function indexHtml(items: readonly Written[]): string {
  const section = (title: string, source: GalleryEntry['source']) => {
    const figs = items.filter((w) => w.source === source).map((w) => {
      const img = w.files[0];
      return `<figure><a href="${escapeXml(img)}"><img src="${escapeXml(img)}" alt="${escapeXml(w.caption)}" loading="lazy"></a><figcaption><code>${escapeXml(w.name)}</code><br>${escapeXml(w.caption)}${w.frames > 1 ? ` · ${w.frames} frames` : ''}</figcaption></figure>`;
    });
    return `<h2>${escapeXml(title)}</h2>\n<div class="grid">\n${figs.join('\n')}\n</div>`;
  };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>convkit gallery</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#073642;background:#fdf6e3}
.grid{display:flex;flex-wrap:wrap;gap:1.5rem}
figure{margin:0;background:#fff;padding:.5rem;border:1px solid #eee8d5;max-width:100%}
img{max-width:100%;height:auto;display:block}
figcaption{font-size:.85rem;margin-top:.4rem;max-width:36rem}
</style></head><body>
<h1>convkit gallery</h1>
<p>Drawn by <code>convkit gallery</code> from the trace of each configuration: the classic figures of Dumoulin &amp; Visin, <em>A guide to convolution arithmetic for deep learning</em>, and the examples of the tutorial.</p>
${section('Classic figures', 'classic')}
${section('Tutorial examples', 'tutorial')}
</body></html>
`;
}

registerCommand({
  name: 'gallery',
  attach(program: Command, io: CliIO) {
    program
      .command('gallery')
      .description('render the 19 classic convolution-arithmetic figures and the tutorial examples, with an index.html showing them all')
      .requiredOption('--out <dir>', 'folder to write into (created if missing)')
      .option('--json', 'print the written files as JSON')
      .addHelpText('after', '\nExample:\n  convkit gallery --out gallery && open gallery/index.html')
      .action((flags: GalleryFlags) => {
        const entries = galleryEntries();
        const tick = progress(io, entries.length);
        const written: Written[] = [];
        entries.forEach((e, n) => {
          written.push(renderEntry(e, flags.out));
          tick(n + 1, e.name);
        });
        writeFileAtomic(join(flags.out, 'index.html'), indexHtml(written));
        const total = written.reduce((s, w) => s + w.bytes, 0);
        emit(io, flags.json === true, { out: flags.out, files: written }, [
          `wrote ${written.length} pictures and index.html to ${flags.out} (${(total / 1024).toFixed(0)} KiB)`,
        ]);
      });
  },
});
