// Types of case.js for the test (the page itself is plain JavaScript, which every bundler takes as is).
export declare const SHAPE: { channels: number; height: number; width: number; outChannels: number; kernel: number; padding: number };
export declare function values(n: number, seed: number): Float32Array;
