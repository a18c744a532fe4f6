/**
 * Writing the CLI's output files: through a temporary file in the same folder and a rename, so a
 * failure (full disk, no permission, a crash mid-way) never leaves a half-written file.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ConvError, show } from '../geometry/errors.js';

/**
 * Creates the missing folders of `dir` one level at a time. (Node 20's mkdirSync(…, { recursive })
 * never returns for a path under /proc: it retries ENOENT forever.)
 */
function makeFolders(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (e) {
      // Another thread writing into the same new folder made it first (`convkit gallery`).
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  const full = resolve(path);
  const tmp = join(dirname(full), `.${basename(full)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`);
  try {
    makeFolders(dirname(full));
    writeFileSync(tmp, data);
    renameSync(tmp, full);
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // The folder itself is unusable (not a folder, gone): there is no temporary file to remove.
    }
    const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new ConvError('INVALID_OPTION', `cannot write ${show(path)} (${reason})`, {
      values: { path, reason },
      hint: 'give a path in a folder you can write to',
    });
  }
}
