/**
 * A program that both imports and requires convkit runs two copies of its code, each with its own
 * ConvError class (README, "CommonJS"). Errors of either copy are recognised by the other's
 * `isConvError` and `instanceof ConvError`. A second copy of the module is made here by resetting
 * vitest's module registry; test/package/installed.test.ts checks the real ESM + CommonJS pair.
 */
import { describe, expect, it, vi } from 'vitest';
import { ConvError, isConvError } from '../../src/geometry/errors.js';

async function otherCopy(): Promise<typeof import('../../src/geometry/errors.js')> {
  vi.resetModules();
  return import('../../src/geometry/errors.js');
}

describe('ConvError across two copies of the package', () => {
  it('is a different class in the second copy (the situation being tested)', async () => {
    const other = await otherCopy();
    expect(other.ConvError).not.toBe(ConvError);
  });

  it("either copy's isConvError and instanceof recognise the other's errors", async () => {
    const other = await otherCopy();
    const theirs = new other.ConvError('STRIDE', 'stride must be ≥ 1');
    const ours = new ConvError('GROUPS', 'groups must divide the channels');
    expect(isConvError(theirs)).toBe(true);
    expect(theirs instanceof ConvError).toBe(true);
    expect(other.isConvError(ours)).toBe(true);
    expect(ours instanceof other.ConvError).toBe(true);
  });

  it('is still false for other errors and plain objects that only look like one', () => {
    expect(isConvError(new Error('x'))).toBe(false);
    expect(isConvError(new TypeError('x'))).toBe(false);
    expect(isConvError({ name: 'ConvError', code: 'STRIDE', message: 'm' })).toBe(false);
    expect(isConvError(null)).toBe(false);
    expect(isConvError('ConvError')).toBe(false);
    expect({ name: 'ConvError', code: 'STRIDE' } instanceof ConvError).toBe(false);
  });

  it('keeps an error JSON and its own enumerable fields as they were', () => {
    const e = new ConvError('STRIDE', 'stride must be ≥ 1', { axis: 'H', values: { stride: 0 } });
    expect(Object.keys(e).sort()).toEqual(['axis', 'code', 'hint', 'name', 'values'].sort());
    expect(JSON.parse(JSON.stringify(e))).toEqual({ name: 'ConvError', code: 'STRIDE', message: 'stride must be ≥ 1', axis: 'H', values: { stride: 0 } });
  });
});
