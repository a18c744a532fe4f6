/**
 * A refusal in the flags' words. The library's messages name its options as a program writes them
 * (`add transposed: true, or leave outputPadding out`, `lower maxKernel, …`); someone at a shell
 * typed `--output-padding`, and should read the flag they can type back. The message is rewritten
 * for the command being run only, and only where it names one of that command's own options:
 *
 * - `name: true` (`name: false` for a `--no-…` flag) → the flag alone: `add --transposed`;
 * - `name: 'value'` → the flag and its value: `use --theme classic`;
 * - a camel-cased option name standing alone → the flag: `use --output-padding < 2`.
 *
 * Plain one-word names (`stride`, `padding`) stay: they are also the words the messages use for the
 * quantities themselves ("stride must be positive"). A layer list's fields are not the command's
 * options, so `convkit rf`'s messages about a file keep the names written in the file.
 */
import type { Command } from 'commander';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The command and the commands above it: `solve padding` takes its own flags and solve's. */
function options(c: Command) {
  const out = [];
  for (let at: Command | null = c; at; at = at.parent) out.push(...at.options);
  return out;
}

/** Rewrites `message` to name the flags of `command` (see above). */
export function inFlagWords(message: string, command: Command): string {
  let text = message;
  for (const o of options(command)) {
    if (!o.long) continue;
    const name = escape(o.attributeName());
    const flag = o.long;
    text = text.replace(new RegExp(`\\b${name}: ${o.negate ? 'false' : 'true'}\\b`, 'g'), flag);
    if (!o.isBoolean()) text = text.replace(new RegExp(`\\b${name}: '([^']*)'`, 'g'), `${flag} $1`);
    if (/[A-Z]/.test(o.attributeName())) text = text.replace(new RegExp(`(?<![-\\w])${name}\\b`, 'g'), flag);
  }
  return text;
}
