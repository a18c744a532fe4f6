/**
 * The stage: which figure is shown (the grids, or a figure registered by name such as the classic
 * slanted planes), scaled to the space the stage has left.
 */
import { byId, setAttr, setHidden, setText } from './dom-write.js';
import { t } from './i18n.js';
import { revealSideTab } from './side-tabs.js';
import { outputShare } from './figure-numbers.js';
import { isLine } from './line-layer.js';
import { numbersCaption } from './stage-scene.js';
import type { StageScene } from './stage-scene.js';
import { store } from './store.js';
import { cardRoom, holdCard } from './tour/card-place.js';
import { barTop } from './tour/foot-bar.js';
import { TOUR } from './tour/steps.js';
import type { Views } from './views.js';

/** A figure the stage can show instead of the grids (`state.figure` names it). */
export interface StageFigure {
  /** The element holding the figure; hidden unless this figure is shown. */
  element: HTMLElement;
  /** Draws the scene; false when this figure cannot show it (the grids are shown, with a note). */
  draw(scene: StageScene): boolean;
  /** Scales to the largest size that fits `w` × `h` CSS pixels (`phone`: a screen ≤ 720 px wide). */
  fit(w: number, h: number, phone: boolean): void;
  /** Hides what the figure shows outside its element (called when another figure is shown). */
  hide?(): void;
  /** Shows animation step `frame`. */
  paint(frame: number): void;
  /** Whether the grids' legend and pointing text stay visible with this figure (default: no). */
  keepsLegend?: boolean;
  /** A figure without animation steps (the stacked layers): the player and the step sentence are put away. */
  still?: boolean;
}

const figures = new Map<string, StageFigure>();

/** Adds a figure the stage can show when `state.figure === name`. */
export function registerFigure(name: string, figure: StageFigure): void {
  figures.set(name, figure);
}

/** The stage's figure now: 'grids', or the name of the registered figure shown. */
let shown = 'grids';

export function shownFigure(): string {
  return shown;
}

/** Whether the figure shown has animation steps to play. */
export function figureAnimates(): boolean {
  return figures.get(shown)?.still !== true;
}

/** Paints the step on the registered figure shown (the grids are painted by their own views). */
export function paintFigure(frame: number): void {
  figures.get(shown)?.paint(frame);
}

/**
 * Chooses the figure shown: the registered one the settings name (drawn here), or the grids when
 * it cannot draw the scene. Returns its name; the caller draws the grids only when they are shown,
 * then calls `fitFigure`.
 */
export function chooseFigure(s: StageScene): string {
  const want = store.state.figure;
  const fig = figures.get(want);
  shown = fig && fig.draw(s) ? want : 'grids';
  for (const [name, f] of figures) {
    setHidden(f.element, name !== shown);
    if (name !== shown) f.hide?.();
  }
  setHidden(byId('views'), shown !== 'grids');
  const note = byId('classic-note');
  const refused = want !== 'grids' && shown === 'grids';
  setHidden(note, !refused);
  setText(note, refused ? t(store.state.lang, 'classicRefused') : '');
  setAttr(byId('figure-box'), 'data-stage', shown);
  // A 1-D layer (a model's Conv1d, a link's r=1) says it is one, under whichever figure draws its
  // row: the picture alone is a 2-D layer of one row, which the texts beside it do not write.
  const line = isLine(s.state);
  setHidden(byId('line-note'), !line);
  setText(byId('line-note'), line ? t(store.state.lang, 'lineNote') : '');
  // The tutorial view a tour step opens, which style.css draws under the step sentence: set before
  // the figure is fitted, as it changes what lies above the stage's fold (measureFigureBox).
  setAttr(byId('stage'), 'data-step-view', TOUR[store.state.tour - 1]?.opens ?? '');
  // A still figure: no player buttons, scrub bar, step count or speed, and no sentence about a step
  // of a layer the figure does not draw (the figure and view menus stay, to leave it).
  const still = !figureAnimates();
  document.querySelector('#stage .player')?.toggleAttribute('data-still', still);
  setHidden(byId('step-text'), still);
  // A figure that draws one input channel of several says so, with the way to see them all; of
  // the layer's real channels (a drawn copy of a wide layer has at most 16: drawn-channels.ts).
  const g0 = s.geometry;
  const oneOfMany = g0.inChannels > 1 && (shown === 'grids' || shown === 'classic');
  setHidden(byId('channels-note'), !oneOfMany);
  // The classic figure prints the share of the channel it draws where the grids print the sum
  // (figure-numbers.ts): it says so, before the button that shows every share and their sum.
  const share = shown === 'classic' ? outputShare(s) : null;
  const onStage = oneOfMany ? t(store.state.lang, 'channelsOnStage', { c: s.trace.channels.feeds[Math.min(s.state.channel, g0.outChannels - 1)][0], n: s.layer.inChannels }) : '';
  setText(byId('channels-note-text'), share ? `${onStage}${store.state.lang === 'zh' ? '' : ' '}${t(store.state.lang, 'classicShare', { ...share })}` : onStage);
  // Numbers that are not the example's (the linked pair's) are named under the figure; a still figure prints none.
  const whose = still ? null : numbersCaption(s, store.state.lang);
  setHidden(byId('numbers-note'), whose === null);
  setText(byId('numbers-note'), whose ?? '');
  // A figure of its own carries its own legend; pointing at cells is the grids' business.
  const legend = shown === 'grids' || figures.get(shown)?.keepsLegend === true;
  setHidden(byId('legend'), !legend);
  setHidden(byId('hover-text'), !legend);
  const g = s.geometry;
  setHidden(byId('channels-panel'), g.inChannels === 1 && g.outChannels === 1);
  return shown;
}

