/**
 * Review 33 B7: the Code tab's snippets are laid out for its column (as a formatter would), so a
 * 380 px side column at 1920 × 1080 shows them without scrolling sideways. The layout changes no
 * program: Python's own parser gives the laid-out and the one-line snippet the same syntax tree,
 * and the comments keep their words. (code.test.ts runs the laid-out PyTorch code itself.)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CODE_COLUMNS } from '../../web/src/code-wrap.js';
import { tfCode, torchCode } from '../../web/src/code.js';
import { buildLayer } from '../../web/src/layer.js';
import { defaultState } from '../../web/src/state.js';
import type { State } from '../../web/src/state.js';
import { mulberry32 } from '../support/mulberry32.js';
import { fileHarness } from './harness.js';

const PY = '/usr/bin/python3';
const hasPython = spawnSync(PY, ['-c', 'import ast'], { stdio: 'ignore' }).status === 0;

/** Layers the page accepts: the code tests' own cases and random ones, in both languages. */
function layers(): State[] {
  const fixed: Partial<State>[] = [
    { input: [7, 7], kernel: [3, 3], stride: [2, 2], dilation: [2, 2], padMode: 'number', pad: [2, 2, 2, 2] },
    { input: [6, 6], kernel: [3, 3], stride: [1, 1], padMode: 'asym', pad: [0, 2, 1, 0] },
    { input: [9, 8], kernel: [4, 3], stride: [1, 1], dilation: [2, 1], padMode: 'same' },
    { input: [4, 4], kernel: [3, 3], stride: [2, 2], padMode: 'number', pad: [1, 1, 1, 1], transposed: true, outputPadding: [1, 0], inChannels: 4, outChannels: 6, groups: 2 },
    { input: [3, 5], kernel: [4, 3], stride: [2, 3], dilation: [2, 1], padMode: 'asym', pad: [1, 0, 2, 1], transposed: true, outputPadding: [1, 2], inChannels: 2, outChannels: 4, groups: 2 },
    { input: [4, 4], kernel: [3, 3], stride: [2, 2], padMode: 'number', pad: [1, 1, 1, 1], transposed: true, useTarget: true, target: [8, 7] },
    { input: [32, 32], kernel: [9, 9], stride: [8, 8], dilation: [8, 8], padMode: 'asym', pad: [16, 15, 14, 13], transposed: true, outputPadding: [7, 6], inChannels: 16, outChannels: 16, groups: 16 },
  ];
  const next = mulberry32(33);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const random: Partial<State>[] = Array.from({ length: 240 }, () => {
    const g = int(1, 4);
    return {
      input: [int(1, 32), int(1, 32)],
      kernel: [int(1, 9), int(1, 9)],
      stride: [int(1, 8), int(1, 8)],
      dilation: [int(1, 8), int(1, 8)],
      padMode: (['number', 'axis', 'asym', 'same', 'valid'] as const)[int(0, 4)],
      pad: [int(0, 16), int(0, 16), int(0, 16), int(0, 16)],
      transposed: next() < 0.5,
      outputPadding: [int(0, 7), int(0, 7)],
      inChannels: g * int(1, 4),
      outChannels: g * int(1, 4),
      groups: g,
    };
  });
  return [...fixed, ...random].flatMap((l) => (['en', 'zh'] as const).map((lang) => ({ ...defaultState(), ...l, lang }))).filter((s) => buildLayer(s).ok);
}

/** Columns a line takes in a monospace font: CJK characters (and the full-width punctuation) take two. */
const columns = (line: string) => [...line].reduce((n, ch) => n + (/[\u2e80-\ua4cf\uac00-\ud7a3\uff00-\uff60\u3000-\u303f]/.test(ch) ? 2 : 1), 0);
const commentWords = (code: string) => code.split('\n').filter((l) => /^\s*#|\s#\s/.test(l)).map((l) => l.replace(/^.*?#\s?/, '')).join('').replace(/\s+/g, '');

describe('review 33 B7: code laid out for the Code tab', () => {
  const all = layers();

  it('every line of every snippet fits the column, in English and in Chinese', () => {
    expect(all.length).toBeGreaterThan(100);
    for (const s of all) {
      const r = buildLayer(s);
      if (!r.ok) throw r.error;
      for (const code of [torchCode(r.geometry, s), tfCode(r.geometry, s)]) {
        for (const line of code.split('\n')) expect(columns(line), `${line}\n\n${code}`).toBeLessThanOrEqual(CODE_COLUMNS);
      }
    }
  });

  it.skipIf(!hasPython)('laid out or on one line, Python reads the same program, and the comments keep their words', () => {
    const pairs: [string, string][] = [];
    for (const s of all) {
      const r = buildLayer(s);
      if (!r.ok) throw r.error;
      pairs.push([torchCode(r.geometry, s), torchCode(r.geometry, s, Infinity)], [tfCode(r.geometry, s), tfCode(r.geometry, s, Infinity)]);
    }
    for (const [fitted, flat] of pairs) expect(commentWords(fitted)).toBe(commentWords(flat));
    const runner = 'import ast, json, sys\nfor a, b in json.load(sys.stdin):\n    print(ast.dump(ast.parse(a)) == ast.dump(ast.parse(b)))\n';
    const out = execFileSync(PY, ['-c', runner], { input: JSON.stringify(pairs), encoding: 'utf8', timeout: 60_000 });
    expect(out.trim().split('\n')).toEqual(pairs.map(() => 'True'));
    // Some snippets were laid out at all (the review's layer among them).
    expect(pairs.filter(([a, b]) => a !== b).length).toBeGreaterThan(pairs.length / 2);
  });
});

describe('review 33 B7: the Code tab in the browser', () => {
  const h = fileHarness();
  for (const [width, height, lang] of [[1920, 1080, 'en'], [1366, 900, 'zh'], [390, 844, 'en']] as const) {
    it(`no snippet scrolls sideways at ${width}×${height} (${lang})`, async () => {
      // The review's dilated layer, and a grouped transposed one (the longest Keras construction).
      for (const q of ['i=7&k=3&s=2&d=2&p=2', 'i=4&k=3&s=2&p=1&t=1&op=1x0&ci=4&co=6&g=2']) {
        const { page, errors } = await h.open(`?${q}&lang=${lang}`, { width, height });
        await page.click('#tab-code');
        const boxes = await page.$$eval('#panel-code pre', (ps) => ps.map((p) => ({ sw: p.scrollWidth, cw: p.clientWidth, text: p.textContent ?? '' })));
        expect(boxes).toHaveLength(2);
        for (const b of boxes) {
          expect(b.cw, q).toBeGreaterThan(200);
          expect(b.sw, `${q}\n${b.text}`).toBeLessThanOrEqual(b.cw);
        }
        expect(boxes[0].text).toContain('kernel_size=(3, 3),');
        expect(errors).toEqual([]);
        await page.close();
      }
    });
  }
});
