/**
 * An esbuild plugin for convkit's Node builds (build-node.mjs, build-cjs.mjs): the dependencies
 * that only a few functions need (YAML networks, ONNX import, GIF and PNG encoding) are loaded the
 * first time one of those functions is called, not when the program imports convkit. Loading them
 * up front cost a Node program about as much as convkit itself; a conv2d never needs them.
 *
 * Each `import … from '<dep>'` in the compiled library is served by a small module whose exports
 * stand in for the dependency's: a function that loads the dependency and calls the real one, and
 * a default export that forwards property reads. The library stays synchronous: a CommonJS
 * dependency is loaded with require() (Node's own in the CommonJS build, createRequire in the ES
 * module one), and an ES-module-only one (fast-png: require() cannot load it before Node 20.19) is
 * bundled in, where esbuild wraps it so its code runs on first use.
 *
 * Only what the library uses is listed. A new import of an unlisted name fails the build (esbuild:
 * no matching export), so the list cannot silently fall behind the sources. The browser build
 * (dist/*.js, per file) is untouched: bundlers see plain static imports and tree-shake them.
 */

/**
 * What the library imports from each module it can load late: 'call' for a function (the
 * stand-in calls through), 'object' for an object whose properties are read only inside
 * functions (the stand-in forwards reads). The generated ONNX decoder is convkit's own, but
 * reads protobufjs as it loads, so it is loaded late too (onnx.ts only calls onnx.ModelProto.decode).
 */
export const LAZY_DEPS = {
  yaml: { parse: 'call' },
  'protobufjs/minimal.js': {},
  gifenc: { GIFEncoder: 'call' },
  'fast-png': { encode: 'call' },
  './onnx-subset.pb.js': { onnx: 'object' },
};

const NS = 'convkit-lazy-dep';

/**
 * @param {{ format: 'esm' | 'cjs', external: string[] }} options  external: the packages loaded
 *   from node_modules at run time (the others, and convkit's own modules, are bundled in)
 */
export function lazyDeps({ format, external }) {
  const isExternal = (spec) => external.some((e) => spec === e || spec.startsWith(`${e}/`));
  return {
    name: 'convkit-lazy-deps',
    setup(build) {
      const specs = Object.keys(LAZY_DEPS).map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
      const filter = new RegExp(`^(${specs.join('|')})$`);
      build.onResolve({ filter }, async (args) => {
        // The stand-in's own require() of the module, and the look-up below, resolve normally.
        if (args.namespace === NS || args.pluginData === 'real') return undefined;
        if (args.path.startsWith('.')) {
          const real = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'real' });
          if (real.errors.length) return { errors: real.errors };
          return { path: real.path, namespace: NS, pluginData: { spec: args.path, target: real.path, resolveDir: args.resolveDir } };
        }
        return { path: args.path, namespace: NS, pluginData: { spec: args.path, target: args.path, resolveDir: args.resolveDir } };
      });
      build.onLoad({ filter: /.*/, namespace: NS }, (args) => {
        const { spec, target, resolveDir } = args.pluginData;
        const names = LAZY_DEPS[spec];
        const spelled = JSON.stringify(target);
        const load = isExternal(spec) && format === 'esm'
          ? `import { createRequire } from 'node:module';\nconst load = () => (dep ??= createRequire(import.meta.url)(${spelled}));`
          // Node's require in the CommonJS build; esbuild's lazy module wrapper when bundled in.
          : `const load = () => (dep ??= require(${spelled}));`;
        const forward = (get) => `new Proxy({}, { get: (_, key) => ${get}[key], has: (_, key) => key in ${get} })`;
        const contents = [
          'let dep;',
          load,
          ...Object.entries(names).map(([n, kind]) =>
            kind === 'call' ? `export function ${n}(...args) { return load().${n}(...args); }` : `export const ${n} = ${forward(`load().${n}`)};`),
          `export default ${forward('load()')};`,
        ].join('\n');
        return { contents, loader: 'js', resolveDir };
      });
    },
  };
}