/**
 * The figure's box, measured once per window size, language, tour step, notice and side tab:
 * reading it forces a layout, which a parameter change should not pay twice.
 */
let fitted: { key: string; W: number; H: number } | null = null;

/** The grids' views, kept for a fit the stage asks for itself (refitToRoom). */
let lastViews: Views | null = null;

/** Scales the figure shown to the stage's box. */
export function fitFigure(views: Views, again = true): void {
  lastViews = views;
  const box = byId('figure-box');
  const phone = isPhone();
  const notices = ['error-banner', 'model-origin', 'line-note', 'classic-note', 'numbers-note', 'channels-note'].map((id) => (byId(id).hidden ? 0 : 1)).join('');
  const legend = byId('classic-key');
  // The phone tour's parameter lines and kernel under the planes (style.css) are tried again at each fit.
  if (again && legend.hasAttribute('data-no-room')) {
    legend.removeAttribute('data-no-room');
    fitted = null;
  }
  // The figure shown and whether the cue shows: each changes what the stage holds above the fold.
  const cue = document.getElementById('stage-more');
  const key = `${window.innerWidth}x${window.innerHeight} ${store.state.lang} ${store.state.tour} ${notices} ${phone} ${document.body.dataset.side ?? ''} ${shown} ${cue?.hidden ?? ''} ${legend.hidden}`;
  if (fitted?.key !== key) fitted = { key, ...measureFigureBox(box, phone) };
  const { W } = fitted;
  let H = fitted.H;
  // On a phone the tour card under the figure holds still while its step is open (card-place.ts).
  const tour = phone && store.state.tour > 0;
  if (tour) H = cardRoom(box, H, PHONE_LEAST);
  else box.style.minHeight = '';
  const fig = figures.get(shown);
  const keyHeight = () => (legend.hidden ? -1 : legend.offsetHeight);
  const before = keyHeight();
  if (fig) fig.fit(W, H, phone);
  else scaleGrids(views, W, H, phone);
  // The classic figure shows, hides or changes its phone key as it fits (the kernel under the
  // planes or beside them); in the tour that key sits above the card, so the height it takes is
  // measured again and the figure fitted once more.
  if (again && phone && store.state.tour > 0 && keyHeight() !== before) {
    fitted = null;
    fitFigure(views, false);
  }
  // That row puts the parameter lines (and the kernel, where it is not beside the planes) on the
  // first screen, but not at the cost of the step's control (a long English step 6 pushed it 90 px
  // below the screen): without room, the layer's settings line goes first, then the other lines,
  // then the kernel (style.css), each time with the figure fitted once more. The settings are what
  // the card's prose names (kernel 3, stride 2, padding 1); the transposed steps' second line
  // (ĩ′, p′, a, s′: the equivalent convolution the figure draws) is what steps 6, 7 and 10 teach,
  // and dropping both left English readers without it where Chinese, shorter, kept it.
  if (again && phone && store.state.tour > 0 && shown === 'classic') {
    // The control, and the live line under it where it speaks (both on the first screen, as measureFigureBox asks).
    const lowest = () => ['try-control', 'tour-now'].map((id) => document.getElementById(id))
      .filter((el): el is HTMLElement => el !== null && !el.hidden && (el.id !== 'tour-now' || !!el.textContent))
      .reduce((b, el) => Math.max(b, el.getBoundingClientRect().bottom + window.scrollY), 0);
    const twoLines = byId('classic-key-lines').childElementCount > 1;
    for (const drop of twoLines ? ['settings', 'lines', 'lines kernel'] : ['lines', 'lines kernel']) {
      // The settings line goes to keep them above the phone tour's bar; the lines the step teaches
      // only to keep them on the screen (English part 6's Now line is left under the bar, a scroll away).
      if (legend.hidden || lowest() <= (drop === 'settings' ? barTop() : window.innerHeight)) break;
      legend.setAttribute('data-no-room', drop);
      fitted = null;
      fitFigure(views, false);
    }
  }
  // The card under the figure keeps its place as the figure changes (card-place.ts).
  if (again && tour) holdCard(box);
}

