/**
 * The packed tarball as a user gets it (test/support/pack.ts: `npm pack` of a clean copy, so the
 * prepack script must build dist/), installed into an empty project: what it contains, `import`
 * and `require` from plain Node scripts, the CLI through `npx`, and TypeScript's view of the types.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installedProject, packedTarball, repoRoot, run, userEnv } from '../support/pack.js';
import { checkResult, CJS_SCRIPT, ESM_SCRIPT, expectedConv, makeCase } from './conv-case.js';

let tgz = '';
let unpacked = ''; // the tarball extracted: unpacked/package/…
let project = '';

beforeAll(async () => {
  tgz = await packedTarball();
  unpacked = mkdtempSync(join(dirname(tgz), 'unpacked-'));
  await run('tar', ['-xzf', tgz, '-C', unpacked], { cwd: unpacked });
  project = await installedProject();
}, 15 * 60_000);

/** Every file under dir, as paths relative to it with '/' separators. */
function walk(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name), base) : [relative(base, join(dir, e.name)).split('\\').join('/')],
  );
}

/** Every string leaf of package.json's "exports" (the targets). */
function exportTargets(e: unknown): string[] {
  if (typeof e === 'string') return [e];
  if (e && typeof e === 'object') return Object.values(e).flatMap(exportTargets);
  return [];
}

/** Runs a program in the user's project; resolves to { code, stdout, stderr } whatever the exit code. */
function userRun(file: string, args: string[], cwd = project): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((res) => {
    execFile(file, args, { cwd, env: userEnv(), timeout: 120_000, maxBuffer: 64 << 20, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      res({ code, stdout, stderr });
    });
  });
}

