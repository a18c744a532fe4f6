/**
 * The playground's whole state, its defaults and bounds, and its URL form.
 *
 * The URL is untrusted input: every key is parsed by a strict pattern and range check, and a value
 * that fails falls back to the default and is reported (as plain text) — never interpreted, never
 * written into markup. Keys are documented in web/README.md.
 */
import { parseKernelSpec } from './image/kernel-spec.js';
import { isLine } from './line-layer.js';

/** The learning study's kernel is 3 × 3 (image/learn.ts): a target of numbers has nine. */
const LEARN_TAPS = 9;

export type PadMode = 'number' | 'axis' | 'asym' | 'same' | 'valid';
export type Lang = 'en' | 'zh';
export type Theme = 'light' | 'dark';
export type View = 'direct' | 'scatter';
export type MatrixMode = 'c' | 'ct';
/**
 * The stage's figures: the three synced grids, the classic slanted planes of the guide's GIFs, or
 * three stacked layers and the input cells one output reads (stack-figure.ts), or every input
 * channel with its kernel slice and their sum (stage-channels.ts).
 * A new figure is named here (the `fig` URL key and the Figure menu accept these) and registered
 * with stage-fit.ts's `registerFigure`.
 */
export const FIGURES = ['grids', 'classic', 'stack', 'channels'] as const;
export type Figure = (typeof FIGURES)[number];
/** Which view of the page: the grids (stage and side panels) or the image mode (the layer on pictures). */
export type PageView = 'grids' | 'image';
/** Image mode: the built-in pictures, the colour and the padding modes it offers. */
export const PICTURES = ['card', 'scene'] as const;
export const COLOURS = ['rgb', 'grey'] as const;
export const PADDING_MODES = ['zeros', 'reflect', 'replicate', 'circular'] as const;
/** The side column's tabs, in their order (side-tabs.ts); the `tab` URL key names one. */
export const SIDE_TABS = ['formula', 'matrix', 'code', 'export'] as const;
export type SideTabName = (typeof SIDE_TABS)[number];

/**
 * The settings: what a link reproduces. The numbers the figure runs on when the linked pair puts its
 * own there are not among them (store.ts `numbers`): they are the pair's editable values, which no
 * link carries, and they last only while the layer and tour step stay those they were chosen on.
 */
export interface State {
  input: [number, number];
  kernel: [number, number];
  stride: [number, number];
  dilation: [number, number];
  padMode: PadMode;
  /** [H before, H after, W before, W after]; mode 'number' uses [0], 'axis' uses [0] and [2]. */
  pad: [number, number, number, number];
  transposed: boolean;
  /** Transposed only: output padding, or (when `useTarget`) the wanted output size. */
  outputPadding: [number, number];
  useTarget: boolean;
  target: [number, number];
  inChannels: number;
  outChannels: number;
  groups: number;
  /**
   * A 1-D layer (a model's, or a link's `r=1`), drawn as its single row: line-layer.ts says while
   * it holds and builds the 1-D geometry the texts write.
   */
  line: boolean;
  /** Output channel whose numbers and matrix rows are shown (clamped to the channel count). */
  channel: number;
  numbers: boolean;
  view: View;
  matrix: MatrixMode;
  frame: number;
  theme: Theme;
  colorBlind: boolean;
  lang: Lang;
  figure: Figure;
  /** Tour step shown (1-based); 0 = the free playground. */
  tour: number;
  /** The page's view (`view=image` opens the image mode). */
  page: PageView;
  /** Image mode: built-in picture, colour and padding mode (the grids do not use them). */
  picture: (typeof PICTURES)[number];
  colour: (typeof COLOURS)[number];
  paddingMode: (typeof PADDING_MODES)[number];
  /** Image mode: the layer's kernel numbers, as image/kernel-spec.ts writes them ('' = its default preset). */
  imageKernel: string;
  /** Image mode: the learning study's target kernel (3 × 3), written the same way ('' = Sobel x). */
  learnTarget: string;
  /**
   * The side tab open, so a shared link opens the tab it was copied with. Left out of a link when
   * it is the page's own choice: Formula, or in the tour the tab the step opens (url-sync.ts).
   */
  tab: SideTabName;
}

/** Inclusive bounds of every numeric control (the page refuses nothing else: the library does). */
export const BOUNDS = {
  input: [1, 32],
  kernel: [1, 9],
  stride: [1, 8],
  dilation: [1, 8],
  pad: [0, 16],
  outputPadding: [0, 7],
  target: [1, 512],
  /**
   * A layer's channels and groups, as the form and a link take them (a real layer's: 64 → 32,
   * 2048 → 512). The Formula and Code tabs give them exactly; the pictures draw a copy with at most
   * `channels` of each (drawn-channels.ts), and so does the tour's channel control.
   */
  layerChannels: [1, 4096],
  layerGroups: [1, 4096],
  /** The channels and groups the pictures draw at most (one box, plane, matrix block per channel). */
  channels: [1, 16],
  groups: [1, 16],
  /** The output channel shown: one of the drawn ones. */
  channel: [0, 15],
  frame: [0, 1 << 20],
  tour: [1, 99],
} as const satisfies Record<string, readonly [number, number]>;

