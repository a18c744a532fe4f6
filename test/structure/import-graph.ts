/**
 * The import graph of a source tree and its cycles, read with the TypeScript compiler's parser
 * (no type checking, no module resolution beyond relative paths).
 *
 * Every way one module names another counts as an edge, type-only ones included, because a
 * type-only cycle still ties two modules together: `import` and `import type` (also with no
 * bindings), `export … from`, `import x = require(…)`, `import(…)` calls and `import('…').T`
 * types. Bare specifiers (packages, `node:` built-ins) are not part of the tree and are left out.
 *
 * A relative specifier resolves as NodeNext does for TypeScript sources: `./a.js` is `./a.ts`
 * (or `./a.d.ts`, `./a.tsx`), `./a` (a folder) is `./a/index.ts`; a specifier that names no file
 * of the tree is reported, so a typo cannot hide an edge.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

/** One import of one module: where it points and how it was written. */
export interface ImportEdge {
  from: string;
  to: string;
  specifier: string;
  /** 1-based line of the import in `from`. */
  line: number;
  /** True for `import type`, `export type … from`, `import('…').T` and imports whose every binding is `type`. */
  typeOnly: boolean;
  /** How a cycle listing names this import (default "from:line → to"). */
  label?: string;
}

export interface ImportGraph {
  /** Every module, as a posix path relative to the tree's root. */
  files: string[];
  edges: ImportEdge[];
  /** Relative specifiers that name no module of the tree. */
  unresolved: { from: string; specifier: string; line: number }[];
}

const SOURCE = /\.(?:d\.)?(?:[cm]?ts|tsx)$/;

/** Every TypeScript source under `root`, as posix paths relative to it. */
export function listSources(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && SOURCE.test(entry.name)) out.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

/** The graph of the TypeScript sources under the directory `root`. */
export function importGraphOfDirectory(root: string): ImportGraph {
  const sources = new Map<string, string>();
  for (const file of listSources(root)) sources.set(file, readFileSync(join(root, file), 'utf8'));
  return importGraph(sources);
}

/** The graph of a tree given as posix path → source text. */
export function importGraph(sources: ReadonlyMap<string, string>): ImportGraph {
  const files = [...sources.keys()].sort();
  const known = new Set(files);
  const edges: ImportEdge[] = [];
  const unresolved: ImportGraph['unresolved'] = [];
  for (const from of files) {
    const source = ts.createSourceFile(from, sources.get(from)!, ts.ScriptTarget.Latest, true, scriptKind(from));
    for (const { specifier, node, typeOnly } of importsOf(source)) {
      if (!specifier.startsWith('.')) continue;
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      const to = resolve(from, specifier, known);
      if (to === undefined) unresolved.push({ from, specifier, line });
      else edges.push({ from, to, specifier, line, typeOnly });
    }
  }
  return { files, edges, unresolved };
}

function scriptKind(file: string): ts.ScriptKind {
  return file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
}

function resolve(from: string, specifier: string, known: ReadonlySet<string>): string | undefined {
  const target = posix.normalize(posix.join(posix.dirname(from), specifier));
  const stem = target.replace(/\.(?:[cm]?js|jsx)$/, '');
  const ext = target.slice(stem.length);
  const candidates =
    ext === '.mjs' ? [`${stem}.mts`, `${stem}.d.mts`]
    : ext === '.cjs' ? [`${stem}.cts`, `${stem}.d.cts`]
    : ext !== '' ? [`${stem}.ts`, `${stem}.tsx`, `${stem}.d.ts`]
    : [target, `${target}.ts`, `${target}.tsx`, `${target}.d.ts`, `${target}/index.ts`, `${target}/index.d.ts`];
  return candidates.find((c) => known.has(c));
}

interface RawImport {
  specifier: string;
  node: ts.Node;
  typeOnly: boolean;
}

