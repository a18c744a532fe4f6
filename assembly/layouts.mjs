// The one definition of how the JS driver and the kernels talk: the words of each phase-2 task
// and of each descriptor the driver writes into wasm memory. assembly/generate.mjs turns it into
// assembly/layouts.generated.ts (the word offsets the kernels read) and
// src/engine/wasm/layouts.generated.ts (typed writers, the kernel calls that read a task's words,
// and the same calls as source text for the worker threads), and checks every call below against
// the kernel's exported parameter list. `npm run build:wasm` regenerates both files before
// compiling, so the two sides cannot disagree; test/wasm/layouts.test.ts fails on a stale file.
//
// A field is [name, comment]. Names are camelCase; the kernels' constant is PREFIX + NAME in
// upper case (D_ + inSp = D_INSP).

/**
 * Task kinds. `words`: the task's i32 arguments, in table order. `calls`: the kernel calls that
 * run it, each an exported kernel function and its arguments in parameter order — a task word,
 * or a value the runner supplies (`scratch`: the thread's scratch; `priv`: compute in the
 * thread's private block). A kind with one call is run by the generated `callTask`; the dense
 * GEMM's four calls are sequenced by runTask (plan.ts) and the worker (thread-pool.ts).
 *
 * `steal`: whether the caller may take the task over from a thread that holds it but is slow
 * (thread-pool.ts), and how that stays correct:
 * - 'private': the holder computes in its private block and publishes only after moving the task
 *   from claimed to publishing, so exactly one of the two publishes;
 * - 'rerun': the task writes final values computed from its input alone, so a second run writes
 *   the same values and either may finish first;
 * - absent: never stolen (the task accumulates, or writes what another task reads); the caller
 *   waits for its holder, or after a long stall presumes it dead and reruns it.
 */
export const TASKS = [
  {
    name: 'gemm', kind: 0, steal: 'private',
    doc: 'A pixel range of one class of one group (plan.ts); a transposed conv also scatters it to the output',
    words: [
      ['d', 'class descriptor (gemmClass)'], ['x', "the group's first input channel, or its first padded plane"],
      ['wp', 'packed weights (packA)'], ['bias', "the group's bias, padded to the tile rows"],
      ['c', 'C: the output, or the class block of a transposed conv'], ['ldc', 'row length of C'],
      ['K', 'rows of B'], ['OC', 'output channels of the group'], ['p0', 'first pixel'], ['p1', 'end pixel'],
      ['out', 'transposed: output of the group to scatter to (0: nothing to scatter)'],
      ['off', 'transposed: output offset of each class pixel'], ['outSp', 'transposed: output plane size'],
      ['final', '1: the writes are final (K within one block), so the task computes in place'],
      ['xin', "≠ 0: the group's first input channel, from which the task first builds the plane rows it reads (gemmPlanes); 0: built already"],
      ['gy0', 'first plane row to build'], ['gy1', 'end plane row to build'],
    ],
    calls: {
      gemmPlanes: ['d', 'xin', 'x', 'gy0', 'gy1'],
      convGemm: ['d', 'x', 'wp', 'bias', 'c', 'ldc', 'K', 'OC', 'p0', 'p1', 'scratch', 'priv'],
      copyOut: ['scratch', 'c', 'ldc', 'OC', 'p0', 'p1'],
      scatter: ['c', 'ldc', 'out', 'off', 'OC', 'outSp', 'p0', 'p1'],
    },
  },
  {
    name: 'depthwise', kind: 1,
    doc: 'A channel range of one image of a depthwise conv (plan.ts)',
    words: [['x', "the image's input"], ['w', 'weights'], ['bias', 'bias'], ['out', "the image's output"],
      ['c0', 'first channel'], ['c1', 'end channel'], ['d', 'descriptor (depthwise)']],
    calls: { depthwise: ['x', 'w', 'bias', 'out', 'c0', 'c1', 'd', 'scratch'] },
  },
  {
    name: 'weightGrad', kind: 2,
    doc: "A column range of one group's weight gradient (weight-grad.ts)",
    words: [['d', 'class descriptor of the im2col conv (gemmClass)'], ['z', 'B operand of the group'],
      ['zImg', 'floats between images of z'], ['a', 'A operand of the group'], ['aImg', 'floats between images of a'],
      ['M', 'rows of A'], ['P', 'pixels per row'], ['N', 'images'], ['c', "the group's dW"], ['K', 'columns of dW'],
      ['k0', 'first column'], ['k1', 'end column']],
    calls: { weightGrad: ['d', 'z', 'zImg', 'a', 'aImg', 'M', 'P', 'N', 'c', 'K', 'k0', 'k1', 'scratch'] },
  },
  {
    name: 'pool', kind: 3, steal: 'rerun',
    doc: 'A range of pooling planes (pooling-plan.ts)',
    words: [['x', 'input'], ['out', 'output'], ['p0', 'first plane'], ['p1', 'end plane'], ['d', 'descriptor (pool)']],
    calls: { poolPlanes: ['x', 'out', 'p0', 'p1', 'd', 'scratch'] },
  },
  {
    name: 'winograd', kind: 4,
    doc: 'A block of Winograd tiles (winograd-plan.ts)',
    words: [['d', 'descriptor (winograd)'], ['t0', 'first tile'], ['t1', 'end tile']],
    calls: { winogradTiles: ['d', 't0', 't1', 'scratch'] },
  },
  {
    name: 'winogradWeights', kind: 5,
    doc: 'The transformed weights of a range of panel rows (winograd-plan.ts)',
    words: [['w', 'weights [OC, IC, 3, 3]'], ['u', 'transformed, packed weights'], ['uStride', 'bytes per position'],
      ['panels', 'panel table'], ['OC', 'output channels'], ['IC', 'input channels'], ['r0', 'first row'], ['r1', 'end row']],
    calls: { winogradWeights: ['w', 'u', 'uStride', 'panels', 'OC', 'IC', 'r0', 'r1', 'scratch'] },
  },
  {
    name: 'winogradGradTiles', kind: 6,
    doc: "A block of tiles of a Winograd weight gradient: their transformed input and gradOutput (src/engine/wasm/winograd-grad.ts)",
    words: [['d', 'descriptor (winogradGrad)'], ['t0', 'first column (a multiple of 4)'], ['t1', 'end column (past the last tile: zero columns)']],
    calls: { winogradGradTiles: ['d', 't0', 't1', 'scratch'] },
  },
  {
    name: 'winogradGradOut', kind: 7,
    doc: "The output transform of a Winograd weight gradient for a range of output channels (src/engine/wasm/winograd-grad.ts)",
    words: [['m', 'the 36 products [36, OC, IC]'], ['w', 'the weight gradient [OC, IC, 3, 3]'], ['OC', 'output channels'],
      ['IC', 'input channels'], ['oc0', 'first output channel'], ['oc1', 'end output channel']],
    calls: { winogradGradOut: ['m', 'w', 'OC', 'IC', 'oc0', 'oc1'] },
  },
];

