/**
 * The ConvError a call throws: anything else it throws is rethrown (a TypeError is a failure, not
 * a refusal), and a call that returns fails the test.
 */
import { ConvError } from '../../src/geometry/errors.js';

export function refusal(f: () => unknown): ConvError {
  try {
    f();
  } catch (e) {
    if (e instanceof ConvError) return e;
    throw e;
  }
  throw new Error('the call was accepted, not refused');
}
