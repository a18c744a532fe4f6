/**
 * "sideEffects" (only the string-registering i18n modules), checked the way it pays off: esbuild bundles a page that only calls
 * conv2d from the installed package, and the bundle must leave out the dependencies conv2d never
 * uses (YAML, protobuf, GIF and PNG encoders) and the CLI. A module with a top-level side effect
 * would keep its imports in. The bundle must still compute: it is run and its numbers checked.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { installedProject, run, userEnv } from '../support/pack.js';

let project = '';
beforeAll(async () => {
  project = await installedProject();
}, 15 * 60_000);

describe('tree shaking of the installed package', () => {
  it('a bundle that only calls conv2d carries none of yaml, protobufjs, gifenc, fast-png, nor the CLI', async () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    const w = [1, 0, 0, 1];
    writeFileSync(
      join(project, 'only-conv2d.mjs'),
      [
        "import { conv2d, tensor } from 'convkit';",
        `const y = conv2d(tensor(${JSON.stringify(x)}, [1, 1, 3, 3]), tensor(${JSON.stringify(w)}, [1, 1, 2, 2]));`,
        'console.log(JSON.stringify(Array.from(y.data)));',
      ].join('\n'),
    );
    const result = await build({
      absWorkingDir: project,
      entryPoints: ['only-conv2d.mjs'],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      outfile: join(project, 'out/only-conv2d.js'),
      metafile: true,
      logLevel: 'silent',
    });
    // Modules esbuild read but shook out are listed with 0 bytes in the output: count only the rest.
    const [output] = Object.values(result.metafile.outputs);
    const inputs = Object.entries(output!.inputs).filter(([, v]) => v.bytesInOutput > 0).map(([k]) => k);
    expect(inputs.some((i) => i.includes('node_modules/convkit/dist/ops/conv.js')), 'conv2d itself is bundled').toBe(true);
    const unwanted = inputs.filter((i) => /node_modules\/(yaml|protobufjs|@protobufjs|gifenc|fast-png|fflate|iobuffer|commander)\/|convkit\/dist\/cli\//.test(i));
    expect(unwanted, 'modules a conv2d-only page should not carry').toEqual([]);

    // The 2×2 kernel [[1,0],[0,1]] over 1…9 in a 3×3 grid: each output adds a cell and its lower-right neighbour.
    const want: number[] = [];
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) want.push(x[i * 3 + j]! + x[(i + 1) * 3 + j + 1]!);
    const { stdout } = await run(process.execPath, [join(project, 'out/only-conv2d.js')], { cwd: project, env: userEnv() });
    expect(JSON.parse(stdout)).toEqual(want);
  });
});
