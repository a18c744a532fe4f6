/**
 * The image mode in the page: a view of the same page (the layer controls stay, the stage and the
 * side panels give way to the pictures), opened by the header's Pictures toggle or `view=image`,
 * reading the store's layer settings on every change. Its own settings (picture, colour, padding
 * mode) are the store's too, so a link reproduces them. Its code (and its CSS) is loaded the first
 * time it is opened, so the grids' page loads no more than before.
 */
import type { ConvError } from '../../../src/geometry/errors.js';
import { errorSlot } from '../errors-display.js';
import { controlFor } from '../layer.js';
import { store } from '../store.js';
import { pushUrl } from '../url-sync.js';
import { setPlaying } from '../player.js';
import { t } from '../i18n.js';
import { openPage } from '../state.js';
import { it } from './image-text.js';
import type { ImageMode } from './image-mode.js';

/**
 * The form's message slot for the field a refusal is about. A padding mode other than zeros is the
 * picture panel's own setting; the form's side of that refusal is the Transposed box.
 */
function refusalSlot(e: ConvError): HTMLElement | null {
  return errorSlot(e.code === 'PADDING_MODE' ? 'transposed' : controlFor(e, store.state));
}

export function mountImageMode(layout: HTMLElement, button: HTMLButtonElement): void {
  let loading: Promise<ImageMode> | null = null;
  const load = () =>
    (loading ??= import('./image-mode.js').then(({ ImageMode }) => {
      const mode = new ImageMode((set) => {
        store.commit((s) => {
          if (set.picture !== 'own') s.picture = set.picture;
          s.colour = set.colour;
          s.paddingMode = set.paddingMode;
        });
      }, (spec, which) => {
        // Kept in the link in place: the layer already runs it, and a keystroke is not a step back.
        if (which === 'kernel') store.state.imageKernel = spec;
        else store.state.learnTarget = spec;
        pushUrl(true);
      });
      mode.root.tabIndex = -1;
      // The picture's refusal again in the layer form, under the fields it is about (the grids'
      // own messages' place, layer.ts `controlFor`): on a phone the form is far below the message
      // over the pictures, and the fields are where the reader fixes it.
      const echo = document.createElement('p');
      echo.className = 'field-error image-refusal';
      echo.setAttribute('role', 'status');
      echo.dataset.imageRefusal = '';
      mode.onRefusal = (text, error) => {
        echo.textContent = text;
        if (error) refusalSlot(error)?.after(echo);
      };
      layout.append(mode.root, mode.more);
      (window as unknown as { convkitImage: unknown }).convkitImage = { benchBare: (n: number, sync: boolean, reuse?: boolean) => mode.benchBare(n, sync, reuse) };
      return mode;
    }));
  const show = (mode: ImageMode) => {
    mode.setState(store.snapshot());
    mode.setFormInvalid(store.fieldErrors.size > 0);
    mode.setVisible(store.state.page === 'image');
  };
  // A field's own message changes nothing in the layer, but the picture is then the last valid one's.
  store.subscribe('errors', () => { if (loading) void load().then((m) => m.setFormInvalid(store.fieldErrors.size > 0)); });
  button.addEventListener('click', () => {
    const opening = store.state.page !== 'image';
    // The grids' animation would only run unseen behind the pictures.
    if (opening) setPlaying(false, false);
    // Opening the pictures from a tour step leaves the tour: its card would vanish with the grids
    // and the form it puts away is the only way to change the layer here (state.ts openPage).
    store.commit((s) => openPage(s, opening ? 'image' : 'grids'));
    if (opening) void load().then((m) => m.root.focus({ preventScroll: true }));
  });
  store.subscribe('layer', () => {
    const s = store.state;
    const on = s.page === 'image';
    document.body.dataset.view = s.page;
    // A toggle button: one label, its state in aria-pressed.
    button.textContent = it(s.lang, 'open');
    button.setAttribute('aria-pressed', String(on));
    // The skip link leads to the view's main content: the animation, or the pictures (the stage
    // is hidden in the image view).
    const skip = document.getElementById('skip-link') as HTMLAnchorElement | null;
    if (skip) {
      skip.href = on ? '#image-mode' : '#stage';
      skip.textContent = on ? it(s.lang, 'title') : t(s.lang, 'player');
    }
    if (on || loading) void load().then(show);
  });
}
