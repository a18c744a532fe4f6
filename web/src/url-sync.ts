/** The settings ⇄ the address bar: read at load and on back/forward, written on every change. */
import { byId } from './dom-write.js';
import { t } from './i18n.js';
import { preferredBase } from './prefs.js';
import { parseQuery, toQuery } from './state.js';
import type { SideTabName, State } from './state.js';
import { store } from './store.js';
import { onTabShown } from './side-tabs.js';
import { urlProblemsText } from './url-hints.js';
import { stepState } from './tour/tour.js';
import { TOUR } from './tour/steps.js';

/**
 * The side tab the page opens by itself: the tour step's own (a step may open the matrix), or
 * Formula. A link names another tab with `tab=`; this one it leaves out.
 */
export function pageTab(s: Pick<State, 'tour'>): SideTabName {
  return (s.tour > 0 ? TOUR[s.tour - 1]?.tab : undefined) ?? 'formula';
}

/** Writes the settings and the step into the URL: a new history entry, or (`replace`) the current one. */
export function pushUrl(replace: boolean): void {
  const q = `?${toQuery({ ...store.state, frame: store.frame }, pageTab(store.state))}`;
  if (q === location.search) return;
  if (replace) history.replaceState(null, '', q);
  else history.pushState(null, '', q);
}

/** Reads the URL into the store; values it ignores are listed in the notice. */
export function loadUrl(): void {
  let { state: s, problems } = parseQuery(location.search, preferredBase());
  if (s.tour > TOUR.length) {
    problems.push({ key: 'tour', value: String(s.tour) });
    s.tour = 0;
  }
  // A tour link opens the step's configuration, its side tab included; anything else the link says
  // applies on top of it.
  if (s.tour > 0) s = parseQuery(location.search, { ...stepState(s.tour, s), tab: pageTab(s) }).state;
  store.state = s;
  store.frame = s.frame;
  store.urlProblems = problems;
  const box = byId('url-problems');
  if (problems.length > 0) {
    box.hidden = false;
    // Chinese sets no space after its full-width colon.
    box.textContent = `${t(s.lang, 'urlProblem')}${s.lang === 'zh' ? '' : ' '}${urlProblemsText(problems, s.lang, TOUR.length)}`;
  } else {
    box.hidden = true;
    box.textContent = '';
  }
}

/**
 * Every reader's change becomes a history entry; a change continued (one field's typing) updates its
 * own. Opening a side tab replaces the current entry (Back does not walk through the tabs looked
 * at), so a link copied after it opens that tab.
 */
export function bindUrl(): void {
  onTabShown((tab) => {
    store.state.tab = tab;
    pushUrl(true);
  });
  let last: string | null = null;
  store.subscribe('commit', () => {
    const key = store.commitKey;
    pushUrl(key !== null && key === last);
    last = key;
  });
}