function importsOf(source: ts.SourceFile): RawImport[] {
  const out: RawImport[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      out.push({ specifier: node.moduleSpecifier.text, node, typeOnly: importIsTypeOnly(node.importClause) });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly =
        node.isTypeOnly ||
        (node.exportClause !== undefined &&
          ts.isNamedExports(node.exportClause) &&
          node.exportClause.elements.length > 0 &&
          node.exportClause.elements.every((e) => e.isTypeOnly));
      out.push({ specifier: node.moduleSpecifier.text, node, typeOnly });
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      out.push({ specifier: node.moduleReference.expression.text, node, typeOnly: node.isTypeOnly });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments.length > 0 &&
      ts.isStringLiteralLike(node.arguments[0]!)
    ) {
      out.push({ specifier: (node.arguments[0] as ts.StringLiteralLike).text, node, typeOnly: false });
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      out.push({ specifier: node.argument.literal.text, node, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function importIsTypeOnly(clause: ts.ImportClause | undefined): boolean {
  if (clause === undefined) return false; // `import './x.js'`: run for its effects
  if (clause.isTypeOnly) return true;
  if (clause.name !== undefined) return false;
  const bindings = clause.namedBindings;
  if (bindings === undefined || ts.isNamespaceImport(bindings)) return false;
  return bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

/** A cycle as the modules it passes through, starting from its smallest name; the last imports the first. */
export type Cycle = string[];

/** One strongly connected group of modules and cycles that between them use every import inside it. */
export interface CycleGroup {
  modules: string[];
  cycles: Cycle[];
  /** The imports inside the group, as their labels ("from:line → to"), marked "(types)" when type-only. */
  edges: string[];
}

/**
 * The import cycles of a graph, grouped by strongly connected component (Tarjan). Listing every
 * elementary cycle can take exponential space, so each group lists, for every import `a → b`
 * inside it, the shortest cycle through that import (deduplicated): removing all the imports the
 * list names breaks every cycle, and no import of a cycle goes unnamed.
 */
export function findCycles(graph: ImportGraph): CycleGroup[] {
  const next = new Map<string, Set<string>>();
  for (const f of graph.files) next.set(f, new Set());
  for (const e of graph.edges) next.get(e.from)!.add(e.to);

  const groups: string[][] = [];
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  let counter = 0;
  // Iterative Tarjan, so a long chain of imports cannot overflow the call stack.
  for (const root of graph.files) {
    if (index.has(root)) continue;
    const work: { node: string; it: Iterator<string> }[] = [];
    const enter = (node: string): void => {
      index.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      work.push({ node, it: [...next.get(node)!].sort()[Symbol.iterator]() });
    };
    enter(root);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const step = top.it.next();
      if (!step.done) {
        const w = step.value;
        if (!index.has(w)) enter(w);
        else if (onStack.has(w)) low.set(top.node, Math.min(low.get(top.node)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]!.node;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
      }
      if (low.get(top.node) === index.get(top.node)) {
        const group: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          group.push(w);
        } while (w !== top.node);
        if (group.length > 1 || next.get(top.node)!.has(top.node)) groups.push(group.sort());
      }
    }
  }

  return groups
    .map((modules) => {
      const inside = new Set(modules);
      const within = (f: string): string[] => [...next.get(f)!].filter((t) => inside.has(t)).sort();
      const seen = new Set<string>();
      const cycles: Cycle[] = [];
      for (const a of modules) {
        for (const b of within(a)) {
          const back = shortestPath(b, a, within); // b … a, then a → b closes it
          const cycle = rotate(back);
          const key = cycle.join('\n');
          if (!seen.has(key)) {
            seen.add(key);
            cycles.push(cycle);
          }
        }
      }
      cycles.sort((x, y) => x.length - y.length || x.join().localeCompare(y.join()));
      const edges = graph.edges
        .filter((e) => inside.has(e.from) && inside.has(e.to))
        .map((e) => `${e.label ?? `${e.from}:${e.line} → ${e.to}`}${e.typeOnly ? ' (types)' : ''}`)
        .sort();
      return { modules, cycles, edges };
    })
    .sort((x, y) => x.modules[0]!.localeCompare(y.modules[0]!));
}

function shortestPath(from: string, to: string, within: (f: string) => string[]): string[] {
  const parent = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const f = queue[i]!;
    if (f === to) break;
    for (const t of within(f)) {
      if (!parent.has(t)) {
        parent.set(t, f);
        queue.push(t);
      }
    }
  }
  const path: string[] = [];
  for (let f: string | null | undefined = to; f != null; f = parent.get(f)) path.push(f);
  return path.reverse();
}

function rotate(cycle: Cycle): Cycle {
  let start = 0;
  for (let i = 1; i < cycle.length; i++) if (cycle[i]! < cycle[start]!) start = i;
  return [...cycle.slice(start), ...cycle.slice(0, start)];
}

/** A cycle list as text, one group after another, for a test's failure message. */
export function describeCycles(groups: CycleGroup[], graph: ImportGraph): string {
  const typeOnly = new Map<string, boolean>();
  for (const e of graph.edges) {
    const key = `${e.from}\n${e.to}`;
    typeOnly.set(key, (typeOnly.get(key) ?? true) && e.typeOnly);
  }
  const arrow = (a: string, b: string): string => (typeOnly.get(`${a}\n${b}`) ? ' →(types) ' : ' → ');
  return groups
    .map((g, i) => {
      const lines = g.cycles.map((c) => {
        let s = c[0]!;
        for (let k = 0; k < c.length; k++) s += arrow(c[k]!, c[(k + 1) % c.length]!) + c[(k + 1) % c.length]!;
        return `  ${s}`;
      });
      return [
        `group ${i + 1} (${g.modules.length} modules): ${g.modules.join(', ')}`,
        ...lines,
        '  imports inside the group:',
        ...g.edges.map((e) => `    ${e}`),
      ].join('\n');
    })
    .join('\n');
}
