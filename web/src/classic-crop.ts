/**
 * The classic figure on a phone: drawn whole, a 390 px screen shrinks its labels to 5–7 px, because
 * the parameter lines and the kernel beside them make the figure wide and tall. There the stage
 * shows the planes alone (title, planes, their labels and step counter), which then fill the width,
 * and the key under them (parameter lines, legend, kernel) goes below the tour card. Even alone the
 * key is too wide for 11 px text (a transposed layer's parameter line is ~530 units long), so its
 * parts are shown apart: the parameter lines as the page's own text, which wraps between the
 * parameters, and the legend and the kernel each as a window onto the library's one drawing at a
 * scale of its own. This module only finds the parts, from the primitives' own extents.
 */
import { textWidth } from '../../src/render/raster/font.js';
import type { Prim, SceneLayout } from '../../src/render/scene.js';
import { planeHeight } from '../../src/render/layout/plane.js';
import type { Plane } from '../../src/render/layout/plane.js';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A primitive's horizontal and vertical extent (text: from its baseline and the font's advance). */
function extent(p: Prim): [number, number, number, number] {
  switch (p.type) {
    case 'rect':
      return [p.x, p.y, p.x + p.w, p.y + p.h];
    case 'line':
      return [Math.min(p.x1, p.x2), Math.min(p.y1, p.y2), Math.max(p.x1, p.x2), Math.max(p.y1, p.y2)];
    case 'poly': {
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (let i = 0; i < p.points.length; i += 2) {
        x0 = Math.min(x0, p.points[i]); x1 = Math.max(x1, p.points[i]);
        y0 = Math.min(y0, p.points[i + 1]); y1 = Math.max(y1, p.points[i + 1]);
      }
      return [x0, y0, x1, y1];
    }
    case 'text': {
      const w = textWidth(p.text, p.size);
      const x0 = p.anchor === 'middle' ? p.x - w / 2 : p.anchor === 'end' ? p.x - w : p.x;
      return [x0, p.y - p.size, x0 + w, p.y + p.size * 0.3];
    }
  }
}

/** A window onto part of the drawing, with the smallest text in it (drawing units; 0: no text). */
export interface Part extends Box {
  minText: number;
}

/**
 * The key's parts: its parameter lines (text, and their window, which a wide screen shows beside
 * the planes), and the windows of the legend and the kernel.
 */
export interface KeyParts {
  lines: string[];
  linesBox: Part | null;
  legend: Part | null;
  kernel: Part | null;
}

const M = 8;

/** The window around some primitives, with a margin of M. */
function windowOf(prims: readonly Prim[], sc: SceneLayout): Part | null {
  if (prims.length === 0) return null;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, minText = 0;
  for (const p of prims) {
    const e = extent(p);
    x0 = Math.min(x0, e[0]); y0 = Math.min(y0, e[1]); x1 = Math.max(x1, e[2]); y1 = Math.max(y1, e[3]);
    if (p.type === 'text') minText = minText === 0 ? p.size : Math.min(minText, p.size);
  }
  const x = Math.max(0, Math.floor(x0 - M));
  const y = Math.floor(y0 - M);
  return { x, y, w: Math.ceil(Math.min(sc.width, x1 + M) - x), h: Math.ceil(Math.min(sc.height, y1 + M) - y), minText };
}

/**
 * The key's primitives split: the kernel panel stands to the right of the text block, apart from
 * it by a clear gap (the renderer leaves 28 units); in the text block a row with a swatch beside
 * its text is the legend, a row of text alone a parameter line.
 */
