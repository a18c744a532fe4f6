/**
 * Scene → SVG text (one frame, or every frame animated with SMIL, 1 s per frame, looping). Pure
 * string building: runs in browsers and Node alike.
 */
import { FONT_FAMILY } from './font/family.js';
import { hex } from './palette.js';
import type { Prim, Scene } from './scene.js';

const n = (v: number): string => String(Math.round(v * 100) / 100);

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function paint(p: { fill?: readonly number[]; fillOpacity?: number; stroke?: readonly number[]; strokeWidth?: number; dash?: readonly [number, number] }): string {
  let s = ` fill="${p.fill ? hex(p.fill as [number, number, number]) : 'none'}"`;
  if (p.fill && p.fillOpacity !== undefined && p.fillOpacity !== 1) s += ` fill-opacity="${p.fillOpacity}"`;
  if (p.stroke) {
    s += ` stroke="${hex(p.stroke as [number, number, number])}" stroke-width="${p.strokeWidth ?? 1}"`;
    if (p.dash) s += ` stroke-dasharray="${p.dash[0]} ${p.dash[1]}"`;
  }
  return s;
}

export function primToSvg(p: Prim): string {
  switch (p.type) {
    case 'rect':
      return `<rect x="${n(p.x)}" y="${n(p.y)}" width="${n(p.w)}" height="${n(p.h)}"${paint(p)}/>`;
    case 'poly':
      return `<polygon points="${p.points.map(n).join(' ')}"${paint(p)}/>`;
    case 'line': {
      let s = `<line x1="${n(p.x1)}" y1="${n(p.y1)}" x2="${n(p.x2)}" y2="${n(p.y2)}" stroke="${hex(p.stroke)}" stroke-width="${p.strokeWidth}"`;
      if (p.opacity !== undefined && p.opacity !== 1) s += ` stroke-opacity="${p.opacity}"`;
      if (p.dash) s += ` stroke-dasharray="${p.dash[0]} ${p.dash[1]}"`;
      return s + '/>';
    }
    case 'text': {
      const anchor = p.anchor && p.anchor !== 'start' ? ` text-anchor="${p.anchor}"` : '';
      return `<text x="${n(p.x)}" y="${n(p.y)}" font-size="${p.size}" fill="${hex(p.color)}"${anchor}>${escapeXml(p.text)}</text>`;
    }
  }
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
  const prims = [...scene.base, ...(scene.frames[frame] ?? [])];
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
