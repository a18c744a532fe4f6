/**
 * A trace as plain text lines (the CLI's default output): a summary, the grid as a character map
 * (one slice per line block), and one line per frame.
 */
import { counted } from '../geometry/errors.js';
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

export function traceText(t: Trace, maxFrames = 30): string[] {
  const x = (s: readonly number[]) => s.join('×');
  const lines = [
    `${t.op} (${t.view} view): input ${x(t.inputShape)} → output ${x(t.outputShape)}, kernel ${x(t.kernel.shape)}` +
      (t.kernel.dilation.some((d) => d > 1) ? ` dilated ${x(t.kernel.dilation)} (extent ${x(t.kernel.effective)})` : '') +
      // Only the direct view draws the flipped kernel: the scatter view stamps it as it is.
      (t.kernel.flipped && t.view === 'direct' ? ', kernel shown flipped (rotated 180°)' : ''),
    `grid ${x(t.grid.shape)} (${t.transposed ? 'zero-inserted, padded input of the equivalent direct convolution' : 'padded input'}); ` +
      `■ input  · padding  ○ inserted zero  a output-padding cell`,
    ...gridMap(t),
    `channels: ${t.channels.inChannels} in → ${t.channels.outChannels} out in ${counted(t.channels.groups, 'group')}`,
    `${counted(t.frames.length, 'frame')}, ${counted(t.tapCount, 'tap')}:`,
  ];
  const shown = t.frames.slice(0, maxFrames);
  if (t.view === 'direct') {
    for (const [n, f] of (shown as typeof t.frames).entries()) {
      const reads = f.taps.filter((tp) => tp.input !== null).map((tp) => `${coord(tp.input!)}·w${coord(tp.weight)}`);
      const zeros = f.taps.length - reads.length;
      lines.push(`  ${n + 1}. output ${coord(f.output)} ← ${reads.join(' + ') || '0'}${zeros ? `  (${counted(zeros, 'tap')} on zeros)` : ''}`);
    }
  } else {
    for (const [n, f] of (shown as typeof t.frames).entries()) {
      const writes = f.taps.filter((tp) => tp.output !== null).map((tp) => `${coord(tp.output!)}+=w${coord(tp.kernel)}`);
      const cropped = f.taps.length - writes.length;
      lines.push(`  ${n + 1}. input ${coord(f.input)} → ${writes.join(' ') || 'nothing'}${cropped ? `  (${cropped} cropped)` : ''}`);
    }
    lines.push(`overlap per output cell (writes): ${t.overlap.join(' ')}`);
  }
  if (t.frames.length > shown.length) lines.push(`  … ${t.frames.length - shown.length} more frames (all of them with --json)`);
  return lines;
}
