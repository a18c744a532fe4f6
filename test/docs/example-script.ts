/**
 * Turns a doc comment's @example into a runnable ES module, so the test suite can run every example
 * against the built package and check the values it claims.
 *
 * Conventions of the examples (documented in docs/examples.md):
 * - the code sits in a ```ts fence and imports from 'convkit' (rewritten to dist/index.js here);
 * - `expression; //=> value` and `const name = expression; //=> value` claim a value, written as a
 *   JavaScript literal on the same line. Typed arrays compare as arrays, numbers within 1e-5
 *   (relative), and an object literal claims only the keys it lists.
 */
export function exampleCode(tagText: string): string {
  const fenced = /```[a-z]*\n([\s\S]*?)```/.exec(tagText);
  return (fenced ? fenced[1] : tagText).trim();
}

const CLAIM = /^(\s*)(.*?);?\s*\/\/=>\s*(.+)$/;
const DECLARATION = /^(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=/;

/** The example as a module: imports point at `entryUrl` and every claim becomes a check. */
export function exampleModule(code: string, entryUrl: string, label: string): string {
  const lines = code.split('\n').map((line, i) => {
    const rewritten = line.replace(/from\s+(['"])convkit\1/, `from ${JSON.stringify(entryUrl)}`);
    const claim = CLAIM.exec(rewritten);
    if (!claim) return rewritten;
    const [, indent, statement, expected] = claim;
    const where = JSON.stringify(`${label}, line ${i + 1}`);
    const declared = DECLARATION.exec(statement);
    if (declared) return `${indent}${statement}; __expect(${declared[1]}, (${expected}), ${where});`;
    return `${indent}__expect((${statement}), (${expected}), ${where});`;
  });
  return `${EXPECT}\n${lines.join('\n')}\n`;
}

/** The checker each example module carries (plain JavaScript: it runs in a bare Node process). */
const EXPECT = `
function __plain(v) {
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v);
  if (Array.isArray(v)) return v.map(__plain);
  return v;
}
function __match(actual, expected, path) {
  actual = __plain(actual);
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isNaN(expected) ? Number.isNaN(actual) : Math.abs(actual - expected) <= 1e-5 * Math.max(1, Math.abs(expected))) return;
    throw new Error(path + ': got ' + actual + ', the example says ' + expected);
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) throw new Error(path + ': got ' + JSON.stringify(actual) + ', the example says ' + JSON.stringify(expected));
    expected.forEach((e, i) => __match(actual[i], e, path + '[' + i + ']'));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') throw new Error(path + ': got ' + JSON.stringify(actual) + ', the example says an object');
    for (const key of Object.keys(expected)) __match(actual[key], expected[key], path + '.' + key);
    return;
  }
  if (actual !== expected) throw new Error(path + ': got ' + JSON.stringify(actual) + ', the example says ' + JSON.stringify(expected));
}
function __expect(actual, expected, where) { __match(actual, expected, where); }
`;
