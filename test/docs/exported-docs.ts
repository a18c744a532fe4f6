/**
 * Lists the public entry's exports with their doc comments, read with the TypeScript compiler
 * from a declaration file (dist/index.d.ts after a build) and followed through its re-exports, so
 * what is checked is what a user's editor shows. Shared by the tests in this folder.
 */
import ts from 'typescript';

export type ExportKind = 'function' | 'class' | 'constant' | 'type';

export interface ExportedDoc {
  name: string;
  kind: ExportKind;
  /** The doc comment's text without its tags ('' when there is none). */
  text: string;
  /** The code of each @example tag, in order. */
  examples: string[];
  /** Where it is declared, for messages. */
  file: string;
}

/** A constant holding a function (`export const conv2d = (…) => …`) is a function to its users. */
function kindOf(symbol: ts.Symbol, checker: ts.TypeChecker): ExportKind {
  const f = symbol.flags;
  if (f & ts.SymbolFlags.Function) return 'function';
  if (f & ts.SymbolFlags.Class) return 'class';
  if (f & ts.SymbolFlags.Variable) {
    const type = checker.getTypeOfSymbol(symbol);
    return type.getCallSignatures().length > 0 ? 'function' : 'constant';
  }
  return 'type';
}

function tagText(tag: ts.JSDocTagInfo): string {
  return (tag.text ?? []).map((p) => p.text).join('');
}

/** Every export of the module at `entry`, aliases resolved to the declarations they name. */
export function exportedDocs(entry: string): ExportedDoc[] {
  const program = ts.createProgram([entry], { noEmit: true, skipLibCheck: true, types: [] });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  if (!source) throw new Error(`cannot read ${entry}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`${entry} is not a module`);
  return checker.getExportsOfModule(moduleSymbol).map((exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const text = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
    const examples = symbol.getJsDocTags(checker).filter((t) => t.name === 'example').map(tagText);
    const decl = symbol.declarations?.[0];
    return { name: exported.name, kind: kindOf(symbol, checker), text, examples, file: decl?.getSourceFile().fileName ?? '?' };
  });
}

/** The exports that break the rule: every export has a doc comment, every function, class and constant an example. */
export function undocumented(docs: ExportedDoc[]): string[] {
  const bad: string[] = [];
  for (const d of docs) {
    if (!d.text) bad.push(`${d.name} (${d.kind}): no doc comment — ${d.file}`);
    else if (d.kind !== 'type' && d.examples.length === 0) bad.push(`${d.name} (${d.kind}): no @example — ${d.file}`);
  }
  return bad;
}
