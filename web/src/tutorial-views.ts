/**
 * The tutorial views under the stage (issue 10): the linked pair, both notations, the channels
 * drawn truthfully and dilation drawn. main.ts mounts them once and tells them when the scene or
 * the step changes; each view keeps its logic (and its words, pair-i18n.ts) to itself and asks
 * the library for every number.
 */
import { ChannelPlanes } from './channel-planes.js';
import { DilationView } from './dilation-view.js';
import { NotationView } from './notation-view.js';
import type { Palette } from './palette.js';
import { PairView } from './pair-view.js';
import { mountStageCue, mountStepSentence, revealStep } from './stage-fit.js';
import type { StageScene } from './stage-scene.js';
import type { Lang, State } from './state.js';
import { store } from './store.js';
import { TOUR } from './tour/steps.js';

export interface TutorialDeps {
  lang: () => Lang;
  state: () => State;
  palette: () => Palette;
  /** Puts a state into the page, as a reader's change would. */
  load: (s: State) => void;
}

export interface TutorialViews {
  /** After the scene was rebuilt or redrawn (any parameter, language or theme change). */
  update(scene: StageScene): void;
  /** After the animation moved to another step. */
  step(scene: StageScene, frame: number): void;
  /** Opens (or closes) a view, e.g. for a tour step: 'pair' (linked pair), 'dilation' (d = 1 vs d = 2). */
  open(view: 'pair' | 'dilation', on?: boolean): void;
}

/** Mounts the views after `anchor` (the stage's last element), or at the end of <main>. */
export function mountTutorialViews(deps: TutorialDeps): TutorialViews {
  const anchor = document.querySelector('.channels-panel') ?? document.querySelector('main')?.lastElementChild ?? null;
  const host = anchor?.parentElement ?? document.querySelector('main') ?? document.body;
  const next = anchor ? anchor.nextSibling : null;
  const notation = new NotationView(host as HTMLElement, next, deps.load);
  const planes = new ChannelPlanes(host as HTMLElement, next);
  const dilation = new DilationView(host as HTMLElement, next);
  const pair = new PairView(host as HTMLElement, deps, next as Element | null);
  const cue = mountStageCue();
  mountStepSentence();
  let frame = 0;
  // The tour step these views were last drawn for: a new step (its view just opened, main.ts) is
  // brought into sight once it is drawn, not at each later change the reader makes on that step.
  let shownStep = 0;
  // A box emptied or filled again changes whether the figure is the settings' layer with no
  // rebuild (store.ts `errors`): the notation panel says whose layer it describes, as the Code
  // tab's note does, so it is written again then too.
  store.subscribe('errors', () => {
    if (store.scene) notation.draw(store.scene.written, deps.state(), deps.lang());
  });
  return {
    update(scene) {
      notation.draw(scene.written, deps.state(), deps.lang());
      // The stage shows every channel itself: not the same picture twice.
      if (deps.state().figure === 'channels') planes.root.hidden = true;
      else planes.draw(scene, frame, deps.palette(), deps.lang());
      dilation.draw(deps.state(), frame, deps.palette(), deps.lang());
      pair.update();
      const n = deps.state().tour;
      if (n !== shownStep) {
        shownStep = n;
        if (n > 0) revealStep(TOUR[n - 1]?.opens);
      }
      cue();
    },
    open(view, on = true) {
      if (view === 'pair') pair.setOpen(on);
      else dilation.setOpen(on);
    },
    step(scene, f) {
      frame = f;
      if (deps.state().figure !== 'channels') planes.draw(scene, f, deps.palette(), deps.lang());
      dilation.draw(deps.state(), f, deps.palette(), deps.lang());
    },
  };
}
