/** Renderers of the per-layer table: aligned text, JSON, CSV and Markdown. All read one Summary. */
import type { Lang } from '../i18n/index.js';
import { displayWidth, reportText as t } from '../i18n/reports.js';
import { CONVENTIONS_ZH } from '../i18n/summary.js';
import { CONVENTIONS, fmt, type Summary, type SummaryRow } from './summary.js';

/** A counting convention in `lang`: the Chinese of src/i18n/summary.ts where the sentence is the library's own. */
function convention(c: string, lang: Lang): string {
  const i = CONVENTIONS.indexOf(c);
  return lang === 'zh' && i >= 0 && CONVENTIONS_ZH[i] ? CONVENTIONS_ZH[i] : c;
}

const shape = (s: number[]) => `[${s.join(', ')}]`;
const perAxis = (v: (string | number | null)[]) => (v.every((x) => x === v[0]) ? String(v[0] ?? '—') : v.map((x) => x ?? '—').join('×'));

/** Column names of the table (exported for the playground's model panel, which shows the same cells). */
export const TABLE_HEADER = ['layer', 'op', 'input', 'output', 'params', 'MACs', 'RF', 'holes', 'jump', 'rel.'];
const COLUMN_KEYS = ['layer', 'op', 'input', 'output', 'params', 'macs', 'rf', 'holes', 'jump', 'rel'];
const header = (lang: Lang) => COLUMN_KEYS.map((k) => t(lang, `summary.col.${k}`));

/** "input x [1, 3, 8, 8]", or every input when there are several. */
function inputsText(s: Summary, lang: Lang): string {
  const all = s.inputs ?? [s.input];
  return all.length > 1
    ? t(lang, 'summary.inputs', { list: all.map((i) => `${i.name} ${shape(i.shape)}`).join(t(lang, 'summary.inputSep')) })
    : t(lang, 'summary.input', { name: s.input.name, shape: shape(s.input.shape) });
}

/** Totals beside params and MACs, when the network has them (buffers and affine MACs of unfused BatchNormalization). */
function extraTotals(s: Summary, lang: Lang): string[] {
  const out: string[] = [];
  if (s.totals.buffers) out.push(t(lang, 'summary.buffers', { n: fmt(s.totals.buffers) }));
  if (s.totals.affineMacs) out.push(t(lang, 'summary.affine', { n: fmt(s.totals.affineMacs) }));
  return out;
}

/** Exact span where enumerated, else the continuous one. */
const rfCell = (r: SummaryRow) => perAxis(r.exact.map((e, i) => (e ? String(e.span) : r.rf[i])));
const holesCell = (r: SummaryRow) => (r.exact.every((e) => e === null) ? '' : perAxis(r.exact.map((e) => (e ? e.holes : null))));

/** The table's cells, one row per layer (shared by every renderer and the playground). */
export function tableCells(s: Summary): string[][] {
  return s.rows.map((r) => [
    r.name,
    r.op,
    r.inputShapes.map(shape).join(' + '),
    shape(r.outputShape),
    fmt(r.params),
    fmt(r.macs),
    rfCell(r),
    holesCell(r),
    perAxis(r.jump),
    r.relationship.every((x) => x === null) ? '' : perAxis(r.relationship),
  ]);
}

/**
 * The table as aligned plain text (what `convkit summary` prints), conventions and notes below it.
 *
 * @example
 * ```ts
 * import { buildNetwork, layerListToNetwork, renderSummaryText, summarize } from 'convkit';
 * const net = buildNetwork(layerListToNetwork({ input: [1, 3, 32, 32], layers: [
 *   { type: 'conv', name: 'c1', out: 8, kernel: 3, padding: 1 },
 *   { type: 'conv', name: 'c2', out: 8, kernel: 3, stride: 2, padding: 1 },
 * ] }));
 * const text = renderSummaryText(summarize(net));
 * text.split('\n')[1]; //=> 'layer  op    input           output          params     MACs  RF  holes  jump  rel.'
 * ```
 */
export function renderText(s: Summary, lang: Lang = 'en'): string {
  const body = tableCells(s);
  const head = header(lang);
  const total = [t(lang, 'summary.total'), '', '', '', fmt(s.totals.params), fmt(s.totals.macs), '', '', '', ''];
  const all = [head, ...body, total];
  // Columns are measured in terminal columns: a Chinese heading takes two per character.
  const width = head.map((_, c) => Math.max(...all.map((r) => displayWidth(r[c]))));
  const pad = (x: string, c: number) => ' '.repeat(width[c] - displayWidth(x));
  const line = (r: string[]) => r.map((x, c) => (c >= 4 && c <= 5 ? pad(x, c) + x : x + pad(x, c))).join('  ').trimEnd();
  const rule = width.map((w) => '─'.repeat(w)).join('──');
  const out = [t(lang, 'summary.head', { network: s.network, inputs: inputsText(s, lang), axes: s.axes.join('×') }), line(head), rule, ...body.map(line), rule, line(total), ''];
  out.push(`FLOPs = 2·MACs = ${fmt(s.totals.flops)}`);
  for (const x of extraTotals(s, lang)) out.push(x);
  // The conventions in the language asked for; the notes carry names and numbers and stay English.
  for (const c of s.conventions) out.push(t(lang, 'summary.convention', { text: convention(c, lang) }));
  for (const n of s.notes) out.push(t(lang, 'summary.note', { text: n }));
  return out.join('\n') + '\n';
}

