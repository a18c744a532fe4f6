/**
 * The animation: play / pause (looping), stepping by hand, the scrub bar, the page's keys, and the
 * cells the reader points at. Stepping by hand stops the animation.
 */
import { byId, input, select } from './dom-write.js';
import { t } from './i18n.js';
import type { MessageKey } from './i18n.js';
import { figureAnimates } from './stage-fit.js';
import { frameTotal, store } from './store.js';
import { pushUrl } from './url-sync.js';
import type { Panel, Views } from './views.js';

let timer: number | undefined;

/** The buttons that play or step the animation, where the arrow keys step it too. */
const PLAYER_BUTTONS = ['btn-first', 'btn-back', 'btn-play', 'btn-forward', 'btn-last', 'matrix-back', 'matrix-forward'];

/** Moves to step `f` (wrapping); announced to screen readers unless playing. */
export function setFrame(f: number, announce = true): void {
  if (!store.scene) return;
  byId('step-text').setAttribute('aria-live', announce && !store.playing ? 'polite' : 'off');
  store.showStep(f);
  if (!store.playing) pushUrl(true);
}

/** Starts or stops the animation; `remember`: a stop writes the step into the URL. */
export function setPlaying(on: boolean, remember = true): void {
  // A still figure has nothing to play: the timer would only move a step nobody sees.
  if (on && !figureAnimates()) on = false;
  const was = store.playing;
  store.playing = on;
  window.clearInterval(timer);
  const btn = byId('btn-play');
  byId('play-icon').dataset.state = on ? 'pause' : 'play';
  const key: MessageKey = on ? 'pause' : 'play';
  const txt = byId('play-text');
  txt.dataset.i18n = key;
  txt.textContent = t(store.state.lang, key);
  btn.setAttribute('aria-pressed', String(on));
  if (on) {
    const speed = Number(select('speed').value) || 1;
    timer = window.setInterval(() => {
      if (!figureAnimates()) setPlaying(false, false);
      else setFrame(store.frame + 1, false);
    }, 1000 / (2 * speed));
  } else {
    byId('step-text').setAttribute('aria-live', 'polite');
    if (was && remember) pushUrl(true);
  }
}

export function bindPlayer(views: Views): void {
  byId('btn-play').addEventListener('click', () => setPlaying(!store.playing));
  // Stepping by hand stops the animation (it would move on under the reader's eyes).
  const manual = (f: number) => {
    if (store.playing) setPlaying(false);
    setFrame(f);
  };
  const last = () => store.scene && manual(frameTotal(store.scene) - 1);
  byId('btn-forward').addEventListener('click', () => manual(store.frame + 1));
  byId('btn-back').addEventListener('click', () => manual(store.frame - 1));
  byId('matrix-forward').addEventListener('click', () => manual(store.frame + 1));
  byId('matrix-back').addEventListener('click', () => manual(store.frame - 1));
  byId('btn-first').addEventListener('click', () => manual(0));
  byId('btn-last').addEventListener('click', last);
  input('scrub').addEventListener('input', () => manual(Number(input('scrub').value)));
  select('speed').addEventListener('change', () => { if (store.playing) setPlaying(true); });
  document.addEventListener('keydown', (e) => {
    const tgt = e.target as HTMLElement | null;
    const tag = tgt?.tagName?.toLowerCase() ?? '';
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    // On the player's own buttons (⏮ ◀ Play ▶ ⏭, and the matrix's ◀ ▶) the arrows, Home and End
    // step as the key help says; Space and Enter stay the button's press.
    const stepKey = ['ArrowRight', 'ArrowLeft', 'Home', 'End'].includes(e.key);
    const playerButton = tag === 'button' && tgt !== null && PLAYER_BUTTONS.includes(tgt.id);
    if (!(playerButton && stepKey) && (['input', 'select', 'textarea', 'button'].includes(tag) || tgt?.getAttribute('role') === 'application')) return;
    if (e.key === ' ') { e.preventDefault(); setPlaying(!store.playing); }
    else if (e.key === 'ArrowRight') { e.preventDefault(); manual(store.frame + 1); }
    else if (e.key === 'ArrowLeft') { e.preventDefault(); manual(store.frame - 1); }
    else if (e.key === 'Home') { e.preventDefault(); manual(0); }
    else if (e.key === 'End' && store.scene) { e.preventDefault(); last(); }
  });
  const track = (panel: Panel) => (cell: number | null) => {
    store.hover = cell === null ? null : { panel, cell };
    const s = store.scene;
    // Focusing an output cell (direct view) or an input cell (scatter) also moves the animation there.
    if (cell !== null && s && ((panel === 'output' && !s.scatter) || (panel === 'grid' && s.scatter))) store.frame = cell;
    store.repaint();
  };
  views.grid.onCell(track('grid'));
  views.kernel.onCell(track('kernel'));
  views.output.onCell(track('output'));
}
