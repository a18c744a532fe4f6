/**
 * The image mode: the playground's current layer on real pictures. It owns the picture (built-in
 * or the reader's file, RGB or grey) and the padding mode, and hands them, with the playground's
 * state, to its four parts: the layer on the picture (layer-view.ts), the receptive field of
 * stacked dilated layers (field-view.ts), upsampling (upsample-view.ts) and learning a kernel
 * (learn-view.ts). The host calls `setState` with every state change and `setVisible` when the
 * reader opens or leaves the mode; nothing is computed while it is hidden.
 */
import { fastEngineReady } from '../../../src/engine/wasm/api.js';
import type { ConvError } from '../../../src/geometry/errors.js';
import type { PaddingMode } from '../../../src/geometry/types.js';
import { h } from '../dom.js';
import type { Lang, State } from '../state.js';
import { isLine } from '../line-layer.js';
import { BUILTINS, builtin } from './builtins.js';
import type { BuiltinName } from './builtins.js';
import { FieldView } from './field-view.js';
import { it } from './image-text.js';
import type { ImageKey } from './image-text.js';
import { LayerView } from './layer-view.js';
import { LearnView } from './learn-view.js';
import { toGrey } from './picture.js';
import type { Picture } from './picture.js';
import { PictureFileError, readPictureFile } from './picture-file.js';
import { UpsampleView } from './upsample-view.js';
import './image.css';

export type PictureChoice = BuiltinName | 'own';
export type Colour = 'rgb' | 'grey';
const MODES: readonly PaddingMode[] = ['zeros', 'reflect', 'replicate', 'circular'];
/** How long the studies wait for a layer that neither draws nor is refused. */
const STUDIES_FALLBACK_MS = 1000;

/** The image mode's own settings (kept in the URL by the host: img, col, pm, ik, lt). */
export interface ImageSettings {
  picture: PictureChoice;
  colour: Colour;
  paddingMode: PaddingMode;
  /** The layer's kernel as kernel-spec.ts writes it ('' = the default preset). */
  kernel: string;
  /** The learning study's target kernel, written the same way ('' = Sobel x). */
  learnTarget: string;
}

export const DEFAULT_IMAGE_SETTINGS: ImageSettings = { picture: 'card', colour: 'rgb', paddingMode: 'zeros', kernel: '', learnTarget: '' };

const FILE_MESSAGES: Record<PictureFileError['problem'], ImageKey> = {
  empty: 'fileEmpty',
  tooLarge: 'fileTooLarge',
  notImage: 'fileNotImage',
  undecodable: 'fileUndecodable',
};

export class ImageMode {
  readonly root: HTMLElement;
  /**
   * The studies after the layer's own pictures (stacked dilations, upsampling, learning), in a
   * panel of their own: on a phone the layer controls come between the two panels, right under
   * the pictures they change, instead of after some 5000 px of studies (image.css).
   */
  readonly more: HTMLElement;
  private readonly layer = new LayerView();
  private readonly field = new FieldView();
  private readonly upsample = new UpsampleView();
  private readonly learn = new LearnView();
  /** The picture the studies are to take (studiesAfterLayer). */
  private studyPicture: Picture | null = null;
  private studiesTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly title = h('h2', { id: 'image-title' });
  private readonly intro = h('p', { class: 'image-intro' });
  /**
   * Said while the layer is 1-D (line-layer.ts isLine): the picture is 2-D and the kernel one row, so
   * the page says along which axis the layer runs (the stage's note says it is drawn as one row).
   */
  private readonly lineNote = h('p', { class: 'hint image-line-note', 'data-image-line-note': '', hidden: '' });
  private readonly pictureLabel = h('span');
  private readonly pictureMenu = h('select', { id: 'image-picture' });
  private readonly fileButton = h('label', { class: 'file-button' });
  private readonly fileText = h('span');
  private readonly file = h('input', { type: 'file', id: 'image-file', accept: 'image/*', class: 'sr' });
  private readonly fileNote = h('p', { class: 'hint', 'data-image-file-note': '' });
  // Not a .field-error: the page clears those on every state change (errors-display.ts), and this
  // one stays until another file is chosen.
  private readonly fileError = h('p', { class: 'image-file-error', role: 'alert', 'data-image-file-error': '' });
  /** What the file picker last said (a refusal, or the scaled size): said again in a new language. */
  private fileSaid: { key: ImageKey; vars: Record<string, string | number>; error: boolean } | null = null;
  private readonly colourLabel = h('span');
  private readonly colourMenu = h('select', { id: 'image-colour' });
  private readonly padLabel = h('span');
  private readonly padMenu = h('select', { id: 'image-padding-mode' });
  private lang: Lang = 'en';
  private settings: ImageSettings = { ...DEFAULT_IMAGE_SETTINGS };
  private own: Picture | null = null;
  private visible = false;
  private state: State | null = null;
  private started = false;
  private fromState: ImageSettings | null = null;

