/**
 * The settings form bound to the store: each control writes its setting and commits; `writeControls`
 * puts the settings back into the form (after a link, back/forward, a preset, a tour step).
 */
import { CLASSIC_FIGURES, classicSpec } from '../../src/render/gallery.js';
import { byId, input, select, setAttr, setChecked, setHidden, setText, setValue } from './dom-write.js';
import { presetName, t } from './i18n.js';
import type { MessageKey } from './i18n.js';
import { PREF, remember } from './prefs.js';
import { fieldNumberText } from './range-text.js';
import { BOUNDS, FIGURES, defaultState, layerMatrix } from './state.js';
import type { Lang, PadMode, State, Theme } from './state.js';
import { store } from './store.js';
import type { StageScene } from './stage-scene.js';
import { applyWhenWritten } from './typing-pause.js';

interface NumberField {
  bounds: readonly [number, number];
  get: (s: State) => number;
  set: (s: State, v: number) => void;
  /**
   * The value the figure was drawn with, where its settings do not hold it: the output size and
   * output padding the library resolved (a layer sized the other way). Default: `get` of its settings.
   */
  drawn?: (scene: StageScene) => number;
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
  'op-h': { bounds: BOUNDS.outputPadding, get: (s) => s.outputPadding[0], set: (s, v) => { s.outputPadding[0] = v; }, drawn: (sc) => sc.geometry.axes[0].outputPadding },
  'op-w': { bounds: BOUNDS.outputPadding, get: (s) => s.outputPadding[1], set: (s, v) => { s.outputPadding[1] = v; }, drawn: (sc) => sc.geometry.axes[1].outputPadding },
  'target-h': { bounds: BOUNDS.target, get: (s) => s.target[0], set: (s, v) => { s.target[0] = v; }, drawn: (sc) => sc.geometry.axes[0].output },
  'target-w': { bounds: BOUNDS.target, get: (s) => s.target[1], set: (s, v) => { s.target[1] = v; }, drawn: (sc) => sc.geometry.axes[1].output },
  'in-ch': { bounds: BOUNDS.layerChannels, get: (s) => s.inChannels, set: (s, v) => { s.inChannels = v; } },
  'out-ch': { bounds: BOUNDS.layerChannels, get: (s) => s.outChannels, set: (s, v) => { s.outChannels = v; } },
  groups: { bounds: BOUNDS.layerGroups, get: (s) => s.groups, set: (s, v) => { s.groups = v; } },
};

/** Settings → controls (after a URL load, back/forward, a preset or a tour step). */
export function writeControls(): void {
  const state = store.state;
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
  store.fieldErrors = new Map();
  showControlVisibility();
}

/** Shows only the padding boxes the chosen padding type uses, and the transposed options when on. */
export function showControlVisibility(): void {
  const state = store.state;
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
  // The matrix menu names the matrix drawn: ticking "Transposed" swaps C and Cᵀ (see the
  // checkbox's handler), and a menu left on the old name would send no change when the reader
  // picks the matrix it claims to show already.
  setValue(select('matrix-mode'), state.matrix);
  setHidden(byId('op-fields'), state.useTarget);
  setHidden(byId('target-fields'), !state.useTarget);
}

/** A form field's message when it holds no whole number in its range, in `lang`. */
const fieldMessage = (id: string, lang: Lang) => fieldNumberText(lang, fields[id].bounds[0], fields[id].bounds[1]);

function readNumber(id: string): void {
  const f = fields[id];
  const raw = input(id).value.trim();
  const v = Number(raw);
  if (raw === '' || !Number.isInteger(v) || v < f.bounds[0] || v > f.bounds[1]) {
    store.fieldErrors.set(id, fieldMessage(id, store.state.lang));
    // A number applied earlier in this edit (a pause after "9", then "99") is not the reader's
    // choice once the box holds a refused one: the figure and the link return to the value the
    // figure showed when this edit began (shownValue), in the same history entry.
    const before = editStart.get(id);
    if (before !== undefined && f.get(store.state) !== before) store.commit((s) => f.set(s, before), `${id}:${edits.get(id) ?? 0}`);
    store.setErrors();
    return;
  }
  store.fieldErrors.delete(id);
  store.commit((s) => f.set(s, v), `${id}:${edits.get(id) ?? 0}`);
}

/** Each focus of a number field starts a new edit of it: what it applies until then is one change. */
const edits = new Map<string, number>();
/** Each field's value when its current edit began, as the figure showed it (see `shownValue`). */
const editStart = new Map<string, number>();

/**
 * What a box's setting returns to while the box holds no number: its value in the figure. That is
 * the settings' own value, unless the library refused them: then the figure is the last layer it
 * accepted, and a box that held a refused number (target output 20) goes back to the figure's
 * value, not to the refused one — the link and the refusal under the box would otherwise keep
 * quoting a number the box no longer holds (review 33 A3).
 */