/**
 * The plainest padding type that holds `pad` ([top, bottom, left, right]): one number when all four
 * agree, one per axis when each axis is symmetric, before / after otherwise — so a layer built by
 * the page (the linked pair, the guide's notation) shows a plain padding as a plain padding.
 */
export function plainPadMode(pad: readonly [number, number, number, number]): PadMode {
  if (pad[0] !== pad[1] || pad[2] !== pad[3]) return 'asym';
  return pad[0] === pad[2] ? 'number' : 'axis';
}

export function defaultState(): State {
  return {
    input: [5, 5],
    kernel: [3, 3],
    stride: [2, 2],
    dilation: [1, 1],
    padMode: 'number',
    pad: [1, 1, 1, 1],
    transposed: false,
    outputPadding: [0, 0],
    useTarget: false,
    target: [5, 5],
    inChannels: 1,
    outChannels: 1,
    groups: 1,
    line: false,
    channel: 0,
    numbers: false,
    view: 'direct',
    matrix: 'c',
    frame: 0,
    theme: 'light',
    colorBlind: false,
    lang: 'en',
    figure: 'grids',
    tour: 0,
    page: 'grids',
    picture: 'card',
    colour: 'rgb',
    paddingMode: 'zeros',
    imageKernel: '',
    learnTarget: '',
    tab: 'formula',
  };
}

/**
 * Opens a view of the page. The tour walks through the grids: its card, and the form it puts away,
 * are the grids' side of the page, so opening the pictures leaves it (keeping the step's layer, as
 * its Leave button does) and the image view's own layer form is there to change the layer. A step
 * opened later brings the grids back (tour.ts `stepState`). A link holding both is read the same way.
 */
export function openPage(s: State, page: PageView): void {
  s.page = page;
  if (page === 'image') s.tour = 0;
}

export function cloneState(s: State): State {
  return {
    ...s,
    input: [...s.input],
    kernel: [...s.kernel],
    stride: [...s.stride],
    dilation: [...s.dilation],
    pad: [...s.pad],
    outputPadding: [...s.outputPadding],
    target: [...s.target],
  };
}

/** A URL value the page could not use: shown to the user, as text, with the default it fell back to. */
export interface UrlProblem {
  key: string;
  value: string;
}

const INT = /^\d{1,6}$/;

function intIn(v: string, [lo, hi]: readonly [number, number]): number | null {
  if (!INT.test(v)) return null;
  const n = Number(v);
  return n >= lo && n <= hi ? n : null;
}

/** `5` → [5, 5]; `4x6` → [4, 6] (H×W). */
function pairIn(v: string, bounds: readonly [number, number]): [number, number] | null {
  const parts = v.split('x');
  if (parts.length === 1) {
    const n = intIn(parts[0], bounds);
    return n === null ? null : [n, n];
  }
  if (parts.length !== 2) return null;
  const a = intIn(parts[0], bounds);
  const b = intIn(parts[1], bounds);
  return a === null || b === null ? null : [a, b];
}

/** Padding: `same`, `valid`, `1`, `1x2` (per axis) or `0_1x1_2` (before_after per axis). */
function padIn(v: string): { mode: PadMode; pad: [number, number, number, number] } | null {
  if (v === 'same' || v === 'valid') return { mode: v, pad: [0, 0, 0, 0] };
  const axes = v.split('x');
  if (axes.length === 1 && !v.includes('_')) {
    const n = intIn(v, BOUNDS.pad);
    return n === null ? null : { mode: 'number', pad: [n, n, n, n] };
  }
  if (axes.length !== 2) return null;
  if (!v.includes('_')) {
    const p = pairIn(v, BOUNDS.pad);
    return p === null ? null : { mode: 'axis', pad: [p[0], p[0], p[1], p[1]] };
  }
  const out: number[] = [];
  for (const a of axes) {
    const ba = a.split('_');
    if (ba.length !== 2) return null;
    for (const x of ba) {
      const n = intIn(x, BOUNDS.pad);
      if (n === null) return null;
      out.push(n);
    }
  }
  return { mode: 'asym', pad: out as [number, number, number, number] };
}

function boolIn(v: string): boolean | null {
  return v === '1' ? true : v === '0' ? false : null;
}

function oneOf<T extends string>(v: string, options: readonly T[]): T | null {
  return (options as readonly string[]).includes(v) ? (v as T) : null;
}

