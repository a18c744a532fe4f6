/**
 * Parsing of size and option flags. The syntax (also in every command's --help):
 *   sizes     5 | 5x5 | 5x6x7 | 5,6        one value for every axis, or one per axis ('x', '×' or ',')
 *   padding   1 | 1x2 | same | valid | [0,1]x[1,1]   pairs are [before,after] per axis
 * Values are handed to the library unchecked beyond "is a number", so range errors come from the
 * geometry as ConvErrors with the same words the library uses.
 */
import { Option } from 'commander';
import { ConvError } from '../geometry/errors.js';
import { langOf, type Lang } from '../i18n/index.js';

export const SIZE_SYNTAX = `Sizes: 5 (every axis), 5x5 or 5,5 (one per axis, up to 3 axes: 4x5x6).
Padding: 1, 1x2, same, valid, or [before,after] pairs per axis such as [0,1]x[1,1]
  (a single pair such as [0,1] applies to every axis).`;

/** Splits on axis separators (x × X ,) that are not inside brackets. */
function splitAxes(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '[' || ch === '(') depth++;
    if (ch === ']' || ch === ')') depth--;
    if (depth === 0 && (ch === 'x' || ch === 'X' || ch === '×' || ch === ',')) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => p.trim());
}

const SIZES_HINT = 'write sizes as 5, 5x5 or 5,5';
const COUNT_HINT = 'write a single whole number, such as 1';
/** Every form parsePadding reads: `--padding foo` must not leave out the library's strings. */
const PADDING_HINT = 'write padding as 1, 1x2, same, valid or [before,after] pairs such as [0,1]x[1,1] (same and valid: direct convolutions only)';

function number(part: string, flag: string, whole: string, hint = SIZES_HINT): number {
  // JavaScript reads 1e3 and 0x10 as numbers; a size or count typed so is more likely a slip.
  const read = Number(part);
  if (!/^[-+]?\d+(\.\d+)?$/.test(part) && /^[-+]?(0[xob][\da-f]+|[\d.]+e[-+]?\d+)$/i.test(part) && Number.isFinite(read)) {
    throw new ConvError('INVALID_NUMBER', `${flag} ${JSON.stringify(whole)} is not understood: ${JSON.stringify(part)} is not written in plain digits`, {
      values: { [flag]: whole },
      hint: `write ${read}`,
    });
  }
  if (!/^[-+]?\d+(\.\d+)?$/.test(part)) {
    throw new ConvError('INVALID_NUMBER', `${flag} ${JSON.stringify(whole)} is not understood: ${JSON.stringify(part)} is not a number`, {
      values: { [flag]: whole },
      hint,
    });
  }
  return Number(part);
}

/** "5" → 5, "5x6" → [5, 6]. */
export function parseSizes(text: string, flag: string): number | number[] {
  const parts = splitAxes(text);
  if (parts.length > 3) {
    throw new ConvError('OPTION_LENGTH', `${flag} ${JSON.stringify(text)} has ${parts.length} values; convolutions have 1 to 3 spatial axes`, { values: { [flag]: text }, hint: 'give 1 to 3 values, e.g. 5x5' });
  }
  const nums = parts.map((p) => number(p, flag, text));
  return nums.length === 1 ? nums[0] : nums;
}

/** Like parseSizes but always a list (for options that are lists by nature, such as --output-size). */
export function parseSizeList(text: string, flag: string): number[] {
  const v = parseSizes(text, flag);
  return Array.isArray(v) ? v : [v];
}

export type ParsedPadding = number | 'same' | 'valid' | (number | [number, number])[];

export function parsePadding(text: string, flag = '--padding'): ParsedPadding {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'same' || trimmed === 'valid') return trimmed;
  const parts = splitAxes(text);
  if (parts.length > 3) {
    throw new ConvError('OPTION_LENGTH', `${flag} ${JSON.stringify(text)} has ${parts.length} values; convolutions have 1 to 3 spatial axes`, { values: { [flag]: text }, hint: 'e.g. 1, 1x2 or [0,1]x[1,1]' });
  }
  const values = parts.map((p): number | [number, number] => {
    const m = /^[[(]\s*([^,\])]+)\s*,\s*([^,\])]+)\s*[\])]$/.exec(p);
    if (m) return [number(m[1].trim(), flag, text, PADDING_HINT), number(m[2].trim(), flag, text, PADDING_HINT)];
    if (/^[[(]/.test(p)) {
      throw new ConvError('INVALID_OPTION', `${flag} ${JSON.stringify(text)}: ${JSON.stringify(p)} is not a [before,after] pair`, { values: { [flag]: text }, hint: 'write a pair as [0,1]' });
    }
    return number(p, flag, text, PADDING_HINT);
  });
  if (values.length === 1 && !Array.isArray(values[0])) return values[0];
  return values;
}

/** A whole-number flag value such as --groups 2 (one number: the sizes' 5x5 is no count). */
export function parseCount(text: string, flag: string): number {
  return number(text.trim(), flag, text, COUNT_HINT);
}

/** Commander's argument parser for a flag that may be given several times: the values in order. */
export function repeated(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * The one `--lang` option of every command that prints words (text, labels, table headers and the
 * refusal's headline). `what` says what it translates, `note` what stays English, in the command's help.
 */
export function langOption(what = 'text', note?: string): Option {
  return new Option('--lang <lang>', `${what} in en (English) or zh (中文)${note ? `; ${note}` : ''}`).default('en');
}

/** The --lang value as a language; anything else is refused naming the valid ones (runCli writes it in flag words). */
export function parseLang(value: string | undefined): Lang {
  return langOf(value);
}