function keyParts(sc: SceneLayout, prims: readonly Prim[]): KeyParts {
  const spans = prims.map((p) => extent(p)).sort((a, b) => a[0] - b[0]);
  let cut = Infinity;
  let right = -Infinity;
  for (const e of spans) {
    if (right > -Infinity && e[0] > right + 12) { cut = e[0]; break; }
    right = Math.max(right, e[2]);
  }
  const kernel = prims.filter((p) => extent(p)[0] >= cut);
  const left = prims.filter((p) => extent(p)[0] < cut);
  const swatchRows = left.filter((p) => p.type !== 'text').map((p) => extent(p));
  const onSwatchRow = (p: Prim) => swatchRows.some((r) => p.type === 'text' && p.y >= r[1] && p.y - p.size <= r[3]);
  const legend = left.filter((p) => p.type !== 'text' || onSwatchRow(p));
  const lineTexts = left.filter((p): p is Extract<Prim, { type: 'text' }> => p.type === 'text' && !onSwatchRow(p)).sort((a, b) => a.y - b.y);
  return { lines: lineTexts.map((p) => p.text), linesBox: windowOf(lineTexts, sc), legend: windowOf(legend, sc), kernel: windowOf(kernel, sc) };
}

/**
 * The planes' window (and `body`, the same without the figure's title above them and the step
 * counter beside them) and the key's window of a laid-out figure (and the key's parts), or null
 * when it has no key below its planes (nothing to split). `frames` are primitives of frames (the
 * step counter's widest text is in the last one), so the planes' window holds every frame.
 */
export function classicCrop(sc: SceneLayout, frames: readonly Prim[]): { planes: Box; body: Box & { planeTop: number }; key: Box; parts: KeyParts } | null {
  const planes = Object.values(sc.planes ?? {}).filter((p): p is Plane => p !== undefined);
  if (planes.length === 0) return null;
  const bottom = Math.max(...planes.map((p) => p.oy + planeHeight(p)));
  // The planes' own labels sit just under them (the input's label, centred, its baseline a line of
  // its own size below, however large the renderer's textScale makes it); the key starts further
  // down. The flat look (numbers on) has its labels above the planes: the first line under them,
  // a parameter line (not centred), is the key's.
  let split = bottom + 4;
  for (const p of sc.base) if (p.type === 'text' && p.anchor === 'middle' && p.y > bottom && p.y <= bottom + 8 + p.size * 1.43) split = Math.max(split, p.y + p.size * 0.3 + 2);
  // The figure's title ("transposed convolution", "drawn as a stride-1 convolution over the
  // zero-inserted input"), lines at the left above the top plane's centred label: the body leaves
  // it out (the phone tour's card says what is drawn, and the planes take its height).
  const top = Math.min(...planes.map((p) => p.oy));
  let labelTop = Infinity;
  for (const p of [...sc.base, ...frames]) if (p.type === 'text' && p.anchor === 'middle' && p.y <= top) labelTop = Math.min(labelTop, p.y - p.size);
  const above = [...sc.base, ...frames].filter((p): p is Extract<Prim, { type: 'text' }> => p.type === 'text' && p.y <= top && p.y - p.size < labelTop);
  const titled = labelTop < Infinity && above.length > 0 && above.every((p) => p.anchor === 'start' && p.y <= labelTop);
  const bodyTop = titled ? Math.max(0, Math.floor(labelTop - M)) : 0;
  // The frames' text above the top plane is the step counter ("step 3/36", right of the output's
  // label): the body leaves it out too (the phone's player bar counts the steps), as it widened
  // the planes' window by a tenth.
  const counter = (p: Prim) => p.type === 'text' && p.y <= top && frames.includes(p);
  let right = 0, bodyRight = 0;
  const key: Prim[] = [];
  for (const p of [...sc.base, ...frames]) {
    const [, y0, x1] = extent(p);
    // The background rectangle covers everything: it belongs to neither part.
    if (p.type === 'rect' && p.w >= sc.width && p.h >= sc.height) continue;
    if (y0 >= split) key.push(p);
    else {
      right = Math.max(right, x1);
      if ((!titled || !above.includes(p as Extract<Prim, { type: 'text' }>)) && !counter(p)) bodyRight = Math.max(bodyRight, x1);
    }
  }
  const keyBox = windowOf(key, sc);
  if (!keyBox) return null;
  return {
    planes: { x: 0, y: 0, w: Math.min(sc.width, Math.ceil(right + M)), h: Math.ceil(split) },
    body: { x: 0, y: bodyTop, w: Math.min(sc.width, Math.ceil(bodyRight + M)), h: Math.ceil(split) - bodyTop, planeTop: top },
    key: keyBox,
    parts: keyParts(sc, key),
  };
}
