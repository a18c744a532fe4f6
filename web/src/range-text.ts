/**
 * The one home of the page's range phrases: what advice and messages say a number may be. A range
 * that leaves one value is said as that value — "set Output padding to 0", not "to at most 0"
 * (review 40); "Enter 1", not "Enter a whole number from 1 to 1" (a tour step's control whose layer,
 * changed beside the card, takes one value only).
 */
import { t } from './i18n.js';
import type { Lang } from './state.js';

/** Whether the values from `lo` to `hi` are one value (or none past `lo`): the phrase then names it. */
const oneValue = (lo: number, hi: number): boolean => hi <= lo;

/**
 * The values advice allows a field, written right after "set X to" / "设为" (its leading space
 * included, as each language spaces it): " at most 3", " at least 2" / "不超过 3", "至少 2", or,
 * where that bound is also the field's own end (the least it takes, for "at most"; the most, for
 * "at least"), the one value left: " 0". `zh`: the Chinese word for the bound (不超过, 不大于, 最多, 至少).
 */
export function bound(lang: Lang, side: 'most' | 'least', n: number, end: number, zh = side === 'most' ? '不超过' : '至少'): string {
  if (side === 'most' ? oneValue(end, n) : oneValue(n, end)) return ` ${n}`;
  return lang === 'zh' ? `${zh} ${n}` : ` ${side === 'most' ? 'at most' : 'at least'} ${n}`;
}

/** A number box's message when it holds no whole number from `lo` to `hi`: that range, or its one value. */
export function fieldNumberText(lang: Lang, lo: number, hi: number): string {
  return oneValue(lo, hi) ? t(lang, 'fieldOne', { n: lo }) : t(lang, 'fieldNumber', { lo, hi });
}
