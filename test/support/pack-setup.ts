/**
 * vitest global setup: one scratch directory per test run for test/support/pack.ts, so the
 * parallel test processes pack the tarball once between them (they inherit CONVKIT_PACK_DIR).
 * Nothing is packed here: runs that never ask for the tarball cost nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'convkit-pack-run-'));
  process.env.CONVKIT_PACK_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
