/**
 * The playground page's composition root: builds the views, wires each module to the one store
 * (web/src/store.ts) and starts. One-way flow: controls/URL → store.state → library (geometry,
 * trace, matrix, explain; store.scene) → pictures. What each part does lives in its own module.
 */
import { showCodeNote } from './code-note.js';
import { bindControls, showControlVisibility, translatePresets, writeControls } from './controls.js';
import { byId, setAttr } from './dom-write.js';
import { showErrors } from './errors-display.js';
import { bindExport } from './export-actions.js';
import { MainFigure } from './figure-draw.js';
import { applyTranslations } from './i18n.js';
import { MatrixView } from './matrix-view.js';
import { ModelPanel } from './model-panel.js';
import { bindPlayer, setPlaying } from './player.js';
import { SidePanels } from './side-panels.js';
import { bindTabs, onTabShown, openTab } from './side-tabs.js';
import { bindSettings, fitHeader, refitHeader } from './header.js';
import { ClassicStage } from './stage-classic.js';
import { registerFigure } from './stage-fit.js';
import { StackFigure } from './stack-figure.js';
import { StageChannels } from './stage-channels.js';
import { shownValue } from './state.js';
import type { Lang, State } from './state.js';
import { store } from './store.js';
import { Tour, stepState } from './tour/tour.js';
import { TOUR } from './tour/steps.js';
import { mountTutorialViews } from './tutorial-views.js';
import type { TutorialViews } from './tutorial-views.js';
import { bindUrl, loadUrl, pageTab, pushUrl } from './url-sync.js';
import { Views } from './views.js';
import { paletteOf } from './palette.js';
import { mountImageMode } from './image/mount.js';
import { keepSizesTogether } from './keep-together.js';
import { copyWithoutJoiners } from './copy-text.js';
import { followScreenOrder } from './phone-order.js';
import { refitOnResize } from './resize-refit.js';

/** Whether the animation may start by itself (not when the reader asked for reduced motion). */
const motionOk = () => typeof matchMedia === 'undefined' || !matchMedia('(prefers-reduced-motion: reduce)').matches;

keepSizesTogether(document.body);
copyWithoutJoiners();

const views = new Views(byId<SVGSVGElement>('svg-grid'), byId<SVGSVGElement>('svg-kernel'), byId<SVGSVGElement>('svg-output'));
const classic = new ClassicStage(byId<SVGSVGElement>('svg-classic'), byId('classic-title'), {
  box: byId('classic-key'),
  lines: byId('classic-key-lines'),
  legend: byId<SVGSVGElement>('svg-classic-legend'),
  kernel: byId<SVGSVGElement>('svg-classic-key'),
});
registerFigure('classic', {
  element: byId('classic'),
  draw: (s) => classic.draw(s, { lang: store.state.lang, colorBlind: store.state.colorBlind }),
  fit: (w, h, phone) => classic.fit(w, h, phone),
  paint: (f) => classic.paint(f),
  hide: () => classic.hideKey(),
});

const stack = new StackFigure(byId('figure-box'), () => ({ palette: paletteOf(store.state.theme, store.state.colorBlind), lang: store.state.lang }));
registerFigure('stack', { element: stack.element, draw: (s) => stack.draw(s), fit: (w, h) => stack.fit(w, h), paint: () => stack.paint(), still: true });

// Its output planes pick the output channel shown, as the channel panel's menu does.
const stageChannels = new StageChannels(byId('figure-box'), () => ({ palette: paletteOf(store.state.theme, store.state.colorBlind), lang: store.state.lang }), (oc) => store.commit((s) => { s.channel = oc; }));
registerFigure('channels', { element: stageChannels.element, draw: (s) => stageChannels.draw(s), fit: (w, h) => stageChannels.fit(w, h), paint: (f) => stageChannels.paint(f) });

let tutorialViews: TutorialViews | null = null;
const side = new SidePanels(new MatrixView(byId<SVGSVGElement>('svg-matrix')), () => tutorialViews);
const figure = new MainFigure(views, side, () => tutorialViews);
onTabShown((tab) => { if (tab === 'matrix') side.showMatrix(); });

/** Another part of the page puts whole settings in place (a model layer, the linked pair's button). */
function load(s: State): void {
  setPlaying(false, false);
  store.replace(s);
  writeControls();
  store.commit();
}

const modelPanel = new ModelPanel({ lang: () => store.state.lang, state: () => store.snapshot(), load });

