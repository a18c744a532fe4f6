/**
 * convkit: compute, explain and draw convolutions — standard, transposed and dilated — in 1-D,
 * 2-D and 3-D, exactly as PyTorch does. This entry point loads in Node and in browsers.
 */
export { ConvError, isConvError } from './geometry/errors.js';
export type { ConvErrorCode, ConvErrorDetails } from './geometry/errors.js';
export type { ConvGeometry, DirectConvGeometry, TransposedConvGeometry, AxisGeometry, DirectAxis, TransposedAxis, EquivalentDirectAxis, PaddingMode } from './geometry/types.js';
export { convGeometry, convTransposeGeometry } from './geometry/torch.js';
export type { ConvShapeOptions, ConvTransposeShapeOptions, IntOrTuple, PaddingSpec, ShapeSet } from './geometry/torch.js';
export { poolGeometry } from './geometry/pool.js';
export type { PoolGeometry, PoolMode, PoolOptions } from './geometry/pool.js';
export { tapSource, tapPosition, interiorOutput, gridCell, gridTap, weightTap, padSource } from './geometry/taps.js';
export type { CellKind, GridCell } from './geometry/taps.js';
export { tensor, zeros } from './tensor/tensor.js';
export type { Tensor } from './tensor/tensor.js';
export {
  conv, conv1d, conv2d, conv3d,
  convTranspose, convTranspose1d, convTranspose2d, convTranspose3d,
  convOutputShape, convTransposeOutputShape,
} from './ops/conv.js';
export type { ConvOptions, ConvTransposeOptions, ComputeOptions } from './ops/conv.js';
export type { ConvAlgorithm } from './engine/algorithm.js';
export {
  convAsync, conv1dAsync, conv2dAsync, conv3dAsync,
  convTransposeAsync, convTranspose1dAsync, convTranspose2dAsync, convTranspose3dAsync,
} from './ops/conv.js';
export {
  convBackward, conv1dBackward, conv2dBackward, conv3dBackward,
  convTransposeBackward, convTranspose1dBackward, convTranspose2dBackward, convTranspose3dBackward,
  convBackwardAsync, conv1dBackwardAsync, conv2dBackwardAsync, conv3dBackwardAsync,
  convTransposeBackwardAsync, convTranspose1dBackwardAsync, convTranspose2dBackwardAsync, convTranspose3dBackwardAsync,
} from './ops/backward.js';
export type { ConvBackwardOptions, ConvTransposeBackwardOptions, ConvGradients, GradientsOf, GradientSelection, GradientBuffers, BackwardFunction, BackwardAsyncFunction } from './ops/backward.js';
export { fastEngineReady, fastEngineInfo, setFastEngineThreads } from './engine/wasm/api.js';
export type { FastEngineInfo, FastEngineOptions, FastEngineThreadOptions, KernelSource } from './engine/wasm/api.js';
export { avgPool1d, avgPool2d, avgPool3d, maxPool1d, maxPool2d, maxPool3d } from './ops/pool.js';
export { avgPool1dAsync, avgPool2dAsync, avgPool3dAsync, maxPool1dAsync, maxPool2dAsync, maxPool3dAsync } from './ops/pool.js';
export { engineTensor, EngineTensor, type InputTensor } from './ops/engine-tensor.js';
export { explain, explainGeometry } from './arithmetic/explain.js';
export type { Explanation, ExplainOptions, AxisExplanation, EquivalentExplanation, NoRelationshipReason } from './arithmetic/explain.js';
export { RELATIONSHIPS, relationship, relationshipOf } from './arithmetic/relationships.js';
export type { Relationship, RelationshipVars } from './arithmetic/relationships.js';
export { convCounts, exactConvCounts } from './arithmetic/counts.js';
export type { ConvCounts, ExactConvCounts } from './arithmetic/counts.js';
export { solvePadding } from './arithmetic/solve-padding.js';
export type { SolvePaddingOptions, PaddingSolution, PaddingAxisSolution } from './arithmetic/solve-padding.js';
export { restoreTranspose } from './arithmetic/restore-transpose.js';
export type { RestoreTransposeResult } from './arithmetic/restore-transpose.js';
export { linkedPair, LEAST_SQUARES_LIMIT } from './arithmetic/linked-pair.js';
export type { LinkedPair, LinkedPairValues } from './arithmetic/linked-pair.js';
export { guideNotation, fromGuideNotation } from './arithmetic/guide-notation.js';
export type { GuideAxisNotation, GuideTransposeOptions, GuideConversion } from './arithmetic/guide-notation.js';
export { enumerateConfigs } from './arithmetic/enumerate-configs.js';
export type { EnumerateOptions, EnumerateResult, AxisConfig } from './arithmetic/enumerate-configs.js';
export { t, registerStrings, isLang, LANGS } from './i18n/index.js';
export type { Lang, StringTable } from './i18n/index.js';
export { errorHeadline, ERROR_HEADLINES } from './i18n/errors.js';
export { trace, TRACE_LIMIT } from './trace/index.js';
export type {
  Trace, DirectTrace, ScatterTrace, TraceView, TraceOp, TraceSpecOptions, TraceInput, TraceRequest, TraceAxis, TraceCell,
  TraceGrid, TraceKernel, TraceKernelTap, TraceTap, DirectFrame, ScatterFrame, ScatterTap, TraceChannels,
} from './trace/index.js';
export {
  convMatrix, transpose as transposeMatrix, apply as applyMatrix, withWeight as matrixWithWeight,
  toDense as matrixToDense, denseLabels as matrixLabels, matrixCell, matrixIndex, weightLabel, MATRIX_LIMIT, tutorialMatrices, tutorialMatrix,
} from './matrix/index.js';
export type { ConvMatrix, MatrixEntry, MatrixTerm, ConvMatrixOptions, TutorialMatrices } from './matrix/index.js';
export { fromTensorFlow } from './geometry/tensorflow.js';
export type { TensorFlowConvSpec, TfDialect, TfOp, TfDataFormat, TfRounding, TfPadding } from './geometry/tensorflow.js';
export { fromOnnx } from './geometry/onnx.js';
export type { OnnxConvSpec, OnnxAutoPad } from './geometry/onnx.js';
export { toConvkitWeight, toConvkitInput, toFrameworkOutput } from './geometry/dialect-result.js';
export type { DialectGeometry } from './geometry/dialect-result.js';
export { fromOnnxPool } from './geometry/onnx-pool.js';
export type { OnnxPoolSpec } from './geometry/onnx-pool.js';
export { fromTensorFlowPool } from './geometry/tensorflow-pool.js';
export type { TensorFlowPoolSpec } from './geometry/tensorflow-pool.js';
export { poolInputToConvkit, poolOutputToFramework } from './geometry/pool-dialect.js';
export type { PoolDialectGeometry } from './geometry/pool-dialect.js';
export { onnxNode, computeGeometry, computePoolGeometry } from './ops/onnx-node.js';
export type { OnnxNodeOp, OnnxNodeAttributes, ComputeGeometryOptions } from './ops/onnx-node.js';
export { torchEquivalent } from './geometry/torch-equivalent.js';
export { permuteData, permuteShape } from './geometry/layout-permute.js';
export { buildNetwork } from './network/build.js';
export type { Network, NetworkDef, NetworkNode, LayerDef, LayerKind, PaddingDef, AutoPad, SkippedLayer } from './network/types.js';
export { summarize } from './network/summary.js';
export type { Summary, SummaryRow } from './network/summary.js';
export { renderText as renderSummaryText, renderJson as renderSummaryJson, renderCsv as renderSummaryCsv, renderMarkdown as renderSummaryMarkdown } from './network/render.js';
export { receptiveField, continuousField, exactField, dependencySet, outputRegion } from './network/receptive.js';
export { layerField } from './network/layer-field.js';
export type { LayerField } from './network/layer-field.js';
export type { ReceptiveField, AxisField, ContinuousAxis, ExactAxis, PhaseField, MergeAlignment, OutputRegion } from './network/receptive.js';
export { hdcReport, hdcM2, rateOffsets } from './arithmetic/receptive-hdc.js';
export type { HdcReport } from './arithmetic/receptive-hdc.js';
export { Rational } from './arithmetic/receptive-rational.js';
export { parseLayerList, layerListToNetwork, LAYER_TYPES } from './model/layers.js';
export { onnxToNetwork } from './model/onnx.js';
export type { OnnxOptions, OnnxInfo } from './model/onnx.js';
export {
  renderSvg, renderAnimatedSvg, renderGif, renderPng, renderMatrixSvg, renderMatrixPng,
  sceneOf, sceneToGif, sceneToPng, sceneFrameSvg, sceneAnimatedSvg, galleryEntries, CLASSIC_FIGURES, classicSpec,
  MAX_CELLS_PER_AXIS, MAX_FRAMES,
} from './render/index.js';
export type { RenderOptions, Theme, EmptyCells, MatrixRenderOptions, Scene, Prim, Rgb, PaletteName, ClassicFigure, GalleryEntry } from './render/index.js';
