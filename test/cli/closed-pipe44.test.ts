/**
 * `convkit gallery --out g 2>&1 | head -1` (review R2): the reader closes the pipe after one
 * progress line, and bin/convkit.js, which ends quietly on EPIPE for text output, ended there with
 * exit code 0 after 2 of 28 pictures. A command whose output is files stops printing and finishes
 * them; a text command still stops at once.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { galleryEntries } from '../../src/render/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const built = existsSync(`${root}dist/node/cli.js`);

function shell(line: string) {
  return spawnSync('bash', ['-c', `set -o pipefail; ${line}`], { cwd: root, encoding: 'utf8', timeout: 300_000 });
}

describe.skipIf(!built)('a reader that closes the pipe early (bin/convkit.js)', () => {
  it('gallery still writes every picture and index.html, and exits as usual', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-pipe-'));
    const r = shell(`node bin/convkit.js gallery --out ${dir} 2>&1 | head -1`);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^gallery: 1\/\d+ /);
    const expected = galleryEntries().flatMap((e) => (e.kind === 'matrix' ? [`${e.name}.svg`, `${e.name}.png`] : [`${e.name}.gif`]));
    expect(readdirSync(dir).sort()).toEqual([...expected, 'index.html'].sort());
  }, 300_000);

  it('animate writes its file when stdout is closed before it prints', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-pipe-'));
    const r = shell(`node bin/convkit.js animate --input 5x5 --kernel 3 --out ${dir}/a.gif | true`);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(existsSync(join(dir, 'a.gif'))).toBe(true);
  });
});