/**
 * On a wide screen, the room the stage's other lines take measured again once they are drawn: the
 * grids' legend is written after the figure is fitted, and a legend or pointing line that wraps
 * pushed the cue below the stage's edge. The figure is fitted again when the room changed.
 */
function refitToRoom(): void {
  if (!fitted || !lastViews || isPhone()) return;
  const m = measureFigureBox(byId('figure-box'), false);
  if (m.W === fitted.W && m.H === fitted.H) return;
  fitted = { key: fitted.key, ...m };
  fitFigure(lastViews);
}

/** The least height of the figure on a phone in the tour, where the card's prose and control want the screen. */
const PHONE_LEAST = 220;

function measureFigureBox(box: HTMLElement, phone: boolean): { W: number; H: number } {
  const W = Math.max(120, box.clientWidth);
  // On a phone the figure leaves room below it for the tour card's prose and control; on a wider
  // screen it takes the stage's height less the player bar, the step sentence and any notice.
  let H: number;
  if (phone) {
    H = Math.round(window.innerHeight * 0.48);
    const tryIt = store.state.tour > 0 ? document.getElementById('try-control') : null;
    if (tryIt) {
      // In the tour: the figure, its sentence, the prose, the step's control and what it gives (the
      // live line) on one screen, and the "Next" button where there is room for it too. The figure
      // gives way down to 220 px, but not for Next: on a long step (11 in English) keeping Next in
      // sight as well left the figure 200 px wide, and the picture and the Try-it's result are what
      // the step is about; Next is one scroll away.
      const card = byId('tour');
      const next = document.getElementById('tour-next');
      const now = document.getElementById('tour-now');
      const bottom = (el: HTMLElement) => el.getBoundingClientRect().bottom - card.getBoundingClientRect().top + 12;
      // The bar's top, not its fade's: the control may end in the fade (tour/foot-bar.ts).
      const foot = barTop();
      const withNext = next && !next.hidden && foot === window.innerHeight ? bottom(next) : bottom(tryIt);
      // (12 px more below the live line: the step's sentence above the card can take a line more
      // once the figure is wider, and nothing below the line gives that slack as Next does.)
      const withNow = (now && !now.hidden && now.textContent ? bottom(now) : bottom(tryIt)) + 12;
      const roomFor = (b: number) => foot - above - b;
      // Above the card: the header, the player, the classic figure's legend row and the step's sentence.
      const above = ['header.top', '#stage .player', '#numbers-note:not([hidden])', '#classic-key', '#step-text']
        .map((sel) => document.querySelector<HTMLElement>(sel))
        .reduce((sum, el) => sum + (el && !el.hidden && el.offsetHeight > 1 ? el.offsetHeight + 8 : 0), 12);
      // Next stays in sight while that leaves the figure NEXT_ROOM px; past that only the live line does.
      const NEXT_ROOM = 280;
      // (Where Next stands in the bar at the screen's foot it is always in sight: the lines end above the bar.)
      const room = foot === window.innerHeight && roomFor(withNext) >= NEXT_ROOM ? roomFor(withNext) : roomFor(withNow);
      H = Math.max(PHONE_LEAST, Math.min(H, room));
    }
    box.style.height = '';
  } else {
    // Everything the stage shows before the "more below" cue, and the cue itself (mountStageCue):
    // the player, notices, the step sentence, the grids' pointing line and legend. The figure takes
    // the rest, so when it fills the stage the cue is in sight at the stage's top, under the step
    // sentence rather than across it. A tour step's own view comes right under the sentence
    // (style.css) and is scrolled into sight with the cue under it (revealStep): there the room
    // ends at the sentence.
    const stage = byId('stage');
    const view = document.body.dataset.mode === 'tour' && stage.dataset.stepView;
    const end: Element = (!view && document.getElementById('stage-more')) || byId('step-text');
    const parts = Array.from(stage.children);
    const used = parts.slice(0, parts.indexOf(end) + 1)
      .filter((el): el is HTMLElement => el instanceof HTMLElement && el !== box && !el.hidden && el.getClientRects().length > 0)
      .reduce((sum, el) => sum + outerHeight(el), 0);
    const cs = getComputedStyle(stage);
    const inner = stage.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom);
    H = Math.max(200, Math.floor(inner - used - viewHeadRoom(view || undefined) - 2));
    box.style.height = `${H}px`;
  }
  return { W, H: Math.max(120, H) };
}