/** Value of a key as the user sees it in a message: bounded and printable (it is set as text). */
export function shownValue(v: string): string {
  const clean = Array.from(v).filter((c) => c >= ' ' && c !== '\u007f').join('');
  return clean.length > 40 ? `${clean.slice(0, 37)}…` : clean;
}

export const URL_KEYS = ['i', 'k', 's', 'd', 'p', 't', 'op', 'os', 'ci', 'co', 'g', 'r', 'oc', 'n', 'v', 'm', 'f', 'theme', 'cb', 'lang', 'fig', 'tour', 'tab'] as const;

/** The matrix of the layer drawn: C for a convolution, Cᵀ for a transposed one (links leave it out). */
export function layerMatrix(s: Pick<State, 'transposed'>): MatrixMode {
  return s.transposed ? 'ct' : 'c';
}

/**
 * Reads a query string. Unknown keys are reported; a key that fails its check keeps the default.
 * `base` supplies the defaults (so language and theme preferences can come from localStorage).
 */
export function parseQuery(query: string, base: State = defaultState()): { state: State; problems: UrlProblem[] } {
  const state = cloneState(base);
  const problems: UrlProblem[] = [];
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(query);
  } catch {
    return { state, problems: [{ key: '?', value: shownValue(query) }] };
  }
  const seen = new Set<string>();
  for (const [key, value] of params) {
    if (seen.has(key)) continue;
    seen.add(key);
    let ok = true;
    switch (key) {
      case 'i': { const p = pairIn(value, BOUNDS.input); if (p) state.input = p; else ok = false; break; }
      case 'k': { const p = pairIn(value, BOUNDS.kernel); if (p) state.kernel = p; else ok = false; break; }
      case 's': { const p = pairIn(value, BOUNDS.stride); if (p) state.stride = p; else ok = false; break; }
      case 'd': { const p = pairIn(value, BOUNDS.dilation); if (p) state.dilation = p; else ok = false; break; }
      case 'p': { const p = padIn(value); if (p) { state.padMode = p.mode; state.pad = p.pad; } else ok = false; break; }
      case 't': { const b = boolIn(value); if (b !== null) state.transposed = b; else ok = false; break; }
      case 'op': { const p = pairIn(value, BOUNDS.outputPadding); if (p) state.outputPadding = p; else ok = false; break; }
      case 'os': { const p = pairIn(value, BOUNDS.target); if (p) { state.target = p; state.useTarget = true; } else ok = false; break; }
      case 'ci': { const n = intIn(value, BOUNDS.layerChannels); if (n !== null) state.inChannels = n; else ok = false; break; }
      case 'co': { const n = intIn(value, BOUNDS.layerChannels); if (n !== null) state.outChannels = n; else ok = false; break; }
      case 'g': { const n = intIn(value, BOUNDS.layerGroups); if (n !== null) state.groups = n; else ok = false; break; }
      case 'r': { const v = oneOf(value, ['1', '2'] as const); if (v) state.line = v === '1'; else ok = false; break; }
      case 'oc': { const n = intIn(value, BOUNDS.channel); if (n !== null) state.channel = n; else ok = false; break; }
      case 'n': { const b = boolIn(value); if (b !== null) state.numbers = b; else ok = false; break; }
      case 'v': { const v = oneOf(value, ['direct', 'scatter'] as const); if (v) state.view = v; else ok = false; break; }
      case 'm': { const v = oneOf(value, ['c', 'ct'] as const); if (v) state.matrix = v; else ok = false; break; }
      case 'f': { const n = intIn(value, BOUNDS.frame); if (n !== null) state.frame = n; else ok = false; break; }
      case 'theme': { const v = oneOf(value, ['light', 'dark'] as const); if (v) state.theme = v; else ok = false; break; }
      case 'cb': { const b = boolIn(value); if (b !== null) state.colorBlind = b; else ok = false; break; }
      case 'lang': { const v = oneOf(value, ['en', 'zh'] as const); if (v) state.lang = v; else ok = false; break; }
      case 'fig': { const v = oneOf(value, FIGURES); if (v) state.figure = v; else ok = false; break; }
      case 'view': { const v = oneOf(value, ['grids', 'image'] as const); if (v) state.page = v; else ok = false; break; }
      case 'img': { const v = oneOf(value, PICTURES); if (v) state.picture = v; else ok = false; break; }
      case 'col': { const v = oneOf(value, COLOURS); if (v) state.colour = v; else ok = false; break; }
      case 'pm': { const v = oneOf(value, PADDING_MODES); if (v) state.paddingMode = v; else ok = false; break; }
      // A preset is kept under its own spelling, whatever case the link used.
      case 'ik': { const k = parseKernelSpec(value); if (k) state.imageKernel = 'preset' in k ? k.preset : value; else ok = false; break; }
      case 'lt': { const t = parseKernelSpec(value); if (t && !('weights' in t && t.weights.length !== LEARN_TAPS)) state.learnTarget = 'preset' in t ? t.preset : value; else ok = false; break; }
      case 'tour': { const n = intIn(value, BOUNDS.tour); if (n !== null) state.tour = n; else ok = false; break; }
      case 'tab': { const v = oneOf(value, SIDE_TABS); if (v) state.tab = v; else ok = false; break; }
      default: ok = false;
    }
    if (!ok) problems.push({ key: shownValue(key), value: shownValue(value) });
  }
  openPage(state, state.page);
  // Without `m`, the matrix shown is the layer's own: Cᵀ for a transposed layer (x = Cᵀz).
  if (!seen.has('m')) state.matrix = layerMatrix(state);
  // Kernel numbers are for the link's own kernel size: another count is refused like a bad value.
  const spec = state.imageKernel ? parseKernelSpec(state.imageKernel) : null;
  if (spec && 'weights' in spec && spec.weights.length !== state.kernel[0] * state.kernel[1]) {
    problems.push({ key: 'ik', value: shownValue(state.imageKernel) });
    state.imageKernel = '';
  }
  return { state, problems };
}

