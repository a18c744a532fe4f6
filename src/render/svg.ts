/**
 * Scene → SVG text (one frame, or every frame animated with SMIL, 1 s per frame, looping). Pure
 * string building: runs in browsers and Node alike.
 */
import { FONT_FAMILY } from './font/family.js';
import { hex } from './palette.js';
import type { Prim, Scene } from './scene.js';
import { frameIndex } from './frame-index.js';

const n = (v: number): string => String(Math.round(v * 100) / 100);

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

type Paint = { fill?: readonly number[]; fillOpacity?: number; stroke?: readonly number[]; strokeWidth?: number; dash?: readonly [number, number] };
type Attrs = [string, string][];

function paint(p: Paint, out: Attrs): Attrs {
  out.push(['fill', p.fill ? hex(p.fill as [number, number, number]) : 'none']);
  if (p.fill && p.fillOpacity !== undefined && p.fillOpacity !== 1) out.push(['fill-opacity', String(p.fillOpacity)]);
  if (p.stroke) {
    out.push(['stroke', hex(p.stroke as [number, number, number])], ['stroke-width', String(p.strokeWidth ?? 1)]);
    if (p.dash) out.push(['stroke-dasharray', `${p.dash[0]} ${p.dash[1]}`]);
  }
  return out;
}

/** Several polygons or lines of one paint drawn as one `<path>`, one subpath each (see `mergeShapes`). */
export interface PathPrim extends Paint {
  type: 'path';
  d: string;
}

/** A primitive as the SVG element that draws it: name, attributes in order, text content. */
export interface SvgElementSpec {
  name: string;
  attrs: Attrs;
  text?: string;
}

/** The one place a primitive's SVG element and attributes are decided (text and DOM writers share it). */
export function svgElementOf(p: Prim | PathPrim): SvgElementSpec {
  switch (p.type) {
    case 'rect':
      return { name: 'rect', attrs: paint(p, [['x', n(p.x)], ['y', n(p.y)], ['width', n(p.w)], ['height', n(p.h)]]) };
    case 'poly':
      return { name: 'polygon', attrs: paint(p, [['points', p.points.map(n).join(' ')]]) };
    case 'path':
      return { name: 'path', attrs: paint(p, [['d', p.d]]) };
    case 'line': {
      const attrs: Attrs = [['x1', n(p.x1)], ['y1', n(p.y1)], ['x2', n(p.x2)], ['y2', n(p.y2)], ['stroke', hex(p.stroke)], ['stroke-width', String(p.strokeWidth)]];
      if (p.opacity !== undefined && p.opacity !== 1) attrs.push(['stroke-opacity', String(p.opacity)]);
      if (p.dash) attrs.push(['stroke-dasharray', `${p.dash[0]} ${p.dash[1]}`]);
      return { name: 'line', attrs };
    }
    case 'text': {
      const attrs: Attrs = [['x', n(p.x)], ['y', n(p.y)], ['font-size', String(p.size)], ['fill', hex(p.color)]];
      if (p.anchor && p.anchor !== 'start') attrs.push(['text-anchor', p.anchor]);
      return { name: 'text', attrs, text: p.text };
    }
  }
}

export function primToSvg(p: Prim | PathPrim): string {
  const e = svgElementOf(p);
  const attrs = e.attrs.map(([k, v]) => ` ${k}="${v}"`).join('');
  return e.text === undefined ? `<${e.name}${attrs}/>` : `<${e.name}${attrs}>${escapeXml(e.text)}</${e.name}>`;
}

/**
 * The primitives with each run of consecutive polygons, and each run of consecutive lines (opaque
 * ones), drawn as one path per paint: one subpath per polygon or line, so dashes restart per cell
 * or edge as they do per `<polygon>` or `<line>`. A viewer that keeps a large base on screen then
 * holds a handful of elements instead of thousands. Shapes of a run that differ in paint keep their
 * order by first appearance, which draws the same picture as long as they do not overlap — true of
 * the renderer's grids, whose cells tile and whose empty cells are inset or, joined, one line per
 * edge; the kernel panel's cell and shade alternate with text, so each pair is its own run. A
 * polygon and a line are never in one run.
 */
