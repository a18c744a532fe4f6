/**
 * Comments may cite files inside the repository only, and those files must exist: every `*.md`
 * path named in src/ and test/ resolves (from the repository root or from the citing file's
 * folder), and every heading cited as `docs/x.md, "Heading"` is a heading of that file.
 * Web addresses are not paths and are skipped.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const SOURCE = /\.(ts|js|mjs|cjs)$/;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    // This test's own text and probe name missing files on purpose.
    if (name === 'node_modules' || name === 'fixtures' || name.startsWith('cited-files.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (SOURCE.test(name)) out.push(path);
  }
  return out;
}

/** `a/b.md` not inside a web address (no scheme or host before it). */
const CITED = /(?<![\w/:.@-])((?:\.{1,2}\/)?[\w-]+(?:\/[\w.-]+)*\.md)\b/g;
/** `docs/x.md, "One" and "Two"`: the quoted headings after a citation. */
const HEADINGS = /([\w./-]+\.md),?\s*\(?((?:"[^"\n]+"(?:\s*(?:and|to|,|or)\s*)?)+)/g;

const headingCache = new Map<string, Set<string>>();
function headingsOf(file: string): Set<string> {
  let set = headingCache.get(file);
  if (!set) headingCache.set(file, (set = new Set([...readFileSync(file, 'utf8').matchAll(/^#{1,6}\s+(.+?)\s*$/gm)].map((m) => m[1]))));
  return set;
}

function resolveCited(from: string, cited: string): string | null {
  for (const base of [root, dirname(from)]) {
    const path = resolve(base, cited);
    if (existsSync(path)) return path;
  }
  return null;
}

/** Every citation in the given files that does not resolve, as "file:line: what". */
export function brokenCitations(files: string[]): string[] {
  const bad: string[] = [];
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (!line.includes('.md')) return;
      const where = `${relative(root, file)}:${i + 1}`;
      for (const m of line.matchAll(CITED)) {
        if (!resolveCited(file, m[1])) bad.push(`${where}: ${m[1]} does not exist`);
      }
      for (const m of line.matchAll(HEADINGS)) {
        const target = resolveCited(file, m[1]);
        if (!target) continue;
        const headings = headingsOf(target);
        for (const q of m[2].matchAll(/"([^"]+)"/g)) {
          if (!headings.has(q[1])) bad.push(`${where}: ${m[1]} has no heading "${q[1]}"`);
        }
      }
    });
  }
  return bad;
}

describe('files cited in comments', () => {
  const files = [...sources(join(root, 'src')), ...sources(join(root, 'test'))];

  it('exist, with the headings cited', () => {
    const bad = brokenCitations(files);
    if (bad.length) console.error(`broken citations:\n${bad.join('\n')}`);
    expect(bad).toEqual([]);
  });

  it('are found: the semantics reference is cited, and a missing file or heading is reported', () => {
    const citing = files.filter((f) => readFileSync(f, 'utf8').includes('docs/semantics.md'));
    expect(citing.length).toBeGreaterThan(10);
    // Run the check on this very file's fixtures: a wrong name and a wrong heading must both be caught.
    const probe = join(root, 'test/docs/cited-files.probe.txt');
    expect(readFileSync(probe, 'utf8')).toContain('missing.md');
    expect(brokenCitations([probe])).toEqual([
      'test/docs/cited-files.probe.txt:1: docs/missing.md does not exist',
      'test/docs/cited-files.probe.txt:2: docs/semantics.md has no heading "No such heading"',
    ]);
  });
});
