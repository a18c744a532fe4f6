/**
 * The playground page: state ⇄ controls ⇄ URL, and every view redrawn from the library's data.
 * One-way flow: controls/URL → state → library (geometry, trace, matrix, explain) → pictures.
 */
// Imported from their modules, not src/index.ts: the page bundle then leaves out the model readers
// (protobufjs, yaml), which only the model worker needs.
import { explainGeometry } from '../../src/arithmetic/explain.js';
import { isConvError } from '../../src/geometry/errors.js';
import { CLASSIC_FIGURES, classicSpec } from '../../src/render/gallery.js';
import { drawChannels } from './channels-view.js';
import { tfCode, torchCode } from './code.js';
import { composeSvg, download, gifBlob, pngBlob, rasterise } from './export.js';
import { applyTranslations, presetName, t } from './i18n.js';
import type { MessageKey } from './i18n.js';
import { buildLayer } from './layer.js';
import { ModelPanel } from './model-panel.js';
import { MatrixView, matrixCaption } from './matrix-view.js';
import { mountTutorialViews } from './tutorial-views.js';
import type { TutorialViews } from './tutorial-views.js';
import { paletteOf } from './palette.js';
import type { Palette } from './palette.js';
import { buildScene, channelSlice } from './scene.js';
import type { Scene } from './scene.js';
import { BOUNDS, cloneState, defaultState, parseQuery, shownValue, toQuery } from './state.js';
import type { Figure, Lang, PadMode, State, Theme } from './state.js';
import { Views, fmt } from './views.js';
import { ClassicStage } from './stage-classic.js';
import { pageErrorText } from './error-text.js';
import { Tour, stepState } from './tour/tour.js';
import type { SideTab } from './tour/tour.js';
import { TOUR } from './tour/steps.js';
import type { Highlight, Panel } from './views.js';

const byId = <T extends Element = HTMLElement>(id: string) => document.getElementById(id) as unknown as T;

/*
 * Writes that leave the DOM alone when nothing changes: a text node replaced by an equal one, or an
 * attribute set to its own value, still makes the browser recompute style and layout of that part
 * of the page, and a parameter change rewrites dozens of them.
 */
function setText(el: Node, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

function setAttr(el: Element, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

function setHidden(el: HTMLElement, hidden: boolean): void {
  if (el.hidden !== hidden) el.hidden = hidden;
}

function setValue(el: HTMLInputElement | HTMLSelectElement, value: string): void {
  if (el.value !== value) el.value = value;
}

function setChecked(el: HTMLInputElement, on: boolean): void {
  if (el.checked !== on) el.checked = on;
}
const STORE = { lang: 'convkit.lang', theme: 'convkit.theme', cb: 'convkit.colorBlind' };

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* private mode: preferences just are not remembered */
  }
}

/** Defaults, with the visitor's remembered (or browser) language and theme. */
function preferredBase(): State {
  const s = defaultState();
  const lang = stored(STORE.lang);
  if (lang === 'en' || lang === 'zh') s.lang = lang;
  else if (typeof navigator !== 'undefined' && /^zh\b/i.test(navigator.language)) s.lang = 'zh';
  const theme = stored(STORE.theme);
  if (theme === 'light' || theme === 'dark') s.theme = theme;
  else if (typeof matchMedia !== 'undefined' && matchMedia('(prefers-color-scheme: dark)').matches) s.theme = 'dark';
  s.colorBlind = stored(STORE.cb) === '1';
  return s;
}

// ---- state -----------------------------------------------------------------------------------

let state: State = defaultState();
let scene: Scene | null = null;
let stale = false;
let frame = 0;
let playing = false;
let timer: number | undefined;
let hover: { panel: Panel; cell: number } | null = null;
let urlProblems: { key: string; value: string }[] = [];
let layerError: { control: string; message: string } | null = null;
let fieldErrors = new Map<string, string>();

const views = new Views(byId<SVGSVGElement>('svg-grid'), byId<SVGSVGElement>('svg-kernel'), byId<SVGSVGElement>('svg-output'));
const matrixView = new MatrixView(byId<SVGSVGElement>('svg-matrix'));
const classic = new ClassicStage(byId<SVGSVGElement>('svg-classic'), byId('classic-title'));
/** Whether the animation may start by itself (not when the reader asked for reduced motion). */
const motionOk = () => typeof matchMedia === 'undefined' || !matchMedia('(prefers-reduced-motion: reduce)').matches;

// ---- controls --------------------------------------------------------------------------------

interface NumberField {
  bounds: readonly [number, number];
  get: (s: State) => number;
  set: (s: State, v: number) => void;
}

const fields: Record<string, NumberField> = {
  'input-h': { bounds: BOUNDS.input, get: (s) => s.input[0], set: (s, v) => { s.input[0] = v; } },
  'input-w': { bounds: BOUNDS.input, get: (s) => s.input[1], set: (s, v) => { s.input[1] = v; } },
  'kernel-h': { bounds: BOUNDS.kernel, get: (s) => s.kernel[0], set: (s, v) => { s.kernel[0] = v; } },
  'kernel-w': { bounds: BOUNDS.kernel, get: (s) => s.kernel[1], set: (s, v) => { s.kernel[1] = v; } },
  'stride-h': { bounds: BOUNDS.stride, get: (s) => s.stride[0], set: (s, v) => { s.stride[0] = v; } },
  'stride-w': { bounds: BOUNDS.stride, get: (s) => s.stride[1], set: (s, v) => { s.stride[1] = v; } },
  'dilation-h': { bounds: BOUNDS.dilation, get: (s) => s.dilation[0], set: (s, v) => { s.dilation[0] = v; } },
  'dilation-w': { bounds: BOUNDS.dilation, get: (s) => s.dilation[1], set: (s, v) => { s.dilation[1] = v; } },
  // In 'one number' mode the first box sets every side; 'per axis' sets both sides of its axis.
  'pad-hb': {
    bounds: BOUNDS.pad,
    get: (s) => s.pad[0],
    set: (s, v) => {
      if (s.padMode === 'number') s.pad = [v, v, v, v];
      else if (s.padMode === 'axis') { s.pad[0] = v; s.pad[1] = v; }
      else s.pad[0] = v;
    },
  },
  'pad-ha': { bounds: BOUNDS.pad, get: (s) => s.pad[1], set: (s, v) => { s.pad[1] = v; } },
  'pad-wb': {
    bounds: BOUNDS.pad,
    get: (s) => s.pad[2],
    set: (s, v) => {
      if (s.padMode === 'axis') { s.pad[2] = v; s.pad[3] = v; }
      else s.pad[2] = v;
    },
  },
  'pad-wa': { bounds: BOUNDS.pad, get: (s) => s.pad[3], set: (s, v) => { s.pad[3] = v; } },
  'op-h': { bounds: BOUNDS.outputPadding, get: (s) => s.outputPadding[0], set: (s, v) => { s.outputPadding[0] = v; } },
  'op-w': { bounds: BOUNDS.outputPadding, get: (s) => s.outputPadding[1], set: (s, v) => { s.outputPadding[1] = v; } },
  'target-h': { bounds: BOUNDS.target, get: (s) => s.target[0], set: (s, v) => { s.target[0] = v; } },
  'target-w': { bounds: BOUNDS.target, get: (s) => s.target[1], set: (s, v) => { s.target[1] = v; } },
  'in-ch': { bounds: BOUNDS.channels, get: (s) => s.inChannels, set: (s, v) => { s.inChannels = v; } },
  'out-ch': { bounds: BOUNDS.channels, get: (s) => s.outChannels, set: (s, v) => { s.outChannels = v; } },
  groups: { bounds: BOUNDS.groups, get: (s) => s.groups, set: (s, v) => { s.groups = v; } },
};