export function mergeShapes(prims: readonly Prim[]): (Exclude<Prim, { type: 'poly' }> | PathPrim)[] {
  const out: (Exclude<Prim, { type: 'poly' }> | PathPrim)[] = [];
  let run = new Map<string, PathPrim>();
  let runOf: 'poly' | 'line' | null = null;
  const flush = () => {
    out.push(...run.values());
    run = new Map();
    runOf = null;
  };
  const pathOf = (key: string, paint: Paint): PathPrim => {
    let path = run.get(key);
    if (!path) {
      path = { type: 'path', d: '', fill: paint.fill, fillOpacity: paint.fillOpacity, stroke: paint.stroke, strokeWidth: paint.strokeWidth, dash: paint.dash };
      run.set(key, path);
    }
    return path;
  };
  for (const p of prims) {
    const kind = p.type === 'poly' ? 'poly' : p.type === 'line' && (p.opacity ?? 1) === 1 ? 'line' : null;
    if (kind !== runOf) flush();
    if (p.type === 'poly') {
      runOf = 'poly';
      const path = pathOf(`${p.fill ?? ''}|${p.fillOpacity ?? ''}|${p.stroke ?? ''}|${p.strokeWidth ?? ''}|${p.dash ?? ''}`, p);
      const pts = p.points;
      let d = `M${n(pts[0])} ${n(pts[1])}`;
      for (let i = 2; i < pts.length; i += 2) d += `L${n(pts[i])} ${n(pts[i + 1])}`;
      path.d += `${d}Z`;
    } else if (kind === 'line' && p.type === 'line') {
      runOf = 'line';
      const path = pathOf(`${p.stroke}|${p.strokeWidth}|${p.dash ?? ''}`, { stroke: p.stroke, strokeWidth: p.strokeWidth, dash: p.dash });
      path.d += `M${n(p.x1)} ${n(p.y1)}L${n(p.x2)} ${n(p.y2)}`;
    } else out.push(p);
  }
  flush();
  return out;
}

function open(scene: Scene): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${scene.width}" height="${scene.height}" viewBox="0 0 ${scene.width} ${scene.height}" font-family='${FONT_FAMILY}' role="img">` +
    `<title>${escapeXml(scene.title)}</title><desc>${escapeXml(scene.description)}</desc>` +
    `<rect width="100%" height="100%" fill="${hex(scene.background)}"/>`
  );
}

/**
 * One frame of a scene as a standalone SVG document.
 *
 * @example
 * ```ts
 * import { sceneFrameSvg, sceneOf } from 'convkit';
 * const scene = sceneOf({ input: [4, 4], kernel: 3 });
 * sceneFrameSvg(scene, 3).startsWith('<svg'); //=> true
 * ```
 */
export function sceneFrameSvg(scene: Scene, frame: number): string {
  const prims = [...scene.base, ...scene.frames[frameIndex(scene, frame)]!];
  return open(scene) + prims.map(primToSvg).join('') + '</svg>\n';
}

/**
 * Every frame, shown in turn for `secondsPerFrame` each, looping forever (SMIL, no script).
 *
 * @example
 * ```ts
 * import { sceneAnimatedSvg, sceneOf } from 'convkit';
 * const svg = sceneAnimatedSvg(sceneOf({ input: [4, 4], kernel: 3 }), 0.5); // twice as fast
 * svg.includes('<animate') || svg.includes('<set'); //=> true
 * ```
 */
export function sceneAnimatedSvg(scene: Scene, secondsPerFrame = 1): string {
  const N = scene.frames.length;
  const total = N * secondsPerFrame;
  const parts = [open(scene), scene.base.map(primToSvg).join('')];
  scene.frames.forEach((prims, i) => {
    let anim = '';
    if (N > 1) {
      // Discrete visibility switch: visible only during [i/N, (i+1)/N) of each cycle.
      const values: string[] = [], times: string[] = [];
      if (i > 0) { values.push('hidden'); times.push('0'); }
      values.push('visible'); times.push(i === 0 ? '0' : (i / N).toFixed(6));
      if (i < N - 1) { values.push('hidden'); times.push(((i + 1) / N).toFixed(6)); }
      anim = `<animate attributeName="visibility" values="${values.join(';')}" keyTimes="${times.join(';')}" dur="${total}s" calcMode="discrete" repeatCount="indefinite"/>`;
    }
    parts.push(`<g visibility="${i === 0 ? 'visible' : 'hidden'}">${anim}${prims.map(primToSvg).join('')}</g>`);
  });
  parts.push('</svg>\n');
  return parts.join('');
}
