#!/usr/bin/env node
/**
 * The Node build: what `import 'convkit'` loads in Node (package.json "exports", the "node"
 * condition) and what the `convkit` command runs (bin/convkit.js):
 *
 *   dist/node/index.js   the library
 *   dist/node/cli.js     the command-line program (runCli)
 *   dist/node/chunk-*.js code the two share, and the CLI's commands (loaded when named)
 *
 * esbuild bundles of the compiled ES modules, run after tsc (npm run build). Why: Node resolves,
 * reads and compiles each of dist/'s ~160 modules one by one, and that, more than running them,
 * was most of the time `import('convkit')` took. Browsers and bundlers keep the per-file modules
 * (dist/index.js: package.json sends the "module" condition, which bundlers set and Node does
 * not, there), so their tree shaking is unchanged.
 *
 * One copy of the library per program: an import of convkit in Node reaches dist/node/ only, never
 * dist/index.js and its modules (test/package/import44.test.ts checks it), and the CLI shares
 * its chunks with dist/node/index.js. Dependencies stay external (shared with the user's other
 * packages), and those few functions need are loaded on first use (lazy-deps.mjs); fast-png, an
 * ES module only, is bundled in as the CommonJS build does.
 *
 * package.json's sideEffects lists dist/node/*.js: its chunks register strings as they load, so
 * a tool that did reach them must not drop one imported for that alone.
 *
 * A module that reads import.meta.url (the CLI's: package.json, the gallery's worker file) gets
 * the URL its compiled file has in dist/, so paths it builds from it still point at shipped files.
 * Any esbuild warning fails the build.
 */
import { build } from 'esbuild';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAZY_DEPS, lazyDeps } from './lazy-deps.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const out = join(dist, 'node');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

for (const f of ['index.js', 'cli/main.js']) {
  if (!existsSync(join(dist, f))) {
    console.error(`build-node: dist/${f} is missing; run tsc -p tsconfig.build.json first (npm run build does)`);
    process.exit(1);
  }
}

// fast-png is an ES module only: bundled (lazily) like in the CommonJS build, so that a
// synchronous function can load it on first use.
const external = Object.keys(pkg.dependencies ?? {}).filter((d) => d !== 'fast-png');
for (const spec of Object.keys(LAZY_DEPS)) {
  if (!spec.startsWith('.') && !Object.hasOwn(pkg.dependencies, spec.split('/')[0])) {
    console.error(`build-node: lazy-deps.mjs lists ${spec}, which is not a dependency in package.json`);
    process.exit(1);
  }
}

/** import.meta.url in a bundled module → the URL of its compiled file in dist/. */
const originalUrls = {
  name: 'convkit-original-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, async (args) => {
      if (!args.path.startsWith(dist)) return undefined;
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const rel = relative(out, args.path).split('\\').join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`), loader: 'js' };
    });
  },
};

rmSync(out, { recursive: true, force: true });

let result;
try {
  result = await build({
    entryPoints: { index: join(dist, 'index.js'), cli: join(dist, 'cli/main.js') },
    outdir: out,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: `node${pkg.engines.node.replace(/^>=\s*/, '')}`,
    external,
    plugins: [lazyDeps({ format: 'esm', external }), originalUrls],
    metafile: true,
    logLevel: 'silent',
  });
} catch (e) {
  result = { errors: e.errors ?? [{ text: String(e && e.message ? e.message : e) }], warnings: e.warnings ?? [] };
}
if (result.errors.length || result.warnings.length) {
  for (const m of [...result.errors, ...result.warnings]) console.error(`build-node: ${m.location ? `${m.location.file}:${m.location.line}: ` : ''}${m.text}`);
  process.exit(1);
}
const outputs = Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js'));
console.log(`built dist/node/ (ES modules for Node: index.js, cli.js and ${outputs.length - 2} chunks; external: ${external.join(', ')})`);