function input(id: string): HTMLInputElement {
  return byId<HTMLInputElement>(id);
}

function select(id: string): HTMLSelectElement {
  return byId<HTMLSelectElement>(id);
}

/** State → controls (after a URL load or back/forward). */
function writeControls(): void {
  for (const [id, f] of Object.entries(fields)) setValue(input(id), String(f.get(state)));
  setValue(select('pad-mode'), state.padMode);
  setChecked(input('transposed'), state.transposed);
  setValue(select('op-mode'), state.useTarget ? 'target' : 'padding');
  setChecked(input('numbers'), state.numbers);
  setChecked(input('colorblind'), state.colorBlind);
  setValue(select('theme'), state.theme);
  setValue(select('lang'), state.lang);
  setValue(select('view'), state.view);
  setValue(select('figure'), state.figure);
  setValue(select('matrix-mode'), state.matrix);
  fieldErrors = new Map();
  showControlVisibility();
}

/** Shows only the padding boxes the chosen padding type uses, and the transposed options when on. */
function showControlVisibility(): void {
  const m = state.padMode;
  const show = (id: string, on: boolean) => setHidden(byId(`lab-${id}`), !on);
  show('pad-hb', m === 'number' || m === 'axis' || m === 'asym');
  show('pad-ha', m === 'asym');
  show('pad-wb', m === 'axis' || m === 'asym');
  show('pad-wa', m === 'asym');
  const hbKey: MessageKey = m === 'number' ? 'padAll' : m === 'axis' ? 'padH' : 'padTop';
  const wbKey: MessageKey = m === 'axis' ? 'padW' : 'padLeft';
  const hb = byId('txt-pad-hb');
  setAttr(hb, 'data-i18n', hbKey);
  setText(hb, t(state.lang, hbKey));
  const wb = byId('txt-pad-wb');
  setAttr(wb, 'data-i18n', wbKey);
  setText(wb, t(state.lang, wbKey));
  setHidden(byId('transposed-options'), !state.transposed);
  setHidden(byId('op-fields'), state.useTarget);
  setHidden(byId('target-fields'), !state.useTarget);
}

function errorSlot(control: string): HTMLElement | null {
  for (const p of Array.from(document.querySelectorAll<HTMLElement>('.field-error'))) {
    if ((p.dataset.for ?? '').split(' ').includes(control)) return p;
  }
  return null;
}

/** Puts every message next to its control (field-level first, then the library's refusal). */
function showErrors(): void {
  // Composed first and written once, so a redraw without errors touches none of these nodes.
  const slotText = new Map<HTMLElement, string>();
  const invalid = new Set<HTMLElement>();
  for (const p of Array.from(document.querySelectorAll<HTMLElement>('.field-error'))) slotText.set(p, '');
  const put = (control: string, message: string) => {
    const slot = errorSlot(control);
    const el = document.getElementById(control);
    if (el) {
      invalid.add(el);
      if (slot) {
        if (!slot.id) slot.id = `err-${control}`;
        setAttr(el, 'aria-describedby', slot.id);
      }
    }
    if (slot) {
      const before = slotText.get(slot) ?? '';
      slotText.set(slot, before ? `${before} ${message}` : message);
    }
  };
  for (const [id, msg] of fieldErrors) put(id, msg);
  // In the tour the form is put away: the refusal sits next to the step's own control instead.
  const trySlot = state.tour > 0 ? document.querySelector<HTMLElement>('.field-error[data-for="try-control"]') : null;
  if (trySlot) slotText.set(trySlot, '');
  if (layerError && trySlot) slotText.set(trySlot, layerError.message);
  else if (layerError) put(layerError.control, layerError.message);
  for (const [slot, text] of slotText) setText(slot, text);
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('[aria-invalid="true"]'))) if (!invalid.has(el)) el.removeAttribute('aria-invalid');
  for (const el of invalid) setAttr(el, 'aria-invalid', 'true');
  const banner = byId('error-banner');
  const problem = fieldErrors.size > 0 || layerError !== null;
  setHidden(banner, !problem);
  setText(banner, problem ? t(state.lang, 'errorStale') : '');
  for (const id of ['views', 'classic', 'legend', 'formula', 'svg-matrix', 'code-torch', 'code-tf']) byId(id).classList.toggle('stale', problem || stale);
}

function readNumber(id: string): void {
  const f = fields[id];
  const raw = input(id).value.trim();
  const v = Number(raw);
  if (raw === '' || !Number.isInteger(v) || v < f.bounds[0] || v > f.bounds[1]) {
    fieldErrors.set(id, t(state.lang, 'fieldNumber', { lo: f.bounds[0], hi: f.bounds[1] }));
    showErrors();
    return;
  }
  fieldErrors.delete(id);
  f.set(state, v);
  changed(true);
}

