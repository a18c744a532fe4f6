/**
 * The oldest Node that package.json's "engines" admits, from the npm registry's `node` package
 * (binaries published there as npm packages): the installed tarball's ESM and CommonJS scripts
 * must give the right numbers on it with the fast engine on all cores. The floor is real: the
 * engine reaches Node's os and worker_threads modules through process.getBuiltinModule (20.16+),
 * so on an older Node it would fall back to one thread.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installedProject, run, userEnv } from '../support/pack.js';
import { checkResult, CJS_SCRIPT, ESM_SCRIPT, expectedConv, makeCase } from './conv-case.js';

let project = '';
let oldNode = ''; // path of the oldest supported node binary
let oldest = '';

beforeAll(async () => {
  project = await installedProject();
  const engines = JSON.parse(readFileSync(join(project, 'node_modules/convkit/package.json'), 'utf8')).engines?.node as string;
  const m = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(engines ?? '');
  if (!m) throw new Error(`package.json engines.node should read ">=MAJOR.MINOR[.PATCH]", got ${JSON.stringify(engines)}`);
  oldest = `${m[1]}.${m[2] ?? 0}.${m[3] ?? 0}`;
  // npx keeps the download in npm's cache, so later runs start at once.
  const { stdout } = await run('npx', ['--yes', '--package', `node@${oldest}`, '--', 'node', '-p', 'process.execPath'], { cwd: project, env: userEnv(), timeoutMs: 8 * 60_000 });
  oldNode = stdout.trim().split('\n').pop()!;
}, 15 * 60_000);

describe('the oldest supported Node', () => {
  const c = makeCase(7);
  const want = expectedConv(c);

  it('is the version engines names', async () => {
    const { stdout } = await run(oldNode, ['--version'], { cwd: project, env: userEnv() });
    expect(stdout.trim()).toBe(`v${oldest}`);
  });

  for (const [name, script] of [['use-esm-oldest.mjs', ESM_SCRIPT], ['use-cjs-oldest.cjs', CJS_SCRIPT]] as const) {
    it(`runs ${name.endsWith('.mjs') ? 'import' : 'require'} of the installed package with the fast engine on all cores`, async () => {
      writeFileSync(join(project, 'case-oldest.json'), JSON.stringify(c));
      writeFileSync(join(project, name), script);
      const { stdout, stderr } = await run(oldNode, [name, 'case-oldest.json'], { cwd: project, env: userEnv(), timeoutMs: 120_000 });
      expect(stderr).toBe('');
      const got = JSON.parse(stdout);
      expect(got.node).toBe(`v${oldest}`);
      checkResult(got, want);
    });
  }
});
