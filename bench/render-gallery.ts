/**
 * Benchmark: render the 19 classic figures as GIFs (trace → scene → raster → GIF, in memory),
 * the goal being < 2 s for the whole gallery on the 2-core project machine. Reports the median of
 * several runs (wall clock and this process's CPU time, which is what a loaded shared machine
 * does not distort), and every GIF's size, frame count and pixel size next to the classic GIF's.
 *
 *   npm run bench:gallery [-- --runs 7]
 */
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

console.log(`classic gallery: ${CLASSIC_FIGURES.length} GIFs, ${sizes.reduce((s, x) => s + x.frames, 0)} frames`);
console.log(`  wall median ${median(wall).toFixed(0)} ms (runs: ${wall.map((w) => w.toFixed(0)).join(', ')})`);
console.log(`  CPU  median ${median(cpu).toFixed(0)} ms (runs: ${cpu.map((w) => w.toFixed(0)).join(', ')})  goal < 2000 ms`);
console.log('');
console.log('figure'.padEnd(42) + 'frames'.padStart(7) + 'bytes'.padStart(10) + '  ours px'.padEnd(12) + '  classic px');
for (const s of sizes) console.log(s.name.padEnd(42) + String(s.frames).padStart(7) + String(s.bytes).padStart(10) + `  ${s.px}`.padEnd(12) + `  ${REFERENCE_PX[s.name] ?? '(numerical)'}`);
console.log('total'.padEnd(42) + String(sizes.reduce((s, x) => s + x.frames, 0)).padStart(7) + String(sizes.reduce((s, x) => s + x.bytes, 0)).padStart(10));
console.log('\nclassic GIF byte sizes are not in the repository; compare by frame count with the originals.');