function bindControls(): void {
  for (const id of Object.keys(fields)) input(id).addEventListener('input', () => readNumber(id));
  select('pad-mode').addEventListener('change', () => {
    const m = select('pad-mode').value as PadMode;
    if (m === 'number') state.pad = [state.pad[0], state.pad[0], state.pad[0], state.pad[0]];
    if (m === 'axis') state.pad = [state.pad[0], state.pad[0], state.pad[2], state.pad[2]];
    state.padMode = m;
    writePadBoxes();
    showControlVisibility();
    changed(true);
  });
  input('transposed').addEventListener('change', () => {
    state.transposed = input('transposed').checked;
    showControlVisibility();
    changed(true);
  });
  select('op-mode').addEventListener('change', () => {
    state.useTarget = select('op-mode').value === 'target';
    if (state.useTarget && scene) {
      // Start from the size the layer has now, so switching modes does not jump.
      state.target = [scene.geometry.axes[0].output, scene.geometry.axes[1].output];
      input('target-h').value = String(state.target[0]);
      input('target-w').value = String(state.target[1]);
    }
    showControlVisibility();
    changed(true);
  });
  input('numbers').addEventListener('change', () => { state.numbers = input('numbers').checked; changed(true); });
  input('colorblind').addEventListener('change', () => {
    state.colorBlind = input('colorblind').checked;
    store(STORE.cb, state.colorBlind ? '1' : '0');
    changed(true);
  });
  select('theme').addEventListener('change', () => {
    state.theme = select('theme').value as Theme;
    store(STORE.theme, state.theme);
    changed(true);
  });
  select('lang').addEventListener('change', () => {
    state.lang = select('lang').value as Lang;
    store(STORE.lang, state.lang);
    changed(true);
  });
  select('view').addEventListener('change', () => { state.view = select('view').value === 'scatter' ? 'scatter' : 'direct'; frame = 0; changed(true); });
  select('figure').addEventListener('change', () => { state.figure = select('figure').value === 'classic' ? 'classic' : 'grids'; changed(true); });
  select('channel-out').addEventListener('change', () => { state.channel = Number(select('channel-out').value) || 0; changed(true); });
  select('matrix-mode').addEventListener('change', () => { state.matrix = select('matrix-mode').value === 'ct' ? 'ct' : 'c'; changed(true); });
  byId('controls').addEventListener('submit', (e) => e.preventDefault());
  bindPresets();
}

/** The classic figures of Dumoulin & Visin's guide (the renderer's gallery data) as starting points. */
function bindPresets(): void {
  const sel = select('preset');
  const figures = CLASSIC_FIGURES.filter((f) => f.mode === undefined || f.mode === 'convolution');
  for (const f of figures) {
    const o = document.createElement('option');
    o.value = f.name;
    o.textContent = presetName(f.name, state.lang);
    sel.append(o);
  }
  sel.addEventListener('change', () => {
    const f = figures.find((x) => x.name === sel.value);
    if (!f) return;
    const spec = classicSpec(f);
    const pair = (v: unknown, fallback: number): [number, number] => (typeof v === 'number' ? [v, v] : [fallback, fallback]);
    const d = defaultState();
    const p = typeof spec.padding === 'number' ? spec.padding : 0;
    state = {
      ...state,
      input: pair(spec.input, 5),
      kernel: pair(spec.kernel, 3),
      stride: pair(spec.stride, 1),
      dilation: pair(spec.dilation, 1),
      padMode: 'number',
      pad: [p, p, p, p],
      transposed: spec.transposed === true,
      outputPadding: pair(spec.outputPadding, 0),
      useTarget: false,
      inChannels: d.inChannels,
      outChannels: d.outChannels,
      groups: d.groups,
      channel: 0,
      numbers: f.kind === 'numerical',
      view: 'direct',
    };
    frame = 0;
    writeControls();
    sel.value = '';
    changed(true);
  });
}

function writePadBoxes(): void {
  for (const id of ['pad-hb', 'pad-ha', 'pad-wb', 'pad-wa']) input(id).value = String(fields[id].get(state));
}

// ---- URL -------------------------------------------------------------------------------------

function pushUrl(replace: boolean): void {
  const q = `?${toQuery({ ...state, frame })}`;
  if (q === location.search) return;
  if (replace) history.replaceState(null, '', q);
  else history.pushState(null, '', q);
}

function loadUrl(): void {
  let { state: s, problems } = parseQuery(location.search, preferredBase());
  if (s.tour > TOUR.length) {
    problems.push({ key: 'tour', value: String(s.tour) });
    s.tour = 0;
  }
  // A tour link opens the step's configuration; anything else the link says applies on top of it.
  if (s.tour > 0) s = parseQuery(location.search, stepState(s.tour, s)).state;
  state = s;
  frame = s.frame;
  urlProblems = problems;
  const box = byId('url-problems');
  if (problems.length > 0) {
    box.hidden = false;
    box.textContent = `${t(state.lang, 'urlProblem')} ${problems.map((p) => `${p.key}=“${p.value}”`).join(', ')}`;
  } else {
    box.hidden = true;
    box.textContent = '';
  }
}

/** A user change: remember it in the URL (a new history entry) and redraw. */
function changed(layer: boolean): void {
  if (layer) rebuild();
  pushUrl(false);
}

// ---- drawing ---------------------------------------------------------------------------------

function palette(): Palette {
  return paletteOf(state.theme, state.colorBlind);
}

function maxPanelPx(): number {
  const w = typeof window !== 'undefined' ? window.innerWidth : 1200;
  return Math.max(160, Math.min(420, w - 48));
}

/** The language the page's data-i18n texts are in (null: not translated yet). */
let translated: Lang | null = null;

