/**
 * vitest global setup: one scratch directory per test run for test/support/pack.ts, so the
 * parallel test processes pack the tarball once between them (they inherit CONVKIT_PACK_DIR).
 * Nothing is packed here: runs that never ask for the tarball cost nothing.
 *
 * A CONVKIT_PACK_DIR set beforehand is kept, and so is the tarball packed into it, across runs:
 * `CONVKIT_PACK_DIR=/tmp/ck npx vitest run test/package` repacks only after `rm -r /tmp/ck`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): (() => void) | void {
  if (process.env.CONVKIT_PACK_DIR) return;
  const dir = mkdtempSync(join(tmpdir(), 'convkit-pack-run-'));
  process.env.CONVKIT_PACK_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
