/**
 * Moved: receptive fields of networks live with the network, in src/network/receptive.ts. This
 * re-export remains only for web/src/tour/steps.ts; delete it once that imports the new path
 * (test/structure/import-cycles.test.ts lists it as the last import of the arithmetic ⇄ network cycle).
 */
export * from '../network/receptive.js';
