/**
 * Run by relaxed-build.test.ts in a child Node with --experimental-wasm-relaxed-simd (Node 20
 * hides relaxed SIMD behind that flag; the vitest workers run without it, so they load the plain
 * SIMD build). Prints one JSON line: which build loaded and the random-configuration check.
 */
import { loadSync } from '../../src/engine/wasm/runtime.js';
import { checkLayerShapes, checkRandomConfigs } from './random-configs.js';

const features = loadSync();
const check = checkRandomConfigs(Number(process.argv[2] ?? 300), Number(process.argv[3] ?? 1));
const layers = checkLayerShapes();
process.stdout.write(`${JSON.stringify({ features, check, layers })}\n`);
