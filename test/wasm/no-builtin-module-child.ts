/**
 * Run by fallback.test.ts in a child Node that pretends to be older than 20.16: no
 * process.getBuiltinModule, through which convkit reaches worker_threads (and os for the core
 * count). Prints what fastEngineInfo() reports and whether a convolution still runs.
 */
delete (process as { getBuiltinModule?: unknown }).getBuiltinModule;

const { conv2d, fastEngineInfo } = await import('../../src/index.js');
const x = { shape: [1, 8, 32, 32], data: new Float32Array(8 * 1024).fill(1) };
const w = { shape: [8, 8, 3, 3], data: new Float32Array(8 * 72).fill(1) };
const y = conv2d(x, w, { padding: 1 });
process.stdout.write(`${JSON.stringify({ info: fastEngineInfo(), centre: y.data[16 * 32 + 16], version: process.version })}\n`);
