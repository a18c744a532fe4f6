#!/usr/bin/env node
// The convkit command-line program: runs the CLI of the Node build, dist/node/cli.js (written by
// `npm run build`; scripts/build-node.mjs).
// A reader that stops early (`convkit trace … --json | head`) closes the pipe: stop quietly, as
// Unix tools do, instead of dying on an unhandled EPIPE with a stack trace. A command that writes
// files (--out) only stops printing: its files are its output (`convkit gallery --out g | head -1`).
const writesFiles = process.argv.slice(2).some((a) => a === '--out' || a.startsWith('--out='));
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e && (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED')) {
      if (!writesFiles) process.exit(0);
      stream.write = (_chunk, encoding, callback) => {
        (typeof encoding === 'function' ? encoding : callback)?.();
        return true;
      };
      return;
    }
    throw e;
  });
}

let cli;
try {
  cli = await import('../dist/node/cli.js');
} catch (e) {
  if (e && e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('dist')) {
    // Only a git checkout lacks dist/: a packed or installed convkit is built by its prepack script.
    process.stderr.write('convkit: the compiled program is missing (dist/); in a git checkout of convkit run `npm run build` first\n');
    process.exit(1);
  }
  throw e;
}
process.exitCode = await cli.runCli(process.argv.slice(2));