  /**
   * `onSettings`: the reader changed the picture, colour or padding mode. `onKernel`: the reader
   * changed the layer's kernel, or the learning study's target (`which`; every keystroke in a cell:
   * the host keeps it without a history entry each).
   */
  constructor(private readonly onSettings: (s: ImageSettings) => void = () => {}, private readonly onKernel: (spec: string, which: 'kernel' | 'learnTarget') => void = () => {}) {
    this.root = h('section', { id: 'image-mode', class: 'image-mode', 'aria-labelledby': 'image-title', 'data-image-mode': '' });
    // The reader's kernel goes into the link, as the picture, colour and padding mode do.
    this.layer.onKernel = (kernel) => {
      if (kernel === this.settings.kernel) return;
      this.settings = { ...this.settings, kernel };
      this.onKernel(kernel, 'kernel');
    };
    this.learn.onTarget = (learnTarget) => {
      this.settings = { ...this.settings, learnTarget };
      this.onKernel(learnTarget, 'learnTarget');
    };
    const source = h('div', { class: 'image-source' });
    const pl = h('label', { class: 'row' });
    pl.append(this.pictureLabel, this.pictureMenu);
    this.fileButton.append(this.fileText, this.file);
    const cl = h('label', { class: 'row' });
    cl.append(this.colourLabel, this.colourMenu);
    const ml = h('label', { class: 'row' });
    ml.append(this.padLabel, this.padMenu);
    source.append(pl, this.fileButton, cl, ml);
    this.root.append(this.title, this.intro, this.lineNote, source, this.fileNote, this.fileError, this.layer.root);
    this.more = h('div', { class: 'image-mode image-more', 'data-image-more': '' });
    this.more.append(this.field.root, this.upsample.root, this.learn.root);
    this.root.hidden = this.more.hidden = true;
    this.pictureMenu.addEventListener('change', () => {
      const v = this.pictureMenu.value as PictureChoice;
      if (v === 'own' && !this.own) {
        this.file.click();
        this.pictureMenu.value = this.settings.picture;
        return;
      }
      this.change({ picture: v });
    });
    this.colourMenu.addEventListener('change', () => this.change({ colour: this.colourMenu.value as Colour }));
    this.padMenu.addEventListener('change', () => this.change({ paddingMode: this.padMenu.value as PaddingMode }));
    this.file.addEventListener('change', () => {
      const f = this.file.files?.[0];
      if (f) void this.openFile(f);
      this.file.value = '';
    });
  }

