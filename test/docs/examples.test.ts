/**
 * Every @example of the public API runs, in a plain Node process against the built package
 * (dist/), and the values it claims with `//=>` are the values it gets: an example that drifts
 * from the code fails here, with its export's name and line.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { exampleCode, exampleModule } from './example-script.js';
import { exportedDocs } from './exported-docs.js';

const root = resolve(import.meta.dirname, '../..');
const entryUrl = pathToFileURL(join(root, 'dist/index.js')).href;
const work = mkdtempSync(join(tmpdir(), 'convkit-examples-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** One process imports the examples one after the other and reports each as a JSON line. */
const DRIVER = `
const files = JSON.parse(process.argv[2]);
for (const [label, file] of files) {
  try { await import(file); console.log(JSON.stringify({ label, ok: true })); }
  catch (e) { console.log(JSON.stringify({ label, ok: false, error: String(e && e.stack || e).split('\\n').slice(0, 3).join(' | ') })); }
}
`;

describe('doc comment examples', () => {
  it('run against dist/ and give the values they claim', () => {
    const files: [string, string][] = [];
    for (const doc of exportedDocs(join(root, 'dist/index.d.ts'))) {
      doc.examples.forEach((tag, i) => {
        const label = doc.examples.length > 1 ? `${doc.name} #${i + 1}` : doc.name;
        const file = join(work, `${files.length}-${doc.name}.mjs`);
        writeFileSync(file, exampleModule(exampleCode(tag), entryUrl, label));
        files.push([label, pathToFileURL(file).href]);
      });
    }
    expect(files.length).toBeGreaterThan(0);
    writeFileSync(join(work, 'driver.mjs'), DRIVER);
    // Examples that read a model read this one from their working folder, as a user's script would.
    copyFileSync(join(root, 'test/fixtures/onnx/unet_tiny.onnx'), join(work, 'unet_tiny.onnx'));
    const run = spawnSync(process.execPath, [join(work, 'driver.mjs'), JSON.stringify(files)], { cwd: work, encoding: 'utf8', timeout: 120_000 });
    const results = run.stdout.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { label: string; ok: boolean; error?: string });
    const failed = results.filter((r) => !r.ok).map((r) => `${r.label}: ${r.error}`);
    // A process that stops early (an await that can never settle exits 13) names the example it was in.
    if (run.status !== 0 || results.length < files.length) {
      failed.push(`${files[results.length]?.[0] ?? 'the driver'}: the process ended with status ${run.status} ${run.signal ?? ''} ${run.stderr.slice(-500)}`);
    }
    if (failed.length) console.error(`examples that fail:\n${failed.join('\n')}`);
    expect(failed).toEqual([]);
    expect(results.length).toBe(files.length);
  }, 180_000);
});
