#!/usr/bin/env node
/**
 * How long a Node program waits for convkit before its first convolution: fresh processes, the
 * per-file ES modules (dist/index.js, dist/cli/main.js: what Node loaded before dist/node/
 * existed, and what browsers and bundlers still get) against the Node build (dist/node/: what
 * `import 'convkit'` and bin/convkit.js load now), both from the same `npm run build`.
 *
 *   node bench/import-time.mjs [--runs 11] [--baseline DIR]
 *
 * --baseline DIR: a built checkout of an earlier commit (npm run build there), whose per-file
 * modules and CommonJS build are measured in the same rounds, as a third layout.
 *
 * Per layout and task, `runs` processes (each round reverses the layouts' order of the one before,
 * so load on the machine falls on all alike); medians, and the spread (min–max). CPU time is
 * user + system of the whole child (Node's own start included): on a shared, loaded machine it
 * varies far less than wall time. Measured:
 *   node alone  `node -e ''`: Node's own start, which no layout can save
 *   import      `await import(…)` in the child (ms), the child's CPU time, its wall time from here
 *   conv2d      in the child, from before the import to the first conv2d's result (1×3×32×32
 *               input, 8 3×3 kernels, padding 1: the engine compiles its kernels on this call)
 *   explain     the CLI's `explain --input 5x5 --kernel 3`, run as bin/convkit.js runs it: the
 *               child's CPU time and its wall time from here
 *   require     `require()` of the CommonJS build (dist/cjs; the baseline's too)
 * Run after `npm run build`; results go to bench/results/import-time.md by hand.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 11;
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`import-time: --runs takes a whole number of processes per measurement, at least 1 (got ${process.argv[runsArg + 1]})`);
  process.exit(2);
}
const baseArg = process.argv.indexOf('--baseline');
const baseline = baseArg > 0 ? resolve(process.argv[baseArg + 1] ?? '') : null;
for (const [dir, files] of [[root, ['dist/index.js', 'dist/cli/main.js', 'dist/node/index.js', 'dist/node/cli.js', 'dist/cjs/index.js']], ...(baseline ? [[baseline, ['dist/index.js', 'dist/cli/main.js', 'dist/cjs/index.js']]] : [])]) {
  for (const f of files) {
    if (!existsSync(join(dir, f))) {
      console.error(`import-time: ${join(dir, f)} is missing; run \`npm run build\` in ${dir} first`);
      process.exit(1);
    }
  }
}

const url = (dir, f) => pathToFileURL(join(dir, f)).href;
const LAYOUTS = {
  ...(baseline ? { 'baseline, per-file': { lib: url(baseline, 'dist/index.js'), cli: url(baseline, 'dist/cli/main.js') } } : {}),
  'per-file (dist/index.js)': { lib: url(root, 'dist/index.js'), cli: url(root, 'dist/cli/main.js') },
  'Node build (dist/node/)': { lib: url(root, 'dist/node/index.js'), cli: url(root, 'dist/node/cli.js') },
};

const importChild = (lib) => `
const t0 = performance.now();
await import(${JSON.stringify(lib)});
const t1 = performance.now();
const c = process.cpuUsage();
console.log(JSON.stringify({ ms: t1 - t0, cpu: (c.user + c.system) / 1000 }));`;

const convChild = (lib) => `
const t0 = performance.now();
const { conv2d, tensor } = await import(${JSON.stringify(lib)});
const x = tensor(Float32Array.from({ length: 3 * 32 * 32 }, (_, i) => (i % 7) - 3), [1, 3, 32, 32]);
const w = tensor(Float32Array.from({ length: 8 * 3 * 9 }, (_, i) => (i % 5) - 2), [8, 3, 3, 3]);
conv2d(x, w, { padding: 1 });
const c = process.cpuUsage();
console.log(JSON.stringify({ ms: performance.now() - t0, cpu: (c.user + c.system) / 1000 }));`;

// As bin/convkit.js runs the program (its EPIPE handlers cost nothing measurable); the CPU time
// goes to stderr as the process exits.
const cliChild = (cli) => `
process.on('exit', () => { const c = process.cpuUsage(); process.stderr.write(JSON.stringify({ cpu: (c.user + c.system) / 1000 }) + '\\n'); });
const { runCli } = await import(${JSON.stringify(cli)});
process.exitCode = await runCli(['explain', '--input', '5x5', '--kernel', '3']);`;

const requireChild = (dir) => `
const t0 = performance.now();
require(${JSON.stringify(join(dir, 'dist/cjs/index.js'))});
const c = process.cpuUsage();
console.log(JSON.stringify({ ms: performance.now() - t0, cpu: (c.user + c.system) / 1000 }));`;

/** Runs one child; returns the JSON of its last line on stdout (on stderr when `fromStderr`) and its wall time from here. */
function child(code, { commonjs = false, fromStderr = false } = {}) {
  const args = commonjs ? ['-e', code] : ['--input-type=module', '-e', code];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 60_000 });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`child failed (exit ${r.status}, ${r.signal ?? 'no signal'}):\n${r.stderr}`);
  const last = (fromStderr ? r.stderr : r.stdout).trim().split('\n').pop();
  return { ...JSON.parse(last), wall };
}

