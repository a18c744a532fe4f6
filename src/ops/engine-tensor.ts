/**
 * Engine tensors: a tensor kept in the fast engine's memory between calls, as a TensorFlow.js
 * tensor lives in its backend's heap. A call given a plain tensor copies its input into the
 * engine's memory first; for a pooling that copy is as much memory traffic as the pooling
 * itself (bench/results/pooling.md), for a stride-2 convolution a tenth of its time
 * (bench/results/engine-design.md). An engine tensor is copied in once, and every pooling or
 * convolution of it reads it where it lies.
 */
import { ConvError, counted } from '../geometry/errors.js';
import { wasmEngine } from '../engine/wasm/engine.js';
import { arrayOf, type InputData, type ResidentBlock } from '../engine/wasm/resident.js';
import { asTensor, type Tensor } from '../tensor/tensor.js';

/**
 * A tensor held in the fast engine's memory: pass it as the input of `maxPool2d` and the other
 * pooling functions, of `conv2d`, `convTranspose2d` and the other convolutions, or as the input
 * or gradOutput of `conv2dBackward` and the other backward functions (sync or async), and they
 * read it in place (a Winograd conv and the weight and bias gradients read a copy). Weights and
 * biases stay plain tensors: they are packed on every call anyway. `read()` copies the values
 * out; `release()` frees the memory (after any asynchronous call still reading it). Where the
 * fast engine is not loaded (no WebAssembly SIMD, or a browser before `readyWasm()`), it keeps
 * its values in a private array and the calls run as for a plain tensor.
 *
 * @example
 * ```ts
 * import { engineTensor, maxPool2d, tensor } from 'convkit';
 * const x = engineTensor(tensor([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], [1, 1, 4, 4]));
 * Array.from(maxPool2d(x, { kernelSize: 2 }).data); //=> [6, 8, 14, 16]
 * x.shape;                                          //=> [1, 1, 4, 4]
 * x.release();
 * x.released;                                       //=> true
 * ```
 */
export class EngineTensor {
  readonly shape: number[];
  /** Number of values (the product of the shape). */
  readonly size: number;
  #block: ResidentBlock | null;
  #copy: Float32Array | null;
  #released = false;

  /** Use `engineTensor(tensor)`. */
  constructor(t: Tensor) {
    const x = asTensor(t, 'tensor');
    this.shape = [...x.shape];
    this.size = x.data.length;
    const engine = wasmEngine();
    this.#block = engine ? engine.keep(x.data) : null;
    this.#copy = engine ? null : x.data.slice();
  }

  get released(): boolean {
    return this.#released;
  }

  /** The values, copied out into `into` (of the tensor's size) or a fresh array. */
  read(into?: Float32Array): Tensor {
    const data = this.input(`read`);
    const out = into ?? new Float32Array(this.size);
    if (out.length !== this.size) {
      throw new ConvError('INVALID_OPTION', `read(into): into has ${counted(out.length, 'value')}, but the tensor [${this.shape.join(', ')}] has ${this.size}`, { hint: `pass a Float32Array of ${counted(this.size, 'value')}` });
    }
    out.set(arrayOf(data));
    return { shape: [...this.shape], data: out };
  }

  /** Frees the engine memory; the tensor cannot be used afterwards. Releasing twice does nothing. */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    if (this.#block) wasmEngine()?.release(this.#block);
    this.#block = null;
    this.#copy = null;
  }

  /** @internal The data for a call named `call`: kept in the engine, or the private copy. */
  input(call: string): ResidentBlock | Float32Array {
    if (this.#released) {
      throw new ConvError('INVALID_OPTION', `${call}: this engine tensor was released`, { hint: 'make a new one with engineTensor(tensor) and pass that' });
    }
    return this.#block ?? this.#copy!;
  }
}

/**
 * Copies `t` into the fast engine's memory once and returns it as an {@link EngineTensor}, for
 * poolings, convolutions and backward passes that read it in place.
 *
 * @example
 * ```ts
 * import { engineTensor, avgPool1d, conv1d, tensor } from 'convkit';
 * const x = engineTensor(tensor([1, 3, 2, 5], [1, 1, 4]));
 * Array.from(avgPool1d(x, { kernelSize: 2 }).data); //=> [2, 3.5]
 * Array.from(conv1d(x, tensor([1, 1], [1, 1, 2])).data); //=> [4, 5, 7]
 * Array.from(x.read().data);                        //=> [1, 3, 2, 5]
 * x.release();
 * ```
 */
export function engineTensor(t: Tensor): EngineTensor {
  return new EngineTensor(t);
}

/** An input the compute functions take: a tensor, or an engine tensor, read where it lies. */
export type InputTensor = Tensor | EngineTensor;

/** An input operand `name`: an engine tensor's shape and data, or a plain tensor (checked). */
export function inputOf(input: unknown, call: string, name = 'input'): { shape: number[]; data: InputData } {
  if (input instanceof EngineTensor) return { shape: [...input.shape], data: input.input(call) };
  return asTensor(input, name);
}