/**
 * The room a tour step's view (`view`) needs under the step sentence for its heading and the
 * "more below" cue (revealStep): the figure leaves it, so the heading shows without the stage
 * scrolling the player bar out of sight. None where the step opens no view or it is not shown.
 */
function viewHeadRoom(view: string | undefined): number {
  const el = view && view in STEP_VIEWS ? document.getElementById(STEP_VIEWS[view as keyof typeof STEP_VIEWS]) : null;
  const head = el && !el.hidden ? el.querySelector<HTMLElement>(':scope > h2, :scope > summary') : null;
  if (!el || !head) return 0;
  return head.getBoundingClientRect().bottom - el.getBoundingClientRect().top + parseFloat(getComputedStyle(el).marginTop) + REVEAL_MARGIN;
}

/** An element's height with its margins (the stage is a flex column: margins do not collapse). */
function outerHeight(el: HTMLElement): number {
  const cs = getComputedStyle(el);
  return el.offsetHeight + parseFloat(cs.marginTop) + parseFloat(cs.marginBottom);
}

/** The least size a kernel cell is shown at, in CSS pixels: room for its name (w₂₂) at a readable size. */
const KERNEL_MIN_CELL = 24;
/**
 * A 1-D layer's kernel, which the box's height has room for: a cell whose names (w₂) print at
 * ≥ 11 px, the page's least figure text (figure-text, legible48). A 24-unit cell's names are 10
 * units (grid-view.ts drawNumbers), and the picture's size is floored to whole pixels: at
 * KERNEL_MIN_CELL's 24 px they printed at 10.6 px on a phone.
 */
const LINE_KERNEL_MIN_CELL = 27;

/**
 * The grids in a row, or input-left / kernel-over-output when that gives larger cells. Each caption
 * is first given one line; on a wide screen, where the box has a fixed height, captions that wrap
 * (several channels: "Input with inserted zeros and padding 16×16 → 35×35 · channel 0" ran to
 * three lines at 1280×800) are measured and the grids fitted again, so the views never grow past
 * the box and spill over the View row above it.
 */