/** Rebuilds everything from the state: geometry → scene → pictures (or the error state). */
function rebuild(): void {
  setAttr(document.body, 'data-theme', state.theme);
  setAttr(document.documentElement, 'lang', state.lang === 'zh' ? 'zh-CN' : 'en');
  // The static page text changes only with the language (texts set per state are set where they change).
  if (translated !== state.lang) {
    applyTranslations(document, state.lang);
    translated = state.lang;
    for (const o of Array.from(select('preset').options)) if (o.value) o.textContent = presetName(o.value, state.lang);
  }
  tour?.render(state);
  modelPanel?.setLang(state.lang);
  modelPanel?.stateChanged(state);
  showControlVisibility();
  const result = buildLayer(state);
  if (!result.ok) {
    layerError = { control: result.control, message: pageErrorText(result.error, state.lang) };
    if (!scene) {
      // Nothing valid drawn yet (a link with an impossible layer): show the default layer, dimmed.
      const fallback = { ...defaultState(), lang: state.lang, theme: state.theme, colorBlind: state.colorBlind };
      const r = buildLayer(fallback);
      if (r.ok) scene = buildScene(fallback, r.geometry);
    }
    stale = scene !== null;
    showErrors();
    if (scene) drawScene();
    return;
  }
  try {
    scene = buildScene(cloneState(state), result.geometry);
  } catch (e) {
    if (!isConvError(e)) throw e;
    layerError = { control: 'input-h', message: pageErrorText(e, state.lang) };
    stale = scene !== null;
    showErrors();
    return;
  }
  layerError = null;
  stale = false;
  showErrors();
  frame = Math.min(frame, Math.max(0, frameTotal(scene) - 1));
  drawScene();
}

function frameTotal(s: Scene): number {
  return s.scatter ? s.scatter.frames.length : s.direct!.frames.length;
}

/** Whether the stage shows the classic figure now (chosen, and drawable by the renderer). */
let classicShown = false;

/** The stage's figure: the classic slanted planes (the library's renderer) or the grids, fitted to the stage. */
function showFigure(s: Scene): void {
  const want: Figure = state.figure;
  classicShown = want === 'classic' && classic.draw(s, { lang: state.lang, colorBlind: state.colorBlind });
  setHidden(byId('classic'), !classicShown);
  setHidden(byId('views'), classicShown);
  const note = byId('classic-note');
  const refused = want === 'classic' && !classicShown;
  setHidden(note, !refused);
  setText(note, refused ? t(state.lang, 'classicRefused') : '');
  setAttr(byId('figure-box'), 'data-stage', classicShown ? 'classic' : 'grids');
  // The classic figure carries its own legend; pointing at cells is the grids' business.
  setHidden(byId('legend'), classicShown);
  setHidden(byId('hover-text'), classicShown);
  const g = s.geometry;
  setHidden(byId('channels-panel'), g.inChannels === 1 && g.outChannels === 1);
  fitFigure();
}

/**
 * Scales the figure to the space the stage has left: the classic figure keeps its aspect; the
 * grids are laid out in a row, or input-left / kernel-over-output when that gives larger cells.
 */
/**
 * The figure's box, measured once per window size, language, tour step and notice: reading it
 * forces a layout, which a parameter change should not pay twice.
 */
let fitted: { key: string; W: number; H: number } | null = null;

function fitFigure(): void {
  const box = byId('figure-box');
  const phone = typeof matchMedia !== 'undefined' && matchMedia('(max-width: 720px)').matches;
  const notices = ['error-banner', 'model-origin', 'classic-note'].map((id) => (byId(id).hidden ? 0 : 1)).join('');
  const key = `${window.innerWidth}x${window.innerHeight} ${state.lang} ${state.tour} ${notices} ${phone}`;
  if (fitted?.key !== key) fitted = { key, ...measureFigureBox(box, phone) };
  const { W, H } = fitted;
  scaleFigure(W, H);
}

function measureFigureBox(box: HTMLElement, phone: boolean): { W: number; H: number } {
  const W = Math.max(120, box.clientWidth);
  // On a phone the figure leaves room below it for the tour card's prose and control; on a wider
  // screen it takes the stage's height less the player bar, the step sentence and any notice.
  let H: number;
  if (phone) {
    H = Math.round(window.innerHeight * 0.48);
    const tryIt = state.tour > 0 ? document.getElementById('try-control') : null;
    if (tryIt) {
      // In the tour: the figure, its sentence, the prose and the step's control on one screen.
      const card = byId('tour');
      const below = tryIt.getBoundingClientRect().bottom - card.getBoundingClientRect().top + 24;
      const above = ['header.top', '#stage .player']
        .map((sel) => document.querySelector<HTMLElement>(sel))
        .reduce((sum, el) => sum + (el ? el.offsetHeight + 8 : 0), 12);
      H = Math.max(220, Math.min(H, window.innerHeight - above - below));
    }
    box.style.height = '';
  } else {
    const used = ['.player', '#step-text', '#error-banner', '#model-origin', '#classic-note']
      .map((sel) => document.querySelector<HTMLElement>(`#stage ${sel}`))
      .reduce((sum, el) => sum + (el && !el.hidden ? el.offsetHeight + 8 : 0), 0);
    H = Math.max(200, byId('stage').clientHeight - 24 - used);
    box.style.height = `${H}px`;
  }
  return { W, H: Math.max(120, H) };
}

function scaleFigure(W: number, H: number): void {
  if (classicShown) {
    classic.fit(W, H);
    return;
  }
  const panels = [views.grid, views.kernel, views.output];
  const [[gw, gh], [kw, kh], [ow, oh]] = panels.map((v) => [Number(v.svg.getAttribute('width')) || 1, Number(v.svg.getAttribute('height')) || 1]);
  const cap = 24;
  const gap = 20;
  const row = Math.min((W - 2 * gap) / (gw + kw + ow), (H - cap) / Math.max(gh, kh, oh));
  const ell = Math.min((W - gap) / (gw + Math.max(kw, ow)), (H - cap) / gh, (H - 2 * cap - 6) / (kh + oh));
  const useEll = ell > row * 1.05;
  // Cells no larger than ~88 px: a 1×1 output should not fill the screen.
  const f = Math.max(0.3, Math.min(useEll ? ell : row, 88 / Math.max(1, views.grid.cell)));
  byId('views').classList.toggle('ell', useEll);
  panels.forEach((v, i) => {
    const [w, h] = [[gw, gh], [kw, kh], [ow, oh]][i];
    v.svg.style.width = `${Math.floor(w * f)}px`;
    v.svg.style.height = `${Math.floor(h * f)}px`;
  });
}

