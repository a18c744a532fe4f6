/**
 * Human text in English and Chinese: one string table per language, `{name}` placeholders.
 *
 * `t(lang, key, vars)` looks the key up in the language's table, falls back to English, then to the
 * key itself (so a missing translation shows up as text, never as an exception). Other parts of
 * convkit (pictures, playground, CLI commands) add their own keys with `registerStrings` from their
 * own modules, or by adding entries to `en.ts` / `zh.ts`; keys are dotted, prefixed by area
 * (`explain.…`, `rel.…`, `solve.…`).
 */
import { ConvError, show } from '../geometry/errors.js';
import { en } from './en.js';
import { zh } from './zh.js';

/** A language convkit writes text in: English or Chinese (the `lang` option of explain, the pictures, the CLI). */
export type Lang = 'en' | 'zh';
/**
 * Every {@link Lang}, English first.
 *
 * @example
 * ```ts
 * import { LANGS } from 'convkit';
 * LANGS; //=> ['en', 'zh']
 * ```
 */
export const LANGS: readonly Lang[] = ['en', 'zh'];
/** Strings by dotted key (`'explain.output'`), each a template with `{name}` placeholders. */
export type StringTable = Record<string, string>;
/** Values for a template's `{name}` placeholders. */
export type Vars = Record<string, string | number | bigint>;

const tables: Record<Lang, StringTable> = { en: { ...en }, zh: { ...zh } };

/**
 * Whether `v` names a language convkit has (a type guard for untrusted input such as a URL).
 *
 * @example
 * ```ts
 * import { isLang } from 'convkit';
 * isLang('zh'); //=> true
 * isLang('fr'); //=> false
 * ```
 */
export function isLang(v: unknown): v is Lang {
  return typeof v === 'string' && (LANGS as readonly string[]).includes(v);
}

/** The language of an option value (undefined → English); anything else is a ConvError. */
export function langOf(v: unknown): Lang {
  if (v === undefined || v === null) return 'en';
  if (isLang(v)) return v;
  throw new ConvError('INVALID_OPTION', `lang must be one of ${LANGS.join(', ')}, but got ${show(v)}`, { values: { lang: v }, hint: "use 'en' (English) or 'zh' (中文)" });
}

/**
 * Adds (or overrides) strings of one language; later registrations win.
 *
 * @example
 * ```ts
 * import { registerStrings, t } from 'convkit';
 * registerStrings('en', { 'my.cells': 'output {n} cells' });
 * registerStrings('zh', { 'my.cells': '输出 {n} 个单元' });
 * t('en', 'my.cells', { n: 1234 }); //=> 'output 1,234 cells'
 * t('zh', 'my.cells', { n: 3 });    //=> '输出 3 个单元'
 * ```
 */
export function registerStrings(lang: Lang, entries: StringTable): void {
  Object.assign(tables[lang], entries);
}

/** Whether a key has a string in this language (without falling back). */
export function hasString(lang: Lang, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(tables[lang], key);
}

/** Keys of a language's table (tests compare the two tables). */
export function stringKeys(lang: Lang): string[] {
  return Object.keys(tables[lang]);
}

/**
 * One formatter for every call: toLocaleString with options builds a new one each time (slow).
 * Built on first use, not when convkit is imported: constructing it costs tens of milliseconds.
 */
let numberFormat: Intl.NumberFormat | undefined;

/** Formats a number for text: thousands separated, as both languages write them. */
export function formatNumber(n: number | bigint): string {
  // Exact counts past 2^53 (src/arithmetic/counts.ts) come as BigInt and go to the formatter as they are.
  if (typeof n === 'number') {
    // Small whole numbers (most of what the sentences hold) read the same without the formatter.
    if (Number.isInteger(n) && n > -1000 && n < 1000 && !Object.is(n, -0)) return String(n);
    if (!Number.isFinite(n)) return String(n);
  }
  numberFormat ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });
  return numberFormat.format(n);
}

/**
 * The string of `key` in `lang` with `{name}` placeholders filled from `vars` (numbers with
 * thousands separators); falls back to English, then to the key itself, so a missing translation
 * shows as text and never throws.
 *
 * @example
 * ```ts
 * import { t } from 'convkit';
 * t('zh', 'no.such.key'); //=> 'no.such.key'
 * ```
 */
export function t(lang: Lang, key: string, vars: Vars = {}): string {
  const template = tables[lang]?.[key] ?? tables.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = vars[name];
    if (v === undefined) return whole;
    return typeof v === 'string' ? v : formatNumber(v);
  });
}