function shownValue(id: string): number {
  const f = fields[id];
  const scene = store.scene;
  if (store.layerError === null || scene === null) return f.get(store.state);
  return f.drawn?.(scene) ?? f.get(scene.state);
}

function writePadBoxes(): void {
  for (const id of ['pad-hb', 'pad-ha', 'pad-wb', 'pad-wa']) input(id).value = String(fields[id].get(store.state));
}

/** Wires every control of the form (and the player bar's view, figure and matrix choices). */
export function bindControls(): void {
  for (const id of Object.keys(fields)) {
    input(id).addEventListener('focus', () => {
      edits.set(id, (edits.get(id) ?? 0) + 1);
      editStart.set(id, shownValue(id));
    });
    // Applied per keystroke, typing "12" showed the layer at 1 first (typing-pause.ts says when).
    applyWhenWritten(input(id), () => readNumber(id));
  }
  select('pad-mode').addEventListener('change', () => {
    const state = store.state;
    const m = select('pad-mode').value as PadMode;
    if (m === 'number') state.pad = [state.pad[0], state.pad[0], state.pad[0], state.pad[0]];
    if (m === 'axis') state.pad = [state.pad[0], state.pad[0], state.pad[2], state.pad[2]];
    state.padMode = m;
    writePadBoxes();
    showControlVisibility();
    store.commit();
  });
  input('transposed').addEventListener('change', () => {
    // The matrix follows the layer (C ↔ Cᵀ) unless the reader had picked the other one.
    const followed = store.state.matrix === layerMatrix(store.state);
    store.state.transposed = input('transposed').checked;
    if (followed) store.state.matrix = layerMatrix(store.state);
    showControlVisibility();
    store.commit();
  });
  select('op-mode').addEventListener('change', () => {
    const state = store.state;
    state.useTarget = select('op-mode').value === 'target';
    if (state.useTarget && store.scene) {
      // Start from the size the layer has now, so switching modes does not jump.
      state.target = [store.scene.geometry.axes[0].output, store.scene.geometry.axes[1].output];
      input('target-h').value = String(state.target[0]);
      input('target-w').value = String(state.target[1]);
    }
    showControlVisibility();
    store.commit();
  });
  input('numbers').addEventListener('change', () => store.commit((s) => { s.numbers = input('numbers').checked; }));
  input('colorblind').addEventListener('change', () => {
    store.state.colorBlind = input('colorblind').checked;
    remember(PREF.cb, store.state.colorBlind ? '1' : '0');
    store.commit();
  });
  select('theme').addEventListener('change', () => {
    store.state.theme = select('theme').value as Theme;
    remember(PREF.theme, store.state.theme);
    store.commit();
  });
  select('lang').addEventListener('change', () => {
    store.state.lang = select('lang').value as Lang;
    remember(PREF.lang, store.state.lang);
    // A field still holding a bad value says so in the new language (the tour's own control
    // rebuilds its message itself).
    for (const id of store.fieldErrors.keys()) if (id in fields) store.fieldErrors.set(id, fieldMessage(id, store.state.lang));
    store.commit();
  });
  select('view').addEventListener('change', () => {
    store.state.view = select('view').value === 'scatter' ? 'scatter' : 'direct';
    store.frame = 0;
    store.commit();
  });
  select('figure').addEventListener('change', () => store.commit((s) => {
    const v = select('figure').value;
    s.figure = FIGURES.find((f) => f === v) ?? 'grids';
  }));
  // The grids draw one input channel: this puts every channel and their sum on the stage.
  byId('channels-show').addEventListener('click', () => {
    store.commit((s) => { s.figure = 'channels'; });
    setValue(select('figure'), 'channels');
  });
  select('channel-out').addEventListener('change', () => store.commit((s) => { s.channel = Number(select('channel-out').value) || 0; }));
  select('matrix-mode').addEventListener('change', () => store.commit((s) => { s.matrix = select('matrix-mode').value === 'ct' ? 'ct' : 'c'; }));
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
    o.textContent = presetName(f.name, store.state.lang);
    sel.append(o);
  }
  sel.addEventListener('change', () => {
    const f = figures.find((x) => x.name === sel.value);
    if (!f) return;
    const spec = classicSpec(f);
    const pair = (v: unknown, fallback: number): [number, number] => (typeof v === 'number' ? [v, v] : [fallback, fallback]);
    const d = defaultState();
    const p = typeof spec.padding === 'number' ? spec.padding : 0;
    store.replace({
      ...store.state,
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
    });
    writeControls();
    sel.value = '';
    store.commit();
  });
}

/** The preset menu's names in the page's language. */
export function translatePresets(): void {
  for (const o of Array.from(select('preset').options)) if (o.value) o.textContent = presetName(o.value, store.state.lang);
}