function scaleGrids(views: Views, W: number, H: number, phone: boolean): void {
  const panels = [views.grid, views.kernel, views.output];
  const [[gw, gh], [kw, kh], [ow, oh]] = panels.map((v) => [Number(v.svg.getAttribute('width')) || 1, Number(v.svg.getAttribute('height')) || 1]);
  const gap = 20;
  // Width the captions take past their pictures (see below), left out of the room the grids fit.
  let less = 0;
  const line = isLine(store.state);
  const fit = ([capG, capK, capO]: number[]) => {
    const row = Math.min((W - less - 2 * gap) / (gw + kw + ow), (H - Math.max(capG, capK, capO)) / Math.max(gh, kh, oh));
    const ell = Math.min((W - less - gap) / (gw + Math.max(kw, ow)), (H - capG) / gh, (H - capK - capO - 6) / (kh + oh));
    // A 1-D layer (line-layer.ts isLine) is three rows one cell high: side by side, or in the L,
    // their lengths share the box's width and leave its height empty (a transposed one's 19-cell
    // row of inserted zeros beside its 17-cell output drew 14 px cells, the kernel's w₂ w₁ w₀ 7 px
    // high, in a 572 × 200 box). They are stacked, each as wide as the box, where that gives larger
    // cells. A 2-D layer is never stacked: its figures stay as they were.
    const stack = line ? Math.min((W - less) / Math.max(gw, kw, ow), (H - capG - capK - capO - 12) / (gh + kh + oh)) : 0;
    const useStack = stack > Math.max(row, ell) * 1.05;
    const useEll = !useStack && ell > row * 1.05;
    // Cells no larger than ~88 px: a 1×1 output should not fill the screen.
    const f = Math.max(0.3, Math.min(useStack ? stack : useEll ? ell : row, 88 / Math.max(1, views.grid.cell)));
    byId('views').classList.toggle('ell', useEll);
    byId('views').classList.toggle('stack', useStack);
    // The kernel's cells name its weights (views.ts kernelLabelOf): on a phone, not shown smaller
    // than KERNEL_MIN_CELL while the kernel takes at most a quarter of the room's width, or a
    // transposed layer drew w₂₂ … w₀₀ 6 px high beside its large grid (review 52). A 7×7 kernel
    // cannot have that much: it stays at the grids' scale, or its quarter. A wider screen's box has
    // a fixed height, which a larger kernel over the output overran (review34-captions): there the
    // kernel keeps the grids' scale. A 1-D layer's kernel is one cell high, over the box's empty
    // height: it has the phone's least size on any screen (its names ≥ 11 px, figure-text's rule).
    const fk = phone || line ? Math.max(f, Math.min((line ? LINE_KERNEL_MIN_CELL : KERNEL_MIN_CELL) / Math.max(1, views.kernel.cell), (W - less) / 4 / kw)) : f;
    panels.forEach((v, i) => {
      const [w, h] = [[gw, gh], [kw, kh], [ow, oh]][i];
      const s = v === views.kernel ? fk : f;
      v.svg.style.width = `${Math.floor(w * s)}px`;
      v.svg.style.height = `${Math.floor(h * s)}px`;
    });
  };
  fit([24, 24, 24]);
  // The pictures keep the size fitted here (style.css: a panel's picture is not squeezed by its
  // column). A caption's longest word wider than its picture ("(flipped)" over a narrow kernel)
  // widens its column, and the row may then run past the box: that much is taken from the room
  // and the grids are fitted again (a caption may wrap anew, the other layout may fit better).
  for (let round = 0; round < 3; round++) {
    const box = byId('views').getBoundingClientRect();
    const placed = panels.map((v) => v.svg.closest('.panel')!.getBoundingClientRect()).filter((r) => r.width > 0);
    const over = Math.max(...placed.map((r) => r.right)) - Math.min(...placed.map((r) => r.left)) - box.width;
    if (!(over > 0.5)) break;
    less += Math.ceil(over);
    fit([24, 24, 24]);
  }
  if (phone) return;
  // A narrower panel may wrap its caption once more: a few rounds, each with the heights measured.
  const captions = ['cap-grid', 'cap-kernel', 'cap-output'].map((id) => byId(id));
  const tall = () => byId('views').getBoundingClientRect().height > H;
  for (let round = 0; round < 3 && tall(); round++) fit(captions.map((c) => Math.ceil(c.getBoundingClientRect().height) + 4));
  // Grids bound by the box's width (or by the cells' cap) leave some of its height over, and the
  // box centred them in it: at 1400×1000 the default figure had ~95 px empty between the player
  // and the grids and as much between them and the step sentence. The box closes up on the grids,
  // so the picture sits under its controls, its sentence under it, and the room over goes below.
  const drawn = Math.ceil(byId('views').getBoundingClientRect().height);
  byId('figure-box').style.height = `${Math.min(H, drawn)}px`;
}

