/** The convolution matrix C (and Cᵀ) as a sparse symbolic / numeric matrix. */
export { convMatrix, checkMatrixSize } from './build.js';
export type { ConvMatrixOptions } from './build.js';
export { transpose, apply, withWeight, toDense, denseLabels, matrixCell, matrixIndex } from './ops.js';
export { weightLabel } from './label.js';
export { MATRIX_LIMIT } from './types.js';
export type { ConvMatrix, MatrixEntry, MatrixTerm } from './types.js';
export { matrixText } from './text.js';
export { tutorialMatrices, tutorialMatrix } from './tutorial.js';
export type { TutorialMatrices } from './tutorial.js';
