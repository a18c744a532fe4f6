/**
 * What Node loads for the installed package (test/support/pack.ts: the packed tarball in an empty
 * project, plain `node` child processes): `import 'convkit'` resolves to the Node build
 * (dist/node/, scripts/build-node.mjs) and loads its few files and no dependency until a function
 * needs one; the per-file modules (dist/index.js and what it imports) stay for browsers and
 * bundlers, and a program never loads both. The same for `require` (dist/cjs) and the CLI.
 *
 * Which files a process loaded: an ES module loader hook (node --import, module.register) writes
 * every module URL it loads to a log, and the script writes a mark into that log after its import;
 * CommonJS modules (the dependencies, loaded with require) are read from require.cache.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { installedProject, userEnv } from '../support/pack.js';
import { checkResult, expectedConv, makeCase, type ScriptResult } from './conv-case.js';

let project = '';
let convkitUrl = ''; // file:///…/node_modules/convkit/

const HOOKS = `
import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(process.env.CONVKIT_LOADS_LOG, url + '\\n');
  return next(url, context);
}
`;
const REGISTER = `import { register } from 'node:module';\nregister('./log-hooks.mjs', import.meta.url);\n`;

beforeAll(async () => {
  project = await installedProject();
  convkitUrl = pathToFileURL(join(project, 'node_modules/convkit')).href + '/';
  writeFileSync(join(project, 'log-hooks.mjs'), HOOKS);
  writeFileSync(join(project, 'log-loads.mjs'), REGISTER);
}, 15 * 60_000);

/** Runs `node --import ./log-loads.mjs …args` in the project; resolves whatever the exit code, with the modules it loaded. */
function nodeLogged(args: string[], timeout = 120_000): Promise<{ code: number; killed: boolean; stdout: string; stderr: string; loads: string[] }> {
  const log = join(mkdtempSync(join(project, 'loads-')), 'loads.txt');
  writeFileSync(log, '');
  return new Promise((res) => {
    execFile(process.execPath, ['--import', './log-loads.mjs', ...args], { cwd: project, env: { ...userEnv(), CONVKIT_LOADS_LOG: log }, timeout, maxBuffer: 64 << 20, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      res({ code, killed: !!err?.killed, stdout, stderr, loads: readFileSync(log, 'utf8').split('\n').filter(Boolean) });
    });
  });
}

/** The loaded modules of the convkit package, as paths inside it. */
const convkitFiles = (loads: string[]) => loads.filter((u) => u.startsWith(convkitUrl)).map((u) => u.slice(convkitUrl.length));
/** Loaded modules from node_modules other than convkit's own files. */
const otherPackages = (loads: string[]) => loads.filter((u) => u.includes('/node_modules/') && !u.startsWith(convkitUrl));

const c = makeCase(20261206);
const want = expectedConv(c);

/** Computes the case with conv2d (sync) and conv2dAsync; `convkit` is in scope. */
const CONV_BODY = `
const c = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const x = convkit.tensor(Float32Array.from(c.x), c.xShape);
const w = convkit.tensor(Float32Array.from(c.w), c.wShape);
const b = convkit.tensor(Float32Array.from(c.b), [c.b.length]);
const opts = { bias: b, stride: c.stride, padding: c.padding, dilation: c.dilation, groups: c.groups };
const result = (y) => ({ shape: y.shape, data: Array.from(y.data), info: convkit.fastEngineInfo(), node: process.version, cores: availableParallelism() });
const sync = result(convkit.conv2d(x, w, opts));
const async = result(await convkit.conv2dAsync(x, w, opts));
`;

/** A YAML layer list: parseLayerList needs the yaml package. */
const YAML = 'input: [1, 3, 32, 32]\nlayers:\n  - { type: conv, out: 8, kernel: 3, padding: 1 }\n  - { type: conv, out: 8, kernel: 3, stride: 2 }\n';

