/**
 * No import cycles in src/: not between modules (type-only imports count: a cycle of types still
 * ties two modules together), and not between the top-level folders of src/ (geometry, engine,
 * arithmetic, network, …), whose imports must run one way. The graph is read by
 * ./import-graph.ts; the second half of this file checks that reader on small trees, so a check
 * that passes is known to be able to fail.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeCycles, findCycles, importGraph, importGraphOfDirectory, type ImportGraph } from './import-graph.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** The top-level folder of src/ a module lives in ('.' for src/index.ts and its neighbours). */
function folderOf(file: string): string {
  const slash = file.indexOf('/');
  return slash < 0 ? '.' : file.slice(0, slash);
}

/** The graph of folders: one node per folder, one edge per import that crosses folders. */
function folderGraph(graph: ImportGraph): ImportGraph {
  return {
    files: [...new Set(graph.files.map(folderOf))].sort(),
    edges: graph.edges
      .filter((e) => folderOf(e.from) !== folderOf(e.to))
      .map((e) => ({ ...e, from: folderOf(e.from), to: folderOf(e.to), label: `${e.from}:${e.line} → ${e.to}`, specifier: `${e.from} → ${e.to}` })),
    unresolved: [],
  };
}

/** The imports between folders of one folder cycle, as "from.ts → to.ts" (no line: edits elsewhere in a file move it). */
function folderCycleImports(graph: ImportGraph): string[] {
  const folders = folderGraph(graph);
  const out: string[] = [];
  for (const group of findCycles(folders)) {
    const inside = new Set(group.modules);
    for (const e of folders.edges) if (inside.has(e.from) && inside.has(e.to)) out.push(e.specifier);
  }
  return [...new Set(out)].sort();
}

/**
 * Imports known to close a folder cycle, each with what removes it. The check fails on any other
 * (a new cycle) and on an entry that no longer closes one (so the list only shrinks).
 */
const KNOWN_FOLDER_CYCLE_IMPORTS: Record<string, string> = {};

describe('import cycles in src/', () => {
  const graph = importGraphOfDirectory(SRC);

  it('reads the tree: every relative import names a module of src/', () => {
    expect(graph.files.length).toBeGreaterThan(50);
    expect(graph.edges.length).toBeGreaterThan(graph.files.length);
    expect(graph.unresolved).toEqual([]);
  });

  it('no module reaches itself through its imports (type-only imports included)', () => {
    const groups = findCycles(graph);
    expect(groups.length === 0 ? 'no cycles' : `${groups.length} import cycle group(s):\n${describeCycles(groups, graph)}`).toBe('no cycles');
  });

  it('the top-level folders of src/ import one way (no folder cycle beyond the known ones)', () => {
    const closing = folderCycleImports(graph);
    const known = Object.keys(KNOWN_FOLDER_CYCLE_IMPORTS).sort();
    const folders = folderGraph(graph);
    const detail = describeCycles(findCycles(folders), folders);
    expect({ new: closing.filter((e) => !known.includes(e)), gone: known.filter((e) => !closing.includes(e)) }, detail).toEqual({ new: [], gone: [] });
  });
});

describe('the cycle check finds what it should', () => {
  const tree = (files: Record<string, string>) => importGraph(new Map(Object.entries(files)));
  const cyclesOf = (files: Record<string, string>) => findCycles(tree(files)).map((g) => g.cycles);

  it('finds a cycle made only of a type-only import back', () => {
    expect(
      cyclesOf({
        'a/explain.ts': "import { lines } from './text.js';\nexport interface E { n: number }\nexport const explain = () => lines({ n: 1 });",
        'a/text.ts': "import type { E } from './explain.js';\nexport const lines = (e: E) => [String(e.n)];",
      }),
    ).toEqual([[['a/explain.ts', 'a/text.ts']]]);
  });

  it('follows every way of naming a module', () => {
    const ways = [
      "import './b.js';",
      "import { type T } from './b.js';",
      "import * as b from './b.js';",
      "export * from './b.js';",
      "export type { T } from './b.js';",
      "import b = require('./b.js');",
      "const b = () => import('./b.js');",
      "let b: import('./b.js').T;",
      "import { x } from './b';", // extension-less: resolved as b.ts
    ];
    for (const way of ways) {
      expect(cyclesOf({ 'a.ts': way, 'b.ts': "import type { A } from './a.js';\nexport type T = 1;" }), way).toEqual([[['a.ts', 'b.ts']]]);
    }
    expect(cyclesOf({ 'a.ts': "import { x } from './lib';", 'lib/index.ts': "import '../a.js';" })).toEqual([[['a.ts', 'lib/index.ts']]]);
  });

  it('lists every group, a cycle through each import, and self-imports; none in a tree without one', () => {
    const groups = findCycles(
      tree({
        'a.ts': "import './b.js';",
        'b.ts': "import './c.js';\nimport './a.js';",
        'c.ts': "import './a.js';",
        'd.ts': "import './d.js';",
        'e.ts': "import './a.js';\nimport 'node:fs';\nimport 'yaml';",
      }),
    );
    expect(groups.map((g) => [g.modules, g.cycles])).toEqual([
      [['a.ts', 'b.ts', 'c.ts'], [['a.ts', 'b.ts'], ['a.ts', 'b.ts', 'c.ts']]],
      [['d.ts'], [['d.ts']]],
    ]);
    expect(findCycles(tree({ 'a.ts': "import './b.js';\nimport './c.js';", 'b.ts': "import './c.js';", 'c.ts': '' }))).toEqual([]);
  });

  it('reports a relative import that names no module', () => {
    expect(tree({ 'a.ts': "import { x } from './missing.js';" }).unresolved).toEqual([{ from: 'a.ts', specifier: './missing.js', line: 1 }]);
  });

  it('finds folder cycles from imports between files that form no file cycle', () => {
    const g = tree({
      'arithmetic/receptive.ts': "import type { Network } from '../network/types.js';",
      'arithmetic/counts.ts': '',
      'network/types.ts': '',
      'network/counts.ts': "import { c } from '../arithmetic/counts.js';",
    });
    expect(findCycles(g)).toEqual([]);
    expect(folderCycleImports(g)).toEqual([
      'arithmetic/receptive.ts → network/types.ts',
      'network/counts.ts → arithmetic/counts.ts',
    ]);
  });
});