/** Draws the last valid scene (captions in the current language, colours of the current theme). */
function drawScene(): void {
  const s = scene;
  if (!s) return;
  const p = palette();
  views.drawBase(s, p, maxPanelPx());
  const g = s.geometry;
  const lang = state.lang;
  const [H, W] = g.axes;
  const gridCap = s.scatter
    ? t(lang, 'scatterInput')
    : g.transposed ? t(lang, 'gridLabelTransposed') : H.padBefore + H.padAfter + W.padBefore + W.padAfter > 0 ? t(lang, 'gridLabelPadded') : t(lang, 'gridLabel');
  let capGrid = `${gridCap} ${H.input}×${W.input}${s.scatter ? '' : ` → ${s.trace.grid.shape.join('×')}`}`;
  const capKernel = `${s.trace.kernel.flipped && !s.scatter ? t(lang, 'kernelFlipped') : t(lang, 'kernelLabel')} ${H.kernel}×${W.kernel}${H.dilation > 1 || W.dilation > 1 ? ` (d=${H.dilation}×${W.dilation})` : ''}`;
  let capOutput = `${s.scatter ? t(lang, 'overlapLabel') : t(lang, 'outputLabel')} ${H.output}×${W.output}`;
  if (g.inChannels > 1 || g.outChannels > 1) {
    // Several channels: say which ones the grids show (the channel panel picks the output one).
    const sl = channelSlice(s);
    capGrid += ` · ${t(lang, 'channelN', { c: sl.ic })}`;
    capOutput += ` · ${t(lang, 'channelN', { c: sl.oc })}`;
  }
  setText(byId('cap-grid'), capGrid);
  setText(byId('cap-kernel'), capKernel);
  setText(byId('cap-output'), capOutput);
  setAttr(byId('svg-output'), 'data-size', `${H.output}x${W.output}`);
  const help = t(lang, 'cellsHelp');
  setAttr(views.grid.svg, 'aria-label', `${capGrid}. ${help}`);
  setAttr(views.kernel.svg, 'aria-label', `${capKernel}. ${help}`);
  setAttr(views.output.svg, 'aria-label', `${capOutput}. ${help}`);
  setHidden(byId('view-label'), false);
  showFigure(s);
  drawLegend(p);
  const hidden = byId('numbers-hidden');
  setHidden(hidden, !(state.numbers && views.grid.cell < 14));
  setText(hidden, hidden.hidden ? '' : t(lang, 'numbersHidden'));
  const scrub = input('scrub');
  setAttr(scrub, 'max', String(Math.max(0, frameTotal(s) - 1)));
  paintStep();
  scheduleSide();
}

let sidePending: number | undefined;

/**
 * The side panels (formula, code, matrix, channels) are drawn right after the next paint, so a
 * parameter change shows the main picture within one frame even when C has a million cells.
 */
function scheduleSide(): void {
  if (sidePending !== undefined) return;
  document.body.dataset.pending = '1';
  sidePending = requestAnimationFrame(() => {
    setTimeout(flushSide, 0);
  });
}

function flushSide(): void {
  if (sidePending === undefined) return;
  cancelAnimationFrame(sidePending);
  sidePending = undefined;
  delete document.body.dataset.pending;
  const s = scene;
  if (s) drawSide(s);
}

function drawSide(s: Scene): void {
  const p = palette();
  const g = s.geometry;
  const lang = state.lang;
  const [H, W] = g.axes;
  drawFormula(s);
  setText(byId('code-torch'), torchCode(g, s.state));
  setText(byId('code-tf'), tfCode(g, s.state));
  const mv = s.values ? { layerInput: s.values.x, weight: s.values.w, layerOutput: s.values.y } : null;
  const drawn = matrixView.draw(g, state.matrix === 'ct', p, Math.min(360, maxPanelPx()), mv);
  const mcap = matrixCaption(matrixView, g, lang);
  tutorialViews?.update(s);
  setText(byId('matrix-caption'), drawn ? mcap : `${mcap} — ${t(lang, 'matrixTooLarge')}`);
  setAttr(byId('svg-matrix'), 'aria-label', mcap);
  const chSvg = byId<SVGSVGElement>('svg-channels');
  const sl = channelSlice(s);
  drawChannels(chSvg, s.trace.channels, p, { input: t(lang, 'inChannels'), output: t(lang, 'outChannels') }, g.outChannels > 1 ? sl.oc : null);
  const chSel = select('channel-out');
  if (chSel.options.length !== g.outChannels) {
    chSel.replaceChildren(...Array.from({ length: g.outChannels }, (_, i) => {
      const o = document.createElement('option');
      o.value = String(i);
      o.textContent = String(i);
      return o;
    }));
  }
  setValue(chSel, String(sl.oc));
  setHidden(byId('channel-pick'), g.outChannels < 2);
  const c = s.trace.channels;
  setAttr(chSvg, 'aria-label', c.feeds.map((ins, oc) => t(lang, 'channelFeeds', { o: oc, i: ins.join(lang === 'zh' ? '、' : ', ') })).join(lang === 'zh' ? '；' : '; '));
  markMatrix();
}

/** The matrix row of the output being computed (direct), or the column of the stamping input. */
function markMatrix(): void {
  const s = scene;
  if (!s) return;
  // Rows and columns are channel-major: the shown output channel's block, its group's first input.
  const sl = channelSlice(s);
  const mRow = s.scatter ? null : sl.oc * sl.outCells + frame;
  const mCol = s.scatter ? sl.ic * sl.inCells + frame : null;
  // C is always the direct conv's matrix: the view maps the layer's cell to its row or column.
  if (mRow !== null) matrixView.markStep('output', mRow);
  else matrixView.markStep('input', mCol!);
}

/** What the legend shows now (language, colours, entries), so an unchanged legend is left alone. */
let legendDrawn = '';

