/**
 * The README's user part tells the truth and reads on the npm page: its first convolution prints
 * what the README shows, its first picture writes an SVG and a GIF, and it links only to absolute
 * addresses (npm cannot resolve a path into the repository). Runs against dist/, in a plain Node
 * process, as a user's script would.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const userPart = readme.split(/^# Contributing$/m)[0];
const work = mkdtempSync(join(tmpdir(), 'convkit-readme-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The fenced blocks of a README section, in order. */
function blocks(heading: string): string[] {
  const start = readme.indexOf(`\n## ${heading}\n`);
  expect(start, `README has a "## ${heading}" section`).toBeGreaterThan(0);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1]);
}

function run(code: string, name: string): string {
  const file = join(work, name);
  writeFileSync(file, code.replace(/from 'convkit'/g, `from ${JSON.stringify(pathToFileURL(join(root, 'dist/index.js')).href)}`));
  const r = spawnSync(process.execPath, [file], { cwd: work, encoding: 'utf8', timeout: 60_000 });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

describe('README', () => {
  it('first convolution prints what the README shows', () => {
    const [code, output] = blocks('A first convolution');
    expect(run(code, 'first.mjs').trim()).toBe(output.trim());
  });

  it('first picture writes an SVG and a GIF', () => {
    const [code] = blocks('A first picture');
    run(code, 'picture.mjs');
    expect(readFileSync(join(work, 'conv.svg'), 'utf8')).toMatch(/^<svg /);
    expect(readFileSync(join(work, 'upsample.gif')).subarray(0, 6).toString('latin1')).toBe('GIF89a');
  });

  it('gives the set-up commands of a fresh clone at the top', () => {
    const top = readme.slice(0, readme.indexOf('\n## '));
    expect(top).toContain('npm ci && npm start');
    expect(top).toContain('bash .ci/run');
  });

  it('links only to absolute addresses in the part users read', () => {
    const links = [...userPart.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((l) => !/^https:\/\//.test(l))).toEqual([]);
  });
});