/**
 * The summary as indented JSON (exact fractions as strings).
 *
 * @example
 * ```ts
 * import { buildNetwork, layerListToNetwork, renderSummaryJson, summarize } from 'convkit';
 * const net = buildNetwork(layerListToNetwork({ input: [1, 3, 32, 32], layers: [
 *   { type: 'conv', name: 'c1', out: 8, kernel: 3, padding: 1 },
 *   { type: 'conv', name: 'c2', out: 8, kernel: 3, stride: 2, padding: 1 },
 * ] }));
 * JSON.parse(renderSummaryJson(summarize(net))).totals.params; //=> 808
 * ```
 */
export function renderJson(s: Summary): string {
  return JSON.stringify(s, null, 2) + '\n';
}

function csvField(x: string): string {
  return /[",\n]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x;
}

/**
 * The table as CSV, one column per axis for the receptive-field fields, and a total row.
 *
 * @example
 * ```ts
 * import { buildNetwork, layerListToNetwork, renderSummaryCsv, summarize } from 'convkit';
 * const net = buildNetwork(layerListToNetwork({ input: [1, 3, 32, 32], layers: [
 *   { type: 'conv', name: 'c1', out: 8, kernel: 3, padding: 1 },
 *   { type: 'conv', name: 'c2', out: 8, kernel: 3, stride: 2, padding: 1 },
 * ] }));
 * renderSummaryCsv(summarize(net)).split('\n')[1].split(',').slice(0, 5); //=> ['c1', 'conv', 'conv', '1x3x32x32', '1x8x32x32']
 * ```
 */
export function renderCsv(s: Summary): string {
  const head = ['layer', 'op', 'kind', 'input_shapes', 'output_shape', 'params', 'macs', 'thop_macs', 'torchinfo_macs', 'buffers', 'affine_macs', 'rf_input', ...s.axes.flatMap((a) => [`rf_${a}`, `rf_exact_${a}`, `holes_${a}`, `jump_${a}`, `relationship_${a}`])];
  const rows = s.rows.map((r) => [
    r.name, r.op, r.kind, r.inputShapes.map((x) => x.join('x')).join(' + '), r.outputShape.join('x'), String(r.params), String(r.macs),
    r.tools ? String(r.tools.thop) : '', r.tools ? String(r.tools.torchinfo) : '', String(r.buffers), String(r.affineMacs), r.rfInput ?? '',
    ...s.axes.flatMap((_, i) => [r.rf[i] ?? '', r.exact[i] ? String(r.exact[i]!.span) : '', r.exact[i] ? String(r.exact[i]!.holes) : '', r.jump[i] ?? '', r.relationship[i] === null ? '' : String(r.relationship[i])]),
  ]);
  const total = ['total', '', '', '', '', String(s.totals.params), String(s.totals.macs), String(s.totals.thopMacs), String(s.totals.torchinfoMacs), String(s.totals.buffers), String(s.totals.affineMacs), '', ...s.axes.flatMap(() => ['', '', '', '', ''])];
  return [head, ...rows, total].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

/**
 * The table as a Markdown table (right-aligned numbers), conventions as a list.
 *
 * @example
 * ```ts
 * import { buildNetwork, layerListToNetwork, renderSummaryMarkdown, summarize } from 'convkit';
 * const net = buildNetwork(layerListToNetwork({ input: [1, 3, 32, 32], layers: [
 *   { type: 'conv', name: 'c1', out: 8, kernel: 3, padding: 1 },
 *   { type: 'conv', name: 'c2', out: 8, kernel: 3, stride: 2, padding: 1 },
 * ] }));
 * renderSummaryMarkdown(summarize(net)).split('\n')[2]; //=> '| layer | op | input | output | params | MACs | RF | holes | jump | rel. |'
 * ```
 */
export function renderMarkdown(s: Summary, lang: Lang = 'en'): string {
  const esc = (x: string) => x.replace(/\|/g, '\\|');
  // A sentence ends with the language's full stop (。 after Chinese).
  const stop = lang === 'zh' ? '。' : '.';
  const body = tableCells(s);
  const head = header(lang);
  const out = [
    `**${esc(s.network)}** — ${(s.inputs ?? [s.input]).map((i) => t(lang, 'summary.input', { name: `\`${i.name}\``, shape: shape(i.shape) })).join(t(lang, 'summary.inputSep'))}`,
    '',
    `| ${head.join(' | ')} |`,
    `|${head.map((_, c) => (c >= 4 && c <= 5 ? '---:' : '---')).join('|')}|`,
    ...body.map((r) => `| ${r.map(esc).join(' | ')} |`),
    `| **${t(lang, 'summary.total')}** | | | | **${fmt(s.totals.params)}** | **${fmt(s.totals.macs)}** | | | | |`,
    '',
    `FLOPs = 2·MACs = ${fmt(s.totals.flops)}${stop}`,
    ...extraTotals(s, lang).map((x) => `${x}${stop}`),
    '',
    ...s.conventions.map((c) => `- ${convention(c, lang)}`),
    ...s.notes.map((n) => `- ${t(lang, 'summary.noteMd', { text: esc(n) })}`),
  ];
  return out.join('\n') + '\n';
}
