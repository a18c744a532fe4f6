/**
 * The thread pool never keeps a process alive: a child Node that ran a two-thread conv (workers
 * busy-waiting for a next job) ends by itself with status 0.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./exit-child.ts', import.meta.url));

describe('thread pool and process lifetime', () => {
  it('a process whose last call used two threads exits on its own', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 30_000 });
    expect(run.signal).toBeNull(); // not killed by the timeout: it ended by itself
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout.trim().split('\n').pop()!);
    expect(out.threads).toBe(2);
    expect(out.centre).toBeCloseTo(32 * 9 * 0.5 * 0.25, 4); // an interior cell: every tap inside
  }, 40_000);
});
