/**
 * The peer libraries (TensorFlow.js, ONNX Runtime) and protobufjs-cli are not part of convkit's
 * install: they are bench/package.json's dependencies, installed into bench/node_modules by
 * `npm run bench:setup`. bench/*.ts import them by name (Node finds bench/node_modules from
 * there); this module says whether they are installed and loads them for code outside bench/
 * (the fixture generator, the tests' optional live runs), whose own resolution would not look there.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const PACKAGE_JSON = new URL('../package.json', import.meta.url);
const benchRequire = createRequire(PACKAGE_JSON);

/** bench/package.json's dependencies: every package `npm run bench:setup` installs. */
export const BENCH_PACKAGES: readonly string[] = Object.keys((JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { dependencies: Record<string, string> }).dependencies);

/** The peers the benchmarks run. */
export const PEERS = ['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-backend-wasm', 'onnxruntime-node'] as const;

export const SETUP_COMMAND = 'npm run bench:setup';

/** Those of `names` that bench/node_modules does not have. */
export function missingPeers(names: readonly string[] = PEERS): string[] {
  return names.filter((name) => {
    try {
      benchRequire.resolve(`${name}/package.json`);
      return false;
    } catch {
      return true;
    }
  });
}

/** The installed version of a bench package (read from its package.json). */
export function peerVersion(name: string): string {
  return (benchRequire(`${name}/package.json`) as { version: string }).version;
}

/** Loads a bench package (CommonJS entry points: every peer has one) from bench/node_modules. */
export function loadPeer<T>(name: string): T {
  return benchRequire(name) as T;
}

/** What to tell someone whose run needs the peers. */
export function setupMessage(missing: readonly string[], who: string): string {
  return [
    `${who} needs ${missing.join(', ')}, which convkit's own install leaves out (it is large: ONNX Runtime alone is ~290 MB).`,
    'They are bench/package.json\'s dependencies. Install them once into bench/node_modules with',
    '',
    `  ${SETUP_COMMAND}`,
    '',
    'and run this again.',
  ].join('\n');
}

/** Ends the process with setupMessage when any of `names` is missing; returns otherwise. */
export function requirePeers(who: string, names: readonly string[] = PEERS): void {
  const missing = missingPeers(names);
  if (missing.length === 0) return;
  process.stderr.write(`${setupMessage(missing, who)}\n`);
  process.exit(1);
}
