/**
 * A drawn grid ("plane"): maps cell coordinates to pixels. The classic theme's fake-3D plane is a
 * sheared grid (each row further back is shifted right and foreshortened); the flat theme is the
 * same map with no shear. Corner (r, c) is the top-left corner of cell (r, c); r and c may be
 * fractional or equal to rows/cols (the far edges).
 */
export interface Plane {
  rows: number;
  cols: number;
  /** Pixel position of corner (0, 0) before shear. */
  ox: number;
  oy: number;
  /** Cell width, row height (foreshortened in the classic theme), shear per row. */
  cw: number;
  ch: number;
  skew: number;
}

export function point(p: Plane, r: number, c: number): [number, number] {
  return [p.ox + c * p.cw + (p.rows - r) * p.skew, p.oy + r * p.ch];
}

/** Polygon of the cell block [r0, r1) × [c0, c1), as flat [x, y, …] in drawing order. */
export function block(p: Plane, r0: number, c0: number, r1 = r0 + 1, c1 = c0 + 1, inset = 0): number[] {
  const a = point(p, r0 + inset, c0 + inset), b = point(p, r0 + inset, c1 - inset);
  const c = point(p, r1 - inset, c1 - inset), d = point(p, r1 - inset, c0 + inset);
  return [a[0], a[1], b[0], b[1], c[0], c[1], d[0], d[1]];
}

export function centre(p: Plane, r: number, c: number): [number, number] {
  return point(p, r + 0.5, c + 0.5);
}

export function planeWidth(p: Pick<Plane, 'rows' | 'cols' | 'cw' | 'skew'>): number {
  return p.cols * p.cw + p.rows * p.skew;
}

export function planeHeight(p: Pick<Plane, 'rows' | 'ch'>): number {
  return p.rows * p.ch;
}
