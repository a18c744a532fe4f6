/**
 * Every export of the public entry, as the built declarations (dist/index.d.ts) show it, has a doc
 * comment, and every function, class and constant has an @example. Offenders are printed by name.
 */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportedDocs, undocumented } from './exported-docs.js';

const root = resolve(import.meta.dirname, '../..');

describe('public exports', () => {
  const docs = exportedDocs(join(root, 'dist/index.d.ts'));

  it('are found through the re-exports', () => {
    // conv2d lives in dist/ops/conv.d.ts, ConvError in dist/geometry/errors.d.ts: both must be seen.
    expect(docs.find((d) => d.name === 'conv2d')?.kind).toBe('function');
    expect(docs.find((d) => d.name === 'ConvError')?.kind).toBe('class');
    expect(docs.length).toBeGreaterThan(150);
  });

  it('all have a doc comment, and functions, classes and constants an example', () => {
    const bad = undocumented(docs);
    if (bad.length) console.error(`${bad.length} undocumented export(s):\n${bad.join('\n')}`);
    expect(bad).toEqual([]);
  });
});
