/**
 * A worker thread of `convkit gallery`: draws and writes entries taken from the queue it shares
 * with the main thread, and posts what it wrote (the main thread shows progress and writes
 * index.html). After an error it takes no further entry and reports it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { closeQueue, galleryEntries, renderEntry, serializeError, takeEntry, type WorkerMessage } from './gallery-render.js';

interface GalleryWorkerData {
  out: string;
  queue: SharedArrayBuffer;
  lang: 'en' | 'zh';
}

const { out, queue: buffer, lang } = workerData as GalleryWorkerData;
const queue = new Int32Array(buffer);
const entries = galleryEntries();
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
try {
  for (let n = takeEntry(queue, entries.length); n >= 0; n = takeEntry(queue, entries.length)) {
    post({ type: 'written', n, written: renderEntry(entries[n], out, lang) });
  }
} catch (e) {
  closeQueue(queue, entries.length);
  post({ type: 'error', error: serializeError(e) });
}
post({ type: 'done' });
