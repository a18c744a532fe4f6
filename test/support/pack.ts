/**
 * The package as a user gets it: `npm pack` of a clean copy of this checkout, installed into an
 * empty project. Tests that must run the way users run convkit (plain `node` child processes,
 * real bundlers, the CLI from node_modules/.bin) start from here.
 *
 *   packedTarball()              absolute path of convkit-<version>.tgz, packed once per test run
 *   installedProject(extraDeps)  a temporary project with the tarball (and extraDeps) installed
 *
 * Why a clean copy: the copy holds only what a fresh clone holds (tracked files and untracked ones
 * git does not ignore, so uncommitted work is tested too) with no dist/, so `npm pack` must build
 * the package through its own `prepack` script — an empty tarball (no dist/) fails here. Packing
 * in the copy also leaves the checkout's dist/, which other test files read, untouched while it is
 * rebuilt. node_modules is a link to the checkout's, so the build needs no install.
 *
 * Once per run: vitest runs test files in parallel processes. The global setup
 * (test/support/pack-setup.ts, named in vitest.config.ts) makes one directory per run and passes
 * it in CONVKIT_PACK_DIR; the first process to ask takes a lock (an atomic mkdir) and packs, the
 * others wait for its answer (the tarball's path, or its error). Outside vitest (no
 * CONVKIT_PACK_DIR) each process packs on its own, into a directory it removes on exit.
 *
 * Installing pulls convkit's dependencies from the npm registry (through the npm cache, preferring
 * what is already there). Each test process gets its own project per distinct extraDeps, so files
 * a test writes there cannot collide with another file's.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's root (this file is test/support/pack.ts). */
export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** How long a waiting process gives the packing one (a full build: wasm, tsc, CJS bundle). */
const PACK_WAIT_MS = 10 * 60_000;

interface Run {
  stdout: string;
  stderr: string;
}

/** Runs a program without a shell; rejects with its output when it fails. */
export function run(file: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      file,
      args,
      { cwd: opts.cwd, env: opts.env ?? process.env, timeout: opts.timeoutMs ?? 5 * 60_000, maxBuffer: 64 << 20, encoding: 'utf8' },
      (err, stdout, stderr) => {
        if (err) {
          reject(new Error(`${[file, ...args].join(' ')} (in ${opts.cwd}) failed: ${err.message}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`));
        } else resolvePromise({ stdout, stderr });
      },
    );
  });
}

/** npm settings a user's machine would have too (cache, registry, proxies), kept in userEnv(). */
const MACHINE_NPM_CONFIG = /^npm_config_(cache|registry|userconfig|globalconfig|https?_proxy|proxy|noproxy|cafile|ca|strict_ssl|offline|prefer_offline)$/i;

/**
 * The environment for child processes that play the user (npm, node, npx): this one without what
 * an enclosing `npm test` or `npx vitest` adds — lifecycle and package variables, and npm_config_*
 * copies of this checkout's .npmrc (npm would warn about them in the user's project).
 */
export function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_(lifecycle|package|command|execpath|node_execpath)/i.test(k) || k === 'INIT_CWD') continue;
    if (/^npm_config_/i.test(k) && !MACHINE_NPM_CONFIG.test(k)) continue;
    env[k] = v;
  }
  return env;
}

/** The files a fresh clone of the checkout would hold (plus untracked, non-ignored ones). */
async function cloneFiles(): Promise<string[]> {
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot });
  return stdout.split('\0').filter((f) => f && existsSync(join(repoRoot, f)) && lstatSync(join(repoRoot, f)).isFile());
}

