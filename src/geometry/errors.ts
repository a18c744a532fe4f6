/**
 * The one error type convkit throws for a configuration it refuses.
 *
 * `code` is stable (tests, the CLI and the playground key on it); `message` names the axis and the
 * numbers and says what would be valid. Conditions follow PyTorch's (ATen's) checks; the text is ours.
 */
export type ConvErrorCode =
  | 'INVALID_NUMBER' // not a finite integer where one is needed (NaN, 1.5, Infinity, a string…)
  | 'INVALID_OPTION' // an option of the wrong type or an unknown enum value
  | 'INPUT_RANK' // input has the wrong number of dimensions for the op (E0, E7)
  | 'WEIGHT_RANK' // weight has fewer than 3 dimensions or an unsupported spatial rank (E1)
  | 'OPTION_LENGTH' // stride/padding/… has neither 1 nor one-per-axis entries (E2)
  | 'GROUPS' // groups ≤ 0 or does not divide the channels (E3, E8)
  | 'NEGATIVE_PADDING' // (E4)
  | 'PADDING_TOO_LARGE' // pooling padding more than half the kernel
  | 'NEGATIVE_OUTPUT_PADDING' // (E5)
  | 'STRIDE' // stride ≤ 0 (E6)
  | 'CHANNELS' // input channels do not match the weight (E9, E11)
  | 'BIAS' // bias shape is wrong (E9b, E11b)
  | 'KERNEL_SIZE' // a kernel extent of 0 (E14)
  | 'DILATION' // dilation ≤ 0 (E15)
  | 'KERNEL_TOO_LARGE' // dilated kernel larger than the padded input (E10)
  | 'OUTPUT_PADDING' // output padding not smaller than stride or dilation (E12)
  | 'OUTPUT_TOO_SMALL' // transposed output size < 1 (E13)
  | 'SAME_STRIDED' // padding='same' with a stride other than 1 (E16)
  | 'PADDING_STRING' // unknown padding string, or a string where only numbers are allowed (E17)
  | 'PADDING_MODE' // unknown padding mode, non-zeros mode on a transposed conv, or a pad the mode cannot make
  | 'OUTPUT_SIZE' // a requested output size that cannot be produced
  | 'EMPTY_INPUT' // a zero-sized spatial axis (only batch or channels may be 0)
  | 'DATA_LENGTH' // a tensor's data length does not match its shape
  | 'TOO_LARGE' // the result would not fit in memory (refused before allocating)
  | 'MODEL_FILE' // a model file that cannot be read: wrong format, truncated, too large
  | 'MODEL_GRAPH'; // a model or layer list that is not a valid network: bad field, unknown input, cycle

/** Where a refusal is and why, attached to a {@link ConvError} (all optional). */
export interface ConvErrorDetails {
  /** Axis name ('H', 'W', 'D', 'L') where the problem is, when it is on one axis. */
  axis?: string;
  /** The numbers involved, by name. */
  values?: Record<string, unknown>;
  /** What would be valid, in words (also appended to the message). */
  hint?: string;
}

/**
 * What marks a ConvError from any copy of convkit. A program that both `import`s and `require`s the
 * package loads two copies (the ES modules and the CommonJS bundle), each with its own class: a
 * registry symbol is the same in both, so either copy's `isConvError` and `instanceof ConvError`
 * recognise the other's errors.
 */
const BRAND: unique symbol = Symbol.for('convkit.ConvError') as never;

/**
 * The one error convkit throws for a configuration it refuses: `code` is stable (key on it, not on
 * the message); `axis`, `values` and `hint` say where, with which numbers, and what would be valid.
 * Refusals follow PyTorch's: nothing it accepts is refused.
 *
 * @example
 * ```ts
 * import { ConvError, conv2d, tensor } from 'convkit';
 * try {
 *   conv2d(tensor([1, 2, 3, 4], [1, 1, 2, 2]), tensor(new Float32Array(9), [1, 1, 3, 3])); // 3x3 kernel on 2x2
 * } catch (e) {
 *   e instanceof ConvError;   //=> true
 *   e.code;                   //=> 'KERNEL_TOO_LARGE'
 *   e.axis;                   //=> 'H'
 *   e.hint;                   //=> 'use padding ≥ 1 per side or a kernel of at most 2 taps'
 * }
 * ```
 */
export class ConvError extends Error {
  /** True for an error of any copy's ConvError (see BRAND): `instanceof` then works across copies. */
  static override [Symbol.hasInstance](v: unknown): boolean {
    return typeof v === 'object' && v !== null && (v as { [BRAND]?: unknown })[BRAND] === true;
  }

  readonly code: ConvErrorCode;
  readonly axis: string | undefined;
  readonly values: Record<string, unknown>;
  readonly hint: string | undefined;

