/**
 * The scatter view of a transposed convolution with padding says how many of a step's writes the
 * padding crops, as a sentence under the counts: the corner label "5 × crop" read as a product and
 * sat against the subtitle (review, stop 45).
 */
import { describe, expect, it } from 'vitest';
import { renderSvg, sceneOf } from '../../src/render/index.js';

const spec = { input: 3, kernel: 3, stride: 2, padding: 1, transposed: true };
// renderSvg counts frames from 0: frame 0 is step 1 (input cell (0,0)), frame 4 the centre cell.
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('the scatter view names the cropped writes in words', () => {
  it('a step whose stamp the padding crops, in English and Chinese', () => {
    const en = texts(renderSvg(spec, { view: 'scatter', frame: 0 }));
    expect(en).toContain('this step: 5 of 9 writes cropped by the padding');
    expect(en.join('\n')).not.toMatch(/× crop/);
    expect(texts(renderSvg(spec, { view: 'scatter', frame: 0, lang: 'zh' }))).toContain('本步：9 次写入中有 5 次被填充裁掉');
  });

  it('a step that keeps every write says so, on the same line', () => {
    expect(texts(renderSvg(spec, { view: 'scatter', frame: 4 }))).toContain('this step: all 9 writes land in the output');
    expect(texts(renderSvg(spec, { view: 'scatter', frame: 4, lang: 'zh' }))).toContain('本步：9 次写入都落在输出内');
  });

  it('the line is under the counts, left-aligned with them, and inside the picture', () => {
    const scene = sceneOf(spec, { view: 'scatter' });
    const svg = renderSvg(spec, { view: 'scatter', frame: 0 });
    const at = (s: string) => {
      const m = new RegExp(`<text x="([\\d.]+)" y="([\\d.]+)"[^>]*>${s}`).exec(svg);
      if (!m) throw new Error(`no text ${s}`);
      return { x: Number(m[1]), y: Number(m[2]) };
    };
    const counts = at('writes per output cell');
    const crop = at('this step:');
    expect(crop.x).toBe(counts.x);
    expect(crop.y).toBeGreaterThan(counts.y);
    expect(crop.y).toBeLessThan(scene.height);
  });

  it('no line where nothing is cropped', () => {
    const svg = renderSvg({ input: 3, kernel: 3, stride: 2, transposed: true }, { view: 'scatter', frame: 0 });
    expect(texts(svg).join('\n')).not.toMatch(/this step|crop/);
  });
});