describe('Node loads the Node build of the installed package', () => {
  it('import: resolves to dist/node/index.js, loads only dist/node/ and no dependency; conv2d and conv2dAsync compute on all cores; the process exits by itself', async () => {
    writeFileSync(join(project, 'case44.json'), JSON.stringify(c));
    writeFileSync(
      join(project, 'probe-import.mjs'),
      `import { appendFileSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const resolved = import.meta.resolve('convkit');
const convkit = await import('convkit');
appendFileSync(process.env.CONVKIT_LOADS_LOG, 'IMPORTED\\n');
const requiredAtImport = Object.keys(require.cache);
${CONV_BODY}
const requiredAfterConv = Object.keys(require.cache);
const net = convkit.buildNetwork(convkit.parseLayerList(${JSON.stringify(YAML)}));
const requiredAfterYaml = Object.keys(require.cache);
console.log(JSON.stringify({ resolved, requiredAtImport, requiredAfterConv, requiredAfterYaml, layers: net.nodes.length, sync, async }));
`,
    );
    const r = await nodeLogged(['probe-import.mjs', join(project, 'case44.json')]);
    expect(r.stderr).toBe('');
    expect(r.killed, 'the process did not exit by itself (worker threads kept it alive?)').toBe(false);
    expect(r.code).toBe(0);
    const got = JSON.parse(r.stdout);
    expect(got.resolved).toBe(`${convkitUrl}dist/node/index.js`);

    const mark = r.loads.indexOf('IMPORTED');
    expect(mark).toBeGreaterThan(0);
    const atImport = r.loads.slice(0, mark);
    const files = convkitFiles(r.loads);
    expect(files).toContain('dist/node/index.js');
    expect(files.filter((f) => !/^dist\/node\/[\w-]+\.js$/.test(f)), 'convkit modules loaded from outside dist/node/ (a second copy of the library)').toEqual([]);
    expect(files.length, 'the Node build is a few files, not the ~160 per-file modules').toBeLessThan(30);
    expect(otherPackages(atImport), 'dependencies loaded by the import itself').toEqual([]);
    expect(got.requiredAtImport, 'CommonJS modules required by the import itself').toEqual([]);
    expect(got.requiredAfterConv, 'a convolution needs no dependency').toEqual([]);
    // The dependency is there when a function needs it, synchronously.
    expect(got.requiredAfterYaml.some((f: string) => /\/node_modules\/yaml\//.test(f)), 'parseLayerList loaded yaml').toBe(true);
    expect(got.layers).toBeGreaterThanOrEqual(2);

    checkResult(got.sync as ScriptResult, want);
    checkResult(got.async as ScriptResult, want);
  });

  it('require: dist/cjs/index.js, one file, with no dependency until a function needs one; the process exits by itself', async () => {
    writeFileSync(join(project, 'case44.json'), JSON.stringify(c));
    writeFileSync(
      join(project, 'probe-require.cjs'),
      `const { readFileSync } = require('node:fs');
const { availableParallelism } = require('node:os');
(async () => {
  const resolved = require.resolve('convkit');
  const convkit = require('convkit');
  const requiredAtImport = Object.keys(require.cache);
${CONV_BODY}
  const png = convkit.renderPng({ input: [5, 5], kernel: 3 });
  const requiredAfterPng = Object.keys(require.cache);
  const net = convkit.buildNetwork(convkit.parseLayerList(${JSON.stringify(YAML)}));
  const requiredAfterYaml = Object.keys(require.cache);
  console.log(JSON.stringify({ resolved, requiredAtImport, requiredAfterPng, requiredAfterYaml, png: Array.from(png.subarray(0, 8)), layers: net.nodes.length, sync, async }));
})();
`,
    );
    const r = await nodeLogged(['probe-require.cjs', join(project, 'case44.json')]);
    expect(r.stderr).toBe('');
    expect(r.killed).toBe(false);
    expect(r.code).toBe(0);
    const got = JSON.parse(r.stdout);
    const cjsFile = join(project, 'node_modules/convkit/dist/cjs/index.js');
    expect(got.resolved).toBe(cjsFile);
    const script = join(project, 'probe-require.cjs');
    expect(got.requiredAtImport.filter((f: string) => f !== script)).toEqual([cjsFile]);
    // fast-png is bundled in (an ES module only), so a PNG needs no package from node_modules either.
    expect(got.png).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(got.requiredAfterPng.filter((f: string) => f !== script)).toEqual([cjsFile]);
    expect(got.requiredAfterYaml.some((f: string) => /\/node_modules\/yaml\//.test(f)), 'parseLayerList loaded yaml').toBe(true);
    expect(got.layers).toBeGreaterThanOrEqual(2);
    checkResult(got.sync as ScriptResult, want);
    checkResult(got.async as ScriptResult, want);
  });

  it('the CLI (bin/convkit.js) runs the Node build: explain loads bin/convkit.js and dist/node/ only', async () => {
    const r = await nodeLogged(['node_modules/convkit/bin/convkit.js', 'explain', '--input', '5x5', '--kernel', '3']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('output 3×3');
    const files = convkitFiles(r.loads);
    expect(files[0]).toBe('bin/convkit.js');
    expect(files).toContain('dist/node/cli.js');
    expect(files.filter((f) => f !== 'bin/convkit.js' && !/^dist\/node\/[\w-]+\.js$/.test(f))).toEqual([]);
    // Only commander, which every command needs; the library's dependencies wait for their functions.
    expect([...new Set(otherPackages(r.loads).map((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)![1]))]).toEqual(['commander']);
  });

  it('the CLI\'s gallery still starts its worker threads (their file is found from the bundle) and writes every picture', async () => {
    const out = mkdtempSync(join(project, 'gallery-'));
    const r = await nodeLogged(['node_modules/convkit/bin/convkit.js', 'gallery', '--out', out, '--json'], 240_000);
    expect(r.code, r.stderr).toBe(0);
    const written = JSON.parse(r.stdout) as { files: { files: string[] }[] };
    expect(written.files.length).toBeGreaterThan(20);
    for (const e of written.files) for (const f of e.files) expect(existsSync(join(out, f)), f).toBe(true);
    expect(readdirSync(out)).toContain('index.html');
    // A worker thread loads the compiled worker module (dist/cli/gallery-worker.js); with one core none starts.
    if (availableParallelism() >= 2) expect(convkitFiles(r.loads)).toContain('dist/cli/gallery-worker.js');
  }, 300_000);

  it('a bundler that targets Node (esbuild --platform=node) still gets the per-file modules, and tree-shakes them', async () => {
    writeFileSync(join(project, 'node-app.mjs'), "import { conv2d, tensor } from 'convkit';\nconsole.log(JSON.stringify(Array.from(conv2d(tensor([1, 2, 3, 4], [1, 1, 2, 2]), tensor([1], [1, 1, 1, 1])).data)));\n");
    const result = await build({ absWorkingDir: project, entryPoints: ['node-app.mjs'], bundle: true, format: 'esm', platform: 'node', outfile: join(project, 'out44/node-app.mjs'), metafile: true, logLevel: 'silent' });
    const inputs = Object.entries(Object.values(result.metafile.outputs)[0]!.inputs).filter(([, v]) => v.bytesInOutput > 0).map(([k]) => k);
    expect(inputs.some((i) => i.includes('node_modules/convkit/dist/ops/conv.js'))).toBe(true);
    expect(inputs.filter((i) => /node_modules\/convkit\/dist\/(node|cjs)\//.test(i))).toEqual([]);
    expect(inputs.filter((i) => /node_modules\/(yaml|protobufjs|gifenc|fast-png)\//.test(i))).toEqual([]);
    const r = await nodeLogged([join(project, 'out44/node-app.mjs')]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([1, 2, 3, 4]);
  });
});
