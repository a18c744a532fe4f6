/**
 * The model panel: choose or drop a model file, see its per-layer table (the library's `summarize`
 * cells, the same as `convkit summary`), choose a conv / transposed / pooling layer to animate it.
 *
 * The file is read in a worker (model-worker.ts) so the page stays responsive whatever the file;
 * a worker that has not answered after WORKER_TIMEOUT_MS is ended and the visitor told so. A
 * refusal shows the library's ConvError message (on the Chinese page after a Chinese headline).
 */
import { hasString, t as libraryT } from '../../src/i18n/index.js';
import '../../src/i18n/summary.js';
import { t } from './i18n.js';
import type { MessageKey } from './i18n.js';
import { errorText, optionsOf } from './layer.js';
import type { ModelReport } from './model-load.js';
import { stateFromLayer } from './model-layer.js';
import type { Note } from './model-layer.js';
import type { WorkerReply, WorkerRequest } from './model-worker.js';
import type { Lang, State } from './state.js';

export const WORKER_TIMEOUT_MS = 20_000;
/**
 * Rows drawn at first, and added per "Show more": a table of a few hundred rows builds without a
 * long task (bench/playground-model.ts); a 100,000-layer graph drawn whole would freeze the page.
 */
export const ROWS_PER_PAGE = 300;

/** The timeout; a test may shorten it by setting `window.convkitModelTimeoutMs` before the page loads. */
function workerTimeout(): number {
  const v = (window as unknown as { convkitModelTimeoutMs?: unknown }).convkitModelTimeoutMs;
  return typeof v === 'number' && v > 0 ? v : WORKER_TIMEOUT_MS;
}

const COLUMNS: MessageKey[] = ['colLayer', 'colOp', 'colInput', 'colOutput', 'colParams', 'colMacs', 'colRf', 'colHoles', 'colJump', 'colRel'];
const NUMERIC = new Set([4, 5]);
const byId = (id: string) => document.getElementById(id) as HTMLElement;

export interface PanelHost {
  lang(): Lang;
  state(): State;
  /** Puts a layer's state into the controls, the URL and the pictures. */
  load(s: State): void;
}

type Message = { key: MessageKey; vars: Record<string, string | number> };

export class ModelPanel {
  private report: ModelReport | null = null;
  private status: Message | null = null;
  private error: { head: Message; detail: { code: string; message: string } | null } | null = null;
  private notes: Note[] = [];
  private selected: string | null = null;
  /** The layer options as loaded (optionsOf), to tell when the visitor has changed the layer since. */
  private loaded: string | null = null;
  private file = '';
  private rowsShown = ROWS_PER_PAGE;
  /** The last file chosen: read again when the input shape changes. */
  private lastFile: File | null = null;
  private lang: Lang;
  private seq = 0;
  private worker: Worker | null = null;
  private timer: number | undefined;