function drawLegend(p: Palette): void {
  const items: [string, MessageKey, boolean][] = [
    [p.input, 'legendInput', false],
    [p.padding, 'legendPadding', true],
    [p.inserted, 'legendInserted', true],
    [p.extra, 'legendExtra', true],
    [p.read, 'legendRead', false],
    [p.current, 'legendOutput', false],
  ];
  const ul = byId('legend');
  setAttr(ul, 'aria-label', t(state.lang, 'legend'));
  if (scene?.scatter) {
    items.splice(0, items.length, [p.input, 'legendInput', false], [p.current, 'legendStamp', false], [p.read, 'legendOverlap', false]);
  }
  const shown = items.filter(([, key]) => {
    if (key === 'legendInserted' && !(scene?.geometry.transposed)) return false;
    if (key === 'legendExtra' && !(scene?.geometry.axes.some((a) => a.equivalent.extra > 0))) return false;
    return true;
  });
  // Most parameter changes leave the legend as it is: rebuild it only when its entries change.
  const key = `${state.lang} ${p.line} ${shown.map(([fill, k, dashed]) => `${fill}:${k}:${dashed}`).join(' ')}`;
  if (legendDrawn === key) return;
  legendDrawn = key;
  const frag = document.createDocumentFragment();
  for (const [fill, key, dashed] of shown) {
    const li = document.createElement('li');
    const sw = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    sw.setAttribute('width', '14');
    sw.setAttribute('height', '14');
    sw.setAttribute('aria-hidden', 'true');
    const r = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    for (const [k, v] of Object.entries({ x: '1', y: '1', width: '12', height: '12', fill, stroke: p.line })) r.setAttribute(k, v);
    if (dashed) r.setAttribute('stroke-dasharray', '3 2');
    sw.append(r);
    const span = document.createElement('span');
    span.textContent = t(state.lang, key);
    li.append(sw, span);
    frag.append(li);
  }
  ul.replaceChildren(frag);
}

function drawFormula(s: Scene): void {
  const box = byId('formula');
  const e = explainGeometry(s.geometry, state.lang);
  // Built once, then updated in place: only the texts that differ are rewritten.
  let dl = box.querySelector('dl');
  let ul = box.querySelector<HTMLUListElement>('ul.explain');
  if (!dl || !ul) {
    dl = document.createElement('dl');
    for (const id of ['shape-text', 'params-text', 'macs-text']) {
      const dd = document.createElement('dd');
      dd.id = id;
      dl.append(document.createElement('dt'), dd);
    }
    ul = document.createElement('ul');
    ul.className = 'explain';
    box.replaceChildren(dl, ul);
  }
  const rows: [string, string][] = [
    [t(state.lang, 'shapes'), `[${e.inputShape.join(', ')}] → [${e.outputShape.join(', ')}]`],
    [t(state.lang, 'params'), String(e.params)],
    [t(state.lang, 'macs'), String(e.macs)],
  ];
  const cells = dl.children;
  rows.forEach(([k, v], i) => {
    setText(cells[2 * i], k);
    setText(cells[2 * i + 1], v);
  });
  const items = ul.children;
  while (items.length > e.lines.length) items[items.length - 1].remove();
  e.lines.forEach((line, i) => {
    if (i < items.length) setText(items[i], line);
    else {
      const li = document.createElement('li');
      li.textContent = line;
      ul!.append(li);
    }
  });
}

/** The current step's highlight, the hover highlight, the matrix mark, the step sentence. */
function paintStep(): void {
  const s = scene;
  if (!s) return;
  const total = frameTotal(s);
  frame = Math.max(0, Math.min(frame, total - 1));
  const step = views.stepHighlight(frame);
  let hv: Highlight | null = null;
  let hoverText = '';
  if (hover) {
    const r = views.hoverHighlight(hover.panel, hover.cell);
    hv = r.h;
    hoverText = hoverSentence(hover.panel, hover.cell, r);
  }
  views.paint(step, hv, frame);
  if (classicShown) classic.paint(frame);
  setText(byId('hover-text'), hoverText);
  setValue(input('scrub'), String(frame));
  const stepOf = t(state.lang, 'stepOf', { i: frame + 1, n: total });
  setAttr(input('scrub'), 'aria-valuetext', stepOf);
  setText(byId('step-count'), stepOf);
  setText(byId('step-text'), stepSentence(s));
  if (sidePending === undefined) markMatrix();
  tutorialViews?.step(s, frame);
}

function stepSentence(s: Scene): string {
  const lang = state.lang;
  if (s.scatter) {
    const fr = s.scatter.frames[frame];
    const outs = new Set(fr.taps.filter((tp) => tp.output).map((tp) => tp.output!.join(',')));
    return t(lang, 'stepScatter', { i: fr.input.join(','), n: outs.size });
  }
  const fr = s.direct!.frames[frame];
  const reads = fr.taps.filter((tp) => tp.input !== null);
  const base = t(lang, 'stepOutput', { o: fr.output.join(','), n: fr.taps.length, r: reads.length, z: fr.taps.length - reads.length });
  const v = s.values;
  if (!v) return base;
  const W = s.geometry.axes[1].input;
  const kW = s.geometry.axes[1].kernel;
  const sl = channelSlice(s);
  const terms = reads.slice(0, 12).map((tp) => `${fmt(v.x[sl.x + tp.input![0] * W + tp.input![1]])}·${fmt(v.w[sl.w + tp.weight[0] * kW + tp.weight[1]])}`);
  const more = reads.length > 12 || s.trace.channels.inPerGroup > 1 ? ' + …' : '';
  const sum = terms.length ? terms.join(' + ') + more : '0';
  // Chinese sentences follow each other without a space.
  return `${base}${lang === 'zh' ? '' : ' '}${t(lang, 'stepOutputValue', { o: fr.output.join(','), sum, v: fmt(v.y[sl.y + frame]) })}`;
}

function hoverSentence(panel: Panel, cell: number, r: ReturnType<Views['hoverHighlight']>): string {
  const s = scene!;
  const lang = state.lang;
  const coordOf = (cols: number) => `${Math.floor(cell / cols)},${cell % cols}`;
  switch (r.kind) {
    case 'output':
      return t(lang, 'hoverOutput', { o: coordOf(s.geometry.axes[1].output), n: r.count, cells: r.cells.slice(0, 12).join(' ') + (r.cells.length > 12 ? ' …' : '') });
    case 'overlap':
      return t(lang, 'hoverOverlap', { o: coordOf(s.geometry.axes[1].output), n: r.count });
    case 'input': {
      const inp = s.scatter ? coordOf(s.geometry.axes[1].input) : s.trace.grid.cells[cell].input!.join(',');
      return t(lang, 'hoverInput', { i: inp, n: r.count });
    }
    case 'zero':
      return t(lang, 'hoverZero', { kind: t(lang, `kind${r.zeroKind ?? 'padding'}` as MessageKey) });
    case 'weight': {
      const w = s.scatter ? coordOf(s.geometry.axes[1].kernel) : s.trace.kernel.taps[cell].weight.join(',');
      return t(lang, 'hoverWeight', { k: w, n: r.count });
    }
  }
  void panel;
  return '';
}

