/**
 * The `out` option of the compute functions: the caller's Float32Array that receives the result
 * (and becomes the returned tensor's data) instead of a fresh array per call. A layer run again
 * and again (a picture redrawn on every change, a network's forward pass in a loop) then reuses
 * one buffer: a fresh multi-MB array costs a page fault per 4 KiB the first time it is written
 * (bench/results/engine-design.md, "Reading a result out of shared memory").
 */
import { ConvError, counted, show } from '../geometry/errors.js';

/**
 * The checked `out` option for an output of `shape`, or null when absent. It must be a
 * Float32Array of exactly the output's size and must not share memory with the input: the fast
 * engine may write parts of the result while it still reads the input (the backward pass passes
 * every operand it reads). `name` and `what` word the
 * refusal (the backward pass has one buffer per gradient: 'out.weight', 'the weight gradient').
 */
export function outBufferOf(value: unknown, shape: readonly number[], input: Float32Array | readonly Float32Array[], name = 'out', what = 'the output'): Float32Array | null {
  if (value === undefined || value === null) return null;
  const size = shape.reduce((a, b) => a * b, 1);
  if (!(value instanceof Float32Array)) {
    throw new ConvError('INVALID_OPTION', `${name} must be a Float32Array, but got ${show(value)}`, {
      values: { [name]: value },
      hint: `pass new Float32Array(${size}) for ${what} [${shape.join(', ')}], or leave the ${name} option unset for a fresh array`,
    });
  }
  if (value.length !== size) {
    throw new ConvError('INVALID_OPTION', `${name} has ${counted(value.length, 'value')}, but ${what} [${shape.join(', ')}] has ${size}`, {
      values: { outLength: value.length, outputSize: size },
      hint: `pass a Float32Array of ${counted(size, 'value')}`,
    });
  }
  if ((Array.isArray(input) ? input : [input]).some((operand) => overlaps(value, operand))) {
    throw new ConvError('INVALID_OPTION', `${name} shares memory with an operand of the call; the result cannot be written over what is read`, {
      hint: `pass a separate Float32Array for ${name}`,
    });
  }
  return value;
}

function overlaps(a: Float32Array, b: Float32Array): boolean {
  if (a.buffer !== b.buffer) return false;
  return a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
}