/** The phone layout (style.css's max-width: 720px): the page scrolls, not the stage. */
function isPhone(): boolean {
  return typeof matchMedia !== 'undefined' && matchMedia('(max-width: 720px)').matches;
}

/** Scrolls as the reader asked: at once under prefers-reduced-motion, smoothly otherwise. */
function scrollBehavior(): ScrollBehavior {
  return typeof matchMedia !== 'undefined' && matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
}

const STEP_VIEWS = { pair: 'pair-panel', dilation: 'dilation-view' } as const;

/**
 * A tour step was opened (`view`: the tutorial view it opens). On a wide screen the stage scrolls
 * by itself, and a step's view lay a scroll below the figure, where the reader never saw it (step
 * 11's d = 1 vs d = 2, step 8's linked pair "under the figure"): the view now comes right under the
 * step sentence (style.css) and the stage scrolls towards it, but never past the figure's top: the
 * figure fills the stage, so scrolling until the view was whole in sight hid the figure the step
 * compares it with (step 8 showed the pair alone under "compare the figure's Cᵀ(Cx) with x in the
 * pair below", step 11 cut off the output plane). The view's heading then shows under the figure,
 * the rest a scroll (or the card's button) away; a step without a view shows the stage from its
 * top. On a phone the page
 * scrolls: a step opened from the card below the figure left the player bar half above the
 * screen, so the page is scrolled back until the whole bar shows, and the header above it is
 * shown whole or not at all. The side column shows the tab
 * the step opened (side-tabs.ts revealSideTab).
 */
export function revealStep(view: 'pair' | 'dilation' | undefined): void {
  const behavior = scrollBehavior();
  // The side column's tab (the matrix a step opens), measured once this draw has set its caption.
  requestAnimationFrame(() => revealSideTab(behavior));
  const stage = byId('stage');
  const phone = isPhone();
  if (phone) {
    const player = stage.querySelector<HTMLElement>('.player');
    const top = player && player.offsetParent ? player.getBoundingClientRect().top : 0;
    // The page header is then either whole on the screen or wholly above it: a reader who had
    // scrolled a little to reach Next saw a strip of it cut off over the new step. The nearer
    // of the two, so the page moves least.
    const header = document.querySelector('header.top')?.getBoundingClientRect();
    if (top < 0) window.scrollBy({ top: top - 6, behavior });
    else if (header && header.top < 0 && header.bottom > 0) window.scrollBy({ top: header.bottom < header.height / 2 ? header.bottom : header.top, behavior });
    return;
  }
  const el = view ? document.getElementById(STEP_VIEWS[view]) : null;
  if (!el || el.hidden || stage.scrollHeight <= stage.clientHeight) {
    if (stage.scrollTop > 0) stage.scrollTo({ top: 0, behavior });
    return;
  }
  // Room under the view for the "more below" cue, which would otherwise cover its last line.
  const margin = REVEAL_MARGIN, cueRoom = 50;
  // Where an element starts in the stage's scrolled content.
  const offset = (e: HTMLElement) => e.getBoundingClientRect().top - stage.getBoundingClientRect().top - stage.clientTop + stage.scrollTop;
  const top = offset(el);
  const tall = el.offsetHeight + 2 * margin + cueRoom > stage.clientHeight;
  const target = tall ? top - margin : top + el.offsetHeight + margin + cueRoom - stage.clientHeight;
  // The player bar above the figure stays in sight: scrolled to the figure's top it went 84 px
  // above the stage at 1400×1000 (review R1). The figure leaves the view's heading room under the
  // sentence instead (viewHeadRoom), and the rest of the view is a scroll or the cue away.
  const player = stage.querySelector<HTMLElement>('.player');
  const figure = stage.querySelector<HTMLElement>('[data-stage]');
  const keep = player && !player.hidden && player.offsetParent ? player : figure;
  stage.scrollTo({ top: Math.max(0, Math.min(target, keep ? offset(keep) : 0)), behavior });
}

/** The room kept above and below a step's view where the stage scrolls to it. */
const REVEAL_MARGIN = 10;

