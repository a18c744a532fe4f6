/**
 * Python laid out for a narrow column, as a formatter (black) lays it out: a line longer than the
 * column is broken inside its brackets — what they hold on one indented line if it fits there,
 * otherwise one item per line with a trailing comma, a comprehension's `for` on a line of its
 * own — and a comment is re-flowed over several `#` lines (a trailing one moves above its line).
 * Python joins the lines inside brackets, so the program is the one it was
 * (test/web/review33-code.test.ts holds the two to the same syntax tree with Python's own parser).
 * The Code tab's column is about 44 characters wide on a desktop (review 33 B7: PyTorch's layer
 * line was cut at "kernel_size=(3, 3), s").
 */

/** The columns the Code tab's snippets are laid out for: its 380 px column at 0.8rem monospace. */
export const CODE_COLUMNS = 42;

const INDENT = '    ';

/** Characters a monospace font draws two columns wide (CJK, full-width forms, and the dashes and quotes Chinese text uses). */
const WIDE = /[\u2014\u2018\u2019\u201c\u201d\u2026\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** A string's width in columns. */
function cols(s: string): number {
  let n = 0;
  for (const ch of s) n += WIDE.test(ch) ? 2 : 1;
  return n;
}

/** Every line of `code` fitted to `width` columns (Infinity: as it is). */
export function fitPython(code: string, width: number): string {
  if (!Number.isFinite(width)) return code;
  return code.split('\n').flatMap((line) => fitLine(line, width)).join('\n');
}

function fitLine(line: string, width: number): string[] {
  if (cols(line) <= width) return [line];
  const indent = /^\s*/.exec(line)![0];
  const body = line.slice(indent.length);
  const hash = commentStart(body);
  if (hash === 0) return reflow(indent, body.replace(/^#\s?/, ''), width);
  if (hash > 0) {
    // A trailing comment that does not fit goes on its own lines, above the code it is about.
    return [...reflow(indent, body.slice(hash).replace(/^#\s?/, ''), width), ...fitLine(indent + body.slice(0, hash).trimEnd(), width)];
  }
  return splitAtBrackets(indent, body, width);
}

/** The positions of a line of code's characters that lie outside string literals (quotes included). */
function* codePositions(body: string): Generator<number> {
  let quote: string | null = null;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    yield i;
  }
}

/** Where a comment starts in a line of code (-1: none), outside string literals. */
function commentStart(body: string): number {
  for (const i of codePositions(body)) if (body[i] === '#') return i;
  return -1;
}

/** The bracket pairs at depth 0 of a line of code, and the top-level commas between them. */
function scan(body: string): { pairs: [number, number][]; commas: number[]; fors: number[] } {
  const pairs: [number, number][] = [];
  const commas: number[] = [];
  const fors: number[] = [];
  let depth = 0;
  let open = -1;
  for (const i of codePositions(body)) {
    const ch = body[i];
    if ('([{'.includes(ch)) {
      if (depth === 0) open = i;
      depth++;
    } else if (')]}'.includes(ch)) {
      depth--;
      if (depth === 0) pairs.push([open, i]);
    } else if (depth === 0 && ch === ',') commas.push(i);
    else if (depth === 0 && (body.startsWith(' for ', i) || body.startsWith(' if ', i))) fors.push(i + 1);
  }
  return { pairs, commas, fors };
}

/**
 * Breaks a line of code inside one of its outermost bracket pairs: the first whose closing part
 * fits (`tf.reshape(…)[:, :13, :13, :]` breaks inside the call, not the slice after it), else the last.
 */
function splitAtBrackets(indent: string, body: string, width: number): string[] {
  const pairs = scan(body).pairs.filter(([o, c]) => c > o + 1 && body.slice(o + 1, c).trim() !== '');
  if (pairs.length === 0) return [indent + body];
  const fits = (s: string) => cols(indent + s) <= width;
  const [open, close] = pairs.find(([o, c]) => fits(body.slice(0, o + 1)) && fits(body.slice(c))) ?? pairs[pairs.length - 1];
  const inner = body.slice(open + 1, close).trim();
  const inside = indent + INDENT;
  const head = indent + body.slice(0, open + 1);
  const tail = indent + body.slice(close);
  if (cols(inside + inner) <= width) return [head, inside + inner, tail];
  const { commas, fors } = scan(inner);
  let items: string[];
  if (commas.length > 0) {
    // One item per line; the trailing comma (black's) changes nothing where there are two or more.
    const cuts = [-1, ...commas, inner.length];
    items = cuts.slice(1).map((c, i) => inner.slice(cuts[i] + 1, c).trim()).filter((x) => x !== '').map((x) => `${x},`);
  } else if (fors.length > 0) {
    // A comprehension: the expression, then each `for` / `if` clause.
    const cuts = [0, ...fors, inner.length];
    items = cuts.slice(1).map((c, i) => inner.slice(cuts[i], c).trim());
  } else items = [inner];
  return [head, ...items.flatMap((x) => fitLine(inside + x, width)), tail];
}

/** Chinese punctuation that stays with the character before it, and the kind that stays with the one after. */
const CLOSES = '，。、；：？！）》」』”’…—';
const OPENS = '（《「『“‘';

/** A comment's words over as many `# ` lines as it needs; Chinese may break between any two characters. */
function reflow(indent: string, text: string, width: number): string[] {
  const words: { s: string; space: boolean }[] = [];
  let space = false;
  // Code quoted in a comment ("the slice [:, ::2, ::2, :]", "output_padding=(1, 0)") is not broken
  // inside its brackets.
  let depth = 0;
  for (const ch of text) {
    const last = words[words.length - 1];
    // Inside brackets, after an operator ("> 1") and between a number and the Chinese word it
    // counts ("2 个"), a space is no place to break.
    const bound = last && space && (depth > 0 || /^[<>=+*/-]+$/.test(last.s) || (/^\d+$/.test(last.s) && WIDE.test(ch)));
    if (ch === ' ' && depth > 0 && last) last.s += ch;
    else if (ch === ' ') space = true;
    else if (bound) {
      last.s += ` ${ch}`;
      space = false;
    }
    else if (last && !space && (CLOSES.includes(ch) || OPENS.includes(last.s[last.s.length - 1]) || (!WIDE.test(ch) && !WIDE.test(last.s[last.s.length - 1])))) last.s += ch;
    else {
      words.push({ s: ch, space });
      space = false;
    }
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth = Math.max(0, depth - 1);
  }
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line === '' ? w.s : `${line}${w.space ? ' ' : ''}${w.s}`;
    if (line !== '' && cols(`${indent}# ${next}`) > width) {
      lines.push(`${indent}# ${line}`);
      line = w.s;
    } else line = next;
  }
  if (line !== '') lines.push(`${indent}# ${line}`);
  return lines;
}