// ---- animation -------------------------------------------------------------------------------

function setFrame(f: number, announce = true): void {
  if (!scene) return;
  const total = frameTotal(scene);
  frame = ((f % total) + total) % total;
  byId('step-text').setAttribute('aria-live', announce && !playing ? 'polite' : 'off');
  paintStep();
  if (!playing) pushUrl(true);
}

function setPlaying(on: boolean, remember = true): void {
  const was = playing;
  playing = on;
  window.clearInterval(timer);
  const btn = byId('btn-play');
  byId('play-icon').dataset.state = on ? 'pause' : 'play';
  const key: MessageKey = on ? 'pause' : 'play';
  const txt = byId('play-text');
  txt.dataset.i18n = key;
  txt.textContent = t(state.lang, key);
  btn.setAttribute('aria-pressed', String(on));
  if (on) {
    const speed = Number(select('speed').value) || 1;
    timer = window.setInterval(() => setFrame(frame + 1, false), 1000 / (2 * speed));
  } else {
    byId('step-text').setAttribute('aria-live', 'polite');
    if (was && remember) pushUrl(true);
  }
}

function bindPlayer(): void {
  byId('btn-play').addEventListener('click', () => setPlaying(!playing));
  // Stepping by hand stops the animation (it would move on under the reader's eyes).
  const manual = (f: number) => {
    if (playing) setPlaying(false);
    setFrame(f);
  };
  byId('btn-forward').addEventListener('click', () => manual(frame + 1));
  byId('btn-back').addEventListener('click', () => manual(frame - 1));
  byId('btn-first').addEventListener('click', () => manual(0));
  byId('btn-last').addEventListener('click', () => scene && manual(frameTotal(scene) - 1));
  input('scrub').addEventListener('input', () => manual(Number(input('scrub').value)));
  select('speed').addEventListener('change', () => { if (playing) setPlaying(true); });
  document.addEventListener('keydown', (e) => {
    const tgt = e.target as HTMLElement | null;
    const tag = tgt?.tagName?.toLowerCase() ?? '';
    if (['input', 'select', 'textarea', 'button'].includes(tag) || tgt?.getAttribute('role') === 'application') return;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === ' ') { e.preventDefault(); setPlaying(!playing); }
    else if (e.key === 'ArrowRight') { e.preventDefault(); manual(frame + 1); }
    else if (e.key === 'ArrowLeft') { e.preventDefault(); manual(frame - 1); }
    else if (e.key === 'Home') { e.preventDefault(); manual(0); }
    else if (e.key === 'End' && scene) { e.preventDefault(); manual(frameTotal(scene) - 1); }
  });
  const track = (panel: Panel) => (cell: number | null) => {
    hover = cell === null ? null : { panel, cell };
    // Focusing an output cell (direct view) or an input cell (scatter) also moves the animation there.
    if (hover && scene && ((panel === 'output' && !scene.scatter) || (panel === 'grid' && scene.scatter))) frame = cell!;
    paintStep();
  };
  views.grid.onCell(track('grid'));
  views.kernel.onCell(track('kernel'));
  views.output.onCell(track('output'));
}

// ---- export ----------------------------------------------------------------------------------

function exportPanels() {
  return [
    { svg: views.grid.svg, caption: byId('cap-grid').textContent ?? '' },
    { svg: views.kernel.svg, caption: byId('cap-kernel').textContent ?? '' },
    { svg: views.output.svg, caption: byId('cap-output').textContent ?? '' },
  ];
}

function fileBase(): string {
  const s = scene!.geometry;
  const [H, W] = s.axes;
  return `convkit-${s.transposed ? 'transposed-' : ''}i${H.input}x${W.input}-k${H.kernel}x${W.kernel}-s${H.stride}x${W.stride}`;
}

type ExportKind = 'svg' | 'png' | 'gif';

/**
 * Export through the library's renderer (src/render: the same pictures as `convkit animate`),
 * loaded on first use so it costs nothing at page load. The "as on screen" style, and any
 * configuration the renderer refuses (over 64 cells per axis), use the page's own SVG instead.
 */
async function exportWithRenderer(kind: ExportKind, style: 'classic' | 'flat'): Promise<{ blob: Blob; name: string }> {
  const s = scene!;
  const r = await import('../../src/render/index.js');
  const tr = s.trace;
  const options = { theme: style, lang: state.lang, numeric: state.numbers, palette: state.colorBlind ? 'colorblind' as const : 'default' as const };
  if (kind === 'svg') return { blob: new Blob([r.renderSvg(tr, { ...options, frame })], { type: 'image/svg+xml' }), name: `${fileBase()}-step${frame + 1}.svg` };
  if (kind === 'png') return { blob: new Blob([new Uint8Array(r.renderPng(tr, { ...options, frame }))], { type: 'image/png' }), name: `${fileBase()}-step${frame + 1}.png` };
  return { blob: new Blob([new Uint8Array(r.renderGif(tr, options))], { type: 'image/gif' }), name: `${fileBase()}.gif` };
}

async function exportScreen(kind: ExportKind, status: HTMLElement): Promise<{ blob: Blob; name: string }> {
  const p = palette();
  const title = () => byId('step-text').textContent ?? '';
  if (kind === 'svg') {
    const { svg } = composeSvg(exportPanels(), p.background, p.text, title());
    return { blob: new Blob([svg], { type: 'image/svg+xml' }), name: `${fileBase()}-step${frame + 1}.svg` };
  }
  if (kind === 'png') {
    const { svg, width, height } = composeSvg(exportPanels(), p.background, p.text, title());
    return { blob: await pngBlob(await rasterise(svg, width, height, 2)), name: `${fileBase()}-step${frame + 1}.png` };
  }
  const was = frame;
  const total = Math.min(frameTotal(scene!), 400);
  const savedHover = hover;
  hover = null;
  const first = composeSvg(exportPanels(), p.background, p.text, title());
  async function* frames() {
    for (let f = 0; f < total; f++) {
      frame = f;
      paintStep();
      yield composeSvg(exportPanels(), p.background, p.text, title()).svg;
    }
  }
  try {
    const blob = await gifBlob(frames(), first.width, first.height, 600, (n) => { status.textContent = `${t(state.lang, 'exporting')} ${n}/${total}`; });
    return { blob, name: `${fileBase()}.gif` };
  } finally {
    hover = savedHover;
    frame = was;
    paintStep();
  }
}

