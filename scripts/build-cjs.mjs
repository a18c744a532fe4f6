#!/usr/bin/env node
/**
 * The CommonJS build, for `require('convkit')` (the package's "require" condition):
 *
 *   dist/cjs/index.js      one esbuild bundle of the compiled ES modules (dist/index.js and what it imports)
 *   dist/cjs/*.d.ts        a copy of dist's declarations, read by TypeScript as CommonJS ones
 *   dist/cjs/package.json  {"type": "commonjs"}: the package itself is "type": "module"
 *
 * Run after tsc (npm run build). Why a bundle and not require(esm): Node only loads ES modules
 * with require() from 20.19 / 22.12 on, and convkit supports Node 20.16 and later.
 *
 * Dependencies that ship CommonJS stay external (required at run time, shared with the user's
 * other packages); ESM-only ones (fast-png) are bundled in, since require() cannot load them on
 * older Node. As in the ES module build for Node (build-node.mjs), the dependencies only a few
 * functions need are loaded when first used (lazy-deps.mjs). Any esbuild warning fails the
 * build: in particular a library module that reads import.meta (empty in CommonJS) would load
 * and then break at run time, so the library itself must not use it (the CLI, which runs as an
 * ES module only, may).
 */
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lazyDeps } from './lazy-deps.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const out = join(dist, 'cjs');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

if (!existsSync(join(dist, 'index.js'))) {
  console.error('build-cjs: dist/index.js is missing; run tsc -p tsconfig.build.json first (npm run build does)');
  process.exit(1);
}

/** True when `require(name)` would load an ES module (and so fail on Node < 20.19). */
function esmOnly(name) {
  const req = createRequire(join(root, 'package.json'));
  let file;
  try {
    file = req.resolve(name);
  } catch (e) {
    // No "require"/"default" export at all: only importable.
    if (e && e.code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') return true;
    throw e;
  }
  if (file.endsWith('.mjs')) return true;
  if (file.endsWith('.cjs')) return false;
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj)) return JSON.parse(readFileSync(pj, 'utf8')).type === 'module';
    if (dirname(dir) === dir) return false;
  }
}

const deps = Object.keys(pkg.dependencies ?? {});
const external = deps.filter((d) => !esmOnly(d));

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

let result;
try {
  result = await build({
    entryPoints: [join(dist, 'index.js')],
    outfile: join(out, 'index.js'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: `node${pkg.engines.node.replace(/^>=\s*/, '')}`,
    external,
    plugins: [lazyDeps({ format: 'cjs', external })],
    logLevel: 'silent',
  });
} catch (e) {
  // esbuild throws on errors, with the messages in e.errors.
  result = { errors: e.errors ?? [{ text: String(e && e.message ? e.message : e) }], warnings: e.warnings ?? [] };
}
if (result.errors.length || result.warnings.length) {
  for (const m of [...result.errors, ...result.warnings]) {
    console.error(`build-cjs: ${m.location ? `${m.location.file}:${m.location.line}: ` : ''}${m.text}`);
    if (/import\.meta/.test(m.text)) console.error('build-cjs: the library is also loaded as CommonJS, where import.meta is empty; pass URLs or bytes in from the caller instead');
  }
  process.exit(1);
}

/** Copies every .d.ts under dist/ (except dist/cjs itself) into dist/cjs/, same layout. */
function copyDeclarations(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const from = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (from !== out) copyDeclarations(from);
    } else if (entry.name.endsWith('.d.ts')) {
      const to = join(out, relative(dist, from));
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(from, to);
    }
  }
}
copyDeclarations(dist);
writeFileSync(join(out, 'package.json'), '{ "type": "commonjs" }\n');
console.log(`built dist/cjs/index.js (CommonJS; external: ${external.join(', ')}; bundled ESM-only: ${deps.filter((d) => !external.includes(d)).join(', ') || 'none'})`);