  /** Applies settings from the host (e.g. the URL) without echoing them back. */
  setSettings(s: ImageSettings): void {
    const picture = s.picture === 'own' && !this.own ? DEFAULT_IMAGE_SETTINGS.picture : s.picture;
    const next = { ...s, picture };
    const changedPicture = next.picture !== this.settings.picture || next.colour !== this.settings.colour;
    const changedMode = next.paddingMode !== this.settings.paddingMode;
    this.settings = next;
    this.writeControls();
    this.layer.setKernelSpec(next.kernel);
    this.learn.setTargetSpec(next.learnTarget);
    if (!this.started) return;
    if (changedPicture) this.showPicture();
    if (changedMode) {
      this.layer.setPaddingMode(next.paddingMode);
      this.field.setPaddingMode(next.paddingMode);
    }
  }

  get current(): ImageSettings {
    return { ...this.settings };
  }

  setState(s: State): void {
    this.state = s;
    // The URL's picture, colour, padding mode and kernel; the reader's own file stays until another
    // picture is chosen (it is never in the URL).
    const from: ImageSettings = { picture: s.picture, colour: s.colour, paddingMode: s.paddingMode, kernel: s.imageKernel, learnTarget: s.learnTarget };
    const last = this.fromState;
    if (!last || last.picture !== from.picture || last.colour !== from.colour || last.paddingMode !== from.paddingMode || last.kernel !== from.kernel || last.learnTarget !== from.learnTarget) {
      this.fromState = from;
      const keepOwn = this.settings.picture === 'own' && last?.picture === from.picture;
      this.setSettings({ ...from, picture: keepOwn ? 'own' : from.picture });
    }
    if (s.lang !== this.lang || !this.title.textContent) this.setLang(s.lang);
    this.lineNote.hidden = !isLine(s);
    if (this.visible) this.showLayer(s);
  }

  /** Called with the picture's refusal of the layer ('' and null when it runs). */
  set onRefusal(f: (text: string, error: ConvError | null) => void) {
    this.layer.onRefusal = f;
  }

  /** Whether the layer form holds a value it rejected (see LayerView.setFormInvalid). */
  setFormInvalid(on: boolean): void {
    this.layer.setFormInvalid(on);
  }

  /** The playground's layer on the picture, and the stacks of the field view built from it. */
  private showLayer(s: State): void {
    this.field.setLayer(s);
    this.layer.setState(s);
  }

  setVisible(on: boolean): void {
    const was = this.visible;
    this.visible = on;
    this.root.hidden = this.more.hidden = !on;
    if (!on) {
      this.learn.stop();
      return;
    }
    if (!this.started) {
      this.started = true;
      // The fast engine compiles its kernels once (asynchronously in a browser); the first picture
      // waits for it rather than running on the reference engine. If it cannot load, the library
      // falls back to the reference engine by itself (same numbers, slower).
      const ready = fastEngineReady().catch(() => {});
      // The built-in picture is drawn meanwhile: the kernels compile off this thread.
      this.basePicture();
      void ready
        .then(() => {
          this.layer.setPaddingMode(this.settings.paddingMode);
          this.field.setPaddingMode(this.settings.paddingMode);
          if (this.state) this.showLayer(this.state);
          this.showPicture();
        });
    } else if (!was && this.state) this.showLayer(this.state);
  }

  /** For the benchmark (bench/image-mode.ts): see LayerView.benchBare. */
  benchBare(n: number, sync: boolean, reuse = false): Promise<number[]> {
    return this.layer.benchBare(n, sync, reuse);
  }

  private change(patch: Partial<ImageSettings>): void {
    this.setSettings({ ...this.settings, ...patch });
    this.onSettings(this.current);
  }

  /** The picture chosen, in its own colours. */
  private basePicture(): Picture {
    return this.settings.picture === 'own' && this.own ? this.own : builtin(this.settings.picture === 'own' ? 'card' : this.settings.picture);
  }

  private picture(): Picture {
    return this.inColour(this.basePicture());
  }

  private inColour(p: Picture): Picture {
    return this.settings.colour === 'grey' ? toGrey(p) : p;
  }

