/**
 * A list as the page's language writes it: Chinese with the enumeration comma (“1、2、5”), English
 * with commas, and with “and” before the last item when the list is prose (“rows 0–1 and 511”)
 * rather than a sequence of values (“rates 1, 2, 5”).
 */
import type { Lang } from './state.js';

export function listText(items: readonly (string | number)[], lang: Lang, prose = false): string {
  const parts = items.map(String);
  if (lang === 'zh') return parts.join('、');
  if (!prose || parts.length < 2) return parts.join(', ');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** A value per axis (H, W): "2" when both agree, else "(2, 1)", as PyTorch writes a pair (a dilation rate, its holes). */
export function pairText([h, w]: readonly [number, number]): string {
  return h === w ? String(h) : `(${h}, ${w})`;
}
