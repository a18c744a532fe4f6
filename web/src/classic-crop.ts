/**
 * The classic figure on a phone: drawn whole, a 390 px screen shrinks its labels to 5–7 px, because
 * the parameter lines and the kernel beside them make the figure wide and tall. There the stage
 * shows the planes alone (title, planes, their labels and step counter), which then fill the width,
 * and the key under them (parameter lines, legend, kernel) becomes a second picture below the tour
 * card. Both are windows onto the library's one drawing; this module only finds where the planes'
 * part ends, from the primitives' own extents.
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

/**
 * The planes' window and the key's window of a laid-out figure, or null when it has no key below
 * its planes (nothing to split). `frames` are primitives of frames (the step counter's widest text
 * is in the last one), so the planes' window holds every frame.
 */
export function classicCrop(sc: SceneLayout, frames: readonly Prim[]): { planes: Box; key: Box } | null {
  const planes = Object.values(sc.planes ?? {}).filter((p): p is Plane => p !== undefined);
  if (planes.length === 0) return null;
  const bottom = Math.max(...planes.map((p) => p.oy + planeHeight(p)));
  // The planes' own labels sit just under them (the input's label, its baseline a line of its own
  // size below, however large the renderer's textScale makes it); the key starts further down.
  let split = bottom + 4;
  for (const p of sc.base) if (p.type === 'text' && p.y > bottom && p.y <= bottom + 8 + p.size * 1.43) split = Math.max(split, p.y + p.size * 0.3 + 2);
  let right = 0;
  let keyX0 = Infinity, keyY0 = Infinity, keyX1 = 0, keyY1 = 0;
  for (const p of [...sc.base, ...frames]) {
    const [x0, y0, x1, y1] = extent(p);
    // The background rectangle covers everything: it belongs to neither part.
    if (p.type === 'rect' && p.w >= sc.width && p.h >= sc.height) continue;
    if (y0 >= split) {
      keyX0 = Math.min(keyX0, x0); keyY0 = Math.min(keyY0, y0); keyX1 = Math.max(keyX1, x1); keyY1 = Math.max(keyY1, y1);
    } else right = Math.max(right, x1);
  }
  if (keyX1 === 0) return null;
  const m = 8;
  return {
    planes: { x: 0, y: 0, w: Math.min(sc.width, Math.ceil(right + m)), h: Math.ceil(split) },
    key: { x: Math.max(0, Math.floor(keyX0 - m)), y: Math.floor(keyY0 - m), w: Math.ceil(Math.min(sc.width, keyX1 + m) - Math.max(0, keyX0 - m)), h: Math.ceil(Math.min(sc.height, keyY1 + m) - (keyY0 - m)) },
  };
}