function pairOut([a, b]: readonly [number, number]): string {
  return a === b ? String(a) : `${a}x${b}`;
}

function padOut(s: State): string {
  const [hb, ha, wb, wa] = s.pad;
  switch (s.padMode) {
    case 'same':
    case 'valid':
      return s.padMode;
    case 'number':
      return String(hb);
    case 'axis':
      return `${hb}x${wb}`;
    case 'asym':
      return `${hb}_${ha}x${wb}_${wa}`;
  }
}

/**
 * The query string for a state (keys at their defaults are left out, so links stay short).
 * `tab`: the side tab the page opens by itself for this state (url-sync.ts `pageTab`), left out.
 */
export function toQuery(s: State, tab: SideTabName = 'formula'): string {
  const d = defaultState();
  const q = new URLSearchParams();
  if (s.tour > 0) q.set('tour', String(s.tour));
  q.set('i', pairOut(s.input));
  q.set('k', pairOut(s.kernel));
  q.set('s', pairOut(s.stride));
  if (pairOut(s.dilation) !== '1') q.set('d', pairOut(s.dilation));
  q.set('p', padOut(s));
  if (s.transposed) {
    q.set('t', '1');
    if (s.useTarget) q.set('os', pairOut(s.target));
    else if (pairOut(s.outputPadding) !== '0') q.set('op', pairOut(s.outputPadding));
  }
  if (s.inChannels !== d.inChannels) q.set('ci', String(s.inChannels));
  if (s.outChannels !== d.outChannels) q.set('co', String(s.outChannels));
  if (s.groups !== d.groups) q.set('g', String(s.groups));
  if (isLine(s)) q.set('r', '1');
  if (s.channel !== d.channel) q.set('oc', String(s.channel));
  if (s.numbers) q.set('n', '1');
  if (s.view !== d.view) q.set('v', s.view);
  if (s.matrix !== layerMatrix(s)) q.set('m', s.matrix);
  // The grids' animation frame means nothing in the image view (the animation is hidden there).
  if (s.frame !== 0 && s.page !== 'image') q.set('f', String(s.frame));
  if (s.figure !== d.figure || s.tour > 0) q.set('fig', s.figure);
  if (s.page !== d.page) q.set('view', s.page);
  if (s.picture !== d.picture) q.set('img', s.picture);
  if (s.colour !== d.colour) q.set('col', s.colour);
  if (s.paddingMode !== d.paddingMode) q.set('pm', s.paddingMode);
  if (s.imageKernel !== d.imageKernel) q.set('ik', s.imageKernel);
  if (s.learnTarget !== d.learnTarget) q.set('lt', s.learnTarget);
  // The image view has no side tabs.
  if (s.tab !== tab && s.page !== 'image') q.set('tab', s.tab);
  // Preferences are always written: otherwise a remembered preference would override the value a
  // history entry (or a shared link) had.
  q.set('theme', s.theme);
  q.set('cb', s.colorBlind ? '1' : '0');
  q.set('lang', s.lang);
  // Commas are legal in a query; written literally, a kernel's nine numbers read as nine numbers.
  return q.toString().replace(/%2C/g, ',');
}

/** The padding option as the library takes it (PyTorch dialect, per-axis [before, after] pairs). */
export function paddingOption(s: State): 'same' | 'valid' | [[number, number], [number, number]] {
  const [hb, ha, wb, wa] = s.pad;
  switch (s.padMode) {
    case 'same':
    case 'valid':
      return s.padMode;
    case 'number':
      return [[hb, hb], [hb, hb]];
    case 'axis':
      return [[hb, hb], [wb, wb]];
    case 'asym':
      return [[hb, ha], [wb, wa]];
  }
}
