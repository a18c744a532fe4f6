/**
 * The name an exported file is saved under. Two pictures that differ get two names: the name said
 * only input, kernel and stride, so a student exporting `p=0` and `p=1`, or the classic and flat
 * styles, of the same layer saved over the first file (review 42). It carries every setting that
 * changes the picture, each written with the key the page's link uses for it (i, k, s, d, p, op,
 * ci, co, g, oc) and left out where it has the page's default, so a plain layer keeps a short name;
 * the picture style is always named.
 *
 * `convkit-transposed-i3x3-k3x3-s2x2-p1x1-op1x1-classic-step1.svg`
 *
 * A 1-D layer (line-layer.ts: a model's Conv1d, a link's r=1) is named as its Formula tab and the
 * figure's captions write it, by its one axis and said to be 1-D: `convkit-1d-i9-k3-s2-p1-flat-step1.svg`,
 * not as the row it is drawn as (`i1x9-k1x3-s1x2-p0x1`).
 */
import type { ConvGeometry } from '../../src/geometry/types.js';
import { isLine } from './line-layer.js';
import type { State } from './state.js';

/** What the file's picture was drawn as: the renderer's two styles, or the page's own SVG. */
export type ExportStyle = 'classic' | 'flat' | 'screen';


/**
 * Padding per axis as the link's `p` gives it (a transposed layer's crop, PyTorch's padding):
 * `1x1`, or `0_1x1_2` (before_after on H, then W) where an axis pads its two ends differently.
 * Null where nothing is padded.
 */
function paddingPart(axes: readonly ConvGeometry['axes'][number][]): string | null {
  const ends = axes.map((a) => (a.transposed ? [a.cropBefore, a.cropAfter] : [a.padBefore, a.padAfter]));
  if (ends.every(([b, e]) => b === 0 && e === 0)) return null;
  return ends.map(([b, e]) => (b === e ? `${b}` : `${b}_${e}`)).join('x');
}

/**
 * The file name without its step, size and extension: `layer` is the layer as set (its real
 * channels), `outputChannel` the output channel the picture draws, `state` the page's settings.
 */
export function exportBase(layer: ConvGeometry, outputChannel: number, state: State, style: ExportStyle): string {
  const line = isLine(state);
  // The axes the name writes: both (H, then W), or a 1-D layer's W alone.
  const axes = line ? [layer.axes[1]] : layer.axes;
  const size = (f: (a: ConvGeometry['axes'][number]) => number) => axes.map(f).join('x');
  const parts = ['convkit'];
  if (line) parts.push('1d');
  if (layer.transposed) parts.push('transposed');
  parts.push(`i${size((a) => a.input)}`, `k${size((a) => a.kernel)}`, `s${size((a) => a.stride)}`);
  if (axes.some((a) => a.dilation !== 1)) parts.push(`d${size((a) => a.dilation)}`);
  const p = paddingPart(axes);
  if (p !== null) parts.push(`p${p}`);
  if (layer.transposed && axes.some((a) => a.outputPadding !== 0)) parts.push(`op${size((a) => a.outputPadding)}`);
  if (layer.paddingMode !== 'zeros') parts.push(layer.paddingMode);
  if (layer.inChannels !== 1) parts.push(`ci${layer.inChannels}`);
  if (layer.outChannels !== 1) parts.push(`co${layer.outChannels}`);
  if (layer.groups !== 1) parts.push(`g${layer.groups}`);
  if (outputChannel !== 0) parts.push(`oc${outputChannel}`);
  if (state.view === 'scatter') parts.push('scatter');
  if (state.numbers) parts.push('numbers');
  parts.push(style);
  // How the picture is shown rather than what it shows: named only where it is not the page's first look.
  if (state.theme === 'dark') parts.push('dark');
  if (state.colorBlind) parts.push('colourblind');
  if (state.lang !== 'en') parts.push(state.lang);
  return parts.join('-');
}
