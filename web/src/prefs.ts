/** The visitor's remembered preferences (language, theme, colour-blind palette) in localStorage. */
import { defaultState } from './state.js';
import type { State } from './state.js';

export const PREF = { lang: 'convkit.lang', theme: 'convkit.theme', cb: 'convkit.colorBlind' };

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* private mode: preferences just are not remembered */
  }
}

/** Defaults, with the visitor's remembered (or browser) language and theme. */
export function preferredBase(): State {
  const s = defaultState();
  const lang = stored(PREF.lang);
  if (lang === 'en' || lang === 'zh') s.lang = lang;
  else if (typeof navigator !== 'undefined' && /^zh\b/i.test(navigator.language)) s.lang = 'zh';
  const theme = stored(PREF.theme);
  if (theme === 'light' || theme === 'dark') s.theme = theme;
  else if (typeof matchMedia !== 'undefined' && matchMedia('(prefers-color-scheme: dark)').matches) s.theme = 'dark';
  s.colorBlind = stored(PREF.cb) === '1';
  return s;
}
