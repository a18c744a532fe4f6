/**
 * A refusal in the flags' words. The library's messages name its options and functions as a
 * program writes them (`add transposed: true, or leave outputPadding out`, `convkit's
 * solvePadding`); someone at a shell typed `--output-padding`, and should read what they can type
 * back. This is the one home of that rewriting. The message is rewritten for the command being run
 * only, and only where it names one of that command's own options:
 *
 * - `name: true` (`name: false` for a `--no-…` flag) → the flag alone: `add --transposed`;
 * - `name: 'value'`, `name: 2`, `name=3` → the flag and its value: `use --theme classic`,
 *   `--groups 3`; `name: [0, 0]` → `--pair 0,0`; padding pairs `[[0, 1], [0, 0]]` → `[0,1]x[0,0]`;
 * - a camel-cased option name standing alone → the flag: `use --output-padding < 2`;
 * - a plain name as the subject of the message (`limit must be …`, `padding has 3 values`), as
 *   the thing to use (`use groups 1, 2 or 4`, `use limit from 1 to …`) or to leave out (`leave
 *   transposed out with pool`) → the flag.
 *
 * Elsewhere plain one-word names (`stride`, `padding`) stay: they are also the words the messages
 * use for the quantities themselves ("the stride is 2 on axis H"). A layer list's fields are not the
 * command's options, so `convkit rf`'s messages about a file keep the names written in the file.
 * The library's option names that differ from the flag's (`channelPair` for --pair) are in ALIASES.
 * Large counts get thousands separators, as the help writes them (1,000,000).
 */
import type { Command } from 'commander';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Library option name → the attribute name of the flag that sets it, where the two differ. */
const ALIASES: Record<string, string> = { channelPair: 'pair' };

/** The library's functions the CLI runs as commands. */
const FUNCTIONS: [RegExp, string][] = [
  [/\b(?:convkit(?:'s)? )?solvePadding\b/g, 'convkit solve padding'],
  [/\b(?:convkit(?:'s)? )?restoreTranspose\b/g, 'convkit solve transpose'],
  [/\b(?:convkit(?:'s)? )?enumerateConfigs\b/g, 'convkit solve configs'],
];

/** The command and the commands above it: `solve padding` takes its own flags and solve's. */
function options(c: Command) {
  const out = [];
  for (let at: Command | null = c; at; at = at.parent) out.push(...at.options);
  return out;
}

/** `[[0, 1], [0, 0]]` → `[0,1]x[0,0]`; `[0, 0]` → `0,0` (the CLI's syntax for lists). */
function cliList(list: string): string {
  const inner = list.slice(1, -1).trim();
  if (inner.startsWith('[')) return inner.replace(/\s+/g, '').replace(/\],\[/g, ']x[');
  return inner.replace(/\s*,\s*/g, ',');
}

/**
 * Whole numbers of five digits or more with thousands separators (12120000 → 12,120,000), outside
 * brackets and quotes: "[1, 1, 100000]" must not read as four numbers, nor a value the user typed
 * ("100000x5") change under them.
 */
export function groupThousands(text: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  let plain = '';
  const flush = () => {
    out += plain.replace(/(?<![\d.,])\d{5,}(?![\d.])/g, (n) => n.replace(/\B(?=(\d{3})+$)/g, ','));
    plain = '';
  };
  for (const ch of text) {
    const outside = depth === 0 && !quoted;
    if (ch === '"' && depth === 0) quoted = !quoted;
    else if (ch === '[' && !quoted) depth++;
    else if (ch === ']' && !quoted && depth > 0) depth--;
    if (outside && depth === 0 && !quoted) plain += ch;
    else {
      flush();
      out += ch;
    }
  }
  flush();
  return out;
}

/** "give a single integer or a list of 2 values" in the CLI's syntax (sizes joined by x). */
function perAxisAdvice(text: string): string {
  return text.replace(/\bgive a single integer or a list of (\d+) values\b/g, (_, n: string) =>
    Number(n) === 1 ? 'give one value' : `give one value for every axis, or ${n} joined by x such as ${Array(Number(n)).fill(1).join('x')}`,
  );
}

/** Rewrites `message` to name the flags and commands of `command` (see above). */
export function inFlagWords(message: string, command: Command): string {
  let text = message;
  const own = options(command);
  for (const o of own) {
    if (!o.long) continue;
    const attribute = o.attributeName();
    const flag = o.long;
    const names = [attribute, ...Object.keys(ALIASES).filter((k) => ALIASES[k] === attribute)];
    for (const raw of names) {
      const name = escape(raw);
      text = text.replace(new RegExp(`\\b${name}: ${o.negate ? 'false' : 'true'}\\b`, 'g'), flag);
      if (!o.isBoolean()) {
        text = text.replace(new RegExp(`\\b${name}: '([^']*)'`, 'g'), `${flag} $1`);
        text = text.replace(new RegExp(`\\b${name}(?:: |=)(-?\\d+(?:\\.\\d+)?)\\b`, 'g'), `${flag} $1`);
        // `name: [0, 0]` (the library's way to write a value), or padding pairs with or without the colon.
        text = text.replace(new RegExp(`\\b${name}: (\\[[^[\\]]*\\])`, 'g'), (_, list: string) => `${flag} ${cliList(list)}`);
        text = text.replace(new RegExp(`\\b${name}:? (\\[\\[[^[\\]]*\\](?:, \\[[^[\\]]*\\])*\\])`, 'g'), (_, list: string) => `${flag} ${cliList(list)}`);
      }
      // The subject of the message or of one of its clauses: "limit must be …", "padding has 3 values".
      text = text.replace(new RegExp(`(^|; )${name}(?= (?:must|has|cannot)\\b)`, 'g'), `$1${flag}`);
      // What to use or leave out: "use groups 1, 2 or 4", "use limit from 1 to …", "leave transposed out with pool".
      text = text.replace(new RegExp(`\\buse ${name}(?= (?:[-\\d≥≤<>]|from\\b))`, 'g'), `use ${flag}`);
      text = text.replace(new RegExp(`\\bleave ${name} out\\b`, 'g'), `leave ${flag} out`);
      text = text.replace(new RegExp(`\\b(leave \\S+ out with) ${name}\\b`, 'g'), `$1 ${flag}`);
      if (/[A-Z]/.test(raw)) text = text.replace(new RegExp(`(?<![-\\w])${name}\\b`, 'g'), flag);
    }
  }
  // Only where the list is a flag's: a layer list's fields are lists in its own syntax.
  if (/^--[\w-]+ has \d+ values/.test(text)) text = perAxisAdvice(text);
  for (const [pattern, command] of FUNCTIONS) text = text.replace(pattern, command);
  // A message that named both ("solvePadding (convkit solve padding)") says the command once.
  text = text.replace(/(convkit solve \w+) \(\1\)/g, '$1');
  return groupThousands(text);
}
