/**
 * Running a command action: results go to stdout (text or --json), refusals to stderr as one
 * line with exit code 2 (the ConvError's message says what would be valid), never a stack trace.
 */
import { isConvError } from '../geometry/errors.js';
import { errorHeadline } from '../i18n/errors.js';
import type { CliIO } from './io.js';

/** Exit codes: 0 ok, 1 internal failure, 2 bad input (a ConvError or a usage error). */
export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;

/** Thrown by an action to end with an exit code (and no further output). */
export class CliExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

/** Writes a result: JSON (pretty, one document) or text lines. */
export function emit(io: CliIO, json: boolean, data: unknown, lines: readonly string[]): void {
  if (json) io.out(`${JSON.stringify(data, null, 2)}\n`);
  else io.out(`${lines.join('\n')}\n`);
}

/**
 * Reports an error thrown by an action; returns the exit code. `words` rewrites the one line a
 * person reads (the library's option names as the command's flags: flag-words.ts); the --json
 * error keeps the library's own message and names, for programs. Under `--lang zh` the line
 * starts with the code's Chinese headline (i18n/errors.ts); the detail after it stays the
 * library's English message, the only text there is for it.
 */
export function reportError(io: CliIO, e: unknown, json: boolean, words: (message: string) => string = (m) => m, lang: 'en' | 'zh' = 'en'): number {
  if (e instanceof CliExit) return e.exitCode;
  if (isConvError(e)) {
    const detail = words(e.message).replace(/\s*\n\s*/g, ' ');
    io.err(lang === 'zh' ? `convkit: 错误：${errorHeadline('zh', e.code)}。详情：${detail}\n` : `convkit: error: ${detail}\n`);
    if (json) io.out(`${JSON.stringify({ error: e.toJSON() }, null, 2)}\n`);
    return EXIT_BAD_INPUT;
  }
  const message = e instanceof Error ? e.message : String(e);
  io.err(`convkit: internal error: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  return EXIT_INTERNAL;
}