// Node's own start, for scale: what no layout can save.
const emptyChild = `const c = process.cpuUsage(); console.log(JSON.stringify({ cpu: (c.user + c.system) / 1000 }));`;

const samples = {}; // "task · layout · measure" → numbers
const add = (key, v) => (samples[key] ??= []).push(v);

const load0 = loadavg()[0];
for (let round = 0; round < runs; round++) {
  const empty = child(emptyChild);
  add('node alone · node -e \'\' · CPU, whole process (ms)', empty.cpu);
  add('node alone · node -e \'\' · process wall (ms)', empty.wall);
  // Alternate which layout goes first, so neither always follows the other.
  const order = Object.entries(LAYOUTS);
  if (round % 2) order.reverse();
  for (const [name, l] of order) {
    const imp = child(importChild(l.lib));
    add(`import · ${name} · in process (ms)`, imp.ms);
    add(`import · ${name} · CPU, whole process (ms)`, imp.cpu);
    add(`import · ${name} · process wall (ms)`, imp.wall);
    const conv = child(convChild(l.lib));
    add(`first conv2d · ${name} · in process, import included (ms)`, conv.ms);
    add(`first conv2d · ${name} · CPU, whole process (ms)`, conv.cpu);
    const cli = child(cliChild(l.cli), { fromStderr: true });
    add(`CLI explain · ${name} · CPU, whole process (ms)`, cli.cpu);
    add(`CLI explain · ${name} · process wall (ms)`, cli.wall);
  }
  for (const [name, dir] of [...(baseline ? [['baseline, dist/cjs', baseline]] : []), ['dist/cjs', root]]) {
    const req = child(requireChild(dir), { commonjs: true });
    add(`require · ${name} · in process (ms)`, req.ms);
    add(`require · ${name} · CPU, whole process (ms)`, req.cpu);
  }
}
const load1 = loadavg()[0];

const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const f = (v) => v.toFixed(0);
console.log(`Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${runs} processes each, load average ${load0.toFixed(2)} → ${load1.toFixed(2)}`);
console.log('| task | layout | measure | median | min–max |');
console.log('|---|---|---|---:|---|');
// Grouped by task and measure, so the layouts of one measurement sit together.
const TASKS = ['node alone', 'import', 'first conv2d', 'CLI explain', 'require'];
const rank = (key) => { const [task, , measure] = key.split(' · '); return `${TASKS.indexOf(task)} ${measure}`; };
const keys = Object.keys(samples).sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0));
for (const key of keys) {
  const v = samples[key];
  const [task, layout, measure] = key.split(' · ');
  console.log(`| ${task} | ${layout} | ${measure} | ${f(median(v))} | ${f(Math.min(...v))}–${f(Math.max(...v))} |`);
}
