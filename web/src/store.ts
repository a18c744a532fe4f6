/**
 * The page's one state store: the settings (what the URL holds), the animation step, and the scene
 * derived from them by the library. Modules read `store.state` / `store.scene` and subscribe to
 * what they draw; only `commit`, `refresh`, `setNumbers`, `showStep` and `setErrors` announce changes.
 *
 * Topics, in the order a change flows:
 * - `layer`: the settings changed and the scene was rebuilt (or the library refused the layer:
 *   `layerError` is set and `scene` is the last valid one, `stale`). Detail: whether the figure
 *   should be drawn.
 * - `step`: the animation step or the pointed-at cell changed; repaint the step's highlight.
 * - `errors`: a field's own message changed (a number out of range), no rebuild.
 * - `commit`: a reader's change, to be remembered in the URL (a new history entry).
 */
import { isConvError } from '../../src/geometry/errors.js';
import type { ConvError } from '../../src/geometry/errors.js';
import { pageErrorText } from './error-text.js';
import { buildLayer } from './layer.js';
import { hasSingleRow } from './line-layer.js';
import { buildScene, numbersKey } from './stage-scene.js';
import type { FigureNumbers, StageScene } from './stage-scene.js';
import { cloneState, defaultState } from './state.js';
import type { State } from './state.js';
import type { Panel } from './views.js';

export type Topic = 'layer' | 'step' | 'errors' | 'commit';
/** `draw`: for `layer`, whether there is a scene to draw (false when the library threw while building it). */
export type Listener = (detail: { draw: boolean }) => void;

export class Store {
  /** The settings, as the URL and the controls hold them. */
  state: State = defaultState();
  /** The animation step (0-based). */
  frame = 0;
  playing = false;
  /** The cell the reader points at or focuses. */
  hover: { panel: Panel; cell: number } | null = null;
  /** The last valid layer as drawn: geometry, trace, example values (null before the first). */
  scene: StageScene | null = null;
  /** The scene is not the settings' (they were refused): drawn dimmed. */
  stale = false;
  /** The scene is the default layer's, drawn because no valid layer came before (a refused link). */
  fromDefault = false;
  /** The library's refusal of the settings, in the page's words, and the control it names. */
  layerError: { control: string; message: string; error: ConvError } | null = null;
  /** Field-level messages (a box holding no number in range), by control id. */
  fieldErrors = new Map<string, string>();
  /** URL values ignored at load. */
  urlProblems: { key: string; value: string }[] = [];
  /**
   * The figure's numbers when they are not the page's example values (the linked pair's, put there
   * by its button or by tour step 8): one rule, in `rebuild` — they apply while the settings name the
   * layer and tour step they were chosen on, and are dropped for good at the first rebuild that names
   * another (a layer edit, a preset or tour step put in place, leaving the tour, Back to another
   * entry). Not settings: never in the URL, and setting them adds no history entry.
   */
  numbers: FigureNumbers | null = null;

  private readonly listeners = new Map<Topic, Listener[]>();

  /** Calls `fn` on every `topic`; returns the unsubscribe function. Listeners run in subscription order. */
  subscribe(topic: Topic, fn: Listener): () => void {
    const list = this.listeners.get(topic) ?? [];
    list.push(fn);
    this.listeners.set(topic, list);
    return () => {
      const i = list.indexOf(fn);
      if (i >= 0) list.splice(i, 1);
    };
  }

  private emit(topic: Topic, draw = true): void {
    for (const fn of this.listeners.get(topic) ?? []) fn({ draw });
  }

  /** A copy of the settings, safe to hand to a view that may keep it. */
  snapshot(): State {
    return cloneState(this.state);
  }

  /** Rebuilds the scene from the settings and tells the `layer` subscribers (no history entry). */
  refresh(): void {
    this.emit('layer', this.rebuild());
  }

  /**
   * What the last commit continued: a number field's edit (every value it applies while it has
   * focus: arrow steps, a number typed with a pause in it) is one change (one history entry,
   * updated in place), so Back undoes the edit, not its last step.
   */
  commitKey: string | null = null;

  /**
   * A reader's change: optionally edit the settings, rebuild, redraw, and add a history entry.
   * `continues`: commits with the same key in a row are one change (url-sync.ts replaces the entry).
   */
  commit(edit?: (s: State) => void, continues: string | null = null): void {
    this.commitKey = continues;
    edit?.(this.state);
    // A second row makes a 1-D layer a 2-D one for good (line-layer.ts).
    if (this.state.line && !hasSingleRow(this.state)) this.state.line = false;
    this.refresh();
    this.emit('commit');
  }

  /** Replaces the settings (a preset, a model layer, a tour step) and starts from the first step. */
  replace(s: State): void {
    this.state = s;
    this.frame = 0;
  }

  /** Moves to step `f` (wrapping) and repaints it. */
  showStep(f: number): void {
    if (!this.scene) return;
    const total = frameTotal(this.scene);
    this.frame = ((f % total) + total) % total;
    this.emit('step');
  }

  /** Repaints the step (the hover changed, or an export needs the current step drawn again). */
  repaint(): void {
    this.emit('step');
  }

  /** Puts chosen numbers in the figure (null: the example numbers again) and redraws; no history entry. */
  setNumbers(numbers: FigureNumbers | null): void {
    this.numbers = numbers;
    this.refresh();
  }

  /** Field messages changed: show them (the layer is unchanged). */
  setErrors(): void {
    this.emit('errors');
  }

  /** Settings → library → scene; returns whether a scene should be drawn. */
  private rebuild(): boolean {
    const state = this.state;
    if (this.numbers && this.numbers.key !== numbersKey(state)) this.numbers = null;
    const result = buildLayer(state, this.commitKey?.split(':')[0] ?? null);
    if (!result.ok) {
      this.layerError = { control: result.control, message: pageErrorText(result.error, state.lang), error: result.error };
      if (!this.scene) {
        // Nothing valid drawn yet (a link with an impossible layer): show the default layer, dimmed.
        const fallback = { ...defaultState(), lang: state.lang, theme: state.theme, colorBlind: state.colorBlind };
        const r = buildLayer(fallback);
        if (r.ok) {
          this.scene = buildScene(fallback, r.geometry);
          this.fromDefault = true;
        }
      }
      this.stale = this.scene !== null;
      return this.scene !== null;
    }
    let scene: StageScene;
    try {
      scene = buildScene(cloneState(state), result.geometry, this.numbers);
    } catch (e) {
      if (!isConvError(e)) throw e;
      this.layerError = { control: 'input-h', message: pageErrorText(e, state.lang), error: e };
      this.stale = this.scene !== null;
      return false;
    }
    this.scene = scene;
    this.fromDefault = false;
    this.layerError = null;
    this.stale = false;
    this.frame = Math.min(this.frame, Math.max(0, frameTotal(scene) - 1));
    return true;
  }
}

/** How many steps the scene's animation has. */
export function frameTotal(s: StageScene): number {
  return s.scatter ? s.scatter.frames.length : s.direct!.frames.length;
}

/** The page's store (one per page). */
export const store = new Store();
