/**
 * Benchmark of the gallery, two parts:
 *
 * 1. `convkit gallery` as a user runs it: `node bin/convkit.js gallery --out DIR` as a whole process
 *    (start-up, module loading, drawing on every core, GIF/PNG encoding, file writes), the goal being
 *    < 2 s of wall time on the 2-core project machine. Where `taskset` exists (Linux) the same
 *    command pinned to one core runs in alternation with it, so the gain of the second core is read
 *    from one run on a shared machine. Needs `npm run build` (it runs dist/).
 * 2. The 19 classic figures drawn in this process (trace → scene → raster → GIF, in memory, one
 *    thread, after a warm-up): wall and this process's CPU time, and every GIF's size, frame count
 *    and pixel size next to the classic GIF's.
 *
 * Medians of several runs; the load average is printed with them (the machine is shared).
 *
 *   npm run bench:gallery [-- --runs 7]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLASSIC_FIGURES, classicSpec, sceneOf, sceneToGif } from '../src/render/index.js';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const REFERENCE_PX: Record<string, string> = {
  no_padding_no_strides: '244x259', no_padding_no_strides_transposed: '344x386', arbitrary_padding_no_strides: '495x542',
  arbitrary_padding_no_strides_transposed: '445x479', same_padding_no_strides: '395x449', same_padding_no_strides_transposed: '395x449',
  full_padding_no_strides: '495x576', full_padding_no_strides_transposed: '395x449', no_padding_strides: '294x288',
  no_padding_strides_transposed: '395x449', padding_strides: '395x381', padding_strides_transposed: '395x449',
  padding_strides_odd: '445x411', padding_strides_odd_transposed: '445x513', dilation: '395x381',
};

function renderAll(): { name: string; bytes: number; frames: number; px: string }[] {
  return CLASSIC_FIGURES.map((f) => {
    const scene = sceneOf(classicSpec(f), { theme: 'classic', numeric: f.kind === 'numerical' });
    const gif = sceneToGif(scene);
    return { name: f.name, bytes: gif.length, frames: scene.frames.length, px: `${scene.width}x${scene.height}` };
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

/** Wall time of one whole `convkit gallery` process (ms), optionally behind a command such as taskset. */
function galleryProcess(prefix: string[]): number {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const out = mkdtempSync(join(tmpdir(), 'convkit-bench-gallery-'));
  const argv = [...prefix, process.execPath, join(root, 'bin/convkit.js'), 'gallery', '--out', out];
  const t0 = performance.now();
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8' });
  const ms = performance.now() - t0;
  rmSync(out, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`convkit gallery failed (${r.status}): ${r.stderr}`);
  return ms;
}

if (!existsSync(fileURLToPath(new URL('../dist/cli/main.js', import.meta.url)))) {
  console.log('whole process: skipped (no dist/; run npm run build)\n');
} else {
  const pinned = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
  console.log(`convkit gallery, whole process (load average before: ${load()})`);
  galleryProcess([]); // warm-up (file cache)
  const all: number[] = [], one: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    all.push(galleryProcess([]));
    if (pinned) one.push(galleryProcess(['taskset', '-c', '0']));
  }
  console.log(`  every core  wall median ${median(all).toFixed(0)} ms (runs: ${all.map((w) => w.toFixed(0)).join(', ')})  goal < 2000 ms`);
  if (pinned) console.log(`  one core    wall median ${median(one).toFixed(0)} ms (runs: ${one.map((w) => w.toFixed(0)).join(', ')}), pairwise ratio median ${median(all.map((a, i) => a / one[i])).toFixed(2)}`);
  console.log(`  load average after: ${load()}\n`);
}

renderAll(); // warm-up (JIT, font masks)
const wall: number[] = [], cpu: number[] = [];
let sizes: ReturnType<typeof renderAll> = [];
for (let r = 0; r < RUNS; r++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  sizes = renderAll();
  wall.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}

console.log(`classic figures in this process, one thread: ${CLASSIC_FIGURES.length} GIFs, ${sizes.reduce((s, x) => s + x.frames, 0)} frames`);
console.log(`  wall median ${median(wall).toFixed(0)} ms (runs: ${wall.map((w) => w.toFixed(0)).join(', ')})`);
console.log(`  CPU  median ${median(cpu).toFixed(0)} ms (runs: ${cpu.map((w) => w.toFixed(0)).join(', ')})`);
console.log('');
console.log('figure'.padEnd(42) + 'frames'.padStart(7) + 'bytes'.padStart(10) + '  ours px'.padEnd(12) + '  classic px');
for (const s of sizes) console.log(s.name.padEnd(42) + String(s.frames).padStart(7) + String(s.bytes).padStart(10) + `  ${s.px}`.padEnd(12) + `  ${REFERENCE_PX[s.name] ?? '(numerical)'}`);
console.log('total'.padEnd(42) + String(sizes.reduce((s, x) => s + x.frames, 0)).padStart(7) + String(sizes.reduce((s, x) => s + x.bytes, 0)).padStart(10));
console.log('\nclassic GIF byte sizes are not in the repository; compare by frame count with the originals.');
