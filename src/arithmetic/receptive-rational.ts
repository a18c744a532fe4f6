/**
 * Exact rationals for receptive-field arithmetic. After a transposed layer the jump (effective
 * stride) is a fraction such as 1/2, and centres are half-integers; floats would make "aligned"
 * comparisons and the phase period of a stack unreliable, so every continuous quantity is kept as
 * a reduced fraction of safe integers.
 */
import { ConvError } from '../geometry/errors.js';
import { gcd } from '../geometry/validate.js';

export function lcm(a: number, b: number): number {
  return (a / gcd(a, b)) * b;
}

/**
 * An exact fraction of safe integers, always reduced, the denominator positive: the type of a
 * receptive field's jump, size, centre and padding. Overflow is a `ConvError` (`TOO_LARGE`),
 * never a rounded answer.
 *
 * @example
 * ```ts
 * import { Rational } from 'convkit';
 * const half = new Rational(3, 6);
 * half.toString();                       //=> '1/2'
 * half.add(1).toString();                //=> '3/2'
 * half.mul(new Rational(2, 3)).toString(); //=> '1/3'
 * half.equals(new Rational(1, 2));       //=> true
 * JSON.stringify([half, Rational.of(2)]); //=> '["1/2",2]'
 * ```
 */
export class Rational {
  readonly num: number;
  readonly den: number;

  constructor(num: number, den = 1) {
    if (den === 0) throw new ConvError('INVALID_NUMBER', 'division by zero in receptive-field arithmetic');
    if (den < 0) [num, den] = [-num, -den];
    const g = gcd(num, den) || 1;
    this.num = num / g === 0 ? 0 : num / g;
    this.den = den / g;
    if (!Number.isSafeInteger(this.num) || !Number.isSafeInteger(this.den)) {
      throw new ConvError('TOO_LARGE', `receptive-field arithmetic overflowed (${num}/${den})`, {
        hint: 'the network is too deep or its strides too large for exact arithmetic',
      });
    }
  }

  /** `n` as a Rational (an integer becomes n/1; a Rational is returned as it is). */
  static of(n: number | Rational): Rational {
    return n instanceof Rational ? n : new Rational(n, 1);
  }

  /** this + o. */
  add(o: number | Rational): Rational {
    const b = Rational.of(o);
    return new Rational(this.num * b.den + b.num * this.den, this.den * b.den);
  }
  /** this − o. */
  sub(o: number | Rational): Rational {
    const b = Rational.of(o);
    return new Rational(this.num * b.den - b.num * this.den, this.den * b.den);
  }
  /** this · o. */
  mul(o: number | Rational): Rational {
    const b = Rational.of(o);
    return new Rational(this.num * b.num, this.den * b.den);
  }
  /** this / o (a ConvError when o is 0). */
  div(o: number | Rational): Rational {
    const b = Rational.of(o);
    return new Rational(this.num * b.den, this.den * b.num);
  }
  /** Exact equality (both sides reduced, so numerators and denominators compare). */
  equals(o: number | Rational): boolean {
    const b = Rational.of(o);
    return this.num === b.num && this.den === b.den;
  }
  /** −1, 0 or 1 as this is below, equal to or above o. */
  compare(o: number | Rational): number {
    const b = Rational.of(o);
    return Math.sign(this.num * b.den - b.num * this.den);
  }
  /** Whether the denominator is 1. */
  isInteger(): boolean {
    return this.den === 1;
  }
  /** The nearest number (for arithmetic with plain numbers and for display). */
  valueOf(): number {
    return this.num / this.den;
  }
  /** "3", "1/2", "-5/2". */
  toString(): string {
    return this.den === 1 ? String(this.num) : `${this.num}/${this.den}`;
  }
  /** An integer as a number, else "num/den": JSON stays exact. */
  toJSON(): string | number {
    return this.den === 1 ? this.num : this.toString();
  }
}

export const ratMin = (a: Rational, b: Rational): Rational => (a.compare(b) <= 0 ? a : b);
export const ratMax = (a: Rational, b: Rational): Rational => (a.compare(b) >= 0 ? a : b);