  constructor(code: ConvErrorCode, message: string, details: ConvErrorDetails = {}) {
    super(details.hint ? `${message}; ${details.hint}` : message);
    this.name = 'ConvError';
    this.code = code;
    this.axis = details.axis;
    this.values = details.values ?? {};
    this.hint = details.hint;
  }

  /** The fields a log or an HTTP reply needs (an Error's own fields are not enumerable). */
  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message, axis: this.axis, values: this.values, hint: this.hint };
  }
}

/**
 * Whether `e` is a {@link ConvError} (a type guard for `catch` clauses).
 *
 * @example
 * ```ts
 * import { isConvError, tensor } from 'convkit';
 * try { tensor([1, 2, 3], [2, 2]); } catch (e) {
 *   isConvError(e) && e.code; //=> 'DATA_LENGTH'
 * }
 * ```
 */
export function isConvError(e: unknown): e is ConvError {
  return e instanceof ConvError;
}

// On the prototype, not enumerable: an error's own fields and its JSON stay as they were.
Object.defineProperty(ConvError.prototype, BRAND, { value: true });

/**
 * A count and its noun, singular for exactly one: `counted(1, 'value')` is '1 value',
 * `counted(4, 'input channel')` '4 input channels'. `many`: an irregular plural ('1 axis', '3 axes').
 */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * An upper bound in a hint: 'at most 3', or the value alone where it is also the least the option
 * takes ('use pads of 0', not 'of at most 0'; 'a kernel of 1 tap'). `text`: how the value is
 * written (default: the number; e.g. `counted(n, 'tap')`).
 */
export function atMost(n: number, least: number, text = String(n)): string {
  return n <= least ? text : `at most ${text}`;
}

/**
 * The sizes a hint allows, after a noun: 'from 5 to 7', or 'of 5' where the range holds one value
 * ('an output size of 5', not 'from 5 to 5').
 */
export function ofRange(lo: number, hi: number): string {
  return hi <= lo ? `of ${lo}` : `from ${lo} to ${hi}`;
}

/**
 * The dilation that lets `kernel` taps fit `room` cells, as advice ('dilation 1', 'dilation at most
 * 2'); none where the kernel is not dilated or is too long for the room even undilated.
 */
export function dilationFitting(kernel: number, dilation: number, room: number): string[] {
  if (dilation <= 1 || kernel > room) return [];
  return [`dilation ${atMost(Math.min(dilation - 1, Math.floor((room - 1) / (kernel - 1))), 1)}`];
}

/**
 * Advice that offers changes any one of which would do, a bound last: 'use padding 1, dilation 1 or
 * a kernel of at most 2 taps'. Last, because words after a bound run into it: 'a kernel
 * of at most 1 or more padding' reads as "1 or more".
 */
export function useOneOf(changes: readonly string[], bound: string): string {
  return `use ${changes.length ? `${changes.join(', ')} or ${bound}` : bound}`;
}

/**
 * Binary data by kind and size ('a Float32Array of 4 values', 'an ArrayBuffer of 16 bytes'), or
 * null for anything else: JSON writes a typed array as an object of indices ({"0":1,"1":0,…}),
 * which says neither what was passed nor how long it was.
 */
function binaryKind(v: unknown): string | null {
  if (typeof v !== 'object' || v === null) return null;
  const a = (name: string): string => `${/^[AEIO]/.test(name) ? 'an' : 'a'} ${name}`;
  const name = Object.getPrototypeOf(v)?.constructor?.name ?? 'typed array';
  if (v instanceof DataView) return `${a('DataView')} of ${counted(v.byteLength, 'byte')}`;
  if (ArrayBuffer.isView(v)) return `${a(name)} of ${counted((v as unknown as ArrayLike<unknown>).length, 'value')}`;
  if (v instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && v instanceof SharedArrayBuffer)) return `${a(name)} of ${counted(v.byteLength, 'byte')}`;
  return null;
}

/** A readable rendering of any value for error messages (never throws, bounded length). */
export function show(v: unknown): string {
  let s: string;
  try {
    if (typeof v === 'string') s = JSON.stringify(v);
    else if (typeof v === 'number') s = Number.isNaN(v) ? 'NaN' : String(v);
    else if (Array.isArray(v)) s = `[${v.map(show).join(', ')}]`;
    else if (v === undefined) s = 'undefined';
    else if (typeof v === 'bigint') s = `${v}n`;
    else if (typeof v === 'function' || typeof v === 'symbol') s = typeof v;
    else s = binaryKind(v) ?? JSON.stringify(v, (_, x: unknown) => binaryKind(x) ?? x) ?? String(v);
  } catch {
    s = Object.prototype.toString.call(v);
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
