/**
 * The Code tab's line while the settings are not the figure's: a refused layer (a link asking for
 * 'same' padding with stride 2) or a box holding no number leaves the figure on the last valid
 * layer, or on the default one, and the Code tab builds that layer, the figure's, not the one
 * asked for. The code stays (it runs, and matches the figure), dimmed as the figure is
 * (errors-display.ts), and this line says whose layer it is.
 */
import { setHidden, setText } from './dom-write.js';
import { t } from './i18n.js';
import { store } from './store.js';

/** The note's element, put at the top of the Code tab on first use. */
function noteElement(): HTMLElement {
  const found = document.getElementById('code-note');
  if (found) return found;
  const p = document.createElement('p');
  p.id = 'code-note';
  p.className = 'code-note';
  p.hidden = true;
  const panel = document.getElementById('panel-code')!;
  panel.insertBefore(p, panel.querySelector('h3'));
  return p;
}

/**
 * Whose layer the figure shows while it is not the settings' (a refused layer, or a box holding no
 * number): 'default' or 'last' (the last valid one); null while it is the settings' own. One rule
 * for every panel drawn from the figure's layer that says so (this note, notation-view.ts).
 */
export function figureInstead(): 'default' | 'last' | null {
  const { state, stale, fromDefault, fieldErrors } = store;
  const notSet = state.page !== 'image' && store.scene !== null && (stale || fromDefault || fieldErrors.size > 0);
  return notSet ? (fromDefault ? 'default' : 'last') : null;
}

/** Shows or puts away the note, from the store's state (called on every layer and error change). */
export function showCodeNote(): void {
  const el = noteElement();
  const lang = store.state.lang;
  const which = figureInstead();
  setHidden(el, which === null);
  setText(el, which ? t(lang, 'codeNotSet', { which: t(lang, which === 'default' ? 'codeDefaultLayer' : 'codeLastLayer') }) : '');
}
