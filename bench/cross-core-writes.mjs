/**
 * What it costs the calling thread to overwrite memory that another core has read.
 *
 * A threaded conv hands data from the caller to a worker through shared memory every call: the
 * caller writes the input (and, before, the padded planes), a worker reads its part. On the next
 * call the caller overwrites the same lines. This measures that write (1.6 MB, the size of the
 * (i) input gradient's planes) three ways, in one process, interleaved: nobody else read the
 * buffer; a worker read half of it since the last write; a worker read half of it and then half
 * of a second buffer of the same size (is one spare buffer enough to make the write cheap
 * again?). Medians of 300 rounds, ms.
 *
 * Usage: node bench/cross-core-writes.mjs [--bytes N] [--rounds N]
 */
import { Worker } from 'node:worker_threads';
import { cpus, loadavg } from 'node:os';

const args = process.argv.slice(2);
const argOf = (k, d) => { const i = args.indexOf(k); return i >= 0 ? Number(args[i + 1]) : d; };
const bytes = argOf('--bytes', 1.6e6), rounds = argOf('--rounds', 300);
const n = Math.floor(bytes / 4);

const shared = new SharedArrayBuffer(2 * n * 4);
const a = new Float32Array(shared, 0, n);
const ctl = new Int32Array(new SharedArrayBuffer(16)); // [request, done]
const src = new Float32Array(n).fill(1);

// The worker reads one float per 64-byte line of the half it is asked for (1: A, 2: A then B).
const worker = new Worker(`
const { workerData } = require('node:worker_threads');
const all = new Float32Array(workerData.shared), ctl = new Int32Array(workerData.ctl), n = workerData.n;
let sum = 0;
const readHalf = (from) => { for (let i = from; i < from + (n >> 1); i += 16) sum += all[i]; };
for (;;) {
  Atomics.wait(ctl, 0, 0);
  const req = Atomics.exchange(ctl, 0, 0);
  if (req < 0) break;
  readHalf(0);
  if (req === 2) readHalf(n);
  Atomics.store(ctl, 1, 1);
  Atomics.notify(ctl, 1);
}
`, { eval: true, workerData: { shared, ctl: ctl.buffer, n } });

function ask(req) {
  Atomics.store(ctl, 1, 0);
  Atomics.store(ctl, 0, req);
  Atomics.notify(ctl, 0);
  while (Atomics.load(ctl, 1) === 0) Atomics.wait(ctl, 1, 0, 5);
}
function timeWrite() {
  const t = performance.now();
  a.set(src);
  return performance.now() - t;
}

const alone = [], afterHalf = [], afterTwo = [];
const load0 = loadavg()[0];
for (let r = 0; r < rounds; r++) {
  timeWrite(); // a written, nobody else has read it
  alone.push(timeWrite());
  ask(1);
  afterHalf.push(timeWrite());
  ask(2);
  afterTwo.push(timeWrite());
}
Atomics.store(ctl, 0, -1);
Atomics.notify(ctl, 0);
await worker.terminate();

const med = (v) => [...v].sort((x, y) => x - y)[v.length >> 1];
const m = [med(alone), med(afterHalf), med(afterTwo)];
console.log(`${cpus()[0]?.model ?? 'cpu'}, ${cpus().length} cores, Node ${process.version}, load ${load0.toFixed(1)} → ${loadavg()[0].toFixed(1)}`);
console.log(`write ${(bytes / 1e6).toFixed(1)} MB, median of ${rounds}: nobody else read it ${m[0].toFixed(3)} ms | a worker read half ${m[1].toFixed(3)} ms (${(m[1] / m[0]).toFixed(2)}×) | a worker read half, then half of a second buffer ${m[2].toFixed(3)} ms (${(m[2] / m[0]).toFixed(2)}×)`);
