/**
 * Drawing and writing one gallery picture: shared by `convkit gallery` on the main thread and its
 * worker (gallery-worker.ts), so both write the same bytes for an entry.
 */
import { join } from 'node:path';
import { ConvError, isConvError, type ConvErrorCode } from '../geometry/errors.js';
import { convMatrix } from '../matrix/build.js';
import type { Lang } from '../i18n/index.js';
import { label, type LabelKey } from '../render/labels.js';
import { galleryEntries, renderMatrixPng, renderMatrixSvg, sceneOf, sceneToGif, type GalleryEntry } from '../render/index.js';
import { writeFileAtomic } from './write-file.js';

/** What the index page and `--json` say about a written picture. */
export interface Written {
  name: string;
  files: string[];
  caption: string;
  source: GalleryEntry['source'];
  frames: number;
  bytes: number;
  width: number;
  height: number;
}

export { galleryEntries };
export type { GalleryEntry };

/**
 * The caption under a picture: the entry's own (English), or the same facts in Chinese built from
 * its configuration with the glossary's words.
 */
export function captionOf(e: GalleryEntry, lang: Lang): string {
  if (lang === 'en') return e.caption;
  const s = e.spec;
  const w = (key: LabelKey) => label('zh', key);
  if (e.kind === 'matrix') return `${s.input}×${s.input} 输入与 ${s.kernel}×${s.kernel} 卷积核的${w('matrixTitle')}${e.highlightRow !== undefined ? `（突出显示第 ${e.highlightRow} 行）` : ''}`;
  // A pooling window is a window, not a kernel (the glossary's 窗口).
  const parts = [`${w('input')} ${s.input}×${s.input}`, `${s.pool ? w('window') : w('kernel')}大小 ${s.kernel}`];
  if (s.stride !== undefined && s.stride !== 1) parts.push(`${w('stride')} ${s.stride}`);
  if (s.padding !== undefined && s.padding !== 0) parts.push(`${w('padding')} ${s.padding}`);
  if (s.dilation !== undefined && s.dilation !== 1) parts.push(`${w('dilation')} ${s.dilation}`);
  if (s.outputPadding) parts.push(`${w('outputPadding')} ${s.outputPadding}`);
  if (s.pool) parts.unshift(w(s.pool === 'max' ? 'maxPool' : 'avgPool'));
  else if (s.transposed) parts.unshift(w('transposed'));
  const view = e.options.view === 'scatter' ? '（散射视图）' : e.source === 'tutorial' && e.options.numeric ? '（数值）' : '';
  return parts.join('，') + view;
}

export function renderEntry(e: GalleryEntry, dir: string, lang: Lang = 'en'): Written {
  const caption = captionOf(e, lang);
  if (e.kind === 'matrix') {
    const m = convMatrix(e.spec);
    const svg = renderMatrixSvg(m, { highlightRow: e.highlightRow, lang });
    const png = renderMatrixPng(m, { highlightRow: e.highlightRow, lang });
    writeFileAtomic(join(dir, `${e.name}.svg`), svg);
    writeFileAtomic(join(dir, `${e.name}.png`), png);
    return { name: e.name, files: [`${e.name}.svg`, `${e.name}.png`], caption, source: e.source, frames: 1, bytes: Buffer.byteLength(svg) + png.length, width: 0, height: 0 };
  }
  const scene = sceneOf(e.spec, { ...e.options, lang });
  const gif = sceneToGif(scene);
  writeFileAtomic(join(dir, `${e.name}.gif`), gif);
  return { name: e.name, files: [`${e.name}.gif`], caption, source: e.source, frames: scene.frames.length, bytes: gif.length, width: scene.width, height: scene.height };
}

/**
 * The gallery's shared queue: slot 0 is the next entry to draw. Each thread takes entries with
 * Atomics.add until they run out, so a thread that starts late (a worker loads its modules first)
 * or runs slow simply draws fewer.
 */
export function takeEntry(queue: Int32Array, total: number): number {
  const n = Atomics.add(queue, 0, 1);
  return n < total ? n : -1;
}

/** Ends the queue early (an error): no thread takes another entry. */
export function closeQueue(queue: Int32Array, total: number): void {
  Atomics.store(queue, 0, total);
}

/** Messages a worker posts to the main thread. */
export type WorkerMessage =
  | { type: 'written'; n: number; written: Written }
  | { type: 'error'; error: SerializedError }
  | { type: 'done' };

/** An error as it crosses threads: a ConvError keeps its code, axis, values and hint. */
export interface SerializedError {
  message: string;
  conv?: { code: ConvErrorCode; axis?: string; values: Record<string, unknown>; hint?: string };
}

export function serializeError(e: unknown): SerializedError {
  if (isConvError(e)) return { message: e.message, conv: { code: e.code, axis: e.axis, values: e.values, hint: e.hint } };
  return { message: e instanceof Error ? e.message : String(e) };
}

/** The error again on this side: the same message, and a ConvError where it was one. */
export function deserializeError(s: SerializedError): Error {
  if (!s.conv) return new Error(s.message);
  const { code, axis, values, hint } = s.conv;
  // The constructor appends the hint to the message again.
  const suffix = hint ? `; ${hint}` : '';
  const message = suffix && s.message.endsWith(suffix) ? s.message.slice(0, -suffix.length) : s.message;
  return new ConvError(code, message, { axis, values, hint });
}
