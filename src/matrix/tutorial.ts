/**
 * The tutorial's two matrices of a layer: C is always the *direct* convolution's matrix (z = Cx,
 * 4×16 for a 4×4 input and a 3×3 kernel), Cᵀ the transposed convolution's (x = Cᵀz, 16×4).
 *
 * For a direct geometry C is its own operator; for a transposed geometry its own operator is Cᵀ
 * of the direct convolution it transposes (the one with input and output swapped), so C is the
 * transpose of that. Either way, `C.rows` counts the direct conv's outputs. (`form` keeps
 * convMatrix's meaning: relative to the geometry given.)
 */
import { ConvError, show } from '../geometry/errors.js';
import type { ConvGeometry } from '../geometry/types.js';
import { isPoolGeometry } from '../trace/resolve.js';
import { convMatrix } from './build.js';
import type { ConvMatrixOptions } from './build.js';
import { transpose } from './ops.js';
import type { ConvMatrix } from './types.js';

/** C and Cᵀ of a linked pair, named as the tutorial names them. */
export interface TutorialMatrices {
  /** The direct convolution's matrix: rows = its outputs (z), columns = its inputs (x). */
  C: ConvMatrix;
  /** Cᵀ: the transposed convolution's matrix, rows = x's cells, columns = z's. */
  CT: ConvMatrix;
  /** Whether the geometry given was the transposed one (then CT is its own operator). */
  fromTransposed: boolean;
}

/**
 * Refuses what is not a convolution's geometry, naming the call: convMatrix, which builds the
 * matrix, would speak of its own options ("explain options must be an object") and of convMatrix.
 * (Explain-style options, which convMatrix resolves, still pass: an object, not undefined or a pooling.)
 */
function checkGeometry(g: unknown, call: string): void {
  if (g !== null && typeof g === 'object' && !Array.isArray(g) && !isPoolGeometry(g)) return;
  throw new ConvError('INVALID_OPTION', `${call} takes a convolution's geometry, but got ${isPoolGeometry(g) ? 'a pooling geometry' : show(g)}`, {
    hint: `pass one from convGeometry or convTransposeGeometry, e.g. ${call}(convGeometry({ inputShape: [1, 1, 4, 4], weightShape: [1, 1, 3, 3] }, {})${call === 'tutorialMatrix' ? ", 'C'" : ''})`,
  });
}

/**
 * C and Cᵀ as the tutorial names them, whichever of the pair the geometry is.
 *
 * @example
 * ```ts
 * import { convTransposeGeometry, tutorialMatrices } from 'convkit';
 * const g = convTransposeGeometry({ inputShape: [1, 1, 2, 2], weightShape: [1, 1, 3, 3] }, {});
 * const { C, CT } = tutorialMatrices(g);
 * // z = Cx of the direct conv 4×4 → 2×2, and this transposed layer, x = Cᵀz:
 * [C.rows, C.cols];   //=> [4, 16]
 * [CT.rows, CT.cols]; //=> [16, 4]
 * ```
 */
export function tutorialMatrices(g: ConvGeometry, options: ConvMatrixOptions = {}): TutorialMatrices {
  checkGeometry(g, 'tutorialMatrices');
  const own = convMatrix(g, options);
  return g.transposed ? { C: transpose(own), CT: own, fromTransposed: true } : { C: own, CT: transpose(own), fromTransposed: false };
}

/**
 * One of the two, built alone (a large layer's transpose is not made when it is not shown).
 *
 * @example
 * ```ts
 * import { convGeometry, tutorialMatrix } from 'convkit';
 * const C = tutorialMatrix(convGeometry({ inputShape: [1, 1, 4, 4], weightShape: [1, 1, 3, 3] }, {}), 'C');
 * [C.rows, C.cols]; //=> [4, 16]
 * ```
 */
export function tutorialMatrix(g: ConvGeometry, which: 'C' | 'CT', options: ConvMatrixOptions = {}): ConvMatrix {
  checkGeometry(g, 'tutorialMatrix');
  const own = convMatrix(g, options);
  // The layer's own operator is C for a direct conv and Cᵀ for a transposed one.
  return (which === 'CT') === g.transposed ? own : transpose(own);
}
