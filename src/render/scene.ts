/**
 * The scene: what a picture is made of, in pixel coordinates, before it becomes SVG, GIF or PNG.
 *
 * A scene is a static background (grids, labels) plus one overlay per frame (the window, the
 * current output cell, the lines between them). Keeping the two apart lets the raster encoders
 * draw the background once and each frame's few primitives on top of it, and lets the animated SVG
 * reuse the background — the reason the gallery renders in well under its time budget.
 */

import type { Plane } from './layout/plane.js';

/** An sRGB colour, 0–255 per channel. */
export type Rgb = readonly [number, number, number];

interface Paint {
  fill?: Rgb;
  /** Opacity of the fill, 0–1 (default 1). */
  fillOpacity?: number;
  stroke?: Rgb;
  strokeWidth?: number;
  /** Dash pattern of the stroke: [on, off] in pixels. */
  dash?: readonly [number, number];
}

/** An axis-aligned rectangle (the cells of the flat theme, frames and highlights). */
export interface RectPrim extends Paint {
  type: 'rect';
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A closed polygon (the slanted cells of the classic theme), points as [x0, y0, x1, y1, …]. */
export interface PolyPrim extends Paint {
  type: 'poly';
  points: readonly number[];
}

/** A straight line (grid lines, the arrows from a window to its output cell). */
export interface LinePrim {
  type: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  stroke: Rgb;
  strokeWidth: number;
  opacity?: number;
  dash?: readonly [number, number];
}

/** Text; `y` is the alphabetic baseline, `size` one of FONT_SIZES (the raster fonts). */
export interface TextPrim {
  type: 'text';
  x: number;
  y: number;
  text: string;
  size: number;
  color: Rgb;
  anchor?: 'start' | 'middle' | 'end';
}

/** One drawing primitive of a {@link Scene}: a rectangle, a polygon, a line or text. */
export type Prim = RectPrim | PolyPrim | LinePrim | TextPrim;

/**
 * A picture as data: its size, background, the primitives under every frame and those of each
 * frame. SVG, PNG and GIF are all drawn from it (`sceneFrameSvg`, `sceneToPng`, `sceneToGif`).
 */
export interface Scene {
  width: number;
  height: number;
  background: Rgb;
  /** Drawn under every frame. */
  base: Prim[];
  /** One list per frame, drawn over `base`. */
  frames: Prim[][];
  /** Where the grids are (cell → pixel maps): lets tests and the playground find a cell's pixels. */
  planes?: { grid?: Plane; input?: Plane; output?: Plane };
  /** Accessible description (SVG <title>/<desc>). */
  title: string;
  description: string;
}

/**
 * A scene whose frames are built on demand: the layout (size, base, planes) is computed once and
 * `frame(n)` draws one frame's overlay. The page's classic figure shows one frame at a time, so a
 * layer with a thousand steps should not pay for a thousand overlays at each parameter change;
 * `sceneOf` is this with every frame built.
 */
export interface SceneLayout extends Omit<Scene, 'frames'> {
  /** How many frames the animation has. */
  frameCount: number;
  /** The primitives of frame `n` (0 ≤ n < frameCount), drawn over `base`. */
  frame(n: number): Prim[];
}

/** Every frame of a layout, in order: the scene the encoders draw. */
export function allFrames(layout: SceneLayout): Scene {
  const { frameCount, frame, ...rest } = layout;
  return { ...rest, frames: Array.from({ length: frameCount }, (_, n) => frame(n)) };
}

/** Bounding box of a primitive (stroke included), for the raster encoders' dirty regions. */
export function primBounds(p: Prim): [number, number, number, number] {
  switch (p.type) {
    case 'rect': {
      const s = (p.stroke ? p.strokeWidth ?? 1 : 0) / 2;
      return [p.x - s, p.y - s, p.x + p.w + s, p.y + p.h + s];
    }
    case 'poly': {
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (let i = 0; i < p.points.length; i += 2) {
        x0 = Math.min(x0, p.points[i]); x1 = Math.max(x1, p.points[i]);
        y0 = Math.min(y0, p.points[i + 1]); y1 = Math.max(y1, p.points[i + 1]);
      }
      const s = (p.stroke ? p.strokeWidth ?? 1 : 0) / 2;
      return [x0 - s, y0 - s, x1 + s, y1 + s];
    }
    case 'line': {
      const s = p.strokeWidth / 2 + 1;
      return [Math.min(p.x1, p.x2) - s, Math.min(p.y1, p.y2) - s, Math.max(p.x1, p.x2) + s, Math.max(p.y1, p.y2) + s];
    }
    case 'text': {
      // Generous: text width is only known to the font; the raster path computes exact bounds.
      const w = p.text.length * p.size * 1.1;
      const x0 = p.anchor === 'middle' ? p.x - w / 2 : p.anchor === 'end' ? p.x - w : p.x;
      return [x0, p.y - p.size * 1.2, x0 + w, p.y + p.size * 0.4];
    }
  }
}
