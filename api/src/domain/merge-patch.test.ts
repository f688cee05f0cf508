import { describe, expect, it } from 'vitest';
import { applyMergePatch } from './merge-patch.js';

describe('applyMergePatch (RFC 7396)', () => {
  // The test cases of RFC 7396, appendix A.
  it.each([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [
      ['a', 'b'],
      ['c', 'd'],
      ['c', 'd'],
    ],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('%j + %j = %j', (target, patch, result) => {
    expect(applyMergePatch(target, patch)).toEqual(result);
  });

  it('changes neither input', () => {
    const target = { camera: { brand: 'Sony', model: 'A7' }, pros: ['x'] };
    const patch = { camera: { model: 'A7 IV' }, pros: ['y'] };
    const copyOfTarget = structuredClone(target);
    const copyOfPatch = structuredClone(patch);
    const result = applyMergePatch(target, patch) as typeof target;
    expect(result).toEqual({ camera: { brand: 'Sony', model: 'A7 IV' }, pros: ['y'] });
    expect(target).toEqual(copyOfTarget);
    expect(patch).toEqual(copyOfPatch);
    result.pros.push('z');
    expect(patch.pros).toEqual(['y']);
  });
});