  constructor(private host: PanelHost) {
    this.lang = host.lang();
    const fileInput = byId('model-file') as HTMLInputElement;
    fileInput.addEventListener('change', () => {
      const f = fileInput.files?.[0];
      if (f) this.open(f);
    });
    // A file dropped anywhere on the page is read here (the browser would otherwise leave the page to show it).
    const zone = byId('model-drop');
    document.addEventListener('dragover', (e) => {
      if (e.dataTransfer?.types.includes('Files')) {
        e.preventDefault();
        zone.classList.add('over');
      }
    });
    document.addEventListener('dragleave', (e) => {
      if (e.relatedTarget === null) zone.classList.remove('over');
    });
    document.addEventListener('drop', (e) => {
      const f = e.dataTransfer?.files?.[0];
      zone.classList.remove('over');
      if (!f) return;
      e.preventDefault();
      this.open(f);
    });
    byId('model-table').addEventListener('click', (e) => {
      const b = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-layer]');
      if (b) this.animate(b.dataset.layer!);
      if ((e.target as HTMLElement).closest('#model-more')) {
        this.rowsShown += ROWS_PER_PAGE;
        this.renderTable();
        // Keep the keyboard near where it was: on the new "Show more" button, else the table's box.
        (document.getElementById('model-more') ?? byId('model-table-wrap')).focus();
      }
    });
    byId('model-shape').addEventListener('change', () => {
      if (this.lastFile) this.open(this.lastFile);
    });
    byId('model-back').addEventListener('click', () => this.backToTable());
    byId('goto-model').addEventListener('click', () => {
      byId('model-panel').scrollIntoView({ block: 'start' });
      byId('model-file').focus({ preventScroll: true });
    });
    this.render();
  }

  /** Called after every change of the layer: the origin note goes once the layer is no longer the loaded one. */
  stateChanged(s: State): void {
    if (this.loaded === null || JSON.stringify(optionsOf(s)) === this.loaded) return;
    this.loaded = null;
    this.notes = [];
    this.selected = null;
    this.render();
  }

  private backToTable(): void {
    const b = this.selected ? document.querySelector<HTMLElement>(`#model-table button[data-layer="${CSS.escape(this.selected)}"]`) : null;
    const target = b ?? byId('model-file');
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
  }

  setLang(lang: Lang): void {
    if (lang === this.lang) return;
    this.lang = lang;
    this.render();
  }

  /** Hands a file to a fresh worker (which checks its size against the library's limits first). */
  open(file: File): void {
    const id = ++this.seq;
    performance.mark('convkit-model-open');
    this.stop();
    this.report = null;
    this.notes = [];
    this.selected = null;
    this.loaded = null;
    this.rowsShown = ROWS_PER_PAGE;
    this.file = file.name;
    this.lastFile = file;
    this.error = null;
    this.status = { key: 'modelLoading', vars: { name: file.name } };
    this.render();
    const worker = new Worker(new URL('./model-worker.ts', import.meta.url), { type: 'module' });
    this.worker = worker;
    const limit = workerTimeout();
    this.timer = window.setTimeout(() => {
      if (id !== this.seq) return;
      this.stop();
      this.status = null;
      this.error = { head: { key: 'modelTimeout', vars: { name: file.name, s: limit / 1000 } }, detail: null };
      this.render();
    }, limit);
    worker.onmessage = (ev: MessageEvent<WorkerReply>) => {
      if (ev.data.id !== id) return;
      this.stop();
      const r = ev.data;
      if (r.ok) {
        this.report = r.report;
        // Named by the file, else by the network's own name (as the table's title is, below), else
        // by neither: a file dropped from an app that gave it no name read ": 1 layer, input …"
        // (student review 54).
        const name = file.name || (r.report.named ? r.report.network : '');
        const one = r.report.rows.length === 1;
        const key = name ? (one ? 'modelLoadedOne' : 'modelLoaded') : one ? 'modelLoadedOneUnnamed' : 'modelLoadedUnnamed';
        this.status = { key, vars: { name, n: r.report.rows.length, input: `[${r.report.input.shape.join(', ')}]` } };
        this.render();
        performance.mark('convkit-model-shown'); // for bench/playground-model.ts
      } else {
        this.fail(file.name, { code: r.code, message: r.message });
      }
    };
    worker.onerror = (ev) => {
      ev.preventDefault();
      if (id !== this.seq) return;
      this.stop();
      this.fail(file.name, { code: 'INTERNAL', message: ev.message || 'the model reader stopped' });
    };
    const req: WorkerRequest = { id, file, shape: (byId('model-shape') as HTMLInputElement).value };
    worker.postMessage(req);
  }

  private stop(): void {
    window.clearTimeout(this.timer);
    this.worker?.terminate();
    this.worker = null;
  }

  private fail(name: string, detail: { code: string; message: string }): void {
    this.status = null;
    this.error = { head: { key: 'modelFailed', vars: { name } }, detail };
    this.render();
  }

  /** A layer's numbers into the controls (clamped or refused as model-layer.ts decides). */
  animate(name: string): void {
    const cfg = this.report?.layers[name];
    if (!cfg) return;
    const r = stateFromLayer(cfg, this.host.state());
    this.selected = name;
    if (!r.ok) {
      this.notes = [];
      this.error = { head: r.reason, detail: null };
      this.render();
      return;
    }
    this.error = null;
    this.notes = [{ key: 'modelOrigin', vars: { name, file: this.file } }, ...r.notes];
    this.loaded = JSON.stringify(optionsOf(r.state));
    this.host.load(r.state);
    this.render();
    // The animation is at the top of the page: take the visitor there (Back to the model table returns).
    // On a phone the stage has no box (style.css: display: contents, its parts items of the page's
    // column), so scrolling to it did nothing and the reader stayed at the table (review 52): its
    // first part shown, the note that says where the layer came from, is gone to instead.
    const stage = byId('stage');
    const origin = byId('model-origin');
    const to = stage.getClientRects().length > 0 ? stage : origin.hidden ? document.querySelector<HTMLElement>('#stage > .player')! : origin;
    to.scrollIntoView({ block: 'start' });
    if (to !== stage && !to.hasAttribute('tabindex')) to.tabIndex = -1;
    to.focus({ preventScroll: true });
  }

  private text(m: Message): string {
    const vars = { ...m.vars };
    // Words of the library's picture labels (kernel, stride, …) in the page's language.
    if (typeof vars.what === 'string') vars.what = libraryT(this.lang, `render.${vars.what}`);
    return t(this.lang, m.key, vars);
  }

  render(): void {
    const lang = this.lang;
    // The picker's own line, in the page's words (the browser's native one says "No file chosen" in its own language).
    byId('model-file-name').textContent = this.lastFile ? this.lastFile.name : t(lang, 'modelEmpty');
    byId('model-status').textContent = this.status ? this.text(this.status) : '';
    const err = byId('model-error');
    const d = this.error?.detail;
    // The library's hint names the CLI flag; on the page the field is the way to give a shape.
    const shapeHint = d && /input[- ]shape/.test(d.message) ? t(lang, 'modelShapeHint') : '';
    err.textContent = this.error ? [this.text(this.error.head), d ? errorText(d, lang) : '', shapeHint].filter(Boolean).join(' ') : '';
    err.hidden = this.error === null;
    const shapeBox = byId('model-shape');
    if (d && d.code === 'INVALID_NUMBER' && d.message.startsWith('input shape')) shapeBox.setAttribute('aria-invalid', 'true');
    else shapeBox.removeAttribute('aria-invalid');
    byId('model-notes').replaceChildren(...this.notes.map((n) => Object.assign(document.createElement('li'), { textContent: this.text(n) })));
    byId('model-origin').hidden = this.notes.length === 0;
    this.renderTable();
  }

  private renderTable(): void {
    const lang = this.lang;
    const r = this.report;
    const wrap = byId('model-table-wrap');
    const details = byId('model-details');
    const caption = byId('model-caption');
    wrap.hidden = r === null;
    caption.hidden = r === null;
    details.hidden = r === null;
    byId('model-legend').hidden = r === null;
    const table = byId('model-table');
    if (!r) {
      table.replaceChildren();
      caption.textContent = '';
      return;
    }
    const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text = '', cls = '') => {
      const e = document.createElement(tag);
      if (text) e.textContent = text;
      if (cls) e.className = cls;
      return e;
    };
    // The table's title is a paragraph above its box, the table named by it (aria-labelledby, as a
    // <caption> would): a caption is part of the table, so on a phone it lay in the sideways-scrolling
    // box, one line as wide as the table, and was cut off at the screen's edge (review 53). It names
    // the network by the name its author gave, else by the file (UNNAMED_NETWORKS: "Per-layer table
    // of network" read as a bug), else by neither.
    const input = `[${r.input.shape.join(', ')}]${r.input.name === 'input' ? '' : ` (${r.input.name})`}`;
    const name = r.named ? r.network : r.file;
    caption.textContent = name ? t(lang, 'modelCaption', { name, input }) : t(lang, 'modelCaptionUnnamed', { input });
    const thead = el('thead');
    const hr = el('tr');
    COLUMNS.forEach((k, c) => {
      const th = el('th', t(lang, k), NUMERIC.has(c) ? 'num' : '');
      th.scope = 'col';
      hr.append(th);
    });
    thead.append(hr);
    const tbody = el('tbody');
    const shown = Math.min(r.rows.length, this.rowsShown);
    if (this.selected !== null) {
      // A selected layer further down stays visible.
      const at = r.rows.findIndex((x) => x.name === this.selected);
      if (at >= shown) this.rowsShown = Math.ceil((at + 1) / ROWS_PER_PAGE) * ROWS_PER_PAGE;
    }
    for (const row of r.rows.slice(0, Math.min(r.rows.length, this.rowsShown))) {
      const tr = el('tr');
      if (row.name === this.selected) {
        tr.className = 'selected';
        tr.setAttribute('aria-current', 'true');
      }
      row.cells.forEach((cell, c) => {
        if (c === 0) {
          const th = el('th');
          th.scope = 'row';
          if (r.layers[row.name]) {
            const b = el('button', cell);
            b.type = 'button';
            b.dataset.layer = row.name;
            b.setAttribute('aria-label', t(lang, 'modelAnimate', { name: row.name }));
            th.append(b);
          } else {
            th.textContent = cell;
          }
          tr.append(th);
        } else {
          tr.append(el('td', cell, NUMERIC.has(c) ? 'num' : ''));
        }
      });
      tbody.append(tr);
    }
    const tfoot = el('tfoot');
    const fr = el('tr');
    // "total" is the row's head in the layer names' column, which stays at the box's left edge
    // (sticky, style.css), and an empty cell spans the rest up to the totals. It spanned those four
    // columns itself, and its words, kept in view only within that cell, went off the box's edge
    // once a phone scrolled past it to the right end (student review 54).
    const total = el('th', t(lang, 'modelTotal'));
    total.scope = 'row';
    const gap = el('td');
    gap.colSpan = 3;
    fr.append(total, gap, el('td', r.totals.params.toLocaleString('en-US'), 'num'), el('td', r.totals.macs.toLocaleString('en-US'), 'num'), el('td'));
    (fr.lastElementChild as HTMLTableCellElement).colSpan = 4;
    tfoot.append(fr);
    if (r.rows.length > this.rowsShown) {
      const more = el('tr');
      const td = el('td');
      td.colSpan = COLUMNS.length;
      const line = el('span', t(lang, 'modelMoreRows', { shown: this.rowsShown, n: r.rows.length }), 'in-view');
      const b = el('button', t(lang, 'modelShowMore', { k: Math.min(ROWS_PER_PAGE, r.rows.length - this.rowsShown) }));
      b.type = 'button';
      b.id = 'model-more';
      line.append(' ', b);
      td.append(line);
      more.append(td);
      tfoot.prepend(more);
    }
    table.replaceChildren(thead, tbody, tfoot);
    table.dataset.params = String(r.totals.params);
    table.dataset.macs = String(r.totals.macs);
    // Totals beside params and MACs (the notes list says what they are, with the library's notes).
    table.dataset.buffers = String(r.totals.buffers);
    table.dataset.affineMacs = String(r.totals.affineMacs);
    const list = byId('model-notes-list');
    list.replaceChildren(
      el('li', t(lang, 'modelFlops', { flops: r.totals.flops.toLocaleString('en-US') })),
      // The conventions in the page's language where a translation exists (src/i18n/summary.ts).
      ...r.conventions.map((c, i) => el('li', lang !== 'en' && hasString(lang, `summary.convention.${i}`) ? libraryT(lang, `summary.convention.${i}`) : c)),
      ...r.notes.map((n) => el('li', n)),
    );
  }
}
