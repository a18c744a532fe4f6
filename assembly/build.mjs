// Compiles assembly/kernels.ts into the four WebAssembly variants the fast engine loads:
// {SIMD, relaxed-SIMD FMA} × {private memory, shared memory (threads)}. Memory is always imported
// so the JS driver owns the layout. Output: src/engine/wasm/bin/ (tests run from src) and
// dist/engine/wasm/bin/ (the published build).
import asc from 'assemblyscript/asc';
import { mkdirSync, copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDirs = ['src/engine/wasm/bin', 'dist/engine/wasm/bin'];
for (const d of outDirs) mkdirSync(root + d, { recursive: true });

const variants = [
  { name: 'kernels-simd', flags: [] },
  { name: 'kernels-relaxed', flags: ['--enable', 'relaxed-simd'] },
  { name: 'kernels-simd-shared', flags: ['--enable', 'threads', '--sharedMemory', '--maximumMemory', '32768'] },
  { name: 'kernels-relaxed-shared', flags: ['--enable', 'relaxed-simd', '--enable', 'threads', '--sharedMemory', '--maximumMemory', '32768'] },
];
for (const v of variants) {
  const out = `${outDirs[0]}/${v.name}.wasm`;
  const { error, stderr } = await asc.main([
    'assembly/kernels.ts', '-o', out, '-O3', '--noAssert', '--runtime', 'stub',
    '--importMemory', '--initialMemory', '1', '--enable', 'simd', ...v.flags,
  ], { stdout: process.stdout, stderr: process.stderr, baseDir: root });
  if (error) {
    console.error(String(error));
    process.exit(1);
  }
  copyFileSync(root + out, `${root}${outDirs[1]}/${v.name}.wasm`);
}
console.log(`built ${variants.length} wasm variants`);