/** Copies the clone's files into dir/clone, links node_modules, packs there; returns the .tgz path. */
async function packInto(dir: string): Promise<string> {
  const clone = join(dir, 'clone');
  mkdirSync(clone, { recursive: true });
  for (const f of await cloneFiles()) {
    mkdirSync(dirname(join(clone, f)), { recursive: true });
    copyFileSync(join(repoRoot, f), join(clone, f));
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(clone, 'node_modules'), 'dir');
  const out = join(dir, 'tarball');
  mkdirSync(out, { recursive: true });
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', out], { cwd: clone, env: userEnv(), timeoutMs: PACK_WAIT_MS });
  // The lifecycle scripts' output (the build) may come before npm's JSON report on stdout.
  const start = stdout.startsWith('[') ? 0 : stdout.lastIndexOf('\n[\n') + 1;
  const report = JSON.parse(stdout.slice(start)) as { filename: string }[];
  const tgz = join(out, report[0]!.filename);
  if (!existsSync(tgz)) throw new Error(`npm pack reported ${report[0]!.filename} but ${tgz} does not exist`);
  return tgz;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Waits for the packing process's answer in dir: done.json or error.txt. */
async function waitForPack(dir: string): Promise<string> {
  const t0 = Date.now();
  while (Date.now() - t0 < PACK_WAIT_MS) {
    if (existsSync(join(dir, 'error.txt'))) throw new Error(`packing convkit failed (in another test process):\n${readFileSync(join(dir, 'error.txt'), 'utf8')}`);
    if (existsSync(join(dir, 'done.json'))) return (JSON.parse(readFileSync(join(dir, 'done.json'), 'utf8')) as { tarball: string }).tarball;
    await sleep(200);
  }
  throw new Error(`packing convkit: no tarball in ${dir} after ${PACK_WAIT_MS / 1000} s (the packing process died?)`);
}

let ownDir: string | null = null;
function runDir(): string {
  const shared = process.env.CONVKIT_PACK_DIR;
  if (shared) {
    mkdirSync(shared, { recursive: true });
    return shared;
  }
  if (!ownDir) {
    const dir = mkdtempSync(join(tmpdir(), 'convkit-pack-'));
    ownDir = dir;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return ownDir;
}

let tarball: Promise<string> | null = null;

/** Absolute path of the packed convkit-<version>.tgz (packed once per test run, see above). */
export function packedTarball(): Promise<string> {
  tarball ??= (async () => {
    const dir = runDir();
    try {
      mkdirSync(join(dir, 'lock'));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return waitForPack(dir);
      throw e;
    }
    try {
      const tgz = await packInto(dir);
      writeFileSync(join(dir, 'done.json.tmp'), JSON.stringify({ tarball: tgz }));
      // A rename is atomic, so a waiting process never reads half a file.
      renameSync(join(dir, 'done.json.tmp'), join(dir, 'done.json'));
      return tgz;
    } catch (e) {
      writeFileSync(join(dir, 'error.txt'), e instanceof Error ? e.message : String(e));
      throw e;
    }
  })();
  return tarball;
}

const projects = new Map<string, Promise<string>>();

/**
 * A temporary project ("type": "module") with the packed convkit installed from the tarball, plus
 * `extraDeps` (name → version range, e.g. { vite: '^7' }). Returns its directory. Calls with the
 * same extraDeps in one process share the project; write test files under a name of your own.
 */
export function installedProject(extraDeps: Record<string, string> = {}): Promise<string> {
  const key = JSON.stringify(Object.entries(extraDeps).sort(([a], [b]) => (a < b ? -1 : 1)));
  let p = projects.get(key);
  if (!p) {
    p = (async () => {
      const tgz = await packedTarball();
      const tag = createHash('sha256').update(key).digest('hex').slice(0, 8);
      const dir = mkdtempSync(join(runDir(), `project-${tag}-`));
      const pkg = { name: 'convkit-user', version: '1.0.0', private: true, type: 'module', dependencies: { convkit: `file:${tgz}`, ...extraDeps } };
      writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
      await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: dir, env: userEnv(), timeoutMs: 8 * 60_000 });
      return dir;
    })();
    projects.set(key, p);
  }
  return p;
}
