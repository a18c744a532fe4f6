/**
 * A trace as plain text lines (the CLI's default output): a summary, the grid as a character map
 * (one slice per line block), and one line per frame.
 */
import { counted } from '../geometry/errors.js';
import type { Lang } from '../i18n/index.js';
import { reportText } from '../i18n/reports.js';
import type { CellKind } from '../geometry/taps.js';
import { count } from './raster.js';
import type { Trace } from './types.js';

/** One character per cell kind in the grid map. */
export const CELL_GLYPHS: Readonly<Record<CellKind, string>> = { input: '■', padding: '·', inserted: '○', extra: 'a' };

const coord = (c: readonly number[]) => `(${c.join(',')})`;

/** Grid map: the last axis across, the one before down; a 3-D grid as one block per D slice. */
function gridMap(t: Trace): string[] {
  const shape = t.grid.shape;
  const cols = shape[shape.length - 1];
  const lines: string[] = [];
  const rowsPerBlock = shape.length >= 2 ? shape[shape.length - 2] : 1;
  const blocks = count(shape) / (cols * rowsPerBlock);
  for (let b = 0; b < blocks; b++) {
    if (blocks > 1) lines.push(`  ${t.axes[0].name} = ${b}:`);
    for (let r = 0; r < rowsPerBlock; r++) {
      const start = (b * rowsPerBlock + r) * cols;
      lines.push('  ' + t.grid.cells.slice(start, start + cols).map((c) => CELL_GLYPHS[c.kind]).join(' '));
    }
  }
  return lines;
}

/** The trace as text lines; `lang` 'zh' gives the headings and labels in Chinese (the glossary's words). */
export function traceText(t: Trace, maxFrames = 30, lang: Lang = 'en'): string[] {
  const x = (s: readonly number[]) => s.join('×');
  const w = (key: string, vars: Record<string, string> = {}) => reportText(lang, `trace.${key}`, vars);
  const pool = t.op === 'maxPool' || t.op === 'avgPool';
  const lines = [
    // A pooling window multiplies nothing: it has a window, reads and padding, not a kernel, taps and zeros.
    w(pool ? 'head.pool' : 'head', { op: w(`op.${t.op}`), view: w(`view.${t.view}`), input: x(t.inputShape), output: x(t.outputShape), kernel: x(t.kernel.shape) }) +
      (t.kernel.dilation.some((d) => d > 1) ? w('dilated', { dilation: x(t.kernel.dilation), extent: x(t.kernel.effective) }) : '') +
      // Only the direct view draws the flipped kernel: the scatter view stamps it as it is.
      (t.kernel.flipped && t.view === 'direct' ? w('flipped') : ''),
    w('grid', { shape: x(t.grid.shape), what: w(t.transposed ? 'grid.transposed' : 'grid.direct') }),
    ...gridMap(t),
    w('channels', { in: String(t.channels.inChannels), out: String(t.channels.outChannels), groups: counted(t.channels.groups, 'group'), g: String(t.channels.groups) }),
    w(pool ? 'frames.pool' : 'frames', { frames: counted(t.frames.length, 'frame'), taps: counted(t.tapCount, 'tap'), reads: counted(t.tapCount, 'window cell'), f: String(t.frames.length), t: String(t.tapCount) }),
  ];
  const shown = t.frames.slice(0, maxFrames);
  if (pool && t.view === 'direct') {
    for (const [n, f] of (shown as typeof t.frames).entries()) {
      const cells = f.taps.filter((tp) => tp.input !== null).map((tp) => coord(tp.input!));
      const padded = f.taps.length - cells.length;
      const reads = lang === 'zh' ? `{${cells.join(', ')}}` : cells.join(', ');
      lines.push(w('readPool', { n: String(n + 1), cell: coord(f.output), fn: w(t.op === 'maxPool' ? 'pool.max' : 'pool.avg'), reads, padding: padded ? w('inPadding', { cells: counted(padded, 'cell'), t: String(padded) }) : '' }));
    }
  } else if (t.view === 'direct') {
    for (const [n, f] of (shown as typeof t.frames).entries()) {
      const reads = f.taps.filter((tp) => tp.input !== null).map((tp) => `${coord(tp.input!)}·w${coord(tp.weight)}`);
      const zeros = f.taps.length - reads.length;
      lines.push(w('read', { n: String(n + 1), cell: coord(f.output), reads: reads.join(' + ') || '0', zeros: zeros ? w('onZeros', { taps: counted(zeros, 'tap'), t: String(zeros) }) : '' }));
    }
  } else {
    for (const [n, f] of (shown as typeof t.frames).entries()) {
      const writes = f.taps.filter((tp) => tp.output !== null).map((tp) => `${coord(tp.output!)}+=w${coord(tp.kernel)}`);
      const cropped = f.taps.length - writes.length;
      lines.push(w('write', { n: String(n + 1), cell: coord(f.input), writes: writes.join(' ') || w('nothing'), cropped: cropped ? w('cropped', { n: String(cropped) }) : '' }));
    }
    lines.push(w('overlap', { counts: t.overlap.join(' ') }));
  }
  if (t.frames.length > shown.length) lines.push(w('more', { n: String(t.frames.length - shown.length) }));
  return lines;
}
