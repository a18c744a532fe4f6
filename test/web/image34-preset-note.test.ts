/**
 * The kernel editor's note on where a preset's weights sit, checked at every kernel size the form
 * allows (1 to 9 on each axis) against the weights presetKernel actually writes: the rows and
 * columns it names are those of the nonzero weights' bounding box (counted from 0, as the editor's
 * cells are named: stop 54 found it counting from 1), it speaks of an off-centre place exactly where
 * a side is even, of the top-left corner exactly where the box starts at row 0 and column 0, and it says nothing where the preset fills the kernel or sits at its centre.
 */
import { describe, expect, it } from 'vitest';
import { PRESETS, presetFits, presetKernel } from '../../web/src/image/kernels.js';
import { presetNote } from '../../web/src/image/preset-note.js';

/** First and last row and column (from 0) holding a nonzero weight. */
function box(k: Float32Array, kh: number, kw: number): { rows: number[]; cols: number[] } {
  const rows: number[] = [], cols: number[] = [];
  for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) if (k[y * kw + x] !== 0) { rows.push(y); cols.push(x); }
  return { rows: [Math.min(...rows), Math.max(...rows)], cols: [Math.min(...cols), Math.max(...cols)] };
}

/** The numbers after "row(s)" and "column(s)" in an English note, as [first, last]. */
function named(note: string, word: 'row' | 'column'): number[] {
  const m = new RegExp(`${word}s? (\\d+)(?:–\u2060?(\\d+))?`).exec(note);
  if (!m) return [];
  return [Number(m[1]), Number(m[2] ?? m[1])];
}

describe('preset note', () => {
  for (const name of PRESETS) {
    it(`${name}: the note names where its weights are, at every size from 1 × 1 to 9 × 9`, () => {
      let said = 0;
      for (let kh = 1; kh <= 9; kh++) {
        for (let kw = 1; kw <= 9; kw++) {
          const at = `${kh}×${kw}`;
          const en = presetNote('en', name, kh, kw);
          const zh = presetNote('zh', name, kh, kw);
          expect(zh === '', `${at} zh/en`).toBe(en === '');
          if (!presetFits(name, kh, kw)) {
            expect(en, at).toBe('');
            continue;
          }
          const b = box(presetKernel(name, kh, kw), kh, kw);
          const fills = b.rows[0] === 0 && b.cols[0] === 0 && b.rows[1] === kh - 1 && b.cols[1] === kw - 1;
          if (fills) {
            expect(en, at).toBe('');
            continue;
          }
          // Off the middle by half a cell on an axis where the box's centre is not the kernel's.
          const offH = (b.rows[0] + b.rows[1]) / 2 - (kh - 1) / 2;
          const offW = (b.cols[0] + b.cols[1]) / 2 - (kw - 1) / 2;
          expect([offH, offW], at).toEqual([kh % 2 === 0 ? -0.5 : 0, kw % 2 === 0 ? -0.5 : 0]);
          if (name === 'identity' && offH === 0 && offW === 0) {
            expect(en, at).toBe('');
            continue;
          }
          said++;
          expect(named(en, 'row'), `${at}: ${en}`).toEqual([b.rows[0], b.rows[1]]);
          expect(named(en, 'column'), `${at}: ${en}`).toEqual([b.cols[0], b.cols[1]]);
          for (const n of [...b.rows, ...b.cols]) expect(zh, `${at}: ${zh}`).toContain(`${n}`);
          const dir = offH && offW ? 'above and left of' : offH ? 'above' : offW ? 'left of' : null;
          if (dir) expect(en, at).toContain(`half a cell ${dir} the kernel’s middle`);
          else expect(en, at).toMatch(/the middle 3×3/);
          expect(en.includes('no centre cell'), at).toBe(offH !== 0 && offW !== 0);
          expect(en.includes('top-left'), at).toBe(offH !== 0 && offW !== 0 && b.rows[0] === 0 && b.cols[0] === 0 && name !== 'identity');
          expect(zh.includes('左上角'), at).toBe(en.includes('top-left'));
          expect(zh.includes('偶数'), at).toBe(offH !== 0 || offW !== 0);
        }
      }
      // Box and Gaussian blur fill every kernel; the others are placed, and said so, somewhere.
      expect(said > 0, name).toBe(name !== 'box' && name !== 'gaussian');
    });
  }

  it('Sobel x on a 4 × 4 kernel: the top-left 3 × 3, in both languages', () => {
    expect(presetNote('en', 'sobelX', 4, 4).replace(/\u2060/g, '')).toContain('no centre cell: in this 4×4 one it fills the top-left 3×3 (rows 0–2, columns 0–2)');
    expect(presetNote('zh', 'sobelX', 4, 4)).toContain('左上角的 3×3');
  });
});