function bindExport(): void {
  const status = byId('export-status');
  const run = async (kind: ExportKind) => {
    if (!scene) return;
    const style = select('export-style').value;
    status.textContent = t(state.lang, 'exporting');
    try {
      let out: { blob: Blob; name: string };
      if (style === 'classic' || style === 'flat') {
        try {
          out = await exportWithRenderer(kind, style);
        } catch (e) {
          if (!isConvError(e)) throw e;
          status.textContent = e.message;
          out = await exportScreen(kind, status);
        }
      } else {
        out = await exportScreen(kind, status);
      }
      download(out.blob, out.name);
      status.textContent = t(state.lang, 'exportDone', { name: out.name });
    } catch (e) {
      status.textContent = String((e as Error).message);
    }
  };
  byId('export-svg').addEventListener('click', () => void run('svg'));
  byId('export-png').addEventListener('click', () => void run('png'));
  byId('export-gif').addEventListener('click', () => void run('gif'));
  byId('copy-link').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      status.textContent = t(state.lang, 'copied');
    } catch {
      status.textContent = location.href;
    }
  });
}

// ---- model panel -----------------------------------------------------------------------------

let modelPanel: ModelPanel | null = null;

/** The tutorial views (linked pair, notations, channels, dilation): their own modules, fed from here. */
let tutorialViews: TutorialViews | null = null;

function bindTutorialViews(): void {
  tutorialViews = mountTutorialViews({
    lang: () => state.lang,
    state: () => cloneState(state),
    palette,
    load: (s) => {
      setPlaying(false, false);
      state = s;
      frame = 0;
      writeControls();
      changed(true);
    },
  });
}

function bindModelPanel(): void {
  modelPanel = new ModelPanel({
    lang: () => state.lang,
    state: () => cloneState(state),
    load: (s) => {
      setPlaying(false, false);
      state = s;
      frame = 0;
      writeControls();
      changed(true);
    },
  });
}

// ---- start -----------------------------------------------------------------------------------

// ---- tabs, tour, header ----------------------------------------------------------------------

const TABS: SideTab[] = ['formula', 'matrix', 'code', 'export'];

function openTab(tab: SideTab, focus = false): void {
  for (const x of TABS) {
    const b = byId(`tab-${x}`);
    const on = x === tab;
    setAttr(b, 'aria-selected', String(on));
    setAttr(b, 'tabindex', on ? '0' : '-1');
    setHidden(byId(`panel-${x}`), !on);
    if (on && focus) b.focus();
  }
}

function bindTabs(): void {
  TABS.forEach((x, i) => {
    const b = byId(`tab-${x}`);
    b.addEventListener('click', () => openTab(x));
    b.addEventListener('keydown', (e) => {
      const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (!step) return;
      e.preventDefault();
      e.stopPropagation();
      openTab(TABS[(i + step + TABS.length) % TABS.length], true);
    });
  });
  const toggle = byId('prefs-toggle');
  toggle.addEventListener('click', () => {
    const open = !byId('prefs').classList.contains('open');
    byId('prefs').classList.toggle('open', open);
    setAttr(toggle, 'aria-expanded', String(open));
    measureHeader();
  });
}

/** The header's height, so the layout below it is exactly one screen high. */
function measureHeader(): void {
  const h = document.querySelector<HTMLElement>('header.top')?.offsetHeight ?? 64;
  document.documentElement.style.setProperty('--header-h', `${h}px`);
}

let tour: Tour | null = null;

function bindTour(): void {
  tour = new Tour({
    state: () => state,
    go: (n) => {
      if (n === 0) {
        // Back to the free playground, with the step's configuration as it is now.
        state.tour = 0;
        changed(true);
        return;
      }
      setPlaying(false, false);
      state = stepState(n, state);
      frame = 0;
      writeControls();
      changed(true);
      openTab(TOUR[n - 1].tab ?? 'formula');
      const opens = TOUR[n - 1].opens;
      if (opens) tutorialViews?.open(opens);
      if (motionOk()) setPlaying(true, false);
    },
    patch: (change) => {
      change(state);
      writeControls();
      changed(true);
    },
    openTab: (tab) => openTab(tab),
  });
}

function start(): void {
  measureHeader();
  bindTabs();
  bindTour();
  loadUrl();
  writeControls();
  bindControls();
  bindPlayer();
  bindExport();
  bindModelPanel();
  bindTutorialViews();
  rebuild();
  if (state.tour > 0) {
    openTab(TOUR[state.tour - 1].tab ?? 'formula');
    const opens = TOUR[state.tour - 1].opens;
    if (opens) tutorialViews?.open(opens);
  }
  // A link with bad values is rewritten to what is shown, so the bad text does not travel on.
  pushUrl(true);
  // The animation plays by itself and loops, as the guide's GIFs do — unless the reader asked for
  // reduced motion, or the link points at one step.
  if (motionOk() && frame === 0) setPlaying(true, false);
  window.addEventListener('popstate', () => {
    // Stop without writing the URL: it already holds the entry being restored.
    setPlaying(false, false);
    loadUrl();
    writeControls();
    rebuild();
  });
  let resizeTimer: number | undefined;
  window.addEventListener('resize', () => {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(() => {
      measureHeader();
      if (scene) drawScene();
    }, 150);
  });
  document.body.dataset.ready = '1';
  performance.mark('convkit-ready');
}

/** For the benchmark: one parameter change, applied and fully redrawn (synchronously). */
function benchChange(patch: Partial<State>): void {
  Object.assign(state, patch);
  writeControls();
  rebuild();
}

(window as unknown as { convkitPlayground: unknown }).convkitPlayground = { benchChange, flushSide, state: () => ({ ...state, frame }), urlProblems: () => urlProblems, shownValue };

start();
