/**
 * The convolution matrix C: a convolution written as one matrix–vector product y = C·x.
 *
 * Choice: C is the *full multi-channel operator of one sample*. Rows are output cells of every
 * output channel, columns are input cells of every input channel, both channel-major then raster
 * order over the spatial cells (exactly the flat NC… layout of a tensor without the batch axis):
 *   row = oc · prod(outputShape) + flat(output cell),  col = ic · prod(inputShape) + flat(input cell).
 * With one input and one output channel (the classic picture) this is the familiar 4×16 matrix.
 *
 * A transposed geometry gives the matrix of *its* operator (rows: its outputs), which is exactly Cᵀ
 * of the direct convolution it transposes. `transpose(C)` swaps rows and columns.
 *
 * Entries are sparse and symbolic: each names the weight taps it multiplies by (label `w₀₀ … w₂₂`)
 * and holds a value when a weight was given. Everything is JSON-serialisable. Entries of the same
 * weight element share their `terms` objects (a large matrix repeats a few taps millions of times):
 * treat a matrix as read-only.
 */

/** One weight element contributing to an entry. */
export interface MatrixTerm {
  /** Full index into the weight tensor: [oc, ic/g, ...k] direct, [ic, oc/g, ...k] transposed. */
  weight: number[];
  /** Spatial tap only (the weight's last `rank` indices). */
  kernel: number[];
  /** Flat spatial tap index (raster order of the kernel taps): a stable colour key. */
  tap: number;
}

/** One structurally non-zero entry of C: its row and column, the weight taps it multiplies by, label and value. */
export interface MatrixEntry {
  row: number;
  col: number;
  /**
   * Usually one term. A direct convolution with reflect/replicate/circular padding can read one
   * input cell through several taps of the same window: then the entry is their sum.
   */
  terms: MatrixTerm[];
  /** Symbolic text, e.g. "w₀₂", "w[1,0]₂₂" with several channels, "w₀₀+w₀₂" for a sum. */
  label: string;
  /** The numeric value when a weight was given, else null. */
  value: number | null;
}

/**
 * A convolution as a sparse matrix C with y = C·x for one sample: rows are output cells of every
 * output channel, columns input cells of every input channel, both channel-major then raster order.
 */
export interface ConvMatrix {
  version: 1;
  /**
   * 'C': the operator of the geometry as given (rows = its outputs).
   * 'CT': the transpose of such a matrix (made by `transpose`).
   */
  form: 'C' | 'CT';
  /** Whether the geometry the matrix was built from is a transposed convolution. */
  transposedGeometry: boolean;
  rank: number;
  rows: number;
  cols: number;
  /** [channels, ...spatial] the rows / columns enumerate (channel-major, raster order). */
  rowShape: number[];
  colShape: number[];
  /** Shape of the weight the terms index. */
  weightShape: number[];
  /**
   * [output channel, input channel] when built for one channel pair (rowShape/colShape then have
   * channel extent 1 and the terms still name the full weight index); null for the full operator.
   * After `transpose` the pair keeps its meaning (the geometry's output channel first).
   */
  channelPair: [number, number] | null;
  /** Non-zero (structurally) entries, sorted by row then column. */
  entries: MatrixEntry[];
}

/**
 * Largest number of structural non-zeros (or rows + columns) a matrix may list; a larger one is
 * refused with a `ConvError` (`TOO_LARGE`) before it is built.
 *
 * @example
 * ```ts
 * import { MATRIX_LIMIT } from 'convkit';
 * MATRIX_LIMIT; //=> 2000000
 * ```
 */
export const MATRIX_LIMIT = 2_000_000;