/** Words before a task's own in an entry of the workers' task table: its state and its kind. */
export const TASK_HEADER = [['state', '0 free, owner + 1 claimed, −1 done, −2 publishing, −3 stolen'], ['kind', 'the task kind']];

/**
 * Input, output and kernel extents along D, H, W (1 for a missing axis): words 1–9 of the
 * depthwise and pooling descriptors. A group of words: its name is the TypeScript interface both
 * descriptors extend.
 */
const WINDOW_EXTENTS = {
  group: 'WindowExtents',
  words: [
    ['inD', 'input extent D'], ['inH', '… H'], ['inW', '… W'],
    ['outD', 'output extent D'], ['outH', '… H'], ['outW', '… W'],
    ['kD', 'kernel extent (taps) D'], ['kH', '… H'], ['kW', '… W'],
  ],
};

/**
 * Descriptors: i32 words at a byte offset the task names (`d`). An entry of `words` is a field
 * or a group of fields (WINDOW_EXTENTS).
 */
export const DESCRIPTORS = [
  {
    name: 'gemmClass', prefix: 'D_',
    doc: 'One class of output positions (all of a direct conv; one sub-pixel phase of a transposed conv): the tables packB and convGemm read (kernels.ts)',
    words: [
      ['nD', 'output positions of the class along D'], ['nH', '… along H'], ['nW', '… along W'],
      ['tD', 'taps of the class along D'], ['tH', '… along H'], ['tW', '… along W'],
      ['tabD', 'tab[t·n + o] = input index or −1, along D'], ['tabH', '… along H'], ['tabW', '… along W'],
      ['loW', 'per W tap: first cell of the run where tabW is contiguous'], ['hiW', '… its end'],
      ['inH', 'input extent H'], ['inW', 'input extent W'], ['inSp', 'input cells per channel (D·H·W)'],
      ['icg', 'input channels per group'], ['step', 'input cells between outputs in a W run'],
      ['identity', '1: B[k][p] = x[k·inSp + p] (1×1, stride 1, no padding)'],
      ['rows', '≠ 0: indirect B over padded planes: the offset table'],
      ['outW', 'indirect B: output row length'], ['sH', 'indirect B: plane rows between output rows'], ['gWp', 'indirect B: plane row length'],
      ['rowMap', 'indirect B built by the tasks: plane row → input row (−1: padding)'], ['colMap', '… plane column → input column, with the run trailer'],
      ['gH', '… plane rows'], ['gW', '… plane columns (cells, before the row padding)'], ['split', '… 1: rows split into even and odd cells'],
    ],
  },
  {
    name: 'depthwise', prefix: 'W_',
    doc: 'A depthwise conv (kernels.ts depthwise)',
    words: [
      ['mult', 'output channels per input channel'],
      WINDOW_EXTENTS,
      ['sD', 'stride D'], ['sH', '… H'], ['sW', '… W'],
      ['dD', 'dilation D'], ['dH', '… H'], ['dW', '… W'],
      ['depthMap', 'grid depth → input depth or −1'], ['rowMap', 'grid row → input row or −1'], ['colMap', 'grid column → input column or −1, then its [lo, hi) run'],
      ['gD', 'grid extent D'], ['gH', '… H'], ['gW', '… W'],
    ],
  },
  {
    name: 'pool', prefix: 'P_',
    doc: 'A pooling (pooling.ts poolPlanes)',
    words: [
      ['mode', '0: max, 1: average'],
      WINDOW_EXTENTS,
      ['sW', 'W stride'], ['gW', 'grid cells per row'], ['phase', 'cells per phase row'],
      ['cols', 'grid cell → input column, or −1 (padding)'],
      ['lo', 'first grid cell of the run of consecutive input columns'], ['hi', '… its end'],
      ['tapW', 'per W tap: phase · PHASE + position offset'],
      ['srcD', 'per output depth: its valid input depths (KD slots)'], ['cntD', '… their count'],
      ['srcH', 'per output row: its valid input rows (KH slots)'], ['cntH', '… their count'],
      ['usedD', 'per input depth: 1 if some window reads it'], ['usedH', 'per input row: 1 if some window reads it'],
      ['fD', 'f32 divisor factor per output depth (average)'], ['fH', '… per output row'], ['fW', '… per output column'],
      ['emptyW', 'output columns whose window reads no input cell'], ['nEmptyW', '… their count'],
      ['empty', 'f32 bits: the value of a window that reads no input'],
      ['pad', 'f32 bits: the padding value (−∞ max, 0 average)'],
      ['outWp', 'outW rounded up to a multiple of 4'], ['dW', 'W dilation'],
      ['owLo', 'first output whose every W tap reads a cell of the run'], ['owHi', '… end of those outputs'],
    ],
  },
  {
    name: 'winograd', prefix: 'X_',
    doc: 'A Winograd F(4×4, 3×3) conv (winograd.ts winogradTiles)',
    words: [
      ['ic', 'input channels'], ['oc', 'output channels'],
      ['tW', 'tiles per row'], ['tpi', 'tiles per image (sub-grid)'], ['t', 'tiles per block (multiple of 8)'],
      ['gWp', 'padded plane row stride'], ['plane', 'floats per channel plane'],
      ['img', 'per image: [plane base (bytes), out base (bytes), valid rows, valid cols]'],
      ['oRow', "output floats between a sub-grid's rows"], ['oCol', "… between its columns"], ['oCh', 'output floats per channel'],
      ['bias', 'bias'], ['zeros', 'zero bias of the GEMMs'], ['gemm', "the GEMMs' class descriptor (gemmClass)"],
      ['u', 'packed transformed weights'], ['uStride', 'bytes per position'], ['tiles', 'tiles in all'],
    ],
  },
  {
    name: 'winogradGrad', prefix: 'Y_',
    doc: 'A Winograd weight gradient (winograd-grad.ts winogradGradTiles)',
    words: [
      ['ic', 'input channels'], ['oc', 'output channels'],
      ['tW', 'tiles per row'], ['tpi', 'tiles per image'],
      ['gWp', 'padded plane row stride'], ['plane', 'floats per channel plane'], ['planes', "the first image's padded planes"],
      ['gy', 'gradOutput [N, OC, oH, oW]'], ['oH', 'output rows'], ['oW', 'output columns'],
      ['u', 'transformed gradOutput: 36 positions of OC rows'], ['v', 'transformed input: 36 positions of IC rows'],
      ['stride', 'floats per row of u and v (tiles rounded up to 16: whole cache lines)'], ['tiles', 'tiles in all'],
      ['uPos', 'bytes between positions of u'], ['vPos', 'bytes between positions of v'],
    ],
  },
];