const tour = new Tour({
  state: () => store.state,
  go: (n) => {
    if (n === 0) {
      // Back to the free playground, with the step's configuration as it is now.
      store.commit((s) => { s.tour = 0; });
      return;
    }
    setPlaying(false, false);
    store.replace(stepState(n, store.state));
    writeControls();
    store.commit();
    openTourStep(n);
    if (motionOk()) setPlaying(true, false);
  },
  patch: (change) => {
    change(store.state);
    writeControls();
    store.commit();
  },
  openTab: (tab) => openTab(tab),
  fieldError: (message) => {
    const had = store.fieldErrors.get('try-control') ?? null;
    if (message === had) return;
    if (message === null) store.fieldErrors.delete('try-control');
    else store.fieldErrors.set('try-control', message);
    store.setErrors();
  },
});

/** A tour step's side tab (or the one a link names) and the tutorial view below the figure it uses. */
function openTourStep(n: number, tab = pageTab({ tour: n })): void {
  openTab(tab);
  const opens = TOUR[n - 1].opens;
  if (opens) tutorialViews?.open(opens);
}

/** The language the page's data-i18n texts are in (null: not translated yet). */
let translated: Lang | null = null;

/** The page around the figure follows the settings: theme, language, tour card, model panel, form. */
function pageChrome(): void {
  const state = store.state;
  setAttr(document.body, 'data-theme', state.theme);
  setAttr(document.documentElement, 'lang', state.lang === 'zh' ? 'zh-CN' : 'en');
  // The static page text changes only with the language (texts set per state are set where they change).
  if (translated !== state.lang) {
    applyTranslations(document, state.lang);
    translated = state.lang;
    translatePresets();
  }
  tour.render(state);
  modelPanel.setLang(state.lang);
  modelPanel.stateChanged(state);
  showControlVisibility();
}

function start(): void {
  fitHeader();
  bindTabs();
  bindSettings();
  // Order matters: the chrome (tour card) is laid out before the figure measures its box.
  store.subscribe('layer', pageChrome);
  store.subscribe('layer', showErrors);
  store.subscribe('layer', ({ draw }) => { if (draw) figure.draw(); });
  store.subscribe('step', () => figure.paint());
  store.subscribe('errors', showErrors);
  store.subscribe('layer', showCodeNote);
  store.subscribe('errors', showCodeNote);
  bindUrl();
  loadUrl();
  writeControls();
  bindControls();
  bindPlayer(views);
  bindExport(views);
  tutorialViews = mountTutorialViews({ lang: () => store.state.lang, state: () => store.snapshot(), palette: () => paletteOf(store.state.theme, store.state.colorBlind), load });
  // The image mode (view=image): the same layer on pictures, in place of the stage and side panels.
  mountImageMode(document.querySelector('.layout') as HTMLElement, byId<HTMLButtonElement>('image-open'));
  followScreenOrder();
  // The header's items change with the language (the Pictures button's label too, set just above)
  // and the tour: whether the preferences fit in its row is measured again.
  store.subscribe('layer', refitHeader);
  store.refresh();
  // The side tab the link names (`tab=`), or the page's own.
  if (store.state.tour > 0) openTourStep(store.state.tour, store.state.tab);
  else openTab(store.state.tab);
  // A link with bad values is rewritten to what is shown, so the bad text does not travel on.
  pushUrl(true);
  // The animation plays by itself and loops, as the guide's GIFs do — unless the reader asked for
  // reduced motion, or the link points at one step.
  if (motionOk() && store.frame === 0) setPlaying(true, false);
  window.addEventListener('popstate', () => {
    // Stop without writing the URL: it already holds the entry being restored.
    setPlaying(false, false);
    loadUrl();
    writeControls();
    store.refresh();
    openTab(store.state.tab);
  });
  refitOnResize(() => {
    fitHeader();
    figure.draw();
  });
  document.body.dataset.ready = '1';
  performance.mark('convkit-ready');
}

/** For the benchmark: one parameter change, applied and fully redrawn (synchronously). */
function benchChange(patch: Partial<State>): void {
  Object.assign(store.state, patch);
  writeControls();
  store.refresh();
}

(window as unknown as { convkitPlayground: unknown }).convkitPlayground = {
  benchChange,
  flushSide: () => side.flush(),
  state: () => ({ ...store.state, frame: store.frame }),
  urlProblems: () => store.urlProblems,
  shownValue,
};

start();