describe('the packed tarball', () => {
  it('holds the built package and nothing but what users need', () => {
    const pkgDir = join(unpacked, 'package');
    const files = walk(pkgDir);
    for (const f of ['package.json', 'LICENSE', 'README.md', 'bin/convkit.js', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'dist/cjs/index.js', 'dist/cjs/index.d.ts', 'dist/cjs/package.json']) {
      expect(files, `${f} missing from ${tgz}`).toContain(f);
    }
    const stray = files.filter((f) => !/^(dist\/|bin\/)/.test(f) && !['package.json', 'LICENSE', 'README.md', 'docs/semantics.md'].includes(f));
    expect(stray, 'files outside dist/, bin/, LICENSE, README.md, docs/semantics.md').toEqual([]);
    // The types' doc comments send a reader to docs/…md files (editor hints): each must be in the package (review R43a).
    const cited = new Set<string>();
    for (const f of files.filter((x) => x.endsWith('.d.ts'))) for (const m of readFileSync(join(pkgDir, f), 'utf8').matchAll(/\bdocs\/[\w-]+\.md\b/g)) cited.add(m[0]);
    expect(cited.size, 'doc comments cite docs/semantics.md').toBeGreaterThan(0);
    for (const d of cited) expect(files, `${d}, cited by the types, missing from ${tgz}`).toContain(d);
    expect(files.filter((f) => /(^|\/)(test|tests|__tests__)\/|\.test\.[cm]?[jt]s$/.test(f)), 'test files in the package').toEqual([]);
    expect(readFileSync(join(pkgDir, 'LICENSE'), 'utf8')).toMatch(/^MIT License[\s\S]*Copyright \(c\) 2026 convkit contributors/);
  });

  it('names only files it contains (main, module, types, exports, bin)', () => {
    const pkgDir = join(unpacked, 'package');
    const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
    const named = [pkg.main, pkg.module, pkg.types, ...exportTargets(pkg.exports), ...Object.values<string>(pkg.bin)].filter(Boolean);
    expect(named.length).toBeGreaterThan(5);
    for (const p of named) expect(existsSync(join(pkgDir, p)), `package.json names ${p}, which is not in the tarball`).toBe(true);
    // The CommonJS folder must read as CommonJS inside a "type": "module" package.
    expect(JSON.parse(readFileSync(join(pkgDir, 'dist/cjs/package.json'), 'utf8')).type).toBe('commonjs');
    // No install script: npm asks users to approve those, and the sources a build script would
    // compile are not in the tarball anyway.
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts?.[script], script).toBeUndefined();
    // sideEffects lists exactly the modules that register strings when loaded (bundlers would drop
    // a bare `import` of them otherwise, and the Chinese text with it); everything else is pure.
    expect(Array.isArray(pkg.sideEffects)).toBe(true);
    const globRe = (g: string) => new RegExp(`(^|/)${g.replace(/^\*\*\//, '').replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*')}$`);
    const patterns = (pkg.sideEffects as string[]).map(globRe);
    const js = walk(pkgDir).filter((f) => f.startsWith('dist/') && !f.startsWith('dist/cjs/') && f.endsWith('.js'));
    const registering = js.filter((f) => !f.endsWith('i18n/index.js') && /^\s*registerStrings\(/m.test(readFileSync(join(pkgDir, f), 'utf8')));
    expect(registering.length).toBeGreaterThan(0);
    for (const f of registering) expect(patterns.some((re) => re.test(f)), `${f} registers strings but is not in sideEffects`).toBe(true);
    for (const [i, re] of patterns.entries()) if (!(pkg.sideEffects as string[])[i].endsWith('.css')) expect(js.some((f) => re.test(f)), `${(pkg.sideEffects as string[])[i]} matches no shipped module`).toBe(true);
    for (const url of [pkg.homepage, pkg.bugs?.url, pkg.repository?.url]) expect(url).toMatch(/^(git\+)?https:\/\//);
  });

  it('ships declarations, not data: the compiled kernels are code, their declaration only names them', () => {
    const pkgDir = join(unpacked, 'package');
    const dts = walk(pkgDir).filter((f) => f.endsWith('.d.ts'));
    const kernels = dts.filter((f) => f.endsWith('kernels.generated.d.ts'));
    expect(kernels.length, 'the kernels module has its declaration in both builds').toBe(2);
    // As `as const` it carried the ~190 KB of base64 as string-literal types (twice); no declaration
    // needs more than a few tens of KB.
    for (const f of dts) expect(statSync(join(pkgDir, f)).size, f).toBeLessThan(40_000);
    for (const f of kernels) expect(readFileSync(join(pkgDir, f), 'utf8')).not.toMatch(/AGFzbQ/);
  });

  it('has no source map that points at a file it does not ship', () => {
    const pkgDir = join(unpacked, 'package');
    const files = new Set(walk(pkgDir));
    const missing: string[] = [];
    for (const f of files) {
      if (/\.[cm]?js$/.test(f)) {
        const m = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(join(pkgDir, f), 'utf8'));
        if (m && !m[1]!.startsWith('data:')) {
          const map = relative(pkgDir, resolve(pkgDir, dirname(f), m[1]!)).split('\\').join('/');
          if (!files.has(map)) missing.push(`${f} → ${map}`);
        }
      }
      if (f.endsWith('.map')) {
        const map = JSON.parse(readFileSync(join(pkgDir, f), 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] };
        map.sources.forEach((s, i) => {
          const src = relative(pkgDir, resolve(pkgDir, dirname(f), s)).split('\\').join('/');
          if (!files.has(src) && !map.sourcesContent?.[i]) missing.push(`${f} → ${src}`);
        });
      }
    }
    expect(missing).toEqual([]);
  });

  it('README links only to addresses or to files in the package (they must work on the npm page)', () => {
    const pkgDir = join(unpacked, 'package');
    const readme = readFileSync(join(pkgDir, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
    const broken = links.filter((l) => !/^(https?:|mailto:|#)/.test(l) && !existsSync(join(pkgDir, l.split('#')[0]!)));
    expect(broken, 'relative README links to files not in the tarball').toEqual([]);
  });
});

describe('the installed package, used from plain Node scripts', () => {
  const c = makeCase(20261202);
  const want = expectedConv(c);

  function writeCase(): string {
    const caseFile = join(project, 'case.json');
    writeFileSync(caseFile, JSON.stringify(c));
    return caseFile;
  }

  it('import: an ES module script computes conv2d with the WebAssembly engine on all cores, matching the definition', async () => {
    const caseFile = writeCase();
    writeFileSync(join(project, 'use-esm.mjs'), ESM_SCRIPT);
    const r = await userRun(process.execPath, ['use-esm.mjs', caseFile]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    checkResult(JSON.parse(r.stdout), want);
  });

  it('require: a CommonJS script gets the same results', async () => {
    const caseFile = writeCase();
    writeFileSync(join(project, 'use-cjs.cjs'), CJS_SCRIPT);
    const r = await userRun(process.execPath, ['use-cjs.cjs', caseFile]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    checkResult(JSON.parse(r.stdout), want);
  });

  it('require: errors are ConvErrors with their code, and package.json is readable', async () => {
    writeFileSync(
      join(project, 'use-cjs-error.cjs'),
      [
        "const { conv2d, tensor, ConvError } = require('convkit');",
        "const version = require('convkit/package.json').version;",
        'try {',
        '  conv2d(tensor(new Float32Array(4), [1, 1, 2, 2]), tensor(new Float32Array(9), [1, 1, 3, 3]));',
        "  console.log(JSON.stringify({ thrown: false, version }));",
        '} catch (e) {',
        '  console.log(JSON.stringify({ thrown: true, isConvError: e instanceof ConvError, code: e.code, version }));',
        '}',
      ].join('\n'),
    );
    const r = await userRun(process.execPath, ['use-cjs-error.cjs']);
    expect(r.code).toBe(0);
    const got = JSON.parse(r.stdout);
    const version = JSON.parse(readFileSync(join(unpacked, 'package/package.json'), 'utf8')).version;
    // A 3×3 kernel does not fit a 2×2 input without padding: PyTorch refuses it too.
    expect(got).toMatchObject({ thrown: true, isConvError: true, version });
    expect(typeof got.code).toBe('string');
  });

  it('import and require in one program: each copy recognises the other copy\'s errors', async () => {
    writeFileSync(
      join(project, 'use-both-copies.mjs'),
      [
        "import { createRequire } from 'node:module';",
        "import * as esm from 'convkit';",
        "const cjs = createRequire(import.meta.url)('convkit');",
        'const refuse = (k) => { try { k.conv2d(k.tensor(new Float32Array(4), [1, 1, 2, 2]), k.tensor(new Float32Array(9), [1, 1, 3, 3])); } catch (e) { return e; } return null; };',
        'const fromCjs = refuse(cjs), fromEsm = refuse(esm);',
        'console.log(JSON.stringify({',
        '  twoClasses: esm.ConvError !== cjs.ConvError,',
        '  esmSeesCjs: [esm.isConvError(fromCjs), fromCjs instanceof esm.ConvError],',
        '  cjsSeesEsm: [cjs.isConvError(fromEsm), fromEsm instanceof cjs.ConvError],',
        '  codes: [fromCjs && fromCjs.code, fromEsm && fromEsm.code],',
        '}));',
      ].join('\n'),
    );
    const r = await userRun(process.execPath, ['use-both-copies.mjs']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ twoClasses: true, esmSeesCjs: [true, true], cjsSeesEsm: [true, true], codes: ['KERNEL_TOO_LARGE', 'KERNEL_TOO_LARGE'] });
  });
});

describe('the installed command line (npx convkit)', () => {
  it('explains a convolution: output sizes as the size formula gives them', async () => {
    const r = await userRun('npx', ['--no', '--', 'convkit', 'explain', '--input', '7x6', '--kernel', '3', '--stride', '2', '--padding', '1', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    const size = (i: number) => Math.floor((i + 2 * 1 - 3) / 2) + 1;
    expect(out.output).toEqual([size(7), size(6)]);
  });

  it('prints its version and refuses bad input with exit code 2 and one line', async () => {
    const version = JSON.parse(readFileSync(join(unpacked, 'package/package.json'), 'utf8')).version;
    const v = await userRun('npx', ['--no', '--', 'convkit', '--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toBe(version);
    const bad = await userRun('npx', ['--no', '--', 'convkit', 'explain', '--input', '5x5', '--kernel', '9']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/kernel/);
  });
});

describe("TypeScript's view of the installed types", () => {
  const uses = (from: string) => [
    `const x: Tensor = tensor(new Float32Array(16), [1, 1, 4, 4]);`,
    `const y: Tensor = conv2d(x, tensor(new Float32Array(9), [1, 1, 3, 3]), { stride: 1, padding: 'same' });`,
    `const shape: readonly number[] = y.shape;`,
    `const caught: unknown = shape;`,
    `const code: string | undefined = isConvError(caught) ? caught.code : undefined;`,
    `const p: Promise<Tensor> = conv2dAsync(x, x);`,
    `// @ts-expect-error stride takes numbers: a typed package must refuse a string here (${from})`,
    `conv2d(x, x, { stride: 'two' });`,
    `export { code, p };`,
  ];
  const names = 'tensor, conv2d, conv2dAsync, isConvError, type Tensor';

  it('type-checks ESM (.mts) and CommonJS (.cts) users under nodenext, and a bundler project, without skipLibCheck', async () => {
    const dir = mkdtempSync(join(project, 'ts-'));
    writeFileSync(join(dir, 'esm.mts'), [`import { ${names} } from 'convkit';`, ...uses('esm')].join('\n'));
    writeFileSync(join(dir, 'cjs.cts'), [`import convkit = require('convkit');`, `type Tensor = convkit.Tensor;`, `const { tensor, conv2d, conv2dAsync, isConvError } = convkit;`, ...uses('cjs')].join('\n'));
    writeFileSync(join(dir, 'bundled.ts'), [`import { ${names} } from 'convkit';`, ...uses('bundler')].join('\n'));
    // As `tsc --init` (TypeScript 5.9) starts a project: strict, nodenext, no @types, the target's default lib.
    const common = { strict: true, target: 'esnext', noEmit: true, types: [], skipLibCheck: false };
    writeFileSync(join(dir, 'tsconfig.node.json'), JSON.stringify({ compilerOptions: { ...common, module: 'nodenext', moduleResolution: 'nodenext' }, files: ['esm.mts', 'cjs.cts'] }));
    writeFileSync(join(dir, 'tsconfig.bundler.json'), JSON.stringify({ compilerOptions: { ...common, module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'dom'] }, files: ['bundled.ts'] }));
    const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
    for (const cfg of ['tsconfig.node.json', 'tsconfig.bundler.json']) {
      const r = await userRun(process.execPath, [tsc, '-p', cfg], dir);
      expect(r.stdout + r.stderr, `tsc -p ${cfg}`).toBe('');
      expect(r.code).toBe(0);
    }
    // The CommonJS user resolved the CommonJS declarations (else nodenext reports TS1479 above).
    expect(statSync(join(project, 'node_modules/convkit/dist/cjs/index.d.ts')).isFile()).toBe(true);
  }, 300_000);
});