  private showPicture(): void {
    const p = this.picture();
    this.studiesAfterLayer(p);
    this.layer.setPicture(p);
    this.root.dataset.picture = this.settings.picture;
    this.root.dataset.size = `${p.width}x${p.height}x${p.channels}`;
  }

  /**
   * The studies below the layer take a new picture once the layer's own output is drawn (or the
   * layer is refused), after the next frame so that output is painted first: their set-up would
   * otherwise hold it back. A layer the form holds back never settles, hence the timer.
   * `data-studies` says "pending" until they have it.
   */
  private studiesAfterLayer(p: Picture): void {
    this.studyPicture = p;
    this.root.dataset.studies = 'pending';
    clearTimeout(this.studiesTimer);
    const start = () => {
      clearTimeout(this.studiesTimer);
      this.layer.onSettled = () => {};
      requestAnimationFrame(() => setTimeout(() => this.startStudies(p), 0));
    };
    this.layer.onSettled = start;
    this.studiesTimer = setTimeout(start, STUDIES_FALLBACK_MS);
  }

  private startStudies(p: Picture): void {
    if (this.studyPicture !== p) return; // a newer picture is on its way
    this.field.setPicture(p);
    // The test card's own checkerboards would hide one a transposed layer paints: on the card the
    // upsampling study runs on the smooth landscape instead (and says so); any other picture as it is.
    const onCard = this.basePicture() === builtin('card');
    this.upsample.setPicture(onCard ? this.inColour(builtin('scene')) : p, onCard);
    this.learn.setPicture(p);
    this.root.dataset.studies = 'ready';
  }

  private async openFile(f: File): Promise<void> {
    this.fileSaid = null;
    this.sayFile();
    try {
      const { picture, original } = await readPictureFile(f);
      this.own = picture;
      this.fileSaid = picture.width !== original.width || picture.height !== original.height ? { key: 'fileScaled', vars: { w: original.width, h: original.height, sw: picture.width, sh: picture.height }, error: false } : null;
      this.sayFile();
      this.settings.picture = 'own';
      this.writeControls();
      this.showPicture();
      this.onSettings(this.current);
    } catch (e) {
      if (!(e instanceof PictureFileError)) throw e;
      this.fileSaid = { key: FILE_MESSAGES[e.problem], vars: { d: e.detail, t: e.type }, error: true };
      this.sayFile();
    }
  }

  private sayFile(): void {
    const s = this.fileSaid;
    this.fileError.textContent = s?.error ? it(this.lang, s.key, s.vars) : '';
    this.fileNote.textContent = s && !s.error ? it(this.lang, s.key, s.vars) : it(this.lang, 'fileNote');
  }

  private writeControls(): void {
    this.pictureMenu.value = this.settings.picture;
    this.colourMenu.value = this.settings.colour;
    this.padMenu.value = this.settings.paddingMode;
  }

  private setLang(lang: Lang): void {
    this.lang = lang;
    this.title.textContent = it(lang, 'title');
    this.intro.textContent = it(lang, 'intro');
    this.lineNote.textContent = it(lang, 'lineNote');
    this.pictureLabel.textContent = it(lang, 'picture');
    this.pictureMenu.replaceChildren(...[...BUILTINS, 'own' as const].map((p) => h('option', { value: p }, it(lang, p))));
    this.fileText.textContent = it(lang, 'file');
    this.sayFile();
    this.colourLabel.textContent = it(lang, 'colour');
    this.colourMenu.replaceChildren(h('option', { value: 'rgb' }, it(lang, 'rgb')), h('option', { value: 'grey' }, it(lang, 'grey')));
    this.padLabel.textContent = it(lang, 'paddingMode');
    this.padMenu.replaceChildren(...MODES.map((m) => h('option', { value: m }, it(lang, m))));
    this.writeControls();
    this.layer.setLang(lang);
    this.field.setLang(lang);
    this.upsample.setLang(lang);
    this.learn.setLang(lang);
  }
}
