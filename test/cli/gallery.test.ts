/**
 * `convkit gallery` as a user runs it: bin/convkit.js on the built dist/ in a child process (the
 * path that draws on worker threads). Every entry's files are written, decode, and are the very
 * bytes the library renders for that entry, whichever thread drew them.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { convMatrix } from '../../src/matrix/build.js';
import { galleryEntries, renderGif, renderMatrixPng, renderMatrixSvg, sceneOf } from '../../src/render/index.js';
import { decodeGif } from '../render/gif-decode.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const built = existsSync(`${root}dist/cli/gallery-worker.js`);

async function gallery(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', ['bin/convkit.js', 'gallery', ...args], { cwd: root, encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe.skipIf(!built)('convkit gallery (bin/convkit.js on the built dist/)', () => {
  it('writes every entry and index.html; the files are the bytes the library renders', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-gallery-'));
    const r = await gallery('--out', dir, '--json');
    expect(r.code, r.stderr).toBe(0);
    const entries = galleryEntries();
    const json = JSON.parse(r.stdout) as { files: { name: string; files: string[]; frames: number; width: number; height: number }[] };
    expect(json.files.map((f) => f.name)).toEqual(entries.map((e) => e.name));
    const expected = entries.flatMap((e) => (e.kind === 'matrix' ? [`${e.name}.svg`, `${e.name}.png`] : [`${e.name}.gif`]));
    // No temporary file is left behind by either thread.
    expect(readdirSync(dir).sort()).toEqual([...expected, 'index.html'].sort());
    // Progress: one line per picture (piped stderr), counted in the order they were finished.
    const lines = r.stderr.trim().split('\n');
    expect(lines.map((l, n) => l.startsWith(`gallery: ${n + 1}/${entries.length} `))).toEqual(entries.map(() => true));
    expect(lines.map((l) => l.split(' ')[2]).sort()).toEqual(entries.map((e) => e.name).sort());

    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    const order = entries.map((e) => html.indexOf(`src="${e.kind === 'matrix' ? `${e.name}.svg` : `${e.name}.gif`}"`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    // Every GIF decodes to its scene's size and frame count; a few are compared byte for byte with
    // the library (the gallery's first and last figures, a transposed one, a numerical one, the
    // scatter view), and the matrix pictures too.
    const compared = new Set(['no_padding_no_strides', 'padding_strides_odd_transposed', 'numerical_max_pooling', 'tutorial_5x5_k3_s2_transposed_scatter', 'tutorial_dilation_2']);
    for (const [n, e] of entries.entries()) {
      if (e.kind === 'matrix') {
        const m = convMatrix(e.spec);
        expect(readFileSync(join(dir, `${e.name}.svg`), 'utf8')).toBe(renderMatrixSvg(m, { highlightRow: e.highlightRow }));
        expect(new Uint8Array(readFileSync(join(dir, `${e.name}.png`)))).toEqual(renderMatrixPng(m, { highlightRow: e.highlightRow }));
        continue;
      }
      const bytes = new Uint8Array(readFileSync(join(dir, `${e.name}.gif`)));
      const gif = decodeGif(bytes);
      const scene = sceneOf(e.spec, e.options);
      expect([gif.width, gif.height, gif.frames.length], e.name).toEqual([scene.width, scene.height, scene.frames.length]);
      expect(json.files[n], e.name).toMatchObject({ frames: scene.frames.length, width: scene.width, height: scene.height });
      if (compared.has(e.name)) expect(Buffer.from(bytes).equals(Buffer.from(renderGif(e.spec, e.options))), e.name).toBe(true);
    }
  }, 180_000);

  it('an unwritable folder: exit 2, one line on stderr, nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-gallery-'));
    writeFileSync(join(dir, 'file'), 'x');
    const r = await gallery('--out', join(dir, 'file', 'g'));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n').filter((l) => !l.startsWith('gallery: '))).toEqual([expect.stringMatching(/^convkit: error: cannot write .*file\/g\//)]);
    expect(readdirSync(dir)).toEqual(['file']);
  }, 60_000);
});
