/**
 * The rows (or columns) an output pixel's taps read, as the footprint sentence names them. A
 * dilated kernel reads rows apart from each other, and "rows 1–4" for rows 1 and 4 read as if it
 * took the rows between them too (review R1): few rows are named one by one ("rows 1, 4 and 7"),
 * many evenly spaced as a progression ("every 2nd row from 0 to 12"), neighbours as a span
 * ("rows 255–257"), and what circular padding wraps round to the far edge after the rest.
 */
import { listText } from '../list-text.js';
import type { Lang } from '../state.js';
import { it } from './image-text.js';
import type { ImageKey } from './image-text.js';

/** Up to this many rows apart are named one by one; more become a progression. */
const FEW = 4;

/** Sorted positions cut into runs of one step each, greedily from the first ([0, 1, 511]: [0, 1], [511]). */
function progressions(v: readonly number[]): number[][] {
  const out: number[][] = [];
  let i = 0;
  while (i < v.length) {
    const run = [v[i]];
    if (i + 1 < v.length) {
      const step = v[i + 1] - v[i];
      let j = i + 1;
      while (j < v.length && v[j] - v[j - 1] === step) run.push(v[j++]);
    }
    out.push(run);
    i += run.length;
  }
  return out;
}

/** 2nd, 3rd, 4th, 11th, 21st: the English ordinal of a step. */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}

const KEYS = {
  rows: { one: 'rowOne', span: 'rowSpan', list: 'rowList', every: 'rowEvery' },
  cols: { one: 'colOne', span: 'colSpan', list: 'colList', every: 'colEvery' },
} as const satisfies Record<string, Record<string, ImageKey>>;

/** The positions `v` (ascending, each once) named in the footprint sentence's words. */
export function readLines(v: readonly number[], axis: 'rows' | 'cols', lang: Lang): string {
  const k = KEYS[axis];
  if (v.length === 0) return '';
  if (v.length === 1) return it(lang, k.one, { a: v[0] });
  const runs = progressions(v);
  if (runs.length === 1) {
    const step = v[1] - v[0];
    if (step === 1) return it(lang, k.span, { a: v[0], b: v[v.length - 1] });
    if (v.length <= FEW) return it(lang, k.list, { list: listText(v, lang, true) });
    return it(lang, k.every, { a: v[0], a2: v[1], a3: v[2], b: v[v.length - 1], nth: ordinal(step) });
  }
  // Several runs (circular padding wraps round, a padding mode reads some rows twice): each run
  // as a span, a progression written out with its step in sight ("0, 2, 4, …, 12"), or one by one.
  const sep = lang === 'zh' ? '、' : ', ';
  const items = runs.flatMap((r): string[] => {
    const step = r.length > 1 ? r[1] - r[0] : 0;
    if (step === 1) return [`${r[0]}–${r[r.length - 1]}`];
    if (r.length > FEW) return [[r[0], r[1], r[2], '…', r[r.length - 1]].join(sep)];
    return r.map(String);
  });
  return it(lang, k.list, { list: listText(items, lang, true) });
}