/**
 * The stage's "more below" cue: the stage scrolls by itself (a window of ~700 px over ~1400–1800)
 * and nothing said so. A button where the figure's lines end names the part after it (by that
 * part's own heading, in the page's language) and scrolls to it. The figure leaves room for it
 * (measureFigureBox), so it is in sight at the stage's top even when the figure fills the stage
 * (headless Chromium draws no scrollbar, and the cue was then the one sign of more, below the
 * fold); kept in the flow, it never lies over a line of text, as one pinned to the edge would.
 */
export function mountStageCue(): () => void {
  const stage = byId('stage');
  const cue = document.createElement('button');
  cue.type = 'button';
  cue.id = 'stage-more';
  cue.className = 'stage-more';
  const arrow = document.createElement('span');
  arrow.setAttribute('aria-hidden', 'true');
  arrow.textContent = '↓ ';
  const label = document.createElement('span');
  cue.append(arrow, label);
  const headingOf = (el: HTMLElement): string =>
    (el.querySelector(':scope > h2, :scope > summary')?.textContent ?? '').trim();
  // In the flow, where the figure's own lines end and the titled parts begin: a button kept over
  // the stage's bottom edge lay across the step sentence whenever the figure filled the stage.
  const titled = (c: Element): c is HTMLElement => c instanceof HTMLElement && headingOf(c) !== '';
  const kids = Array.from(stage.children);
  const sentence = kids.indexOf(byId('step-text')); // the player above it has a heading of its own
  stage.insertBefore(cue, kids.slice(sentence + 1).find(titled) ?? null);
  let target: HTMLElement | null = null;
  const update = (): void => {
    const phone = isPhone();
    target = null;
    if (!phone) {
      // The first titled part after the cue as drawn (a step's own view is ordered before it).
      // Where the cue is does not depend on the scroll, so neither does whether it shows: it
      // never appears or goes while the reader scrolls past it.
      setHidden(cue, false);
      refitToRoom();
      const from = cue.getBoundingClientRect().top;
      const parts = Array.from(stage.children).filter((c): c is HTMLElement => titled(c) && !c.hidden && c.offsetHeight > 0);
      target = parts
        .filter((c) => c.getBoundingClientRect().top > from)
        .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)[0] ?? null;
    }
    setHidden(cue, target === null);
    if (target) setText(label, headingOf(target));
  };
  cue.addEventListener('click', () => {
    if (!target) return;
    const top = target.getBoundingClientRect().top - stage.getBoundingClientRect().top - stage.clientTop + stage.scrollTop - 10;
    stage.scrollTo({ top: Math.max(0, top), behavior: scrollBehavior() });
  });
  let queued = false;
  const later = (): void => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; update(); });
  };
  window.addEventListener('resize', later);
  return later;
}

/**
 * On a phone in the tour the step sentence keeps two lines (style.css), so the card under it stays
 * put; a longer sentence (tour step 8 with its values: "… Values: 0·9 + …") is cut there, and a
 * "more ▾" tab at the end of its second line (style.css, data-clamped) says a tap opens it whole;
 * opened, it ends in "less ▴", which closes it. Screen readers read it whole either way.
 */
export function mountStepSentence(): void {
  const p = byId('step-text');
  let queued = false;
  const mark = (): void => {
    queued = false;
    const open = p.hasAttribute('data-open');
    // Measured only while cut (a closed sentence that overflows its two lines); an opened one was.
    const cut = !open && p.textContent !== '' && p.scrollHeight > p.clientHeight + 1;
    p.toggleAttribute('data-clamped', cut);
    const word = open ? t(store.state.lang, 'stepTextLess') : cut ? t(store.state.lang, 'stepTextMore') : null;
    if (word === null) p.removeAttribute('data-more');
    else if (p.getAttribute('data-more') !== word) p.setAttribute('data-more', word);
  };
  const later = (): void => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(mark);
  };
  // The sentence changes with each step of the animation and with the language; the lines it takes with the width.
  new MutationObserver(later).observe(p, { childList: true, characterData: true, subtree: true });
  window.addEventListener('resize', later);
  p.addEventListener('click', () => {
    const open = p.hasAttribute('data-open');
    if (!open && p.scrollHeight <= p.clientHeight + 1) return;
    p.toggleAttribute('data-open', !open);
    mark();
  });
  later();
}
