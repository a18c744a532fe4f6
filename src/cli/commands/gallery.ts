/**
 * `convkit gallery --out DIR`: the 19 classic figures and the seed tutorial's examples as GIFs (the
 * convolution matrix as SVG and PNG), and an index.html showing them all. A progress bar on
 * stderr (redrawn in place on a terminal, one line per picture otherwise).
 *
 * The pictures are drawn on every core (at most four threads): worker threads (gallery-worker.ts)
 * and the main thread take entries from one shared queue. Each picture's bytes depend only on its
 * entry, so the files are the same whichever thread draws them.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Command } from 'commander';
import { escapeXml } from '../../render/svg.js';
import {
  closeQueue, deserializeError, galleryEntries, renderEntry, takeEntry,
  type GalleryEntry, type WorkerMessage, type Written,
} from '../gallery-render.js';
import { writeFileAtomic } from '../write-file.js';
import { processIO, type CliIO } from '../io.js';
import { langOption, parseLang } from '../parse.js';
import type { Lang } from '../../i18n/index.js';
import { reportText as t } from '../../i18n/reports.js';
import { registerCommand } from '../registry.js';
import { emit } from '../run.js';

interface GalleryFlags {
  out: string;
  lang?: string;
  json?: boolean;
}

/** Progress on stderr: a bar redrawn in place on a terminal, plain lines when piped. */
function progress(io: CliIO, total: number, lang: Lang): (done: number, name: string) => void {
  const tty = io === processIO && process.stderr.isTTY === true;
  return (done, name) => {
    if (tty) {
      const width = 24;
      const fill = Math.round((done / total) * width);
      io.err(`\r[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${done}/${total} ${name.padEnd(44).slice(0, 44)}`);
      if (done === total) io.err('\n');
    } else {
      io.err(`${t(lang, 'gallery.progress', { done: String(done), total: String(total), name })}\n`);
    }
  };
}

/** More threads than this cost more in start-up (each loads and warms up the renderer) than they save. */
const MAX_THREADS = 4;

/**
 * Starts the worker threads that share the queue with the main thread; none when there is one core
 * or when running from TypeScript sources (tests), where the worker's .js file does not exist.
 */
function startWorkers(out: string, queue: Int32Array, entries: number, lang: Lang): Worker[] {
  const url = new URL('../gallery-worker.js', import.meta.url);
  if (!import.meta.url.endsWith('.js')) return [];
  const count = Math.min(availableParallelism(), MAX_THREADS, entries) - 1;
  const workers: Worker[] = [];
  try {
    for (let i = 0; i < count; i++) workers.push(new Worker(url, { workerData: { out, queue: queue.buffer, lang } }));
  } catch {
    // No threads here (a resource limit): the threads that did start and the main thread draw all.
  }
  return workers;
}

/** Lets the event loop deliver the workers' messages (progress) between two pictures. */
const yieldToWorkers = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Draws every entry on the main thread and the workers; resolves to what was written, in entry order. */
async function drawAll(entries: readonly GalleryEntry[], out: string, tick: (done: number, name: string) => void, lang: Lang): Promise<Written[]> {
  const total = entries.length;
  const written: (Written | undefined)[] = new Array(total);
  let done = 0;
  const record = (n: number, w: Written) => {
    written[n] = w;
    tick(++done, w.name);
  };
  const queue = new Int32Array(new SharedArrayBuffer(4));
  let failure: unknown;
  const fail = (e: unknown) => {
    failure ??= e;
    closeQueue(queue, total);
  };
  const workers = startWorkers(out, queue, total, lang);
  const finished = workers.map((w) => new Promise<void>((resolve) => {
    w.on('message', (m: WorkerMessage) => {
      if (m.type === 'written') record(m.n, m.written);
      else if (m.type === 'error') fail(deserializeError(m.error));
      else resolve();
    });
    // A worker that dies leaves its entry undrawn: the main thread draws it below.
    w.on('error', () => resolve());
    w.on('exit', () => resolve());
  }));
  try {
    for (let n = takeEntry(queue, total); n >= 0; n = takeEntry(queue, total)) {
      record(n, renderEntry(entries[n], out, lang));
      if (workers.length > 0) await yieldToWorkers();
    }
  } catch (e) {
    fail(e);
  }
  await Promise.all(finished);
  if (failure !== undefined) throw failure;
  for (let n = 0; n < total; n++) if (!written[n]) record(n, renderEntry(entries[n], out, lang));
  return written as Written[];
}

export function indexHtml(items: readonly Written[], lang: Lang = 'en'): string {
  const w = (key: string, vars: Record<string, string> = {}) => t(lang, `gallery.${key}`, vars);
  const section = (title: string, source: GalleryEntry['source']) => {
    const figs = items.filter((x) => x.source === source).map((x) => {
      const img = x.files[0];
      return `<figure><a href="${escapeXml(img)}"><img src="${escapeXml(img)}" alt="${escapeXml(x.caption)}" loading="lazy"></a><figcaption><code>${escapeXml(x.name)}</code><br>${escapeXml(x.caption)}${x.frames > 1 ? w('frames', { n: String(x.frames) }) : ''}</figcaption></figure>`;
    });
    return `<h2>${escapeXml(title)}</h2>\n<div class="grid">\n${figs.join('\n')}\n</div>`;
  };
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${w('title')}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#073642;background:#fdf6e3}
.grid{display:flex;flex-wrap:wrap;gap:1.5rem}
figure{margin:0;background:#fff;padding:.5rem;border:1px solid #eee8d5;max-width:100%}
img{max-width:100%;height:auto;display:block}
figcaption{font-size:.85rem;margin-top:.4rem;max-width:36rem}
</style></head><body>
<h1>${w('title')}</h1>
<p>${w('intro')}</p>
${section(w('classic'), 'classic')}
${section(w('tutorial'), 'tutorial')}
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
      .addOption(langOption("the pictures' labels, the captions and index.html"))
      .option('--json', 'print the written files as JSON')
      .addHelpText('after', '\nExample:\n  convkit gallery --out gallery && open gallery/index.html\n  convkit gallery --out gallery-zh --lang zh')
      .action(async (flags: GalleryFlags) => {
        const lang = parseLang(flags.lang);
        const entries = galleryEntries();
        const written = await drawAll(entries, flags.out, progress(io, entries.length, lang), lang);
        writeFileAtomic(join(flags.out, 'index.html'), indexHtml(written, lang));
        const total = written.reduce((s, w) => s + w.bytes, 0);
        emit(io, flags.json === true, { out: flags.out, files: written }, [
          t(lang, 'gallery.wrote', { n: String(written.length), out: flags.out, kib: (total / 1024).toFixed(0) }),
        ]);
      });
  },
});
